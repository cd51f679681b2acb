import datetime

import pytest

from elections.importing import import_candidates
from elections.models import Contest, Election
from elections.tests.factories import CandidateFactory, ContestFactory, StageFactory
from elections.tests.test_importing import SAMPLE

pytestmark = pytest.mark.integration

PKB = {"ballot_number": 1, "abbreviation": "PKB", "name": "Partai Kebangkitan Bangsa", "is_local": False}


@pytest.mark.django_db
def test_list_elections_with_stages(client):
    StageFactory(
        name="Masa kampanye",
        start=datetime.date(2024, 9, 25),
        end=datetime.date(2024, 11, 23),
        source="https://contoh.test/kampanye",
    )

    response = client.get("/api/v1/elections")

    assert response.status_code == 200
    assert response.json() == [
        {
            "slug": "pilkada-2024",
            "name": "Pilkada Serentak 2024",
            "kind": "pilkada",
            "year": 2024,
            "voting_day": "2024-11-27",
            "legal_basis": "UU 10/2016; PKPU 2/2024",
            "stages": [
                {
                    "kind": "campaign",
                    "kind_label": "Masa kampanye",
                    "name": "Masa kampanye",
                    "start": "2024-09-25",
                    "end": "2024-11-23",
                    "source": "https://contoh.test/kampanye",
                }
            ],
        }
    ]


@pytest.mark.django_db
def test_get_election_with_stages_and_parties(reference, client):
    response = client.get("/api/v1/elections/pemilu-2024")

    body = response.json()
    assert response.status_code == 200
    assert (body["slug"], body["name"], body["voting_day"], len(body["stages"]), len(body["parties"])) == (
        "pemilu-2024",
        "Pemilu 2024",
        "2024-02-14",
        17,
        24,
    )
    assert body["parties"][0] == PKB
    assert body["parties"][-1] == {
        "ballot_number": 24,
        "abbreviation": "Ummat",
        "name": "Partai Ummat",
        "is_local": False,
    }
    assert body["stages"][0]["start"] == "2022-07-29"


@pytest.mark.django_db
def test_get_unknown_election_is_404_in_the_error_shape(client):
    response = client.get("/api/v1/elections/pilkada-2099")

    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    assert response.json()["error"]["messages"] == {"id": "Data tidak ditemukan.", "en": "Data not found."}


@pytest.mark.django_db
def test_list_contests_within_a_province(reference, client):
    response = client.get("/api/v1/elections/pilkada-2024/contests", {"within": "18", "office": "mayor"})

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": Contest.objects.get(election__slug="pilkada-2024", region_id="18.71").pk,
            "office": "mayor",
            "office_label": "Wali Kota dan Wakil Wali Kota",
            "region_code": "18.71",
            "region_name": "Kota Bandar Lampung",
            "determination_date": "2024-09-22",
            "candidate_count": 0,
        },
        {
            "id": Contest.objects.get(election__slug="pilkada-2024", region_id="18.72").pk,
            "office": "mayor",
            "office_label": "Wali Kota dan Wakil Wali Kota",
            "region_code": "18.72",
            "region_name": "Kota Metro",
            "determination_date": "2024-09-22",
            "candidate_count": 0,
        },
    ]


@pytest.mark.django_db
def test_list_contests_of_one_region(reference, client):
    response = client.get("/api/v1/elections/pilkada-2024/contests", {"region": "18"})

    assert [(c["office"], c["region_code"]) for c in response.json()] == [("governor", "18")]


@pytest.mark.django_db
def test_list_contests_all(reference, client):
    response = client.get("/api/v1/elections/pilkada-2024/contests")

    assert len(response.json()) == 545


@pytest.mark.django_db
def test_list_contests_with_bad_filters_is_400(client):
    ContestFactory()

    response = client.get("/api/v1/elections/pilkada-2024/contests", {"office": "camat", "region": "x"})

    error = response.json()["error"]
    assert (response.status_code, error["code"], sorted(error["fields"])) == (400, "invalid", ["office", "region"])
    assert error["fields"] == {
        "office": [
            "Jabatan tidak dikenal; pilih salah satu: president, dpr, dpd, dprd_province, dprd_regency, governor, "
            "regent, mayor."
        ],
        "region": ["Kode wilayah tidak sah (contoh: 18 atau 18.71)."],
    }


@pytest.mark.django_db
def test_get_contest_with_candidates(reference, client):
    import_candidates(SAMPLE, actor=None)
    contest = Contest.objects.get(election__slug="pilkada-2024", region_id="18.71")

    response = client.get(f"/api/v1/elections/contests/{contest.pk}")

    body = response.json()
    assert response.status_code == 200
    assert {key: value for key, value in body.items() if key != "candidates"} == {
        "id": contest.pk,
        "office": "mayor",
        "office_label": "Wali Kota dan Wakil Wali Kota",
        "region_code": "18.71",
        "region_name": "Kota Bandar Lampung",
        "determination_date": "2024-09-22",
        "candidate_count": 2,
        "election": "pilkada-2024",
    }
    assert body["candidates"][0] == {
        "ballot_number": 1,
        "name": "Budi Santoso",
        "running_mate": "Sari Wulandari",
        "acronym": "BUSAR",
        "nicknames": ["Pak Budi", "Bu Sari"],
        "is_independent": False,
        "parties": [  # a Pilkada's parties carry no ballot number, so they come by name
            {
                "ballot_number": None,
                "abbreviation": "Gerindra",
                "name": "Partai Gerakan Indonesia Raya",
                "is_local": False,
            },
            {"ballot_number": None, "abbreviation": "PKS", "name": "Partai Keadilan Sejahtera", "is_local": False},
            {**PKB, "ballot_number": None},
        ],
        "slogans": ["Bandar Lampung Maju Bersama"],
        "hashtags": ["busarmenang", "busar2024"],
        "accounts": [
            {"platform": "instagram", "handle": "budi_sari", "kind": "official"},
            {"platform": "tiktok", "handle": "tim.busar", "kind": "winning_team"},
        ],
    }
    assert [(c["ballot_number"], c["name"], c["is_independent"], c["parties"]) for c in body["candidates"][1:]] == [
        (2, "Hendra Wijaya", True, [])
    ]


@pytest.mark.django_db
def test_get_president_contest_lists_the_three_pairs(reference, client):
    contest = Election.objects.get(slug="pemilu-2024").contests.get(office="president")

    body = client.get(f"/api/v1/elections/contests/{contest.pk}").json()

    assert [(c["ballot_number"], c["name"], c["running_mate"]) for c in body["candidates"]] == [
        (1, "Anies Rasyid Baswedan", "Abdul Muhaimin Iskandar"),
        (2, "Prabowo Subianto", "Gibran Rakabuming Raka"),
        (3, "Ganjar Pranowo", "Mohammad Mahfud MD"),
    ]
    assert (body["region_code"], body["region_name"], body["candidates"][0]["parties"][0]["abbreviation"]) == (
        None,
        None,
        "PKB",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "status", "code"), [("999999", 404, "not_found"), ("abc", 422, "invalid")])
def test_get_contest_missing_or_malformed_id(client, path, status, code):
    response = client.get(f"/api/v1/elections/contests/{path}")

    assert (response.status_code, response.json()["error"]["code"]) == (status, code)


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_get_contest_query_count_does_not_grow(client, django_assert_num_queries, item_count):
    contest = ContestFactory()
    CandidateFactory.create_batch(item_count, contest=contest)

    with django_assert_num_queries(4):
        response = client.get(f"/api/v1/elections/contests/{contest.pk}")

    assert len(response.json()["candidates"]) == item_count
