"""Reads of patrol findings, scoped like reports (`patrol.rules`), and the data the stance training needs."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from accounts import rules as account_rules
from patrol import rules
from patrol.models import Finding, FindingPost, FindingStatus, RejectReason, StanceModelVersion


@dataclass
class FindingFilters:
    status: str = FindingStatus.NEW
    act: str = ""
    region: str = ""
    min_score: float | None = None


def findings_visible_to(user) -> QuerySet[Finding]:
    """Findings in the user's area; those without a region for the national level only (fails closed)."""
    queryset = Finding.objects.select_related("asn", "act", "candidate", "region", "election")
    if not rules.reviews_findings(user):
        return queryset.none()
    return account_rules.restrict(queryset, user, region="region")


def review_queue(user, filters: FindingFilters | None = None) -> QuerySet[Finding]:
    """Findings to review, strongest and most recent first, with their number of posts."""
    filters = filters or FindingFilters()
    queryset = findings_visible_to(user)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.act:
        queryset = queryset.filter(act_id=filters.act)
    if filters.region:
        queryset = queryset.filter(account_rules.region_scope_q("region", filters.region))
    if filters.min_score is not None:
        queryset = queryset.filter(score__gte=filters.min_score)
    return queryset.annotate(post_count=Count("posts")).order_by("-score", "-last_seen_at", "-id")


def status_counts(user) -> dict[str, int]:
    """How many visible findings are in each status (every status present, zero included)."""
    rows = findings_visible_to(user).order_by().values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(FindingStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def finding_for_user(user, finding_id: int) -> Finding:
    finding = findings_visible_to(user).filter(pk=finding_id).first()
    if finding is None:
        raise Http404
    return finding


def active_stance_model() -> StanceModelVersion | None:
    return StanceModelVersion.objects.filter(is_active=True).first()


def training_decisions() -> Iterator[tuple[str, str, str, int]]:
    """(text, media_text, kind, label) for each post of a decided finding: 1 when the finding was confirmed, 0
    when it was rejected as neutral content. Other reject reasons (wrong person, wrong candidate, duplicate)
    say nothing about the text, so their posts are left out."""
    posts = FindingPost.objects.filter(finding__status=FindingStatus.CONFIRMED) | FindingPost.objects.filter(
        finding__status=FindingStatus.REJECTED, finding__reject_reason=RejectReason.NEUTRAL
    )
    rows = posts.order_by("id").values_list("text", "media_text", "kind", "finding__status")
    for text, media_text, kind, status in rows.iterator(chunk_size=2000):
        yield text, media_text, kind, int(status == FindingStatus.CONFIRMED)
