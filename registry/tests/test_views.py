import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory, verified_client
from regions.tests.factories import regency
from registry.tests.factories import AgencyFactory, ASNFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def bandar_lampung_asn():
    return ASNFactory(name="Sari Wulandari", agency=AgencyFactory(region=regency("18.71", "Kota Bandar Lampung")))


@pytest.fixture
def bandung_asn():
    return ASNFactory(
        name="Dedi Kurniawan", agency=AgencyFactory(region=regency("32.73", "Kota Bandung", "Jawa Barat"))
    )


def test_list_shows_only_the_supervisors_region(bandar_lampung_asn, bandung_asn):
    client = verified_client(UserFactory(role=Role.BAWASLU, scope_region=bandar_lampung_asn.region))

    response = client.get(reverse("registry:asn_list"))

    assert [asn.nip for asn in response.context["page"].items] == [bandar_lampung_asn.nip]
    assert "Dedi Kurniawan" not in response.content.decode()


def test_detail_three_people(bandar_lampung_asn, bandung_asn):
    url = reverse("registry:asn_detail", args=[bandar_lampung_asn.nip])
    owner_region = verified_client(UserFactory(role=Role.BAWASLU, scope_region=bandar_lampung_asn.region))
    colleague = verified_client(UserFactory(role=Role.AUTHORITY))
    outsider = verified_client(UserFactory(role=Role.BAWASLU, scope_region=bandung_asn.region))

    assert owner_region.get(url).context["asn"] == bandar_lampung_asn
    assert colleague.get(url).context["asn"] == bandar_lampung_asn
    assert outsider.get(url).status_code == 404


def test_contact_details_only_for_the_agency_and_admins(bandar_lampung_asn):
    bandar_lampung_asn.email = "sari@example.go.id"
    bandar_lampung_asn.save()
    url = reverse("registry:asn_detail", args=[bandar_lampung_asn.nip])
    supervisor = verified_client(UserFactory(role=Role.BAWASLU, scope_region=bandar_lampung_asn.region))
    agency_hr = verified_client(UserFactory(role=Role.AGENCY_HR, agency=bandar_lampung_asn.agency))

    assert "sari@example.go.id" not in supervisor.get(url).content.decode()
    assert "sari@example.go.id" in agency_hr.get(url).content.decode()


def test_search_by_name_and_nip(bandar_lampung_asn):
    client = verified_client(UserFactory(role=Role.ADMIN))
    other = ASNFactory(name="Budi Hartono", agency=bandar_lampung_asn.agency)

    by_name = client.get(reverse("registry:asn_list"), {"q": "wulan"}).context["page"].items
    by_nip = client.get(reverse("registry:asn_list"), {"q": other.nip[:12]}).context["page"].items

    assert (by_name, by_nip) == ([bandar_lampung_asn], [other])


def test_bad_region_filter_is_explained_not_crashed(bandar_lampung_asn):
    client = verified_client(UserFactory(role=Role.ADMIN))

    response = client.get(reverse("registry:asn_list"), {"region": "lampung"})

    assert response.status_code == 200
    assert "Kode wilayah ditulis seperti 18 atau 18.71." in response.content.decode()


def test_public_is_sent_to_login(client):
    response = client.get(reverse("registry:asn_list"))

    assert response.url.startswith(reverse("accounts:login"))


def test_asn_role_is_refused(bandar_lampung_asn):
    client = verified_client(UserFactory(role=Role.ASN, asn=bandar_lampung_asn))

    assert client.get(reverse("registry:asn_list")).status_code == 403


@pytest.mark.parametrize("item_count", [1, 3])
def test_list_query_count_does_not_grow_with_rows(item_count, django_assert_num_queries, bandar_lampung_asn):
    ASNFactory.create_batch(item_count - 1, agency=bandar_lampung_asn.agency)
    client = verified_client(UserFactory(role=Role.ADMIN))

    with django_assert_num_queries(4):
        response = client.get(reverse("registry:asn_list"))

    assert len(response.context["page"].items) == item_count


def test_agency_list_counts_visible_asn(bandar_lampung_asn):
    ASNFactory(agency=bandar_lampung_asn.agency, is_active=False)
    client = verified_client(UserFactory(role=Role.BAWASLU, scope_region=bandar_lampung_asn.region))

    agencies = client.get(reverse("registry:agency_list")).context["page"].items

    assert [(agency.code, agency.asn_count) for agency in agencies] == [(bandar_lampung_asn.agency.code, 1)]
