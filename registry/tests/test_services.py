import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEntry
from regions.tests.factories import regency
from registry.services import deactivate_asn, update_asn
from registry.tests.factories import AgencyFactory, ASNFactory

pytestmark = pytest.mark.integration


@pytest.mark.django_db
def test_update_asn_logs_old_and_new_values():
    asn = ASNFactory(rank="III/a", position="Analis Kebijakan")
    metro = AgencyFactory(code="PEMKOT-MTR", region=regency("18.72", "Kota Metro"))
    old_agency = asn.agency.code

    update_asn(actor=None, asn=asn, rank="III/b", agency=metro, position="Analis Kebijakan")

    entry = AuditEntry.objects.get(action="registry.update_asn")
    asn.refresh_from_db()
    assert (asn.rank, asn.agency_id) == ("III/b", metro.pk)
    assert entry.changes == {"rank": ["III/a", "III/b"], "agency": [old_agency, "PEMKOT-MTR"]}
    assert (entry.target_id, entry.summary) == (str(asn.pk), f"Data ASN {asn.nip} diubah: rank, agency.")


@pytest.mark.django_db
def test_update_asn_never_logs_contact_values():
    asn = ASNFactory(email="lama@example.go.id", phone="")

    update_asn(actor=None, asn=asn, email="baru@example.go.id", phone="+6281234567890")

    asn.refresh_from_db()
    assert (asn.email, asn.phone) == ("baru@example.go.id", "+6281234567890")
    assert AuditEntry.objects.get().changes == {"email": "(diubah)", "phone": "(diubah)"}


@pytest.mark.django_db
def test_update_asn_without_changes_writes_nothing():
    asn = ASNFactory(rank="III/a")

    update_asn(actor=None, asn=asn, rank="III/a")

    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_update_asn_invalid_value_raises_and_keeps_database():
    asn = ASNFactory(status="PNS")

    with pytest.raises(ValidationError):
        update_asn(actor=None, asn=asn, status="HONORER")

    assert (type(asn).objects.get(pk=asn.pk).status, AuditEntry.objects.count()) == ("PNS", 0)


def test_update_asn_refuses_the_nip():
    with pytest.raises(ValueError, match="nip"):
        update_asn(actor=None, asn=None, nip="198001012005011001")


@pytest.mark.django_db
def test_deactivate_asn_records_reason():
    asn = ASNFactory()

    deactivate_asn(actor=None, asn=asn, reason="  Pensiun  per 1 Maret 2025 ")

    asn.refresh_from_db()
    entry = AuditEntry.objects.get(action="registry.deactivate_asn")
    assert (asn.is_active, entry.changes) == (False, {"is_active": [True, False], "reason": "Pensiun per 1 Maret 2025"})


@pytest.mark.django_db
def test_deactivate_asn_requires_reason():
    asn = ASNFactory()

    with pytest.raises(ValidationError) as caught:
        deactivate_asn(actor=None, asn=asn, reason=" ")

    assert (caught.value.messages, AuditEntry.objects.count()) == (["Alasan penonaktifan wajib diisi."], 0)


@pytest.mark.django_db
def test_deactivate_asn_twice_is_refused():
    asn = ASNFactory(is_active=False)

    with pytest.raises(ValidationError) as caught:
        deactivate_asn(actor=None, asn=asn, reason="Pensiun")

    assert caught.value.messages == [f"ASN {asn.nip} sudah nonaktif."]
