import pytest

from regions.services import load_regions
from regions.tests import factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LAMPUNG_REGENCIES = [f"18.{n:02d}" for n in range(1, 14)] + ["18.71", "18.72"]
INVALID_CODE = "Kode wilayah tidak valid: gunakan format 18, 18.71, 18.71.01 atau 18.71.01.1001."


@pytest.fixture
def regions(db):
    load_regions()


def item_codes(response) -> list[str]:
    return [item["code"] for item in response.json()["items"]]


def invalid(fields: dict) -> dict:
    message = "Data tidak valid."
    messages = {"id": message, "en": "Invalid data."}
    return {"error": {"code": "invalid", "message": message, "messages": messages, "fields": fields}}


def test_list_provinces_returns_all_38_in_one_page(client, regions):
    response = client.get("/api/v1/regions", {"level": "province"})

    body = response.json()
    assert response.status_code == 200
    assert (body["count"], len(body["items"])) == (38, 38)
    assert body["items"][0] == {
        "code": "11",
        "name": "Aceh",
        "level": "province",
        "kind": "provinsi",
        "parent_code": None,
    }
    assert item_codes(response) == sorted(item_codes(response))


def test_list_regencies_of_lampung_returns_all_15(client, regions):
    response = client.get("/api/v1/regions", {"level": "regency", "parent": "18"})

    assert response.json()["count"] == 15
    assert item_codes(response) == LAMPUNG_REGENCIES
    assert response.json()["items"][-2] == {
        "code": "18.71",
        "name": "Kota Bandar Lampung",
        "level": "regency",
        "kind": "kota",
        "parent_code": "18",
    }


def test_list_all_regencies_pages_by_limit_and_offset(client, regions):
    first = client.get("/api/v1/regions", {"level": "regency"})
    last = client.get("/api/v1/regions", {"level": "regency", "offset": 500})

    assert (first.json()["count"], len(first.json()["items"])) == (514, 100)
    assert item_codes(first)[:2] == ["11.01", "11.02"]
    assert (len(last.json()["items"]), item_codes(last)[-1]) == (14, "96.71")


def test_list_with_query_matches_names(client, regions):
    response = client.get("/api/v1/regions", {"q": "Kab. Lampung Barat"})

    assert item_codes(response) == ["18.04"]


def test_list_unknown_level_is_422_in_the_error_shape(client, regions):
    response = client.get("/api/v1/regions", {"level": "kota"})

    assert response.status_code == 422
    assert response.json() == invalid(
        {"level": ["Tingkat tidak dikenal: gunakan province, regency, district atau village."]}
    )


def test_list_malformed_parent_is_422(client, regions):
    response = client.get("/api/v1/regions", {"parent": "1"})

    assert (response.status_code, response.json()) == (422, invalid({"parent": [INVALID_CODE]}))


def test_list_queries_do_not_grow_with_items(client, regions, django_assert_num_queries):
    with django_assert_num_queries(2):  # the count and the page
        response = client.get("/api/v1/regions", {"level": "regency", "limit": 500})

    assert len(response.json()["items"]) == 500


def test_detail_of_a_city_names_its_province_and_parent(client, regions):
    response = client.get("/api/v1/regions/18.71")

    assert response.status_code == 200
    assert response.json() == {
        "code": "18.71",
        "name": "Kota Bandar Lampung",
        "level": "regency",
        "kind": "kota",
        "province": {"code": "18", "name": "Lampung"},
        "parent": {"code": "18", "name": "Lampung"},
    }


def test_detail_of_a_province_has_no_parent(client, regions):
    response = client.get("/api/v1/regions/18")

    assert response.json() == {
        "code": "18",
        "name": "Lampung",
        "level": "province",
        "kind": "provinsi",
        "province": None,
        "parent": None,
    }


def test_detail_of_a_village_accepts_the_dotted_code(client):
    factories.village()

    response = client.get("/api/v1/regions/18.71.01.1003")

    assert response.json() == {
        "code": "18.71.01.1003",
        "name": "Kedaton",
        "level": "village",
        "kind": "kelurahan",
        "province": {"code": "18", "name": "Lampung"},
        "parent": {"code": "18.71.01", "name": "Kedaton"},
    }


def test_detail_unknown_code_is_404_in_the_error_shape(client, regions):
    response = client.get("/api/v1/regions/99.99")

    assert response.status_code == 404
    message = "Data tidak ditemukan."
    assert response.json() == {
        "error": {"code": "not_found", "message": message, "messages": {"id": message, "en": "Data not found."}}
    }


@pytest.mark.parametrize("code", ["abc", "18.7", "1871", "18.71.01.1"])
def test_detail_malformed_code_is_422_with_an_indonesian_message(client, regions, code):
    response = client.get(f"/api/v1/regions/{code}")

    assert (response.status_code, response.json()) == (422, invalid({"code": [INVALID_CODE]}))


def test_children_of_lampung_are_its_regencies(client, regions):
    response = client.get("/api/v1/regions/18/children")

    assert (response.status_code, response.json()["count"]) == (200, 15)
    assert item_codes(response) == LAMPUNG_REGENCIES


def test_children_of_a_city_are_its_districts(client):
    load_regions(include_districts=True)

    response = client.get("/api/v1/regions/18.71/children")

    assert response.json()["count"] == 20
    assert response.json()["items"][0] == {
        "code": "18.71.01",
        "name": "Kedaton",
        "level": "district",
        "kind": "kecamatan",
        "parent_code": "18.71",
    }


def test_children_of_a_village_are_empty(client):
    factories.village()

    response = client.get("/api/v1/regions/18.71.01.1003/children")

    assert (response.status_code, response.json()) == (200, {"items": [], "count": 0})


def test_children_of_unknown_code_is_404(client, regions):
    response = client.get("/api/v1/regions/99.99/children")

    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")


def test_openapi_documents_the_region_paths(client):
    response = client.get("/api/v1/openapi.json")

    paths = sorted(path for path in response.json()["paths"] if path.startswith("/api/v1/regions"))
    assert paths == ["/api/v1/regions", "/api/v1/regions/{code}", "/api/v1/regions/{code}/children"]
