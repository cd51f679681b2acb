import pytest

pytestmark = pytest.mark.integration

DSP_06 = {
    "code": "DSP-06",
    "track": "disiplin",
    "title": "Membuat posting, comment, share, like, bergabung/follow dalam grup/akun pemenangan calon (Presiden/Wakil "
    "Presiden, DPR, DPD, DPRD, Gubernur/Wakil Gubernur, Bupati/Wakil Bupati, Wali Kota/Wakil Wali Kota)",
    "public_title": "Menyukai, mengomentari, membagikan, atau mengikuti akun/grup pemenangan calon",
    "explanation": "ASN tidak boleh mengunggah, berkomentar, membagikan, memberi tanda suka, bergabung, atau mengikuti "
    "grup dan akun tim pemenangan calon. Mengikuti akun resmi calon untuk mengetahui programnya masih diperdebatkan; "
    "petugas yang menilai.",
    "examples": [
        "ASN Pemerintah Kota Semarang memberi tanda suka pada unggahan Instagram seorang calon (Pilkada 2024)",
        "Guru SD memberi tanda suka pada unggahan Instagram calon bupati",
        "ASN mengikuti akun TikTok tim pemenangan pasangan calon dan membagikan videonya",
    ],
    "level": "berat",
    "legal_basis": "PP 94/2021 Pasal 5 huruf n; Pasal 14; UU 5/2014 Pasal 9 ayat (2)",
    "counterpart": "ETK-04",
    "in_public_form": True,
}


@pytest.mark.django_db
def test_list_acts_in_catalogue_order(catalogue, client):
    response = client.get("/api/v1/acts")

    body = response.json()
    assert response.status_code == 200
    assert len(body) == 25
    assert [act["code"] for act in body[:2]] == ["ETK-01", "ETK-02"]
    assert body[12] == DSP_06
    assert {act["code"]: act["counterpart"] for act in body if act["track"] == "pidana"} == dict.fromkeys(
        ["PID-494", "PID-493", "PID-547", "PID-188", "PID-189"]
    )


@pytest.mark.django_db
def test_list_acts_filters_with_q(catalogue, client):
    response = client.get("/api/v1/acts", {"q": "like"})

    assert [(act["code"], act["counterpart"]) for act in response.json()] == [
        ("ETK-04", "DSP-06"),
        ("DSP-06", "ETK-04"),
    ]


@pytest.mark.django_db
def test_list_acts_nonsense_q_is_empty(catalogue, client):
    assert client.get("/api/v1/acts", {"q": "qwertyzzz"}).json() == []


@pytest.mark.django_db
def test_get_act(catalogue, client):
    response = client.get("/api/v1/acts/DSP-06")

    assert (response.status_code, response.json()) == (200, DSP_06)


@pytest.mark.django_db
def test_get_unknown_act_is_404_in_the_error_shape(catalogue, client):
    response = client.get("/api/v1/acts/XYZ-99")

    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": "Data tidak ditemukan.",
            "messages": {"id": "Data tidak ditemukan.", "en": "Data not found."},
        }
    }
