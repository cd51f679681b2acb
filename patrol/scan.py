"""The patrol pipeline for one post, and for a batch: who wrote it, which election it concerns, does it take a side.

For each post (`assess_batch`):

1. **Who** — `Registry.link`: a registered ASN account, or a bio/display name declaring ASN status or position.
   Posts whose author is not linked with at least ``Thresholds.link`` confidence stop here (most of a
   timeline), so the rest of the pipeline runs only on ASN posts.
2. **When / which election** — the local date (WIB) of the post picks the elections whose patrol period
   covers it (`ElectionBook.elections_on`).
3. **What** — the text, media text and acted-on account are normalised (`patrol.normalize`) and matched by the
   election's automaton for the ASN's region (`ElectionBook.automaton`); `patrol.partisanship.judge` gives the
   explicit-rule stance and reasons.
4. **Decision** (`decide`) — the rule score and the classifier's probability (`patrol.classifier`) are
   combined: ``score = RULE_WEIGHT × rule + (1 − RULE_WEIGHT) × model``. A finding needs ``score ≥
   Thresholds.finding``. Posts with no election content at all (no mention, no election word) are never
   findings.
5. **Act** — DSP-06 for posts, comments, shares, likes and follows; DSP-07 for photos with a candidate;
   mapped to the ethics twin (ETK-04 / ETK-05) when the post predates the contest's candidate determination
   (`acts.phase.act_code_for_phase`).

`ScanContext` holds everything a worker needs (book, registry, model, thresholds) and pickles, so the same
code runs in this process, in a process pool and on Dask workers (`patrol.engine`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from acts.phase import act_code_for_phase, shipped_counterparts
from patrol.assessment import Assessment, evidence_hash
from patrol.automaton import CANDIDATE, Mention
from patrol.book import ElectionBook
from patrol.classifier import StanceModel, model_text
from patrol.linkage import Registry
from patrol.normalize import normalize
from patrol.partisanship import Stance, judge
from patrol.schema import Post, PostError, PostKind, normalise_handle, post_from_mapping

LOCAL_ZONE = ZoneInfo("Asia/Jakarta")
# Chosen on the training set with cross-validated model scores (best recall at precision >= 0.93 there);
# the held-out set played no part. See bench/README.md, "patrol_eval".
RULE_WEIGHT = 0.2
DSP_SOCIAL, DSP_PHOTO = "DSP-06", "DSP-07"
_ACTED_ON = {PostKind.LIKE, PostKind.SHARE, PostKind.FOLLOW, PostKind.COMMENT, PostKind.REPLY}


@dataclass(frozen=True)
class Thresholds:
    link: float = 0.5  # weakest ASN link that is worth judging (a declared position: 0.5)
    finding: float = 0.45  # combined score from which a partisan ASN post is a finding
    model_alone: float = 0.6  # model score that makes a post partisan when no election word or candidate shows


@dataclass
class ScanContext:
    book: ElectionBook
    registry: Registry
    model: StanceModel | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    counterparts: dict[str, str] = field(default_factory=shipped_counterparts)


@dataclass
class _Pending:
    """A linked post waiting for the batched classifier call."""

    post: Post
    raw: dict
    link: object
    day: date
    election_id: int
    mentions: list[Mention]
    verdict: object
    model_input: str
    has_election_content: bool


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_ZONE).date()


def acted_on_account(post: Post) -> str:
    """The acted-on account as a normalised "@handle" token, when the target names one."""
    target = post.target.strip()
    if post.kind not in _ACTED_ON or not target:
        return ""
    if target.startswith("@"):
        return "@" + normalise_handle(target)
    if "/" in target:  # https://instagram.com/handle/ or https://x.com/handle/status/1
        parts = [part for part in target.split("/") if part and "." not in part and ":" not in part]
        if parts and not parts[0].isdigit() and parts[0] not in {"p", "reel", "status", "watch", "posts"}:
            return "@" + normalise_handle(parts[0])
    return ""


def _prepare(post: Post, raw: dict, context: ScanContext) -> _Pending | None:
    links = context.registry.link(post)
    if not links or links[0].confidence < context.thresholds.link:
        return None
    day = local_day(post.posted_at)
    elections = context.book.elections_on(day)
    if not elections:
        return None
    link = links[0]
    text = normalize(post.text)
    media = normalize(post.media_text)
    account = acted_on_account(post)
    # hashtags an export lists apart from the text (Instagram) count as if written in it
    extra_tags = " ".join(f"#{tag}" for tag in post.hashtags if f"#{tag}" not in post.text.lower())
    combined = " ".join(part for part in (text, media, account, normalize(extra_tags) if extra_tags else "") if part)
    best = None
    for election in elections:
        automaton = context.book.automaton(election.id, link.region_code or None)
        mentions = automaton.find(combined)
        verdict = judge(combined, mentions, post.kind, media_text=post.media_text)
        rank = (verdict.stance in (Stance.SUPPORT, Stance.ATTACK), verdict.score, len(mentions))
        if best is None or rank > best[0]:
            best = (rank, election, mentions, verdict)
    _, election, mentions, verdict = best
    has_content = bool(mentions) or verdict.stance != Stance.NONE
    return _Pending(
        post, raw, link, day, election.id, mentions, verdict, model_text(combined, mentions, post.kind), has_content
    )


def decide(rule_stance: str, rule_score: float, model_score: float, has_election_content: bool, limits: Thresholds):
    """(is partisan, combined score) for one post: the finding decision, apart from who wrote it."""
    if not has_election_content:
        return model_score >= limits.model_alone, round(model_score, 4)
    rule_part = rule_score if rule_stance in (Stance.SUPPORT, Stance.ATTACK) else 0.0
    score = RULE_WEIGHT * rule_part + (1 - RULE_WEIGHT) * model_score
    return score >= limits.finding, round(score, 4)


def _act(pending: _Pending, context: ScanContext) -> tuple[str, int | None, int | None]:
    """(act code, contest id, candidate id) for a partisan post."""
    code = pending.verdict.act_hint or DSP_SOCIAL
    candidates = [m.target for m in pending.mentions if m.target.kind == CANDIDATE]
    contest_id = candidates[0].contest_id if candidates else None
    candidate_id = candidates[0].candidate_id if len({t.candidate_id for t in candidates}) == 1 else None
    contest = context.book.contest_by_id.get(contest_id) if contest_id else None
    if contest is not None:
        determination = contest.determination_date
    else:  # no candidate named: the earliest determination of the election decides (the safe side: ethics)
        dates = [
            c.determination_date
            for c in context.book.contests
            if c.election_id == pending.election_id and c.determination_date
        ]
        determination = min(dates) if dates else None
    code = act_code_for_phase(code, context.counterparts.get(code), pending.day, determination)
    return code, contest_id, candidate_id


def _assessment(pending: _Pending, model_score: float, context: ScanContext, source: str, captured_at: datetime):
    verdict = pending.verdict
    partisan, score = decide(
        verdict.stance, verdict.score, model_score, pending.has_election_content, context.thresholds
    )
    if not pending.has_election_content and not partisan:
        return None
    stance = str(verdict.stance)
    reasons = list(verdict.reasons)
    if partisan and verdict.stance not in (Stance.SUPPORT, Stance.ATTACK):
        stance = str(Stance.SUPPORT)
        reasons.append(f"model bahasa menilai konten berpihak (probabilitas {model_score:.2f})")
    act_code, contest_id, candidate_id = _act(pending, context) if partisan else ("", None, None)
    post, link = pending.post, pending.link
    election = context.book.election_by_id[pending.election_id]
    targets = tuple(dict.fromkeys(m.target.label for m in pending.mentions))
    terms = tuple(dict.fromkeys(m.term for m in pending.mentions))
    named = f"{', '.join(targets)} (kata: {', '.join(terms)})" if targets else "tidak dikenali registry"
    explanation = (
        f"Siapa: {link.evidence} (keyakinan {link.confidence:.2f}).",
        f"Calon/partai: {named}.",
        f"Aturan: {verdict.stance} {verdict.score:.2f}; model: {model_score:.2f}; gabungan {score:.2f}.",
    )
    return Assessment(
        platform=post.platform,
        post_id=post.post_id,
        url=post.url,
        author_handle=post.author_handle,
        author_name=post.author_name,
        kind=str(post.kind),
        text=post.text,
        media_text=post.media_text,
        posted_at=post.posted_at,
        raw=pending.raw,
        raw_sha256=evidence_hash(pending.raw),
        captured_at=captured_at,
        source=source,
        asn_id=link.asn_id,
        nip=link.nip,
        link_method=link.how,
        link_confidence=link.confidence,
        link_evidence=link.evidence,
        region_code=link.region_code,
        election_slug=election.slug,
        contest_id=contest_id,
        candidate_id=candidate_id,
        targets=targets,
        terms=terms,
        stance=stance,
        rule_score=round(verdict.score, 4),
        model_score=round(model_score, 4),
        score=score,
        reasons=tuple(reasons),
        act_code=act_code,
        day=pending.day,
        is_finding=partisan,
        explanation=explanation,
    )


def assess_batch(
    items: list[tuple[Post, dict]], context: ScanContext, *, source: str = "", captured_at: datetime | None = None
) -> list[Assessment]:
    """Assessments of the linked, election-related posts among `items` ((post, record as received) pairs)."""
    captured_at = captured_at or datetime.now(UTC)
    pending = [p for post, raw in items if (p := _prepare(post, raw, context)) is not None]
    if not pending:
        return []
    if context.model is not None:
        scores = context.model.partisan_probability([p.model_input for p in pending]).tolist()
    else:
        scores = [0.0] * len(pending)
    out = []
    for item, score in zip(pending, scores, strict=True):
        assessment = _assessment(item, score, context, source, captured_at)
        if assessment is not None:
            out.append(assessment)
    return out


def assess_records(
    records: list[dict], context: ScanContext, source: str
) -> tuple[list[Assessment], list[tuple[int, str]]]:
    """Validate records against the post schema and assess the valid ones; rejects are (index, reason)."""
    items, rejects = [], []
    for index, record in enumerate(records):
        if not isinstance(record, dict):  # a collector's list may hold anything JSON can
            rejects.append((index, "not a JSON object"))
            continue
        try:
            items.append((post_from_mapping(record), record))
        except PostError as error:
            rejects.append((index, error.reason))
    return assess_batch(items, context, source=source), rejects


# -- the context of this installation ---------------------------------------------------------------------------

_cached: tuple[float, ScanContext] | None = None
_cache_lock = threading.Lock()
CONTEXT_TTL_SECONDS = 300


def context_from_database(*, refresh: bool = False) -> ScanContext:
    """The registry, elections and active model of this installation, cached for a few minutes per process.

    The API (one small batch per request) must not rebuild a registry of millions of rows per call; a scan
    from the command line builds its own with ``refresh=True``.
    """
    global _cached
    from patrol.training import active_model

    with _cache_lock:
        if not refresh and _cached is not None and time.monotonic() - _cached[0] < CONTEXT_TTL_SECONDS:
            return _cached[1]
        context = ScanContext(ElectionBook.from_database(), Registry.from_database(), active_model())
        _cached = (time.monotonic(), context)
        return context


def forget_context() -> None:
    global _cached
    with _cache_lock:
        _cached = None
