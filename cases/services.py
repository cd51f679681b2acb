"""Actions on cases: opening one from a report or as a finding, what each step records, deadlines, assignment,
comments, extension, and telling the reporter. State changes themselves go through `cases.states.transition`.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import rules
from cases import deadlines
from cases.choices import CaseState as S
from cases.choices import Origin, Penalty
from cases.models import Case, CaseAttachment, CaseComment, CaseEvent, NumberSequence, SavedView
from cases.sanctions import allowed_penalties, sanction_gap
from core import audit
from regions.codes import office_code as office_code_of
from reports import evidence
from reports.choices import ReportStatus
from reports.models import Report
from reports.services import inspect_files
from reports.states import add_progress_note
from reports.states import change_status as change_report_status

logger = logging.getLogger(__name__)

# What the reporter reads on the status page at each step. Sanctions stay confidential (domain notes §4.4).
PUBLIC_PROGRESS = {
    S.PRELIMINARY_REVIEW: "Kajian awal: pemeriksaan syarat formal dan materiil.",
    S.REGISTERED: "Laporan diregistrasi dengan nomor {register_number}.",
    S.NOT_REGISTERED: "Laporan tidak diregistrasi: {reason}",
    S.CLARIFICATION: "Tahap klarifikasi.",
    S.STUDY: "Tahap kajian.",
    S.PROVEN: "Diputus: terbukti melanggar netralitas ASN.",
    S.NOT_PROVEN: "Diputus: tidak terbukti melanggar netralitas ASN.",
    S.HANDED_ON: "Bukan pelanggaran netralitas ASN; dilimpahkan kepada {handed_to}.",
    S.FORWARDED: "Diteruskan kepada {authority} untuk rekomendasi sanksi.",
    S.RECOMMENDED: "Rekomendasi telah diterbitkan dan disampaikan kepada Pejabat Pembina Kepegawaian.",
    S.SANCTIONED: "Pejabat Pembina Kepegawaian telah menetapkan keputusan.",
    S.FOLLOW_UP_VERIFIED: "Tindak lanjut keputusan telah diverifikasi.",
    S.CLOSED: "Penanganan selesai.",
}


def open_case_from_report(*, report: Report, actor) -> Case:
    """Accept a public report into handling: the report is marked accepted and a case opens in preliminary
    review, its deadline counted from the day the report was received."""
    if not rules.can_handle_report(actor, report):
        raise PermissionDenied
    with transaction.atomic():
        change_report_status(report, ReportStatus.ACCEPTED, actor=actor, note="")
        case = Case.objects.create(
            origin=Origin.REPORT,
            report=report,
            election=report.election,
            region=report.region,
            act=report.act,
            act_other=report.act_other,
            summary=report.description,
            occurred_on=report.occurred_on,
            reported_name=report.reported_name,
            reported_nip=report.reported_nip,
            reported_agency_name=report.reported_agency,
            reported_asn=report.reported_asn,
            reported_agency=report.reported_asn.agency if report.reported_asn else None,
            received_on=timezone.localdate(report.received_at),
            assigned_to=actor,
        )
        _refresh_deadline(case)
        case.save()
        record_event(case, actor=actor, from_state="", to_state=S.RECEIVED, reason="", data={"report": report.pk})
    return case


def open_finding(*, actor, election, region, summary: str, occurred_on: date, reported_name: str, **details) -> Case:
    """A supervisor's own finding (temuan), from patrol, news or the field; it enters the same procedure."""
    if not (rules.receives_public_reports(actor) and rules.in_scope_region(actor, region.code)):
        raise PermissionDenied
    if not summary.strip() or not reported_name.strip():
        raise ValidationError({"summary": [_("Uraikan temuan dan nama terlapor.")]})
    with transaction.atomic():
        case = Case.objects.create(
            origin=Origin.FINDING,
            election=election,
            region=region,
            summary=summary.strip(),
            occurred_on=occurred_on,
            reported_name=reported_name.strip(),
            received_on=timezone.localdate(),
            assigned_to=actor,
            **details,
        )
        _refresh_deadline(case)
        case.save()
        record_event(case, actor=actor, from_state="", to_state=S.RECEIVED, reason="", data={})
    return case


def apply_step(case: Case, previous: str, to: str, *, data: dict, actor, at) -> None:
    """Record on the case what a step establishes (called by `transition` inside its transaction)."""
    today = timezone.localdate(at)
    if to == S.REGISTERED:
        case.registered_on = today
        case.register_number = next_register_number(case, today.year)
    elif to in (S.PROVEN, S.NOT_PROVEN, S.HANDED_ON):
        case.decided_on = today
    elif to == S.FORWARDED:
        case.forwarded_on = today
        case.forwarded_to = data["forwarded_to"]
        case.forwarding_number = data["letter_number"]
    elif to == S.RECOMMENDED:
        case.recommended_on = today
        case.recommendation_number = data["recommendation_number"]
        case.recommended_penalty = data["recommended_penalty"]
    elif to == S.SANCTIONED:
        case.decree_number = data["decree_number"]
        case.decree_on = data["decree_on"]
        case.imposed_penalty = data["imposed_penalty"]
    elif to == S.CLOSED:
        case.closed_on = today
    elif to == S.PRELIMINARY_REVIEW and previous in (S.CLOSED, S.NOT_REGISTERED):
        case.closed_on = None
        case.received_on = today  # a reopened case gets a new preliminary-review clock
    _refresh_deadline(case)


def next_register_number(case: Case, year: int) -> str:
    """`001/Reg/LP/18.71/2024`: per office (the regency/city, or province) and year, with no gaps."""
    office = office_code(case)
    kind = "TM" if case.origin == Origin.FINDING else "LP"
    sequence, _created = NumberSequence.objects.select_for_update().get_or_create(series=f"reg/{office}", year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{sequence.last:03d}/Reg/{kind}/{office}/{year}"


def office_code(case: Case) -> str:
    """The code of the Bawaslu office that handles the case."""
    return office_code_of(case.region_id)


def next_deadline(case: Case) -> tuple[date | None, str]:
    """The next legal deadline of a case in its current state, and the rule it comes from."""
    regime = case.election.kind
    if case.state in (S.RECEIVED, S.PRELIMINARY_REVIEW):
        key, start = f"{regime}.kajian_awal", case.received_on
    elif case.state in (S.REGISTERED, S.CLARIFICATION, S.STUDY):
        suffix = "tindak_lanjut_keterangan_tambahan" if case.deadline_extended else "tindak_lanjut"
        key, start = f"{regime}.{suffix}", case.registered_on
    elif case.state == S.RECOMMENDED:
        key, start = "ppk.penjatuhan_sanksi", case.recommended_on
    else:
        return None, ""
    return deadlines.deadline_for(deadlines.HANDLING_RULES[key], start).due_on, key


def _refresh_deadline(case: Case) -> None:
    case.next_due_on, case.next_due_rule = next_deadline(case)


def record_event(case: Case, *, actor, from_state: str, to_state: str, reason: str, data: dict) -> CaseEvent:
    """Append the case event and the audit row (inside the caller's transaction)."""
    plain = {key: str(value) for key, value in data.items()}
    event = CaseEvent.objects.create(
        case=case,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=actor.get_username() if getattr(actor, "is_authenticated", False) else audit.SYSTEM_LABEL,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=plain,
    )
    audit.record(
        actor=actor,
        action="cases.transition",
        target=case,
        summary=f"{case.number}: {from_state or '∅'} → {to_state}",
        changes={"state": [from_state, to_state], "reason": reason, **plain},
    )
    if case.report_id and to_state != S.RECEIVED:
        text = PUBLIC_PROGRESS[to_state].format(
            register_number=case.register_number,
            reason=reason,
            handed_to=data.get("handed_to", ""),
            authority=case.get_forwarded_to_display() or "KASN/BKN",
        )
        add_progress_note(case.report_id, text)
    return event


def notify_reporter(case_id: int, to_state: str) -> None:
    """E-mail the reporter (if they gave an address) that their report moved on; the message names no one."""
    case = Case.objects.select_related("report").filter(pk=case_id).first()
    if case is None or case.report is None or not case.report.reporter_email:
        return
    url = settings.SITE_URL.rstrip("/") + reverse("report_public:status")
    body = _(
        "Laporan %(number)s yang Anda sampaikan melalui Sinetra memasuki tahap baru: %(state)s\n\n"
        "Lihat riwayatnya dengan kode tanda terima Anda di %(url)s"
    ) % {"number": case.report.number, "state": S(to_state).label, "url": url}
    send_mail(_("[Sinetra] Perkembangan laporan %(number)s") % {"number": case.report.number}, body, None,
              [case.report.reporter_email])  # fmt: skip


def extend_deadline(*, case: Case, actor, reason: str) -> None:
    """Take the extended handling period (Pemilu 14 working days, Pilkada 3 + 2 days) when more information
    is needed; allowed once, while the case is registered, in clarification or in study."""
    if case.state not in (S.REGISTERED, S.CLARIFICATION, S.STUDY) or case.deadline_extended:
        raise ValidationError(_("Perpanjangan hanya sekali, selama registrasi, klarifikasi, atau kajian."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Tuliskan alasannya.")]})
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        locked.deadline_extended = True
        _refresh_deadline(locked)
        locked.version += 1
        locked.save()
        record_event(locked, actor=actor, from_state=locked.state, to_state=locked.state, reason=reason,
                     data={"extended": True})  # fmt: skip
    case.refresh_from_db()


def assign_case(*, case: Case, actor, assignee) -> None:
    """Make `assignee` (a supervisor who sees the case) responsible for it."""
    if assignee is not None and not rules.in_scope_region(assignee, case.region_id):
        raise ValidationError(_("Penanggung jawab harus bertugas di wilayah kasus ini."))
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(assigned_to=assignee)
        case.assigned_to = assignee
        audit.record(actor=actor, action="cases.assign", target=case,
                     summary=f"{case.number} → {assignee.get_username() if assignee else '—'}")  # fmt: skip


def add_comment(*, case: Case, actor, text: str) -> CaseComment:
    if not text.strip():
        raise ValidationError({"text": [_("Catatan kosong.")]})
    with transaction.atomic():
        comment = CaseComment.objects.create(case=case, author=actor, text=text.strip()[:5000])
        audit.record(actor=actor, action="cases.comment", target=case, summary=case.number)
    return comment


def outside_allowed_band(case: Case, penalty: str) -> bool:
    """Whether `penalty` lies outside what the rules allow for the case's act (flagged, never refused)."""
    if not penalty or penalty in (Penalty.NONE, Penalty.OTHER) or case.act is None:
        return False
    return penalty not in allowed_penalties(case.act.level)


def sanction_shortfall(case: Case) -> int | None:
    """Steps by which the imposed sanction is lighter than recommended (see `cases.sanctions`)."""
    if not (case.recommended_penalty and case.imposed_penalty):
        return None
    return sanction_gap(case.recommended_penalty, case.imposed_penalty)


def attach_file(*, case: Case, actor, upload) -> CaseAttachment:
    """Add a file to a case: checked like public evidence (type by content, limits, metadata-free copy) and
    stored sealed under its SHA-256."""
    inspected = inspect_files([upload])[0]
    created = []
    try:
        with transaction.atomic():
            for data in (inspected.data, inspected.viewable):
                sha256, new = evidence.store_blob(data)
                if new:
                    created.append(sha256)
            attachment = CaseAttachment.objects.create(
                case=case, name=inspected.name, content_type=inspected.content_type, size=inspected.size,
                sha256=inspected.sha256, viewable_sha256=inspected.viewable_sha256, added_by=actor,
            )  # fmt: skip
            audit.record(
                actor=actor, action="cases.attach", target=case, summary=f"{inspected.name} {inspected.sha256}"
            )
    except Exception:
        for sha256 in created:
            evidence.delete_blob(sha256)
        raise
    return attachment


def save_view(*, user, name: str, query: str) -> SavedView:
    """Keep the dashboard's current filters under a name (saving the same name again replaces it)."""
    name = name.strip()[:80]
    if not name:
        raise ValidationError({"name": [_("Beri nama tampilan ini.")]})
    allowed = QueryDict(query).copy()
    allowed.pop("page", None)
    view, _created = SavedView.objects.update_or_create(
        user=user, name=name, defaults={"query": allowed.urlencode()[:500]}
    )
    return view
