import pytest

from acts import selectors
from acts.tests.factories import ActFactory

pytestmark = pytest.mark.integration


def codes(acts) -> list[str]:
    return [act.code for act in acts]


@pytest.mark.django_db
def test_public_form_acts_in_catalogue_order(catalogue):
    assert codes(selectors.public_form_acts()) == ["ETK-07", *(f"DSP-{n:02d}" for n in range(1, 14))]


@pytest.mark.django_db
def test_act_by_code_ignores_case_and_spaces(catalogue):
    assert (selectors.act_by_code("DSP-06").code, selectors.act_by_code(" dsp-06 ").code) == ("DSP-06", "DSP-06")


@pytest.mark.django_db
def test_act_by_code_unknown_is_none(catalogue):
    assert selectors.act_by_code("DSP-99") is None


@pytest.mark.django_db
def test_search_acts_finds_like_in_both_phases(catalogue):
    assert codes(selectors.search_acts("like")) == ["ETK-04", "DSP-06"]
    assert codes(selectors.search_acts("LIKE")) == ["ETK-04", "DSP-06"]


@pytest.mark.django_db
def test_search_acts_needs_every_word_in_any_field(catalogue):
    # "tanda suka" is in the explanations, "instagram" in the examples.
    assert codes(selectors.search_acts("tanda suka instagram")) == ["ETK-04", "DSP-06"]
    assert codes(selectors.search_acts("kaus bernomor")) == ["DSP-07"]


@pytest.mark.django_db
def test_search_acts_matches_codes(catalogue):
    assert codes(selectors.search_acts("pid-49")) == ["PID-494", "PID-493"]


@pytest.mark.django_db
def test_search_acts_nonsense_finds_nothing(catalogue):
    assert selectors.search_acts("qwertyzzz") == []


@pytest.mark.django_db
def test_search_acts_empty_query_returns_all(catalogue):
    assert len(selectors.search_acts("  ")) == 25


@pytest.mark.django_db
def test_acts_by_track_groups_in_track_order(catalogue):
    groups = selectors.acts_by_track()

    assert [(label, len(acts)) for label, acts in groups] == [
        ("Pelanggaran kode etik", 7),
        ("Pelanggaran disiplin", 13),
        ("Tindak pidana pemilihan", 5),
    ]


@pytest.mark.django_db
def test_acts_by_track_of_search_results_leaves_out_empty_tracks(catalogue):
    groups = selectors.acts_by_track(selectors.search_acts("like"))

    assert [(label, codes(acts)) for label, acts in groups] == [
        ("Pelanggaran kode etik", ["ETK-04"]),
        ("Pelanggaran disiplin", ["DSP-06"]),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_search_and_grouping_query_count_does_not_grow(django_assert_num_queries, item_count):
    ActFactory.create_batch(item_count)

    with django_assert_num_queries(1):
        groups = selectors.acts_by_track(selectors.search_acts("contoh"))

    assert [len(acts) for _, acts in groups] == [item_count]
