import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from elections import selectors
from elections.models import Election
from elections.tests.factories import CampaignAccountFactory, CandidateFactory, ContestFactory, StageFactory
from regions.tests.factories import province, regency

pytestmark = pytest.mark.integration


def contest_labels(contests) -> list[tuple[str, str | None]]:
    return [(contest.office, contest.region_id) for contest in contests]


@pytest.mark.django_db
def test_contests_of_within_a_province_includes_its_regencies(reference):
    pilkada = Election.objects.get(slug="pilkada-2024")

    contests = selectors.contests_of(pilkada, within="34")

    assert contest_labels(contests) == [
        ("regent", "34.01"),
        ("regent", "34.02"),
        ("regent", "34.03"),
        ("regent", "34.04"),
        ("mayor", "34.71"),
    ]


@pytest.mark.django_db
def test_contests_of_region_is_that_region_only(reference):
    pilkada = Election.objects.get(slug="pilkada-2024")

    assert contest_labels(selectors.contests_of(pilkada, region="18")) == [("governor", "18")]
    assert len(selectors.contests_of(pilkada, within="18")) == 16  # governor + 13 kabupaten + 2 kota


@pytest.mark.django_db
def test_contests_of_filters_by_office_and_name(reference):
    pilkada = Election.objects.get(slug="pilkada-2024")

    mayors = selectors.contests_of(pilkada, office="mayor", query="lampung")

    assert contest_labels(mayors) == [("mayor", "18.71")]
    assert contest_labels(selectors.contests_of(pilkada, query="18.7")) == [("mayor", "18.71"), ("mayor", "18.72")]


@pytest.mark.django_db
def test_contests_of_lists_national_contests_first(reference):
    pemilu = Election.objects.get(slug="pemilu-2024")

    assert contest_labels(selectors.contests_of(pemilu)) == [("dpd", None), ("dpr", None), ("president", None)]


@pytest.mark.django_db
def test_contests_of_refuses_bad_filters():
    election = ContestFactory().election

    with pytest.raises(ValidationError) as refused:
        selectors.contests_of(election, region="lampung", within="18.", office="camat")

    assert sorted(refused.value.message_dict) == ["office", "region", "within"]


@pytest.mark.django_db
def test_contests_of_counts_candidates_without_extra_queries(django_assert_num_queries):
    contest = ContestFactory()
    ContestFactory(office="governor", region=province())
    CandidateFactory.create_batch(2, contest=contest)

    with django_assert_num_queries(1):
        counts = [(c.region.name, c.candidate_count) for c in selectors.contests_of(contest.election)]

    assert counts == [("Lampung", 0), ("Kota Bandar Lampung", 2)]


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_contest_with_candidates_query_count_does_not_grow(django_assert_num_queries, item_count):
    contest = ContestFactory()
    for candidate in CandidateFactory.create_batch(item_count, contest=contest):
        CampaignAccountFactory(candidate=candidate)

    with django_assert_num_queries(4):  # contest, candidates, their parties, their accounts
        loaded = selectors.contest_with_candidates(contest.pk, election_slug="pilkada-2024")
        accounts = [len(c.accounts.all()) + len(c.parties.all()) for c in loaded.candidates.all()]

    assert accounts == [1] * item_count


@pytest.mark.django_db
def test_contest_with_candidates_of_another_election_is_404():
    contest = ContestFactory()

    with pytest.raises(Http404):
        selectors.contest_with_candidates(contest.pk, election_slug="pemilu-2024")


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_elections_with_stages_query_count_does_not_grow(django_assert_num_queries, item_count):
    for number in range(item_count):
        StageFactory(election__slug=f"pemilihan-{number}")

    with django_assert_num_queries(2):
        stages = [(e.stage_count, len(e.stages.all())) for e in selectors.elections_with_stages()]

    assert stages == [(1, 1)] * item_count


@pytest.mark.django_db
def test_current_stages_on_a_day_in_two_stages():
    voting = StageFactory(name="Pemungutan suara", start=datetime.date(2024, 11, 27), end=datetime.date(2024, 11, 27))
    counting = StageFactory(name="Rekapitulasi", start=datetime.date(2024, 11, 27), end=datetime.date(2024, 12, 16))
    stages = [voting, counting]

    assert selectors.current_stages(stages, datetime.date(2024, 11, 27)) == [voting, counting]
    assert selectors.current_stages(stages, datetime.date(2024, 11, 28)) == [counting]
    assert selectors.current_stages(stages, datetime.date(2025, 1, 1)) == []


@pytest.mark.django_db
def test_offices_in_lists_only_contested_offices():
    contest = ContestFactory(region=regency("18.04", "Kabupaten Lampung Barat"), office="regent")

    assert selectors.offices_in(contest.election) == [("regent", "Bupati dan Wakil Bupati")]
