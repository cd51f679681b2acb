"""Actions on public reports: submitting one, checking it for duplicates, notifying the office, and the
staff actions that the inbox offers. Views, the API and tasks call these; nothing else writes reports.
"""

import json
import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import rules
from accounts.selectors import bawaslu_addresses
from acts.models import Act
from acts.phase import act_code_for_phase
from cases import deadlines
from core import audit
from elections.models import Election
from regions.codes import ancestor_codes
from regions.models import Region
from registry.models import ASN
from registry.nip import normalise_nip
from reports import codes, duplicates, evidence
from reports.choices import Channel, DuplicateReason, ReportKind, ReportStatus
from reports.links import url_key
from reports.models import Evidence, PossibleDuplicate, Report, ReportLink, StatusEvent
from reports.reference import reference
from reports.states import change_status
from reports.submission import Submission, check_submission

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Receipt:
    """What the reporter takes away: the report and the receipt code, which exists nowhere else."""

    report: Report
    code: str


def submit_report(
    *, submission: Submission, files: list[evidence.InspectedFile], channel: Channel, actor=None
) -> Receipt:
    """Record a public report (or an anonymous tip) with its evidence, in one transaction.

    Checks the submission, resolves the election, act (by the phase rule), region and registry match, checks
    the reporting deadline, stores the evidence sealed and content-addressed, writes the first status event
    and the audit row, and queues the duplicate check and the office notification. Evidence
    blobs this call created are deleted again if the transaction fails. The follow-up task is queued in the
    same transaction.
    """
    now = timezone.now()
    election, region, act = _checked_references(submission, today=timezone.localdate(now))
    late = deadlines.lateness(submission.known_on, timezone.localdate(now), election.kind)
    due_on = late.deadline.due_on if late else deadlines.reporting_deadline(submission.known_on, election.kind).due_on
    code = codes.new_receipt_code()
    created_blobs: list[str] = []
    try:
        with transaction.atomic():
            report = Report.objects.create(
                **_reporter_fields(submission),
                **_reported_fields(submission),
                kind=ReportKind.TIP if submission.reporter is None else ReportKind.FORMAL,
                channel=channel,
                receipt_digest=codes.code_digest(code),
                received_at=now,
                election=election,
                act=act,
                act_other=submission.act_other.strip(),
                description=submission.description.strip(),
                occurred_on=submission.occurred_on,
                known_on=submission.known_on,
                place=submission.place.strip(),
                region=region,
                reporting_due_on=due_on,
                is_late=late is not None,
                late_reason=late.reason() if late else "",
            )
            _attach_evidence(report, files, now, created_blobs)
            ReportLink.objects.bulk_create(
                ReportLink(report=report, url=url, url_key=url_key(url)) for url in dict.fromkeys(submission.links)
            )
            StatusEvent.objects.create(report=report, status=ReportStatus.RECEIVED, at=now)
            audit.record(
                actor=actor,
                action="reports.submit",
                target=report,
                summary=f"{report.number} ({report.get_kind_display()}) {region.code} {report.act_label}",
            )
            # The queue is a table of this database: enqueued inside the transaction, the task exists exactly
            # when the report does, and the request pays for one commit instead of two.
            _queue_processing(report.pk)
    except Exception:
        # Another report may have linked the same bytes meanwhile; only unreferenced blobs go.
        for sha256 in created_blobs:
            if not Evidence.objects.filter(Q(sha256=sha256) | Q(viewable_sha256=sha256)).exists():
                evidence.delete_blob(sha256)
        raise
    return Receipt(report=report, code=codes.format_code(code))


def _queue_processing(report_id: int) -> None:
    from reports.tasks import process_new_report  # tasks import services

    process_new_report.enqueue(report_id=report_id)


def _checked_references(submission: Submission, *, today: date) -> tuple[Election, Region, Act | None]:
    """Check the submission and look up what it refers to; one ValidationError names every wrong field."""
    errors: dict[str, list] = {}
    try:
        check_submission(submission, today=today)
    except ValidationError as error:
        errors |= error.message_dict
    found = {}
    lookups = {
        "election": lambda: _election_for(submission.election, submission.occurred_on or today),
        "region": lambda: _region_for(submission.region),
    }
    for key, lookup in lookups.items():
        if key not in errors:
            try:
                found[key] = lookup()
            except ValidationError as error:
                errors |= error.message_dict
    if errors:
        raise ValidationError(errors)
    return (
        found["election"],
        found["region"],
        _act_for(submission.act, found["election"], found["region"], submission.occurred_on),
    )


def _election_for(slug: str, occurred_on: date) -> Election:
    elections = reference()
    election = elections.elections.get(slug) if slug else elections.election_on(occurred_on)
    if election is None and slug:
        raise ValidationError({"election": [_("Pemilihan “%(slug)s” tidak dikenal.") % {"slug": slug}]})
    if election is None:
        raise ValidationError({"election": [_("Belum ada data pemilihan; hubungi administrator.")]})
    return election


def _region_for(code: str) -> Region:
    region = reference().regencies.get(code) or Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationError({"region": [_("Kode wilayah “%(code)s” tidak dikenal.") % {"code": code}]})
    if "." not in code:
        raise ValidationError({"region": [_("Pilih kabupaten/kota (bukan hanya provinsi) tempat kejadian.")]})
    return region


def _act_for(code: str, election: Election, region: Region, occurred_on: date) -> Act | None:
    """The catalogue act, moved to its ethics or discipline twin by the date candidates were determined.

    The date is the latest determination among the election's national contests and those of the region's
    province and regency: until every relevant race has determined its candidates, an act may still concern a
    bakal calon.
    """
    if not code:
        return None
    snapshot = reference()
    act = snapshot.acts.get(code.strip().upper())
    if act is None:
        raise ValidationError({"act": [_("Jenis pelanggaran “%(code)s” tidak ada dalam katalog.") % {"code": code}]})
    if act.counterpart_id is None:
        return act
    determined = snapshot.determination_date(election, [*ancestor_codes(region.code), region.code][:2])
    phased = act_code_for_phase(act.code, act.counterpart_id, occurred_on, determined)
    return act if phased == act.code else act.counterpart


def _reporter_fields(submission: Submission) -> dict:
    reporter = submission.reporter
    witnesses = [{"name": w.name.strip(), "contact": w.contact.strip()} for w in submission.witnesses]
    fields = {"witnesses_sealed": json.dumps(witnesses, ensure_ascii=False) if witnesses else ""}
    if reporter is not None:
        fields |= {
            "reporter_name": reporter.name.strip(),
            "reporter_address": reporter.address.strip(),
            "reporter_nik": reporter.nik.strip(),
            "reporter_phone": reporter.phone.strip(),
            "reporter_email": reporter.email.strip(),
        }
    return fields


def _reported_fields(submission: Submission) -> dict:
    reported = submission.reported
    nip = normalise_nip(reported.nip)
    return {
        "reported_name": reported.name.strip(),
        "reported_nip": nip,
        "reported_agency": reported.agency.strip(),
        "reported_position": reported.position.strip(),
    }


def _attach_evidence(report: Report, files: list[evidence.InspectedFile], now, created_blobs: list[str]) -> None:
    rows = []
    for item in files:
        for data in (item.data, item.viewable):
            sha256, created = evidence.store_blob(data)
            if created:
                created_blobs.append(sha256)
        rows.append(
            Evidence(
                report=report,
                name=item.name,
                content_type=item.content_type,
                kind=item.kind,
                size=item.size,
                sha256=item.sha256,
                viewable_sha256=item.viewable_sha256,
                viewable_size=len(item.viewable),
                metadata_removed=item.metadata_removed,
                note=item.note,
                received_at=now,
            )
        )
    Evidence.objects.bulk_create(rows)


def inspect_files(uploads) -> list[evidence.InspectedFile]:
    """Check uploaded files (count and total size first, then each file's type, size and soundness) before
    anything is stored. `uploads` are Django UploadedFile objects (from the form or the API)."""
    evidence.check_batch([(upload.name, upload.size) for upload in uploads])
    return [evidence.inspect_upload(upload.name, upload.read()) for upload in uploads]


# --- After submission: duplicates and notification (run by reports.tasks.process_new_report)

_index = duplicates.DuplicateIndex()


def reset_duplicate_index() -> None:
    """Forget the in-process text index (it is rebuilt from the database on the next check)."""
    global _index
    _index = duplicates.DuplicateIndex()


def find_possible_duplicates(report: Report) -> list[PossibleDuplicate]:
    """Compare `report` with every earlier report and record why each may be the same matter.

    Same NIP, same name and agency, identical evidence file, same post URL, or a near-identical description
    (MinHash over the text). Records the signals; never merges or hides anything.
    """
    earlier = Report.objects.filter(pk__lt=report.pk)
    signals: dict[tuple[int, str], str] = {}
    if report.reported_nip:
        for other in earlier.filter(reported_nip=report.reported_nip).values_list("pk", flat=True)[:50]:
            signals[(other, DuplicateReason.SAME_NIP)] = _("NIP %(nip)s") % {"nip": report.reported_nip}
    elif report.reported_agency:
        same_person = earlier.filter(
            reported_name__iexact=report.reported_name, reported_agency__iexact=report.reported_agency
        )
        for other in same_person.values_list("pk", flat=True)[:50]:
            signals[(other, DuplicateReason.SAME_PERSON)] = f"{report.reported_name}, {report.reported_agency}"
    shas = list(report.evidence.values_list("sha256", flat=True))
    for other, sha256 in Evidence.objects.filter(sha256__in=shas, report__in=earlier).values_list("report", "sha256"):
        signals[(other, DuplicateReason.SAME_EVIDENCE)] = f"SHA-256 {sha256[:16]}…"
    links = ReportLink.objects.filter(report=report)
    keys = {link.url_key: link.url for link in links}
    for other, key in ReportLink.objects.filter(url_key__in=keys, report__in=earlier).values_list("report", "url_key"):
        signals[(other, DuplicateReason.SAME_LINK)] = keys[key][:300]
    fingerprint = duplicates.fingerprint(report.description)
    if fingerprint is not None:
        for other, score in _similar_earlier(report.pk, fingerprint):
            signals[(other, DuplicateReason.SIMILAR_TEXT)] = _("kemiripan uraian %(percent)d %%") % {
                "percent": round(score * 100)
            }
    found = [
        PossibleDuplicate(report=report, earlier_id=other, reason=reason, detail=detail)
        for (other, reason), detail in sorted(signals.items())
    ]
    with transaction.atomic():
        PossibleDuplicate.objects.bulk_create(found, ignore_conflicts=True)
        report.text_fingerprint = fingerprint
        report.duplicates_checked = True
        report.has_possible_duplicates = bool(found)
        report.save(update_fields=["text_fingerprint", "duplicates_checked", "has_possible_duplicates"])
    return found


def _similar_earlier(report_id: int, fingerprint: bytes) -> list[tuple[int, float]]:
    """Earlier reports with a near-identical description; the index is a cache, the database decides."""
    newer = Report.objects.filter(
        pk__gt=_index.high_water, pk__lt=report_id, text_fingerprint__isnull=False
    ).values_list("pk", "text_fingerprint")
    _index.add_many((pk, bytes(stored)) for pk, stored in newer.iterator(chunk_size=2000))
    candidates = [pk for pk, _score in _index.query(fingerprint, exclude=report_id) if pk < report_id]
    stored = Report.objects.filter(pk__in=candidates, text_fingerprint__isnull=False).values_list(
        "pk", "text_fingerprint"
    )
    scored = [(pk, duplicates.similarity(fingerprint, bytes(value))) for pk, value in stored]
    return [(pk, score) for pk, score in scored if score >= duplicates.THRESHOLD]


def notify_office(report: Report) -> int:
    """E-mail the responsible office that a report arrived. The message carries no personal data."""
    recipients = bawaslu_addresses(report.office_region_code)
    if not recipients:
        logger.warning("No Bawaslu address to notify of report %s (office %s)", report.pk, report.office_region_code)
        return 0
    region = Region.objects.get(code=report.office_region_code)
    subject = _("[Sinetra] %(kind)s baru %(number)s — %(region)s") % {
        "kind": report.get_kind_display(),
        "number": report.number,
        "region": region.name,
    }
    lines = [
        _("Nomor: %(number)s") % {"number": report.number},
        _("Diterima: %(at)s") % {"at": timezone.localtime(report.received_at).strftime("%d-%m-%Y %H.%M")},
        _("Jenis pelanggaran: %(act)s") % {"act": report.act_label},
        _("Wilayah: %(code)s %(name)s") % {"code": report.region_id, "name": region.name},
    ]
    if report.is_late:
        lines.append(_("Perhatian: melewati batas waktu pelaporan."))
    if report.has_possible_duplicates:
        lines.append(_("Perhatian: kemungkinan duplikat laporan lain."))
    lines.append(settings.SITE_URL.rstrip("/") + reverse("reports:detail", args=[report.pk]))
    return send_mail(subject, "\n".join(lines), None, recipients)


def match_registry(report: Report) -> None:
    """Link the report to the registry's ASN with the reported NIP, if there is one."""
    if report.reported_nip and report.reported_asn_id is None:
        asn = ASN.objects.filter(nip=report.reported_nip).first()
        if asn is not None:
            report.reported_asn = asn
            report.save(update_fields=["reported_asn"])


def process_new_report(report: Report) -> None:
    """After submission: match the registry, look for duplicates, then tell the office (so the e-mail can
    mention them). Kept out of the request, which must stay fast when many report at once."""
    match_registry(report)
    if not report.duplicates_checked:
        find_possible_duplicates(report)
    notify_office(report)


# --- Staff actions


def change_report_status(*, report: Report, to: str, actor, note: str = "") -> None:
    """A supervisor takes the report into review, accepts it into handling (which opens its case), sets it
    aside (with a reason the reporter sees) or takes it back into review (with a reason)."""
    if to == ReportStatus.ACCEPTED:
        from cases.services import open_case_from_report  # cases build on reports

        open_case_from_report(report=report, actor=actor)
        return
    change_status(report, to, actor=actor, note=note)


def reveal_reporter(*, report: Report, actor) -> dict:
    """The reporter's identity for a supervisor handling the report; every look is written to the audit log."""
    if not rules.can_handle_report(actor, report):
        raise PermissionDenied
    with transaction.atomic():
        audit.record(actor=actor, action="reports.reveal_reporter", target=report, summary=report.number)
    return {
        "name": report.reporter_name,
        "nik": report.reporter_nik,
        "phone": report.reporter_phone,
        "email": report.reporter_email,
        "address": report.reporter_address,
        "witnesses": report.witnesses,
    }


def read_evidence(*, item: Evidence, actor, original: bool = False) -> bytes:
    """The bytes of an evidence file, verified against the SHA-256 recorded at receipt.

    The original (with its metadata, e.g. GPS position) is opened only on purpose, and that is audited.
    """
    if original:
        with transaction.atomic():
            audit.record(actor=actor, action="reports.open_original", target=item.report, summary=item.sha256)
        return evidence.read_blob(item.sha256)
    return evidence.read_blob(item.viewable_sha256)
