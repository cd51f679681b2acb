import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import UserFactory, verified_client
from core.models import AuditEntry
from elections.models import Candidate, Election, Party
from elections.tests.factories import CandidateFactory, StageFactory
from elections.tests.test_importing import SAMPLE, xlsx_file

pytestmark = pytest.mark.integration

IMPORT_URL = "/admin/elections/candidate/impor/"


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True, is_staff=True, role="admin")


@pytest.fixture
def admin_client(admin_user):
    return verified_client(admin_user)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["election", "contest", "candidate", "party"])
def test_changelists_render_reference_data(reference, admin_client, model):
    response = admin_client.get(f"/admin/elections/{model}/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_candidate_changelist_links_to_the_import_page(reference, admin_client):
    pemilu = Election.objects.get(slug="pemilu-2024")

    response = admin_client.get("/admin/elections/candidate/", {"contest__election__id__exact": pemilu.pk})

    assert f'href="{IMPORT_URL}"' in response.content.decode()
    assert [str(candidate) for candidate in response.context["cl"].result_list] == [
        "01. Anies Rasyid Baswedan – Abdul Muhaimin Iskandar",
        "02. Prabowo Subianto – Gibran Rakabuming Raka",
        "03. Ganjar Pranowo – Mohammad Mahfud MD",
    ]


@pytest.mark.django_db
def test_contest_admin_searches_by_region_name(reference, admin_client):
    response = admin_client.get("/admin/elections/contest/", {"q": "Bandar Lampung"})

    assert [str(contest) for contest in response.context["cl"].result_list] == [
        "Wali Kota dan Wakil Wali Kota Kota Bandar Lampung (Pilkada Serentak 2024)"
    ]


@pytest.mark.django_db
def test_import_page_imports_the_sample_file(reference, admin_client, admin_user):
    with SAMPLE.open("rb") as handle:
        response = admin_client.post(IMPORT_URL, {"file": upload("contoh.csv", handle.read())})

    assert response.status_code == 200
    assert response.context["report"].summary() == "2 baris dibaca: 2 baru, 0 diperbarui, 0 ditolak."
    assert "2 baris dibaca: 2 baru, 0 diperbarui, 0 ditolak." in response.content.decode()
    assert list(Candidate.objects.filter(contest__region_id="18.71").values_list("name", flat=True)) == [
        "Budi Santoso",
        "Hendra Wijaya",
    ]
    assert AuditEntry.objects.get(action="elections.import_candidates").actor == admin_user


@pytest.mark.django_db
def test_import_page_imports_xlsx_for_a_chosen_election(reference, admin_client):
    pilkada = Election.objects.get(slug="pilkada-2024")
    source = xlsx_file(
        ["kode_wilayah", "jabatan", "nomor_urut", "nama_calon"], ["64.74", "wali kota", 1, "Andi Fiktif"]
    )

    response = admin_client.post(IMPORT_URL, {"file": upload("calon.xlsx", source.read()), "election": pilkada.pk})

    assert response.context["report"].summary() == "1 baris dibaca: 1 baru, 0 diperbarui, 0 ditolak."
    assert list(Candidate.objects.filter(contest__region_id="64.74").values_list("ballot_number", "name")) == [
        (1, "Andi Fiktif")
    ]


@pytest.mark.django_db
def test_import_page_lists_row_errors(reference, admin_client):
    content = b"pemilihan,kode_wilayah,jabatan,nama_calon\npilkada-2024,18.71,bupati,Budi\n"

    response = admin_client.post(IMPORT_URL, {"file": upload("calon.csv", content)})

    page = response.content.decode()
    assert response.context["report"].summary() == "1 baris dibaca: 0 baru, 0 diperbarui, 1 ditolak."
    assert "18.71 (Kota Bandar Lampung) adalah kota: jabatannya wali kota, bukan bupati." in page


@pytest.mark.django_db
def test_import_page_refuses_a_too_large_file(reference, admin_client, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1_048_576
    content = SAMPLE.read_bytes() + b"pilkada-2024,18.71,wali kota,,X" * 40_000  # about 1.2 MB

    response = admin_client.post(IMPORT_URL, {"file": upload("besar.csv", content)})

    assert response.context["form"].errors["file"] == ["Berkas terlalu besar (2 MB); batasnya 1 MB."]
    assert response.context["report"] is None
    assert Candidate.objects.filter(contest__region_id="18.71").count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("foto.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "Berkas bukan CSV atau XLSX."),
        ("catatan.pdf", b"%PDF-1.4 teks saja", "Jenis berkas .pdf tidak didukung; gunakan CSV atau XLSX."),
        ("calon.csv", "nama\nBud\xed\n".encode("latin-1"), "Berkas CSV harus berenkode UTF-8."),
    ],
)
def test_import_page_refuses_a_non_tabular_file(reference, admin_client, name, content, message):
    response = admin_client.post(IMPORT_URL, {"file": upload(name, content)})

    assert response.context["form"].errors["file"] == [message]
    assert message in response.content.decode()
    assert AuditEntry.objects.filter(action="elections.import_candidates").count() == 0


@pytest.mark.django_db
def test_import_page_needs_staff(reference, client):
    staff = UserFactory(is_staff=False)
    response = verified_client(staff).get(IMPORT_URL)

    assert (response.status_code, response["Location"].startswith("/admin/login/")) == (302, True)


@pytest.mark.django_db
def test_admin_change_of_a_party_is_audited(reference, admin_client, admin_user):
    party = Party.objects.get(election__slug="pemilu-2024", abbreviation="PKB")
    data = {"election": party.election_id, "ballot_number": 1, "abbreviation": "PKB", "name": "Partai Baru"}

    response = admin_client.post(f"/admin/elections/party/{party.pk}/change/", data)

    entry = AuditEntry.objects.get(action="elections.party.change")
    assert response.status_code == 302
    assert (entry.actor, entry.target_id, entry.changes) == (admin_user, str(party.pk), {"fields": ["name"]})


@pytest.mark.django_db
def test_admin_bulk_delete_of_candidates_is_audited(admin_client):
    candidates = CandidateFactory.create_batch(2)

    response = admin_client.post(
        "/admin/elections/candidate/",
        {"action": "delete_selected", "_selected_action": [c.pk for c in candidates], "post": "yes"},
    )

    assert response.status_code == 302
    assert Candidate.objects.count() == 0
    assert sorted(
        AuditEntry.objects.filter(action="elections.candidate.delete").values_list("target_id", flat=True)
    ) == sorted(str(c.pk) for c in candidates)


@pytest.mark.django_db
def test_admin_inline_stage_change_is_audited(admin_client):
    stage = StageFactory()
    election = stage.election
    data = {
        "slug": election.slug,
        "name": election.name,
        "kind": election.kind,
        "year": election.year,
        "voting_day": "2024-11-27",
        "legal_basis": election.legal_basis,
        "stages-TOTAL_FORMS": "1",
        "stages-INITIAL_FORMS": "1",
        "stages-0-id": stage.pk,
        "stages-0-election": election.pk,
        "stages-0-kind": "campaign",
        "stages-0-name": stage.name,
        "stages-0-start": "2024-09-25",
        "stages-0-end": "2024-11-24",
        "stages-0-source": "",
        "parties-TOTAL_FORMS": "0",
        "parties-INITIAL_FORMS": "0",
    }

    response = admin_client.post(f"/admin/elections/election/{election.pk}/change/", data)

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="elections.stage.change")
    assert (entry.target_id, entry.changes) == (str(stage.pk), {"fields": ["end"]})
    assert list(AuditEntry.objects.filter(action="elections.election.change").values_list("changes", flat=True)) == [
        {"fields": []}
    ]
