"""Reads of reports: the staff inbox (scoped by `accounts.rules`) and the public status look-up by code."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from accounts import rules
from regions.models import Region
from reports import codes
from reports.models import Evidence, PossibleDuplicate, Report
from reports.receipt import ReceiptData

SORTS = {
    "terbaru": ("-received_at", "-id"),
    "terlama": ("received_at", "id"),
    "kejadian": ("-occurred_on", "-id"),
    "wilayah": ("region_id", "-received_at"),
}


@dataclass
class InboxFilters:
    q: str = ""
    region: str = ""
    act: str = ""
    kind: str = ""
    status: str = ""
    late: bool | None = None
    duplicate: bool | None = None
    received_from: date | None = None
    received_to: date | None = None
    sort: str = "terbaru"


def reports_visible_to(user) -> QuerySet[Report]:
    """Reports in the user's area: Bawaslu of the place, its province, Bawaslu RI; nobody else."""
    if not rules.receives_public_reports(user):
        return Report.objects.none()
    queryset = Report.objects.select_related("region", "act", "election")
    return rules.restrict(queryset, user, region="region")


def inbox(user, filters: InboxFilters) -> QuerySet[Report]:
    """The reports a supervisor works through, filtered and sorted as asked."""
    queryset = reports_visible_to(user)
    if filters.q:
        queryset = _search(queryset, filters.q.strip())
    if filters.region:
        queryset = queryset.filter(rules.region_scope_q("region", filters.region))
    for field, value in (("act_id", filters.act), ("kind", filters.kind), ("status", filters.status)):
        if value:
            queryset = queryset.filter(**{field: value})
    if filters.late is not None:
        queryset = queryset.filter(is_late=filters.late)
    if filters.duplicate is not None:
        queryset = queryset.filter(has_possible_duplicates=filters.duplicate)
    if filters.received_from:
        queryset = queryset.filter(received_at__date__gte=filters.received_from)
    if filters.received_to:
        queryset = queryset.filter(received_at__date__lte=filters.received_to)
    return queryset.order_by(*SORTS.get(filters.sort, SORTS["terbaru"]))


def _search(queryset: QuerySet[Report], text: str) -> QuerySet[Report]:
    number = text.upper().removeprefix("LAP-").removeprefix("IA-")
    if number.replace("-", "").isdigit():
        return queryset.filter(pk=int(number.split("-")[-1]))
    return queryset.filter(reported_name__icontains=text) | queryset.filter(reported_agency__icontains=text)


def report_for_user(user, report_id: int) -> Report:
    """One report the user may handle, or 404 (never 403: do not confirm that a report exists)."""
    report = reports_visible_to(user).filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report


def evidence_for_user(user, report_id: int, evidence_id: int) -> Evidence:
    report = report_for_user(user, report_id)
    item = report.evidence.filter(pk=evidence_id).first()
    if item is None:
        raise Http404
    return item


def duplicates_of(user, report: Report) -> list[tuple[PossibleDuplicate, bool]]:
    """The report's duplicate signals, each with whether the user may open the earlier report."""
    signals = list(report.possible_duplicates.select_related("earlier", "earlier__region"))
    visible = set(reports_visible_to(user).filter(pk__in=[s.earlier_id for s in signals]).values_list("pk", flat=True))
    return [(signal, signal.earlier_id in visible) for signal in signals]


def report_by_receipt_code(text: str) -> Report | None:
    """The report a receipt code belongs to, or None (also for anything that cannot be a code)."""
    canonical = codes.normalise_code(text)
    if canonical is None:
        return None
    return (
        Report.objects.select_related("region", "act", "election")
        .filter(receipt_digest=codes.code_digest(canonical))
        .first()
    )


def public_history(report: Report) -> list:
    """The status events a reporter sees (status, time, public note) — never who made them."""
    return list(report.history.only("status", "at", "note").order_by("at", "id"))


def office_of(report: Report) -> Region:
    """The regency/city whose Bawaslu office handles the report."""
    if report.region_id == report.office_region_code:
        return report.region
    return Region.objects.get(code=report.office_region_code)


def receipt_data(report: Report, *, code: str, status_url: str) -> ReceiptData:
    """What the printed receipt shows: the report's facts and evidence fingerprints, no personal data."""
    region = report.region
    return ReceiptData(
        number=report.number,
        receipt_code=codes.format_code(codes.normalise_code(code)),
        received_at=report.received_at,
        is_tip=report.is_tip,
        office=f"Bawaslu {office_of(report).name}",
        election=report.election.name,
        act=report.act_label,
        occurred_on=report.occurred_on,
        known_on=report.known_on,
        place=report.place,
        region=f"{region.code} {region.name}",
        evidence=list(report.evidence.values_list("name", "content_type", "size", "sha256")),
        links=list(report.links.values_list("url", flat=True)),
        late_reason=report.late_reason,
        status_url=status_url,
    )
