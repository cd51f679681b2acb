"""Changes to the ASN registry that the admin, the UI and the API make (bulk loading is in registry.importing)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role
from core import audit, jobs
from core.models import Job
from registry.models import ASN

EDITABLE_FIELDS = frozenset(
    {
        "name",
        "front_title",
        "back_title",
        "status",
        "position",
        "position_kind",
        "rank",
        "work_unit",
        "agency",
        "region",
        "email",
        "phone",
        "is_active",
    }
)
# Personal data: the audit log records that it changed, never the values.
PERSONAL_FIELDS = frozenset({"email", "phone"})
CHANGED_MARK = "(diubah)"


def update_asn(*, actor, asn: ASN, **changes: Any) -> ASN:
    """Change fields of one ASN, validate the result and log old -> new per changed field.

    The NIP cannot be changed here: it identifies the person (a wrong NIP is a new record). Email and
    phone changes are logged without their values. Nothing is written or logged when nothing changes.
    """
    unknown = sorted(set(changes) - EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Fields cannot be changed with update_asn: {', '.join(unknown)}")
    with transaction.atomic():
        before = {name: getattr(asn, name) for name in changes}
        for name, value in changes.items():
            setattr(asn, name, value)
        changed = [name for name in changes if getattr(asn, name) != before[name]]
        if not changed:
            return asn
        asn.full_clean(validate_unique=False)
        asn.save(update_fields=[*changed, "updated_at"])
        audit.record(
            actor=actor,
            action="registry.update_asn",
            target=asn,
            summary=_("Data ASN %(nip)s diubah: %(fields)s.") % {"nip": asn.nip, "fields": ", ".join(changed)},
            changes={name: _logged_change(name, before[name], getattr(asn, name)) for name in changed},
        )
    return asn


def deactivate_asn(*, actor, asn: ASN, reason: str) -> ASN:
    """Mark an ASN as no longer active (retired, dismissed, moved out), with the reason in the audit log."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Alasan penonaktifan wajib diisi."), code="reason_required")
    if not asn.is_active:
        raise ValidationError(_("ASN %(nip)s sudah nonaktif.") % {"nip": asn.nip}, code="already_inactive")
    with transaction.atomic():
        if not ASN.objects.filter(pk=asn.pk, is_active=True).exists():
            raise ValidationError(_("ASN %(nip)s sudah nonaktif.") % {"nip": asn.nip}, code="already_inactive")
        asn.is_active = False
        asn.save(update_fields=["is_active", "updated_at"])
        audit.record(
            actor=actor,
            action="registry.deactivate_asn",
            target=asn,
            summary=_("ASN %(nip)s dinonaktifkan: %(reason)s") % {"nip": asn.nip, "reason": reason},
            changes={"is_active": [True, False], "reason": reason},
        )
    return asn


def _logged_change(name: str, old: Any, new: Any) -> list[Any] | str:
    if name in PERSONAL_FIELDS:
        return CHANGED_MARK
    return [_plain(old), _plain(new)]


def _plain(value: Any) -> Any:
    """A JSON-friendly form: related objects by their code (agency, region), other values as they are."""
    if hasattr(value, "_meta"):
        return getattr(value, "code", None) or str(value.pk)
    return value


def start_asn_import(*, actor, upload) -> Job:
    """Queue an uploaded staff list for import in the background; returns the job to follow.

    Agency HR officers import their own agency only (rows for other agencies are rejected by the import).
    """
    from registry.tasks import run_asn_import  # tasks import the importer, which is heavier than services

    agency_id = actor.agency_id if actor.role == Role.AGENCY_HR else None
    with transaction.atomic():
        job = jobs.create_job(
            actor=actor,
            kind="registry.import_asn",
            input_file=upload,
            input_name=upload.name,
            parameters={"agency_id": agency_id},
        )
        transaction.on_commit(lambda: run_asn_import.enqueue(job_id=str(job.pk)))
    return job
