import pytest

from accounts import rules
from accounts.models import Role
from accounts.tests.factories import UserFactory
from regions.tests.factories import district, regency
from registry.models import ASN
from registry.tests.factories import AgencyFactory, ASNFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def three_regions():
    """ASN in Kota Bandar Lampung, Kab. Lampung Barat (same province) and Kota Bandung (another)."""
    bandar_lampung = AgencyFactory(code="PEMKOT-1871", region=regency("18.71", "Kota Bandar Lampung"))
    lampung_barat = AgencyFactory(code="PEMKAB-1804", region=regency("18.04", "Kabupaten Lampung Barat"))
    bandung = AgencyFactory(code="PEMKOT-3273", region=regency("32.73", "Kota Bandung", "Jawa Barat"))
    return {
        "18.71": ASNFactory(agency=bandar_lampung),
        "18.04": ASNFactory(agency=lampung_barat),
        "32.73": ASNFactory(agency=bandung),
    }


def _visible(user):
    return set(rules.restrict(ASN.objects.all(), user, region="region", agency="agency", asn="pk"))


def test_regency_supervisor_sees_only_their_regency(three_regions):
    user = UserFactory(role=Role.BAWASLU, scope_region=three_regions["18.71"].region)

    assert _visible(user) == {three_regions["18.71"]}


def test_province_supervisor_sees_all_regencies_of_the_province(three_regions):
    user = UserFactory(role=Role.BAWASLU, scope_region=three_regions["18.71"].region.parent)

    assert _visible(user) == {three_regions["18.71"], three_regions["18.04"]}


def test_national_roles_see_everything(three_regions):
    for user in (UserFactory(role=Role.BAWASLU), UserFactory(role=Role.AUTHORITY), UserFactory(role=Role.ADMIN)):
        assert _visible(user) == set(three_regions.values())


def test_agency_roles_see_their_agency_only(three_regions):
    agency = three_regions["32.73"].agency
    for role in (Role.AGENCY_HR, Role.AGENCY_HEAD):
        assert _visible(UserFactory(role=role, agency=agency)) == {three_regions["32.73"]}


def test_asn_sees_only_themselves(three_regions):
    user = UserFactory(role=Role.ASN, asn=three_regions["18.04"])

    assert _visible(user) == {three_regions["18.04"]}


def test_unscoped_model_paths_fail_closed(three_regions):
    user = UserFactory(role=Role.BAWASLU, scope_region=three_regions["18.71"].region)

    assert set(rules.restrict(ASN.objects.all(), user, agency="agency")) == set()


def test_anonymous_sees_nothing(three_regions):
    from django.contrib.auth.models import AnonymousUser

    assert _visible(AnonymousUser()) == set()


def test_region_scope_covers_deeper_levels_but_not_neighbouring_codes():
    bandar_lampung = regency("18.71", "Kota Bandar Lampung")
    kedaton = district("18.71.01", "Kedaton")
    metro = regency("18.72", "Kota Metro")
    in_district = ASNFactory(region=kedaton, agency=AgencyFactory(region=bandar_lampung))
    ASNFactory(region=metro, agency=AgencyFactory(region=metro))
    user = UserFactory(role=Role.BAWASLU, scope_region=bandar_lampung)

    assert _visible(user) == {in_district}
