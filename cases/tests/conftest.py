import pytest

from accounts.models import Role
from accounts.tests.factories import UserFactory
from reports.tests.conftest import evidence_storage, intake  # noqa: F401  (shared fixtures)


@pytest.fixture
def people(intake):  # noqa: F811
    """One user per role, scoped to Kota Bandar Lampung / the reported agency where the role has a scope."""
    from registry.tests.factories import AgencyFactory

    agency = AgencyFactory()
    return {
        "bawaslu": UserFactory(role=Role.BAWASLU, scope_region_id="18.71"),
        "bawaslu_province": UserFactory(role=Role.BAWASLU, scope_region_id="18"),
        "bawaslu_elsewhere": UserFactory(role=Role.BAWASLU, scope_region_id="32.76"),
        "authority": UserFactory(role=Role.AUTHORITY),
        "agency_head": UserFactory(role=Role.AGENCY_HEAD, agency=agency),
        "agency_hr": UserFactory(role=Role.AGENCY_HR, agency=agency),
        "other_agency_head": UserFactory(role=Role.AGENCY_HEAD, agency=AgencyFactory()),
        "admin": UserFactory(role=Role.ADMIN),
        "asn": UserFactory(role=Role.ASN),
        "agency": agency,
    }
