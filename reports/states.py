"""The life of a report on the intake side, and the one function that changes its status.

received → in review → accepted into case handling, or set aside with a reason (which the reporter sees);
a report set aside can be taken back into review, with a reason. What happens after acceptance is the case
workflow (`cases`), not a report status.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import rules
from core import audit
from reports.choices import ReportStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.RECEIVED: frozenset({ReportStatus.IN_REVIEW, ReportStatus.ACCEPTED, ReportStatus.SET_ASIDE}),
    ReportStatus.IN_REVIEW: frozenset({ReportStatus.ACCEPTED, ReportStatus.SET_ASIDE}),
    ReportStatus.SET_ASIDE: frozenset({ReportStatus.IN_REVIEW}),
    ReportStatus.ACCEPTED: frozenset(),
}
NEEDS_REASON = frozenset({ReportStatus.SET_ASIDE})
OPEN_STATES = frozenset({ReportStatus.RECEIVED, ReportStatus.IN_REVIEW})


def allowed_next(status: str) -> frozenset[str]:
    return TRANSITIONS[status]


def change_status(report, to: str, *, actor, note: str = "") -> None:
    """Move `report` to status `to`. The only code that assigns `Report.status`.

    Steps: check the transition table and that `actor` handles reports in the report's region; require a
    reason where the table says so (and to reopen); save the status; append the public history event; write
    the audit row — all in one transaction.
    """
    from reports.models import StatusEvent

    if not rules.can_handle_report(actor, report):
        raise PermissionDenied
    if to not in TRANSITIONS[report.status]:
        raise ValidationError(
            _("Status “%(from)s” tidak dapat diubah menjadi “%(to)s”.")
            % {"from": ReportStatus(report.status).label, "to": ReportStatus(to).label}
        )
    note = note.strip()
    if (to in NEEDS_REASON or report.status == ReportStatus.SET_ASIDE) and not note:
        raise ValidationError({"note": _("Tuliskan alasannya; alasan ini ditampilkan kepada pelapor.")})
    with transaction.atomic():
        previous = report.status
        report.status = to
        report.save(update_fields=["status"])
        StatusEvent.objects.create(report=report, status=to, at=timezone.now(), note=note, actor=actor)
        audit.record(
            actor=actor,
            action="reports.change_status",
            target=report,
            summary=f"{report.number}: {previous} → {to}",
            changes={"status": [previous, to], "note": note},
        )


def add_progress_note(report_id: int, note: str) -> None:
    """A public line in the report's history that changes nothing else (e.g. a step of the report's case)."""
    from reports.models import Report, StatusEvent

    status = Report.objects.filter(pk=report_id).values_list("status", flat=True).get()
    StatusEvent.objects.create(report_id=report_id, status=status, at=timezone.now(), note=note)
