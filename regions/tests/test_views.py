import re

import pytest

from regions.services import load_regions
from regions.tests import factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def regions(db):
    load_regions()


def linked_regions(response, testid: str) -> list[tuple[str, str]]:
    """(code, name) of each region link inside the table marked `data-testid=testid`."""
    table = re.search(rf'<table data-testid="{testid}">(.*?)</table>', response.content.decode(), re.S).group(1)
    return re.findall(r'<a href="/wilayah/([\d.]+)/">([^<]+)</a>', table)


def row_numbers(response, code: str) -> list[str]:
    row = re.search(rf"<tr><td><code>{re.escape(code)}</code></td>(.*?)</tr>", response.content.decode(), re.S).group(1)
    return re.findall(r'<td class="num">([^<]*)</td>', row)


def test_region_list_shows_the_38_provinces_with_regency_counts(client, regions):
    response = client.get("/wilayah/")

    provinces = linked_regions(response, "province-table")
    assert response.status_code == 200
    assert (len(provinces), provinces[0], provinces[-1]) == (38, ("11", "Aceh"), ("96", "Papua Barat Daya"))
    assert dict(provinces)["18"] == "Lampung"
    assert row_numbers(response, "18") == ["13", "2", "15"]  # kabupaten, kota, together


def test_region_list_footer_sums_kabupaten_and_kota(client, regions):
    response = client.get("/wilayah/")

    assert (response.context["kabupaten_total"], response.context["kota_total"]) == (416, 98)
    assert response.context["regency_total"] == 514


def test_region_list_without_data_says_how_to_load_it(client):
    response = client.get("/wilayah/")

    assert response.context["provinces"] == []
    assert response.content.decode().count("sinetra load-regions") == 1


def test_region_list_search_shows_matches(client, regions):
    response = client.get("/wilayah/", {"q": "Kota Bandar"})

    assert linked_regions(response, "search-results") == [("18.71", "Kota Bandar Lampung")]
    assert response.context.get("provinces") is None


def test_region_list_search_without_match_renders_no_table(client, regions):
    response = client.get("/wilayah/", {"q": "Atlantis"})

    assert (response.context["results"], 'data-testid="search-results"' in response.content.decode()) == ([], False)


def test_region_list_search_by_level(client, regions):
    response = client.get("/wilayah/", {"q": "lampung", "level": "province"})

    assert linked_regions(response, "search-results") == [("18", "Lampung")]


@pytest.mark.parametrize("province_count", [1, 3])
def test_region_list_queries_do_not_grow_with_provinces(client, django_assert_num_queries, province_count):
    for n in range(province_count):
        factories.regency(f"{11 + n}.01", f"Kabupaten Contoh {n}", f"Provinsi Contoh {n}")

    with django_assert_num_queries(1):
        response = client.get("/wilayah/")

    assert len(linked_regions(response, "province-table")) == province_count


def test_region_detail_of_a_city_shows_breadcrumb_facts_and_districts(client):
    load_regions(include_districts=True)

    response = client.get("/wilayah/18.71/")

    content = response.content.decode()
    breadcrumb = re.search(r'data-testid="breadcrumb">(.*?)</nav>', content, re.S).group(1)
    assert re.findall(r">([^<>]+)</(?:a|span)>", breadcrumb) == ["Indonesia", "Lampung", "Kota Bandar Lampung"]
    assert re.search(r"<h1>(.*?)</h1>", content).group(1) == "Kota Bandar Lampung"
    assert re.findall(r"<dd>(.*?)</dd>", content)[:3] == ["<code>18.71</code>", "Kota", "Kabupaten/Kota"]
    districts = linked_regions(response, "children-table")
    assert (len(districts), districts[0]) == (20, ("18.71.01", "Kedaton"))


def test_region_detail_of_a_village_shows_kind_and_no_children_table(client):
    factories.village()

    response = client.get("/wilayah/18.71.01.1003/")

    assert response.status_code == 200
    assert (response.context["region"].kind.label, response.context["child_level"]) == ("Kelurahan", None)
    assert 'data-testid="children-table"' not in response.content.decode()


def test_region_detail_without_loaded_children_says_so(client, regions):
    response = client.get("/wilayah/18.71/")

    assert list(response.context["children"]) == []
    assert response.content.decode().count("Data wilayah di bawahnya belum dimuat.") == 1


@pytest.mark.parametrize("child_count", [1, 3])
def test_region_detail_queries_do_not_grow_with_children(client, django_assert_num_queries, child_count):
    for n in range(child_count):
        factories.district(f"18.71.{n + 1:02d}", f"Kecamatan {n}")

    with django_assert_num_queries(3):  # the region, its ancestors, its children with their counts
        response = client.get("/wilayah/18.71/")

    assert len(linked_regions(response, "children-table")) == child_count


@pytest.mark.parametrize("code", ["99.99", "abc"])
def test_region_detail_unknown_or_malformed_code_is_404(client, regions, code):
    response = client.get(f"/wilayah/{code}/")

    assert response.status_code == 404
