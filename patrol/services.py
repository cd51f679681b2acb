"""Actions on patrol findings: storing the pipeline's assessments, a supervisor's decision (confirm → case, or
reject with a reason), collector keys, and stance model versions. Each writes its audit row in its transaction."""

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acts.models import Act
from cases.models import Case
from cases.services import open_finding
from core import audit
from elections.models import Candidate, Contest, Election
from patrol import rules
from patrol.assessment import Assessment
from patrol.models import CollectorKey, Finding, FindingPost, FindingStatus, RejectReason, StanceModelVersion
from regions.models import Region
from registry.models import ASN

SECRET_PREFIX = "sinetra_col_"  # noqa: S105 (a visible prefix, so a leaked key is recognisable)


@dataclass(frozen=True)
class RecordResult:
    created: int = 0
    updated: int = 0
    posts_added: int = 0
    skipped: int = 0  # findings whose election is not in the database (a stale pipeline context)
    findings: tuple[tuple[str, int, bool], ...] = ()  # (key, finding id, created) in input order, one per key


class _References:
    """Looks up the ids and codes an assessment names, once per batch; unknown ones resolve to None."""

    def __init__(self, assessments: list[Assessment]):
        self.acts = _pks(Act.objects.filter(code__in={a.act_code for a in assessments}))
        self.elections = dict(
            Election.objects.filter(slug__in={a.election_slug for a in assessments}).values_list("slug", "pk")
        )
        self.contests = _pks(Contest.objects.filter(pk__in=_ids(a.contest_id for a in assessments)))
        self.candidates = _pks(Candidate.objects.filter(pk__in=_ids(a.candidate_id for a in assessments)))
        self.regions = _pks(Region.objects.filter(pk__in={a.region_code for a in assessments}))
        asns = ASN.objects.filter(pk__in=_ids(a.asn_id for a in assessments)) | ASN.objects.filter(
            nip__in={a.nip for a in assessments if a.nip}
        )
        self.asn_by_id = {asn.pk: asn for asn in asns.only("pk", "nip", "region_id")}
        self.asn_by_nip = {asn.nip: asn for asn in self.asn_by_id.values()}

    def fields(self, item: Assessment) -> dict | None:
        """The finding's columns from `item`, or None when its election is unknown."""
        election_id = self.elections.get(item.election_slug)
        if election_id is None:
            return None
        asn = self.asn_by_id.get(item.asn_id) or self.asn_by_nip.get(item.nip)
        region_id = item.region_code if item.region_code in self.regions else (asn.region_id if asn else None)
        return {
            "asn_id": asn.pk if asn else None,
            "nip": item.nip or (asn.nip if asn else ""),
            "platform": item.platform,
            "author_handle": item.author_handle[:100],
            "author_name": item.author_name[:200],
            "act_id": item.act_code if item.act_code in self.acts else None,
            "election_id": election_id,
            "contest_id": item.contest_id if item.contest_id in self.contests else None,
            "candidate_id": item.candidate_id if item.candidate_id in self.candidates else None,
            "targets": list(item.targets),
            "day": item.day,
            "score": item.score,
            "explanation": explanation_of(item),
            "region_id": region_id,
        }


def _pks(queryset) -> set:
    return set(queryset.values_list("pk", flat=True))


def _ids(values: Iterable[int | None]) -> set[int]:
    return {value for value in values if value is not None}


def explanation_of(item: Assessment) -> dict:
    """What the pipeline saw in `item`, as the review page explains it."""
    return {
        "reasons": list(item.reasons),
        "terms": list(item.terms),
        "targets": list(item.targets),
        "stance": item.stance,
        "rule_score": item.rule_score,
        "model_score": item.model_score,
        "link": {"method": item.link_method, "confidence": item.link_confidence, "evidence": item.link_evidence},
        "notes": list(item.explanation),
    }


def record_assessments(assessments: Iterable[Assessment], *, source: str) -> RecordResult:
    """Store the findings among `assessments` (only `is_finding` ones), grouped by key.

    A post whose key already has a finding joins it: the post is archived, the score becomes the maximum (with
    the explanation of the strongest post) and `last_seen_at` moves on. A decided finding keeps its decision
    and still archives the post. References the database lacks (act, contest, candidate, ASN, region) are
    left empty; an assessment of an unknown election is skipped. One transaction; an audit row (actor: the
    system) for each finding created.
    """
    items = [item for item in assessments if item.is_finding]
    if not items:
        return RecordResult()
    references = _References(items)
    created = updated = posts_added = skipped = 0
    outcome: dict[str, tuple[int, bool]] = {}
    now = timezone.now()
    with transaction.atomic():
        for item in items:
            fields = references.fields(item)
            if fields is None:
                skipped += 1
                continue
            finding, is_new = _finding_for(item.key, fields, now)
            if is_new:
                created += 1
                audit.record(actor=None, action="patrol.finding_created", target=finding,
                             summary=f"{finding}", changes={"source": source, "score": finding.score})  # fmt: skip
            elif item.key not in outcome:
                updated += 1
            outcome.setdefault(item.key, (finding.pk, is_new))
            posts_added += _archive(finding, item, source)
    findings = tuple((key, pk, was_created) for key, (pk, was_created) in outcome.items())
    return RecordResult(created, updated, posts_added, skipped, findings)


class PipelineUnavailableError(RuntimeError):
    """`patrol.scan` (the pipeline) is not installed in this deployment."""


@dataclass(frozen=True)
class ReceiveResult:
    accepted: int
    rejected: list[tuple[int, str]]
    recorded: RecordResult


def receive_posts(records: list[dict], *, source: str) -> ReceiveResult:
    """Judge posts a collector delivered (`patrol.scan.assess_records`, against the database's reference data)
    and store the findings among them. Rejected posts are reported by index with the pipeline's reason."""
    try:
        from patrol import scan  # the pipeline loads heavy libraries; only this service needs it
    except ImportError as error:
        raise PipelineUnavailableError from error
    assessments, rejected = scan.assess_records(records, scan.context_from_database(), source=source)
    recorded = record_assessments(assessments, source=source)
    return ReceiveResult(accepted=len(records) - len(rejected), rejected=list(rejected), recorded=recorded)


def _finding_for(key: str, fields: dict, now) -> tuple[Finding, bool]:
    finding, is_new = Finding.objects.select_for_update().get_or_create(
        key=key, defaults={**fields, "first_seen_at": now, "last_seen_at": now}
    )
    if not is_new:
        finding.last_seen_at = now
        changed = ["last_seen_at"]
        if fields["score"] > finding.score:
            finding.score, finding.explanation = fields["score"], fields["explanation"]
            changed += ["score", "explanation"]
        finding.save(update_fields=changed)
    return finding, is_new


def _archive(finding: Finding, item: Assessment, source: str) -> int:
    """Archive the post of `item` under `finding` unless it is already there; 1 when it was added."""
    if finding.posts.filter(platform=item.platform, post_id=item.post_id).exists():
        return 0
    FindingPost.objects.create(
        finding=finding, platform=item.platform, post_id=item.post_id, url=item.url[:2000], kind=item.kind,
        text=item.text, media_text=item.media_text, posted_at=item.posted_at, raw=item.raw,
        raw_sha256=item.raw_sha256, captured_at=item.captured_at, source=source[:300], stance=item.stance,
        score=item.score, reasons=list(item.reasons),
    )  # fmt: skip
    return 1


def _lock_undecided(finding: Finding, actor) -> Finding:
    """The finding's row, locked, still undecided and decidable by `actor` (else PermissionDenied/ValidationError)."""
    if not rules.can_decide_finding(actor, finding):
        raise PermissionDenied
    locked = Finding.objects.select_for_update().get(pk=finding.pk)
    if locked.status != FindingStatus.NEW:
        raise ValidationError(_("Temuan ini sudah diputuskan (%(status)s).") % {"status": locked.get_status_display()})
    return locked


def confirm_finding(finding: Finding, *, actor, region: Region | None = None, note: str = "") -> Case:
    """Confirm a finding: open a case (`cases.services.open_finding`) for the ASN, act and day, with the posts,
    their links and evidence hashes in its summary, and link it. A finding without a region needs `region`."""
    with transaction.atomic():
        locked = _lock_undecided(finding, actor)
        region = locked.region or region
        if region is None:
            raise ValidationError({"region": [_("Pilih wilayah kejadian: ASN ini belum diketahui wilayah kerjanya.")]})
        asn = locked.asn
        details = {"act": locked.act, "reported_nip": locked.nip, "reported_asn": asn}
        if asn is not None and asn.agency_id:
            details |= {"reported_agency": asn.agency, "reported_agency_name": asn.agency.name}
        case = open_finding(
            actor=actor, election=locked.election, region=region, summary=case_summary(locked, note),
            occurred_on=locked.day, reported_name=locked.who, **details,
        )  # fmt: skip
        _decide(locked, actor, FindingStatus.CONFIRMED, note=note, case=case)
    finding.refresh_from_db()
    return case


def case_summary(finding: Finding, note: str = "") -> str:
    """The case's description of a patrol finding: who, which act, which candidate, and every archived post."""
    lines = [
        _("Temuan patroli siber: %(who)s (%(platform)s @%(handle)s).")
        % {"who": finding.who, "platform": finding.platform, "handle": finding.author_handle},
    ]
    if finding.act_id:
        lines.append(_("Dugaan pelanggaran: %(act)s.") % {"act": f"{finding.act_id} {finding.act.public_title}"})
    if finding.candidate_id:
        lines.append(_("Calon: %(candidate)s.") % {"candidate": finding.candidate.name})
    elif finding.targets:
        lines.append(_("Sasaran: %(targets)s.") % {"targets": ", ".join(finding.targets)})
    lines.append(_("Unggahan (diarsipkan dengan SHA-256):"))
    for post in finding.posts.order_by("posted_at", "id"):
        local = timezone.localtime(post.posted_at)
        lines.append(f"- {local:%Y-%m-%d %H:%M} {post.kind} {post.url or post.post_id} sha256={post.raw_sha256}")
    if note.strip():
        lines.append(_("Catatan pengawas: %(note)s") % {"note": note.strip()})
    return "\n".join(lines)


def reject_finding(finding: Finding, *, actor, reason: str, note: str = "") -> Finding:
    """Reject a finding with one of `RejectReason`; "lainnya" needs a note. Its posts stay archived."""
    if reason not in RejectReason.values:
        raise ValidationError({"reason": [_("Pilih alasan penolakan.")]})
    if reason == RejectReason.OTHER and not note.strip():
        raise ValidationError({"note": [_("Jelaskan alasan penolakan.")]})
    with transaction.atomic():
        locked = _lock_undecided(finding, actor)
        _decide(locked, actor, FindingStatus.REJECTED, note=note, reason=reason)
    finding.refresh_from_db()
    return finding


def _decide(finding: Finding, actor, status: str, *, note: str, reason: str = "", case: Case | None = None) -> None:
    finding.status, finding.decided_by, finding.decided_at = status, actor, timezone.now()
    finding.reject_reason, finding.decision_note, finding.case = reason, note.strip(), case
    finding.save(update_fields=["status", "decided_by", "decided_at", "reject_reason", "decision_note", "case"])
    audit.record(actor=actor, action=f"patrol.finding_{'confirmed' if case else 'rejected'}", target=finding,
                 summary=str(finding), changes={"status": status, "reason": reason, "note": note.strip(),
                                                "case": case.pk if case else None})  # fmt: skip


def create_collector_key(*, actor, name: str) -> tuple[CollectorKey, str]:
    """A new key for a collector; the secret is returned once and only its SHA-256 is kept."""
    if not rules.can_manage_collectors(actor):
        raise PermissionDenied
    if not name.strip():
        raise ValidationError({"name": [_("Beri nama kolektor.")]})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        key = CollectorKey.objects.create(name=name.strip()[:80], key_digest=digest(secret), created_by=actor)
        audit.record(actor=actor, action="patrol.collector_key_created", target=key, summary=key.name)
    return key, secret


def revoke_collector_key(key: CollectorKey, *, actor) -> CollectorKey:
    """Stop accepting a key (from the next request on)."""
    if not rules.can_manage_collectors(actor):
        raise PermissionDenied
    with transaction.atomic():
        CollectorKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        audit.record(actor=actor, action="patrol.collector_key_revoked", target=key, summary=key.name)
    key.refresh_from_db()
    return key


def authenticate_collector(secret: str) -> CollectorKey | None:
    """The collector key whose secret this is, if not revoked; notes when it was last used (no audit row: a
    heartbeat, not an action)."""
    if not secret or len(secret) > 200:
        return None
    key = CollectorKey.objects.filter(key_digest=digest(secret), revoked_at__isnull=True).first()
    if key is not None:
        CollectorKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def save_stance_model(*, actor, blob: bytes, examples: int, metrics: dict) -> StanceModelVersion:
    """Store a trained stance model and make it the active one (the previous one is kept, inactive)."""
    if not rules.can_save_stance_model(actor):
        raise PermissionDenied
    with transaction.atomic():
        # Lock the active row so two trainings finishing at once take turns; the partial unique index backs this.
        list(StanceModelVersion.objects.select_for_update().filter(is_active=True).values_list("pk", flat=True))
        StanceModelVersion.objects.filter(is_active=True).update(is_active=False)
        version = StanceModelVersion.objects.create(
            created_by=actor, blob=blob, sha256=hashlib.sha256(blob).hexdigest(), examples=examples,
            metrics=metrics, is_active=True,
        )  # fmt: skip
        audit.record(actor=actor, action="patrol.stance_model_saved", target=version, summary=version.sha256,
                     changes={"examples": examples, "metrics": metrics})  # fmt: skip
    return version
