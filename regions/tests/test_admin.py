import pytest

from accounts.tests.factories import UserFactory, verified_client
from regions.services import load_regions

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def admin_client(db):
    load_regions()
    return verified_client(UserFactory(is_staff=True, is_superuser=True))


def test_region_admin_searches_by_code_prefix(admin_client):
    response = admin_client.get("/admin/regions/region/", {"q": "18.7"})

    assert [region.code for region in response.context["cl"].result_list] == ["18.71", "18.72"]


def test_region_admin_filters_by_level(admin_client):
    response = admin_client.get("/admin/regions/region/", {"level__exact": "province"})

    assert response.context["cl"].result_count == 38


def test_region_admin_is_read_only(admin_client):
    change = admin_client.get("/admin/regions/region/18.71/change/")
    add = admin_client.get("/admin/regions/region/add/")

    assert (change.status_code, change.context["has_change_permission"], add.status_code) == (200, False, 403)
