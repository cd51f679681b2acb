"""Candidate and party detection in normalised post text: one Aho–Corasick automaton per election and region.

The text given to `CandidateAutomaton.find` must already be normalised (lowercase, single spaces, slang expanded,
ballot numbers in context written as "nomor N", hashtags split into words, mentions as "@handle"). Registry terms
are lowercased here the same way; a match counts only when it starts and ends at word boundaries.

Scope of `build_automaton(election, region_code)`:

* a region code (province "18", regency/city "18.71" or anything below it): the national contests, the
  province's contests (governor) and the regency/city's contests (regent, mayor);
* `None` (post of unknown region): the distinctive terms (names, nicknames, acronyms, slogans, hashtags,
  accounts) of every contest of the election, but ballot numbers only of national contests, since "nomor 2"
  alone cannot say which of hundreds of regional races is meant.

Parties of the election are always in scope.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass

import ahocorasick

CANDIDATE = "candidate"
PARTY = "party"

# Evidence kinds, in order of preference when one term reaches the same target in several ways.
EVIDENCE_KINDS = (
    "account",
    "name",
    "name_handle",
    "acronym",
    "nickname",
    "slogan",
    "hashtag",
    "party_name",
    "party_abbreviation",
    "ballot_number",
)
_PRIORITY = {kind: i for i, kind in enumerate(EVIDENCE_KINDS)}

# Common Indonesian words (and words of campaign talk) that must never be a term on their own: a nickname
# "Dua", a hashtag "#Maju" or a party called "Garuda" would otherwise match half the timeline.
_STOP_TEXT = """
    ada adik agar akan aku aman amanah anak apa atas ayo ayah bagi bagus baik baru bang bapak bela berani
    bersama bersatu bersih bisa bu buat buruh bukan cak cepat cinta dalam dan dari datang demi dengan di dia dik
    dua emak empat enam gelora garuda gas gubernur guru hebat harapan haji hari hati ibu ikut indonesia ini itu
    jaya juga jujur kak kakak kami kamu karya kalau kampanye ke kecil kerja kita kota kuat lagi lanjut lanjutkan
    lima maju makmur mari mas masa mbak menang merdeka milik mulia nama nasional negeri no nomor nyata oke pak
    paslon pasangan pas partai peduli pemilu pilih pilkada pilihan presiden pro rakyat rumah rukun sama satu
    sehat sejahtera semua sudah suara tiga tokoh tps untuk urut wali warga yang yuk
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Party abbreviations shorter than 3 characters that may still be matched alone. Empty on purpose: a short
# abbreviation ("PA", Partai Aceh) is matched only as "partai pa"; add one here once it proves distinctive.
SAFE_SHORT_ABBREVIATIONS: frozenset[str] = frozenset()

_MIN_SINGLE_WORD = 3  # a one-word term shorter than this is dropped (except "paslon xy" acronyms)
_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w\s@]+")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


@dataclass(frozen=True)
class Target:
    """What a mention points at: a candidate (pair) or a party."""

    kind: str  # "candidate" | "party"
    candidate_id: int | None
    party_id: int | None
    contest_id: int | None
    label: str


@dataclass(frozen=True)
class Mention:
    """One match of a registry term in a text; `ambiguous` when the same span also names other targets."""

    target: Target
    term: str
    kind: str
    start: int
    end: int
    ambiguous: bool = False


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.lower()).strip()


def _variants(text: str) -> set[str]:
    """The lowercased text, and the same without punctuation ("h. eva dwiana, s.e." -> "h eva dwiana s e")."""
    cleaned = _clean(text)
    return {v for v in (cleaned, _clean(_PUNCTUATION.sub(" ", cleaned))) if v}


def _hashtag_variants(tag: str) -> set[str]:
    tag = tag.strip().lstrip("#")
    variants = {_clean(tag)}
    words = _CAMEL.findall(tag)
    if len(words) > 1:
        variants.add(" ".join(w.lower() for w in words))
    return {v for v in variants if v}


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def acceptable(term: str) -> bool:
    """Whether a term may stand alone: not empty, not a bare number, not a short or common single word."""
    if not term or term.isdigit():
        return False
    if " " in term:
        return any(word not in STOP_WORDS and not word.isdigit() for word in term.split())
    return len(term) >= _MIN_SINGLE_WORD and term not in STOP_WORDS


class CandidateAutomaton:
    """Finds candidates and parties in normalised text. Pickles as its term table and rebuilds on load."""

    def __init__(self, terms: dict[str, tuple[tuple[str, Target], ...]], version: str = "", scope: tuple = ()):
        self.terms = terms  # term -> ((evidence kind, target), ...)
        self.version = version
        self.scope = scope  # (election id, region scope code or None), informative
        self._entries: list[tuple[str, tuple[tuple[str, Target], ...]]] = []
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for term, entries in terms.items():
            self._automaton.add_word(term, len(self._entries))
            self._entries.append((term, entries))
        if self._entries:
            self._automaton.make_automaton()

    def __reduce__(self):
        return (CandidateAutomaton, (self.terms, self.version, self.scope))

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<CandidateAutomaton {self.scope} {len(self)} terms v={self.version[:12]}>"

    def _bounded(self, text: str, start: int, end: int, term: str, kinds: set[str]) -> bool:
        if start > 0 and (_is_word_char(term[0]) or term[0] == "@"):
            before = text[start - 1]
            if _is_word_char(before) or (before == "@" and "account" not in kinds):
                return False
        if end < len(text) and _is_word_char(term[-1]):
            after = text[end]
            if _is_word_char(after):
                return False
            # "@eva.dwiana" must not match inside "@eva.dwiana.fans"
            if term[0] == "@" and after == "." and end + 1 < len(text) and _is_word_char(text[end + 1]):
                return False
        return True

    def find(self, text: str) -> list[Mention]:
        """Non-overlapping mentions in text order; at one start the longest bounded term wins.

        A term naming several targets (a ballot number shared by two contests in scope, a nickname shared by
        two candidates) yields one mention per target, all flagged `ambiguous`.
        """
        if not self._entries or not text:
            return []
        candidates = []
        for last, index in self._automaton.iter(text):
            term, entries = self._entries[index]
            end = last + 1
            start = end - len(term)
            if self._bounded(text, start, end, term, {kind for kind, _ in entries}):
                candidates.append((start, -end, index))
        if not candidates:
            return []
        candidates.sort()
        mentions: list[Mention] = []
        reached = 0
        for start, negative_end, index in candidates:
            if start < reached:
                continue
            end = -negative_end
            reached = end
            term, entries = self._entries[index]
            ambiguous = len(entries) > 1
            mentions.extend(Mention(target, term, kind, start, end, ambiguous) for kind, target in entries)
        return mentions


# -- building from the registry ------------------------------------------------------------------------------


def scope_code(region_code: str | None) -> str | None:
    """The part of a region code that decides the contests: province "18" or regency/city "18.71"."""
    if not region_code:
        return None
    return region_code[:5] if len(region_code) >= 5 else region_code[:2]


def registry_version(election) -> str:
    """A hash of everything the automata of this election are built from (a handful of indexed queries)."""
    from elections.models import CampaignAccount, Candidate, Contest, Party

    digest = hashlib.sha256()
    rows = [
        Contest.objects.filter(election=election).order_by("id").values_list("id", "office", "region_id"),
        Candidate.objects.filter(contest__election=election)
        .order_by("id")
        .values_list(
            "id", "contest_id", "ballot_number", "name", "running_mate", "acronym", "nicknames", "slogans", "hashtags"
        ),
        Party.objects.filter(election=election).order_by("id").values_list("id", "name", "abbreviation"),
        CampaignAccount.objects.filter(candidate__contest__election=election)
        .order_by("id")
        .values_list("id", "candidate_id", "handle"),
    ]
    for queryset in rows:
        for row in queryset:
            digest.update(repr(row).encode())
        digest.update(b"|")
    return digest.hexdigest()


def build_terms(contests: dict, candidates, parties, scope: str | None) -> dict[str, tuple[tuple[str, Target], ...]]:
    """The term table of one election for one scope, from `patrol.book` rows already cut to that scope.

    `contests` maps contest id to its `ContestRow`; `candidates` and `parties` are `CandidateRow`/`PartyRow`.
    """
    table: dict[str, dict[Target, str]] = {}

    def add(term: str, kind: str, target: Target, *, check: bool = True) -> None:
        if check and not acceptable(term):
            return
        targets = table.setdefault(term, {})
        if target not in targets or _PRIORITY[kind] < _PRIORITY[targets[target]]:
            targets[target] = kind

    for candidate in candidates:
        contest = contests[candidate.contest_id]
        pair = f" – {candidate.running_mate}" if candidate.running_mate else ""
        number = f"{candidate.ballot_number:02d}. " if candidate.ballot_number else ""
        target = Target(CANDIDATE, candidate.id, None, contest.id, f"{number}{candidate.name}{pair} ({contest.label})")
        for name in (candidate.name, candidate.running_mate):
            for term in _variants(name or ""):
                add(term, "name", target)
            # An account named after the candidate ("@airinrachmidiany", "@ridwan_kamil") when acted on.
            words = _clean(_PUNCTUATION.sub(" ", name or "")).split()
            if len(words) >= 2:
                for joiner in ("", "_", "."):
                    add("@" + joiner.join(words), "name_handle", target, check=False)
        for nickname in candidate.nicknames:
            for term in _variants(str(nickname)):
                add(term, "nickname", target)
        if candidate.acronym:
            for term in _variants(candidate.acronym) | {_clean(candidate.acronym.replace("-", " "))}:
                add(term, "acronym", target)
                for context in ("paslon", "pasangan", "calon"):
                    add(f"{context} {term}", "acronym", target, check=bool(term) and term not in STOP_WORDS)
        for slogan in candidate.slogans:
            for term in _variants(str(slogan)):
                add(term, "slogan", target)
        for hashtag in candidate.hashtags:
            for term in _hashtag_variants(str(hashtag)):
                add(term, "hashtag", target)
        if candidate.ballot_number and (scope is not None or contest.region_code is None):
            number = candidate.ballot_number
            for term in (f"nomor {number}", f"nomor urut {number}"):
                add(term, "ballot_number", target, check=False)
        for handle in candidate.accounts:
            name = _clean(handle).lstrip("@")
            if name:
                add(f"@{name}", "account", target, check=False)

    for party in parties:
        target = Target(PARTY, None, party.id, None, f"{party.abbreviation} ({party.name})")
        for term in _variants(party.name):  # a party name is distinctive as a phrase ("Partai Buruh")
            if " " in term or acceptable(term):
                add(term, "party_name", target, check=False)
        abbreviation = _clean(party.abbreviation)
        forms = {abbreviation, abbreviation.replace("-", ""), _clean(abbreviation.replace("-", " "))} - {""}
        for term in forms:
            if acceptable(term) or term in SAFE_SHORT_ABBREVIATIONS:  # alone: >= 3 characters and not common
                add(term, "party_abbreviation", target, check=False)
            add(f"partai {term}", "party_abbreviation", target, check=False)

    def order(item):
        target = item[0]
        return (target.kind, target.candidate_id or 0, target.party_id or 0)

    return {
        term: tuple((kind, target) for target, kind in sorted(found.items(), key=order))
        for term, found in table.items()
    }


def build_automaton(election, region_code: str | None) -> CandidateAutomaton:
    """Build the automaton of one election for posts from one region (see the module docstring for scope)."""
    from patrol.book import ElectionBook

    version = registry_version(election)  # before reading: a change in between only causes one more rebuild
    automaton = ElectionBook.from_database([election]).automaton(election.pk, region_code)
    return CandidateAutomaton(automaton.terms, version, automaton.scope)


# -- in-process cache ----------------------------------------------------------------------------------------

_cache: dict[tuple[int, str | None], CandidateAutomaton] = {}
_lock = threading.Lock()


def automaton_for(election, region_code: str | None) -> CandidateAutomaton:
    """The cached automaton for (election, region scope), rebuilt when `registry_version` has changed."""
    key = (election.pk, scope_code(region_code))
    version = registry_version(election)
    cached = _cache.get(key)
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        cached = _cache.get(key)
        if cached is None or cached.version != version:
            cached = build_automaton(election, region_code)
            _cache[key] = cached
        return cached


def clear_cache() -> None:
    with _lock:
        _cache.clear()
