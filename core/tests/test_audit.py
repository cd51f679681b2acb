import pytest

from core import audit
from core.models import AuditEntry
from registry.tests.factories import AgencyFactory

pytestmark = pytest.mark.integration


@pytest.mark.django_db
def test_record_without_user_is_labelled_system():
    agency = AgencyFactory()

    entry = audit.record(actor=None, action="registry.create_agency", target=agency, summary="dibuat")

    assert (entry.actor, entry.actor_label, entry.target_type, entry.target_id) == (
        None,
        "sistem",
        "registry.agency",
        str(agency.pk),
    )


@pytest.mark.django_db
def test_audit_entries_cannot_be_changed_or_deleted():
    entry = audit.record(actor=None, action="test.action")

    entry.summary = "diubah"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.update(summary="x")
    assert AuditEntry.objects.get().summary == ""
