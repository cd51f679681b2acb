"""Explicit-rule partisanship decision for one post: does it show support for (or an attack on) a candidate?

`judge(normalised_text, mentions, kind, media_text="") -> Verdict`

* ``normalised_text`` is the output of `patrol.normalize.normalize`; ``mentions`` are the
  `patrol.automaton.Mention` objects found in that same text (offsets into it).
* Cues come from ``patrol/data/partisanship.toml`` (loaded once) and are matched over tokens, greedy
  longest-phrase-first across all lists, so "gunakan hak pilih" (neutral) is not read as "pilih" (support).
* A support/attack cue counts only within ``window`` tokens of a mention; a cancelling negator just before a
  support cue ("bukan ajakan memilih") drops it, "jangan" before one ("jangan coblos") makes it an attack.
* A like/share/follow (comment/reply) whose mentions include a campaign ``account`` is SUPPORT by the act
  itself (SKB 2/2022 ETK-04/DSP-06); a follow scores lower and says it needs human review (domain §11.6).

Stances: SUPPORT and ATTACK are partisan (the caller decides what to do with ATTACK); NEUTRAL is election
content an ASN may share (turnout appeals, voter information, news naming a candidate without a cue);
NONE is no election content.

``score`` is the strength of the evidence of partisanship in [0, 1]: 1 - prod(1 - weight) over the
cues found for the chosen stance (so more cues -> higher); NEUTRAL is 0.05-0.15 and NONE is 0.0, so a
later classifier can be combined with it on one scale.

``act_hint`` is "DSP-07" when a gesture sits next to a mention or a photo (caption or media text) shows a
candidate, "DSP-06" for other partisan posts/comments/shares/likes/follows, "" for NEUTRAL/NONE. The caller
maps DSP to ETK for acts before the candidates' determination date.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from patrol.automaton import Mention
from patrol.normalize import normalize
from patrol.schema import PostKind

__all__ = ["DATA_PATH", "Stance", "Verdict", "judge", "rules"]

DATA_PATH = Path(__file__).resolve().parent / "data" / "partisanship.toml"
_TOKEN_RE = re.compile(r"\S+")

DSP_SOCIAL = "DSP-06"
DSP_PHOTO = "DSP-07"


class Stance(StrEnum):
    SUPPORT = "support"
    ATTACK = "attack"
    NEUTRAL = "neutral"
    NONE = "none"


@dataclass(frozen=True)
class Verdict:
    stance: Stance
    score: float
    reasons: tuple[str, ...] = ()
    act_hint: str = ""


@dataclass(frozen=True)
class _Cue:
    category: str  # support | gesture | attack | neutral | context | negator_cancel | negator_attack | photo
    label: str
    weight: float


@dataclass(frozen=True)
class Rules:
    phrases: dict[tuple[str, ...], _Cue]
    max_len: int
    window: int
    negation_reach: int
    weak_weight: float
    weak_window: int
    gesture_number_weight: float
    act_weights: dict[str, float]


def _build(data: dict) -> Rules:
    phrases: dict[tuple[str, ...], _Cue] = {}

    def add(words: list[str], cue: _Cue) -> None:
        for phrase in words:
            key = tuple(normalize(phrase).split()) if not phrase.startswith("<emoji:") else (phrase,)
            if key and key not in phrases:
                phrases[key] = cue

    # Order matters only for duplicates: the first list naming a phrase keeps it.
    add(data["neutral"]["cues"], _Cue("neutral", data["neutral"].get("label", "netral"), 0.0))
    for group in data.get("attack", []):
        add(group["cues"], _Cue("attack", group["label"], float(group["weight"])))
    for group in data.get("support", []):
        add(group["cues"], _Cue("support", group["label"], float(group["weight"])))
    gesture = data["gesture"]
    add(gesture["tokens"], _Cue("gesture", gesture.get("label", "gestur"), float(gesture["weight"])))
    add(data["negators"]["attack"], _Cue("negator_attack", "negasi", 0.0))
    add(data["negators"]["cancel"], _Cue("negator_cancel", "negasi", 0.0))
    photo = data["photo"]
    add(photo.get("with_cues", []), _Cue("photo_with", "foto bersama", float(photo.get("with_weight", 0.6))))
    add(photo["cues"], _Cue("photo", "foto", 0.0))
    add(data["context"]["cues"], _Cue("context", "pemilu", 0.0))
    settings = data.get("settings", {})
    return Rules(
        phrases=phrases,
        max_len=max(len(k) for k in phrases),
        window=int(settings.get("window", 6)),
        negation_reach=int(settings.get("negation_reach", 2)),
        weak_weight=float(settings.get("weak_weight", 0.5)),
        weak_window=int(settings.get("weak_window", 1)),
        gesture_number_weight=float(gesture.get("number_weight", gesture["weight"])),
        act_weights={k: float(v) for k, v in data.get("acts", {}).items()},
    )


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The word lists, loaded once from `DATA_PATH`."""
    with DATA_PATH.open("rb") as fh:
        return _build(tomllib.load(fh))


@dataclass(frozen=True)
class _Hit:
    cue: _Cue
    phrase: str
    first: int  # token index, inclusive
    last: int  # token index, inclusive


def _tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    toks, spans = [], []
    for m in _TOKEN_RE.finditer(text):
        toks.append(m.group(0))
        spans.append((m.start(), m.end()))
    return toks, spans


def _scan(toks: list[str], skip: set[int], r: Rules) -> list[_Hit]:
    """Greedy longest-first phrase matching; tokens in ``skip`` (inside mentions) start no cue."""
    hits: list[_Hit] = []
    i = 0
    while i < len(toks):
        if i in skip:
            i += 1
            continue
        for n in range(min(r.max_len, len(toks) - i), 0, -1):
            key = tuple(toks[i : i + n])
            cue = r.phrases.get(key)
            if cue is not None and not any(j in skip for j in range(i, i + n)):
                hits.append(_Hit(cue, " ".join(key), i, i + n - 1))
                i += n
                break
        else:
            i += 1
    return hits


def _mention_tokens(m: Mention, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    idx = [i for i, (s, e) in enumerate(spans) if s < m.end and e > m.start]
    return (idx[0], idx[-1]) if idx else None


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Tokens between two inclusive spans (0 when adjacent or overlapping)."""
    if a[1] < b[0]:
        return b[0] - a[1] - 1
    if b[1] < a[0]:
        return a[0] - b[1] - 1
    return 0


def _combine(weights: list[float]) -> float:
    rest = 1.0
    for w in weights:
        rest *= 1.0 - w
    return round(min(0.99, 1.0 - rest), 3)


def _who(m: Mention, text: str) -> str:
    return f"'{text[m.start : m.end]}' ({m.target.label})"


def _contains(tokens: list[str], phrase: str) -> bool:
    words = phrase.split()
    n = len(words)
    return bool(n) and any(tokens[i : i + n] == words for i in range(len(tokens) - n + 1))


_CONTENT_ACTS = (PostKind.LIKE, PostKind.SHARE, PostKind.FOLLOW)
CONTENT_ACT_FACTOR = 0.85  # the content only names the candidate; an account of the campaign is surer
_ACT_VERBS = {
    PostKind.LIKE: "menyukai",
    PostKind.SHARE: "membagikan",
    PostKind.FOLLOW: "mengikuti",
    PostKind.COMMENT: "mengomentari",
    PostKind.REPLY: "membalas",
}


def judge(normalised_text: str, mentions: list[Mention], kind: PostKind, media_text: str = "") -> Verdict:
    """Explicit-rule stance of one post (see module docstring)."""
    r = rules()
    text = normalised_text
    toks, spans = _tokens(text)
    located = [(m, span) for m in mentions if (span := _mention_tokens(m, spans)) is not None]
    skip = {i for _, (a, b) in located for i in range(a, b + 1)}
    hits = _scan(toks, skip, r)

    support: list[tuple[float, str]] = []
    attack: list[tuple[float, str]] = []
    neutral_reasons: list[str] = []
    photo_hint = False
    has_context = bool(mentions)

    def nearest(h: _Hit) -> tuple[Mention, tuple[int, int]] | None:
        window = r.weak_window if 0 < h.cue.weight <= r.weak_weight else r.window
        best = None
        for m, span in located:
            d = _distance((h.first, h.last), span)
            if d <= window and (best is None or d < best[0]):
                best = (d, m, span)
        return (best[1], best[2]) if best else None

    def negator_before(h: _Hit) -> _Hit | None:
        for other in hits:
            if other.cue.category.startswith("negator") and 0 <= h.first - other.last - 1 < r.negation_reach:
                return other
        return None

    photo_near_mention = any(h.cue.category in ("photo", "photo_with") and nearest(h) for h in hits)
    seen_reasons: set[str] = set()

    for h in hits:
        cat = h.cue.category
        if cat in ("neutral", "context"):
            has_context = True
            if cat == "neutral":
                neutral_reasons.append(f"informasi/imbauan netral '{h.phrase}'")
            continue
        if cat not in ("support", "gesture", "attack", "photo_with"):
            continue
        near = nearest(h)
        if near is None:
            continue
        m, span = near
        who = _who(m, text)
        if cat == "photo_with":
            support.append((h.cue.weight, f"keterangan '{h.phrase}' {who}"))
            photo_hint = True
            continue
        if cat == "support":
            neg = negator_before(h)
            if neg is not None and neg.cue.category == "negator_cancel":
                neutral_reasons.append(f"'{h.phrase}' dinegasikan oleh '{neg.phrase}' dekat {who}")
                continue
            if neg is not None and neg.cue.category == "negator_attack":
                attack.append((h.cue.weight, f"ajakan menolak '{neg.phrase} {h.phrase}' dekat {who}"))
                continue
            support.append((h.cue.weight, f"{h.cue.label} '{h.phrase}' dekat {who}"))
        elif cat == "gesture":
            weight = r.gesture_number_weight if m.kind == "ballot_number" else h.cue.weight
            support.append((weight, f"gestur {h.phrase} dekat {who}"))
            photo_hint = True
        else:
            attack.append((h.cue.weight, f"{h.cue.label} '{h.phrase}' dekat {who}"))

    if photo_near_mention and support and not any(reason.startswith("keterangan '") for _, reason in support):
        photo_hint = True
        support.append((0.0, "keterangan foto dekat calon/partai yang didukung"))

    # Media text (image description / OCR / caption of the attached photo).
    if media_text:
        mtoks = normalize(media_text).split()
        mhits = _scan(mtoks, set(), r)
        is_photo = any(h.cue.category in ("photo", "photo_with") for h in mhits)
        gestures = [h.phrase for h in mhits if h.cue.category == "gesture"]
        shown = [m for m in mentions if _contains(mtoks, m.term)]
        if is_photo and shown:
            has_context = True
            photo_hint = True
            who = f"'{shown[0].term}' ({shown[0].target.label})"
            if gestures:
                support.append((r.gesture_number_weight, f"foto bersama {who} dengan gestur {gestures[0]}"))
            else:
                support.append((0.6, f"foto bersama {who}"))

    # The act itself: like/share/follow (or comment/reply) on a campaign account.
    accounts = [m for m in mentions if m.kind in ("account", "name_handle")]
    if not accounts and not attack and not neutral_reasons and kind in _CONTENT_ACTS:
        # A like/share/follow of content that names a candidate (the liked post's caption in media text).
        named = [m for m in mentions if m.target.kind == "candidate" and m.kind not in ("ballot_number",)]
        if named:
            m = named[0]
            weight = r.act_weights.get(str(kind), 0.6) * CONTENT_ACT_FACTOR
            support.append((weight, f"{_ACT_VERBS[kind]} konten yang menyebut {_who(m, text)}"))
    if accounts and kind in _ACT_VERBS:
        has_context = True
        m = accounts[0]
        weight = r.act_weights.get(str(kind), 0.6)
        reason = f"{_ACT_VERBS[kind]} akun kampanye '{m.term}' ({m.target.label})"
        if kind == PostKind.FOLLOW:
            reason += (
                " — follow akun calon belum pasti pelanggaran (SKB: akun pemenangan; ada Bawaslu yang "
                "membolehkan, §11.6); perlu tinjauan petugas"
            )
        support.append((weight, reason))

    # Slogans/hashtags of a campaign, used without an attack cue, are campaign talk by themselves.
    if not attack:
        for m in mentions:
            if m.kind in ("slogan", "hashtag"):
                support.append((0.6, f"memakai slogan/tagar kampanye {_who(m, text)}"))
                break

    def reasons(items: list[tuple[float, str]]) -> tuple[str, ...]:
        out = []
        for _, reason in items:
            if reason not in seen_reasons:
                seen_reasons.add(reason)
                out.append(reason)
        return tuple(out)

    if support:
        extra = [reason for _, reason in attack]
        return Verdict(
            Stance.SUPPORT,
            _combine([w for w, _ in support]),
            reasons(support) + tuple(extra),
            DSP_PHOTO if photo_hint else DSP_SOCIAL,
        )
    if attack:
        return Verdict(Stance.ATTACK, _combine([w for w, _ in attack]), reasons(attack), DSP_SOCIAL)
    if has_context:
        why = list(neutral_reasons)
        score = 0.05
        if mentions:
            score = 0.15
            names = ", ".join(dict.fromkeys(m.target.label for m in mentions))
            why.append(f"menyebut {names} tanpa ajakan atau dukungan (pemberitaan/informasi)")
        if not why:
            why.append("konten pemilu tanpa calon atau ajakan")
        return Verdict(Stance.NEUTRAL, score, tuple(dict.fromkeys(why)), "")
    return Verdict(Stance.NONE, 0.0, (), "")
