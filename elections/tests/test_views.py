import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.testing import texts
from elections.importing import import_candidates
from elections.models import Contest
from elections.tests.factories import ContestFactory, StageFactory
from elections.tests.test_importing import SAMPLE

pytestmark = pytest.mark.integration

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.mark.django_db
def test_election_list_shows_voting_days_in_indonesian(reference, client):
    response = client.get("/pemilihan/")

    assert texts(response, "election-row") == [
        "Pilkada Serentak 2024 Pilkada 27 November 2024 13",
        "Pemilu 2024 Pemilu 14 Februari 2024 17",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_election_list_query_count_does_not_grow(client, django_assert_num_queries, item_count):
    for number in range(item_count):
        StageFactory(election__slug=f"pemilihan-{number}", election__name=f"Pemilihan {number}")

    with django_assert_num_queries(2):  # elections with their stage counts, then the stages
        response = client.get("/pemilihan/")

    assert len(texts(response, "election-row")) == item_count


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2024, 10, 1, 9, tzinfo=JAKARTA), tick=False)
def test_election_detail_shows_timeline_and_marks_current_stages(reference, client):
    response = client.get("/pemilihan/pilkada-2024/")

    stages = texts(response, "stage-row")
    assert texts(response, "current-stages") == ["Pendaftaran pemantau pemilihan; Masa kampanye"]
    assert (
        stages[0]
        == "Pendaftaran pemantau pemilihan sedang berlangsung Lainnya 27 Februari 2024 – 16 November 2024 sumber"
    )
    assert stages[7] == "Penetapan pasangan calon Penetapan calon 22 September 2024 sumber"
    assert stages[9] == "Masa kampanye sedang berlangsung Masa kampanye 25 September 2024 – 23 November 2024 sumber"
    assert len(stages) == 13


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2025, 6, 1, 9, tzinfo=JAKARTA), tick=False)
def test_election_detail_without_current_stage(reference, client):
    response = client.get("/pemilihan/pemilu-2024/")

    assert texts(response, "current-stages") == ["tidak ada tahapan yang sedang berlangsung"]
    assert texts(response, "party")[:2] == [
        "1. Partai Kebangkitan Bangsa (PKB)",
        "2. Partai Gerakan Indonesia Raya (Gerindra)",
    ]
    assert texts(response, "party")[17] == "18. Partai Nanggroe Aceh (PNA) partai lokal Aceh"
    assert texts(response, "contest-row") == [
        "DPD — 3 November 2023 0",
        "DPR — 3 November 2023 0",
        "Presiden dan Wakil Presiden — 13 November 2023 3",
    ]


@pytest.mark.django_db
def test_election_detail_searches_contests_by_region(reference, client):
    response = client.get("/pemilihan/pilkada-2024/", {"q": "bandar lampung"})

    contest = Contest.objects.get(election__slug="pilkada-2024", region_id="18.71")
    assert texts(response, "contest-row") == [
        "Wali Kota dan Wakil Wali Kota Kota Bandar Lampung 18.71 22 September 2024 0"
    ]
    assert f'href="/pemilihan/pilkada-2024/kontestasi/{contest.pk}/"' in response.content.decode()


@pytest.mark.django_db
def test_election_detail_filters_contests_by_office_and_pages(reference, client):
    first = client.get("/pemilihan/pilkada-2024/", {"office": "governor"})
    second = client.get("/pemilihan/pilkada-2024/", {"office": "governor", "page": "1000"})
    unknown = client.get("/pemilihan/pilkada-2024/", {"office": "camat", "q": "metro"})

    assert len(texts(first, "contest-row")) == 37
    assert texts(first, "contest-row")[0] == "Gubernur dan Wakil Gubernur Aceh 11 22 September 2024 0"
    assert texts(second, "contest-row") == []
    assert texts(unknown, "contest-row") == ["Wali Kota dan Wakil Wali Kota Kota Metro 18.72 22 September 2024 0"]


@pytest.mark.django_db
def test_election_detail_unknown_slug_is_404(client):
    assert client.get("/pemilihan/pilkada-2099/").status_code == 404


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2024, 10, 1, 9, tzinfo=JAKARTA), tick=False)
def test_contest_page_shows_candidates_and_phase(reference, client):
    import_candidates(SAMPLE, actor=None)
    contest = Contest.objects.get(election__slug="pilkada-2024", region_id="18.71")

    response = client.get(f"/pemilihan/pilkada-2024/kontestasi/{contest.pk}/")

    assert texts(response, "candidate") == [
        "Nomor urut 1 Budi Santoso – Sari Wulandari Akronim BUSAR Nama panggilan Pak Budi, Bu Sari "
        "Pengusung Gerindra, PKS, PKB Slogan Bandar Lampung Maju Bersama Tagar #busarmenang #busar2024 "
        "Akun media sosial Instagram: @budi_sari (Akun resmi) TikTok: @tim.busar (Akun tim pemenangan)",
        "Nomor urut 2 Hendra Wijaya – Ratna Kusuma Akronim HERA Nama panggilan Bang Hendra, Mbak Ratna "
        "Pengusung Perseorangan Slogan Kota Tapis Berseri untuk Semua Tagar #herauntuksemua "
        "Akun media sosial Facebook: @hendrawijayaofficial (Akun resmi) X (Twitter): @ratnakusuma (Akun pribadi calon)",
    ]
    assert texts(response, "phase") == [
        "Calon sudah ditetapkan: tindakan ASN yang mendukung calon diperiksa sebagai pelanggaran disiplin."
    ]


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2024, 9, 21, 23, 59, tzinfo=JAKARTA), tick=False)
def test_contest_page_before_determination_is_bakal_calon(client):
    contest = ContestFactory()

    response = client.get(f"/pemilihan/pilkada-2024/kontestasi/{contest.pk}/")

    assert texts(response, "phase") == [
        "Belum ada penetapan calon: tindakan ASN yang mendukung bakal calon diperiksa sebagai pelanggaran kode etik."
    ]
    assert texts(response, "candidate") == []


@pytest.mark.django_db
def test_contest_page_under_another_election_is_404(reference, client):
    contest = Contest.objects.get(election__slug="pilkada-2024", region_id="18.71")

    assert client.get(f"/pemilihan/pemilu-2024/kontestasi/{contest.pk}/").status_code == 404
