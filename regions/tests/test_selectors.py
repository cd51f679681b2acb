import pytest
from django.http import Http404

from regions import selectors
from regions.models import Level
from regions.services import load_regions
from regions.tests import factories

LAMPUNG_REGENCIES = [f"18.{n:02d}" for n in range(1, 14)] + ["18.71", "18.72"]


@pytest.fixture
def regions(db):
    """Provinces and regencies, as after a plain `sinetra load-regions`."""
    load_regions()


@pytest.fixture
def regions_with_districts(db):
    load_regions(include_districts=True)


def codes(regions) -> list[str]:
    return [region.code for region in regions]


@pytest.mark.integration
def test_regions_by_level_returns_the_38_provinces_in_code_order(regions):
    provinces = selectors.regions_by_level(Level.PROVINCE)

    assert provinces.count() == 38
    assert (provinces[0].code, provinces[0].name) == ("11", "Aceh")
    assert codes(provinces) == sorted(codes(provinces))


@pytest.mark.integration
def test_region_by_code_returns_the_region(regions):
    region = selectors.region_by_code("18.71")

    assert (region.name, region.level, region.parent.name) == ("Kota Bandar Lampung", Level.REGENCY, "Lampung")


@pytest.mark.integration
@pytest.mark.parametrize("code", ["99.99", "abc", "18.71/../18", ""])
def test_region_by_code_unknown_or_malformed_raises_404(regions, code):
    with pytest.raises(Http404):
        selectors.region_by_code(code)


@pytest.mark.integration
def test_ancestors_of_a_village_are_ordered_from_the_province(db):
    village = factories.village()

    assert [(region.code, region.name) for region in selectors.ancestors_of(village)] == [
        ("18", "Lampung"),
        ("18.71", "Kota Bandar Lampung"),
        ("18.71.01", "Kedaton"),
    ]


@pytest.mark.integration
def test_children_of_lampung_are_its_15_regencies(regions):
    assert codes(selectors.children_of("18")) == LAMPUNG_REGENCIES


@pytest.mark.integration
def test_children_of_counts_grandchildren(regions_with_districts):
    children = {region.code: region.child_count for region in selectors.children_of("18")}

    assert (children["18.71"], children["18.72"]) == (20, 5)


@pytest.mark.integration
def test_provinces_with_counts_split_kabupaten_and_kota(regions):
    provinces = {region.code: region for region in selectors.provinces_with_counts()}

    lampung = provinces["18"]
    assert (lampung.kabupaten_count, lampung.kota_count, lampung.regency_count) == (13, 2, 15)
    assert sum(region.kabupaten_count for region in provinces.values()) == 416
    assert sum(region.kota_count for region in provinces.values()) == 98


@pytest.mark.integration
def test_provinces_with_counts_is_one_query(regions, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(list(selectors.provinces_with_counts())) == 38


@pytest.mark.integration
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bandar lampung", ["18.71"]),
        ("LAMPUNG BANDAR", ["18.71"]),
        ("Kab. Lampung Barat", ["18.04"]),
        ("kabupaten lampung barat", ["18.04"]),
        ("Kota Metro", ["18.72"]),
        ("metro", ["18.72"]),
        ("18.7", ["18.71", "18.72"]),
        ("187", ["18.71", "18.72"]),
        ("", []),
        ("   ", []),
        (".", []),
        ("tidak ada wilayah ini", []),
    ],
)
def test_search_regions_matches_names_and_code_prefixes(regions, query, expected):
    assert codes(selectors.search_regions(query)) == expected


@pytest.mark.integration
def test_search_regions_kota_prefix_still_finds_districts_named_kota(regions_with_districts):
    found = selectors.search_regions("Kota Agung", level=Level.DISTRICT)

    assert [(region.code, region.name) for region in found] == [
        ("16.04.07", "Kota Agung"),
        ("18.06.01", "Kota Agung"),
        ("18.06.18", "Kota Agung Barat"),
        ("18.06.19", "Kota Agung Timur"),
    ]


@pytest.mark.integration
def test_search_regions_within_a_province_and_level(regions):
    found = selectors.search_regions("barat", level=Level.REGENCY, within="18")

    assert codes(found) == ["18.04", "18.12", "18.13"]


@pytest.mark.integration
def test_search_regions_higher_levels_first_and_limited(regions_with_districts):
    found = selectors.search_regions("1871", limit=3)

    assert codes(found) == ["18.71", "18.71.01", "18.71.02"]


@pytest.mark.integration
def test_filter_regions_by_level_parent_and_query(regions):
    found = selectors.filter_regions(level=Level.REGENCY, parent="18", query="lampung")

    assert codes(found) == ["18.01", "18.02", "18.03", "18.04", "18.07", "18.71"]
