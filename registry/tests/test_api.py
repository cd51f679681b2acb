import pytest

from accounts.models import Role
from accounts.tests.factories import UserFactory, verified_client
from regions.tests.factories import regency
from registry.tests.factories import AgencyFactory, ASNFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_asn_list_is_scoped_and_paginated():
    mine = ASNFactory(agency=AgencyFactory(region=regency("18.71", "Kota Bandar Lampung")))
    ASNFactory(agency=AgencyFactory(region=regency("32.73", "Kota Bandung", "Jawa Barat")))
    client = verified_client(UserFactory(role=Role.BAWASLU, scope_region=mine.region))

    body = client.get("/api/v1/registry/asn").json()

    assert (body["count"], [item["nip"] for item in body["items"]]) == (1, [mine.nip])
    assert body["items"][0]["agency"] == {"code": mine.agency.code, "name": mine.agency.name}


def test_asn_outside_scope_is_404_in_the_error_shape():
    theirs = ASNFactory(agency=AgencyFactory(region=regency("32.73", "Kota Bandung", "Jawa Barat")))
    client = verified_client(UserFactory(role=Role.BAWASLU, scope_region=regency("18.71", "Kota Bandar Lampung")))

    response = client.get(f"/api/v1/registry/asn/{theirs.nip}")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert response.json()["error"]["messages"] == {"id": "Data tidak ditemukan.", "en": "Data not found."}


def test_anonymous_gets_401(client):
    response = client.get("/api/v1/registry/asn")

    assert (response.status_code, response.json()["error"]["code"]) == (401, "unauthenticated")


def test_bad_region_filter_is_422_with_field():
    client = verified_client(UserFactory(role=Role.ADMIN))

    response = client.get("/api/v1/registry/asn", {"region": "lampung"})

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["region"]
