"""Region names as the Indonesian press writes them, resolved to Kemendagri codes with one Aho–Corasick pass.

Text is tokenised into words (``\\w+``), lowercased and joined by single spaces, so "Kab. Lombok Barat",
"Pemerintah Kota (Pemkot) Bandung" and "se-Kota Bontang" all reach the automaton as plain word sequences; a
match counts only on token boundaries, and the leftmost-longest match wins ("Bandar Lampung" over "Lampung").

Resolution rules (decisions, see news/data/README.md):

* Qualified forms ("Kota Bontang", "Kab. Lombok Barat", "Pemkab …", "Pemkot …", "Pemerintah Kabupaten …",
  "Provinsi …", "Pemprov …") and organisation forms ("Bawaslu …", "KPU …", "Panwaslu …", "DPRD …") are trusted.
* Bare names, aliases ("Lobar", "Jabar") and province names must be capitalised in the text. Bare names that
  are common words or given names ("Agam", "Batu", "Pati"…, ``_CONTEXT_ONLY``) are matched only qualified.
* A name shared by a city and a regency ("Bandung", "Bekasi"…) written bare or after "Bawaslu" goes to the one
  the same article names qualified most often; if it never does, to the city: the press writes "Kabupaten
  Bandung" when it means the regency, while bare "Bandung" (and datelines) usually mean the city.
* A kecamatan or desa/kelurahan counts only when it is unambiguous and written after "Kecamatan/Kec./Desa/
  Kelurahan…", or when exactly one of its homonyms lies in a regency the same text names.
"""

from __future__ import annotations

import csv
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

_ROOT = Path(__file__).resolve().parent.parent
WILAYAH = _ROOT / "regions" / "data" / "wilayah_kemendagri"
ALIASES = Path(__file__).resolve().parent / "data" / "region_aliases.tsv"

_WORD = re.compile(r"\w+")
_ORGANISATIONS = ("bawaslu", "kpu", "kpud", "panwaslu", "panwascam", "dprd")
_ALIAS_PREFIXES = {
    "prov": ("provinsi", "prov", "pemprov"),
    "kota": ("kota", "pemkot"),
    "kab": ("kabupaten", "kab", "pemkab"),
}
_SUBREGION_TEXT = "kecamatan kec desa kelurahan kel kampung nagari gampong"
_SUBREGION_WORDS = frozenset(_SUBREGION_TEXT.split())
# Regencies whose bare name is a common word or a given name: only "Kabupaten Agam", "Bawaslu Agam"… count.
_CONTEXT_ONLY_TEXT = """
    agam alor banjar batu belu bima bungo buru ende kaur karo kudus lebak malaka metro muna pati siak sigi
    tebo tegal solok paser kota
"""
_CONTEXT_ONLY = frozenset(_CONTEXT_ONLY_TEXT.split())
_FURNITURE_END = re.compile(r"^\s*(berita terkait|berita terbaru|berita lainnya|editor\s*:|penulis\s*:)", re.I | re.M)
_BACA_JUGA = re.compile(r"^\s*baca juga\b.*$", re.I | re.M)
_DATELINE = re.compile(r"^[^\S\n]*([^\W\d_](?:[^\W\d_'.]|[^\S\n]){1,40}?)[^\S\n]*(?:,|–|—|-)[^\S\n]+\S", re.M)

PROVINCE, REGENCY, DISTRICT, VILLAGE = "province", "regency", "district", "village"


@dataclass(frozen=True, slots=True)
class RegionMention:
    """One place named in a text: its code, level, character span and how it was written."""

    code: str
    level: str  # province | regency | district | village
    start: int
    end: int
    matched: str
    how: str  # qualified | organisation | bare | alias | subregion

    @property
    def regency(self) -> str | None:
        """The regency/city code this mention lies in (None for a province)."""
        return None if self.level == PROVINCE else self.code[:5]


@dataclass(frozen=True, slots=True)
class _Entry:
    codes: tuple[str, ...]
    level: str
    how: str
    needs_capital: bool


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _base(name: str) -> tuple[str, str]:
    """("kota"|"kab", base name) of a regency name such as "Kota Administrasi Jakarta Selatan"."""
    kind = "kota" if name.startswith("Kota") else "kab"
    base = re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", name)
    return kind, base


class Gazetteer:
    """Kemendagri regions with every press form of their names in one automaton. Build with `load()`."""

    _lock = threading.Lock()
    _instance: Gazetteer | None = None

    def __init__(self) -> None:
        self.names: dict[str, str] = {}  # code -> official name
        self.bases: dict[str, str] = {}  # regency code -> base name ("Lombok Barat")
        self.kinds: dict[str, str] = {}  # regency code -> "kota" | "kab"
        self._phrases: dict[str, list[_Entry]] = defaultdict(list)
        self.automaton = ahocorasick.Automaton()

    @classmethod
    def load(cls) -> Gazetteer:
        """The process-wide gazetteer, built once from regions/data and news/data (about a second)."""
        with cls._lock:
            if cls._instance is None:
                gazetteer = cls()
                gazetteer._build()
                cls._instance = gazetteer
            return cls._instance

    # building

    def _add(self, phrase: str, codes: tuple[str, ...], level: str, how: str, needs_capital: bool) -> None:
        phrase = _words(phrase)
        if phrase:
            self._phrases[phrase].append(_Entry(codes, level, how, needs_capital))

    def _build(self) -> None:
        with open(WILAYAH / "provinces.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                code, name = row["code"], row["name"]
                self.names[code] = name
                self._add(name, (code,), PROVINCE, "bare", True)
                for prefix in ("provinsi", "prov", "pemprov", "pemerintah provinsi"):
                    self._add(f"{prefix} {name}", (code,), PROVINCE, "qualified", False)
                for org in _ORGANISATIONS:
                    for form in (name, f"provinsi {name}"):
                        self._add(f"{org} {form}", (code,), PROVINCE, "organisation", False)
        by_base: dict[str, list[str]] = defaultdict(list)
        with open(WILAYAH / "regencies.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                code, name = row["code"], row["name"]
                kind, base = _base(name)
                self.names[code], self.bases[code], self.kinds[code] = name, base, kind
                by_base[_words(base)].append(code)
                prefixes = (
                    ("kota", "pemkot", "pemerintah kota", "kota administrasi")
                    if kind == "kota"
                    else ("kabupaten", "kab", "pemkab", "pemerintah kabupaten", "kabupaten administrasi")
                )
                for prefix in prefixes:
                    self._add(f"{prefix} {base}", (code,), REGENCY, "qualified", False)
                for org in _ORGANISATIONS:
                    for prefix in ("kota",) if kind == "kota" else ("kabupaten", "kab"):
                        self._add(f"{org} {prefix} {base}", (code,), REGENCY, "organisation", False)
        for base, codes in by_base.items():
            if base in self._phrases:  # a province name ("Gorontalo", "Jambi"): bare means the province
                continue
            for org in _ORGANISATIONS:
                self._add(f"{org} {base}", tuple(codes), REGENCY, "organisation", False)
            if base not in _CONTEXT_ONLY:
                self._add(base, tuple(codes), REGENCY, "bare", True)
        with open(ALIASES, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#") or not line.strip():
                    continue
                alias, code = line.split("\t")[:2]
                level = PROVINCE if len(code) == 2 else REGENCY
                self._add(alias, (code,), level, "alias", True)
                kind = "prov" if level == PROVINCE else self.kinds[code]
                for prefix in _ALIAS_PREFIXES[kind]:
                    self._add(f"{prefix} {alias}", (code,), level, "qualified", False)
                for org in _ORGANISATIONS:
                    self._add(f"{org} {alias}", (code,), level, "organisation", False)
        self._add_subregions()
        for phrase, entries in self._phrases.items():
            words = phrase.split()
            self.automaton.add_word("|" + "||".join(words) + "|", (len(words), tuple(entries)))
        self.automaton.make_automaton()

    def _add_subregions(self) -> None:
        homonyms: dict[str, list[str]] = defaultdict(list)
        levels: dict[str, str] = {}
        with open(WILAYAH / "districts.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                homonyms[_words(row["name"])].append(row["code"])
                levels[row["code"]] = DISTRICT
        with open(WILAYAH / "villages.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                homonyms[_words(row["name"])].append(row["code"])
        for phrase, codes in homonyms.items():
            if len(phrase) < 4 or phrase in self._phrases:  # a regency or province name wins
                continue
            level = DISTRICT if all(levels.get(code) for code in codes) else VILLAGE
            self._phrases[phrase].append(_Entry(tuple(codes), level, "subregion", True))

    # matching

    def _raw_matches(self, text: str) -> list[tuple[int, int, tuple[_Entry, ...], str]]:
        """Leftmost-longest phrase matches as (start, end, entries, previous word) on word boundaries.

        Words are written "|w|" side by side, and so are the keys, so every hit of `iter_long` starts and ends
        on a word boundary and neighbouring phrases never share a character. A longest hit whose entries all
        need a capital the text lacks is dropped without trying shorter ones (rare; keeps the scan in C).
        """
        tokens = list(_WORD.finditer(text))
        if not tokens:
            return []
        words = [token.group().lower() for token in tokens]
        ends, position = {}, 0
        for index, word in enumerate(words):
            position += len(word) + 2
            ends[position - 1] = index
        chosen = []
        for end, entries in self.automaton.iter_long("|" + "||".join(words) + "|"):
            last = ends[end]
            first = last - entries[0] + 1
            start = tokens[first].start()
            valid = tuple(e for e in entries[1] if not e.needs_capital or text[start].isupper())
            if valid:
                chosen.append((start, tokens[last].end(), valid, words[first - 1] if first else ""))
        return chosen

    def find_regions(self, text: str) -> list[RegionMention]:
        """Every place named in `text`, in order, resolved as described in the module docstring."""
        raw = self._raw_matches(text)
        mentions: list[RegionMention | None] = []
        pending: list[tuple[int, int, int, _Entry]] = []
        support: Counter[str] = Counter()
        for start, end, entries, _previous in raw:
            entry = next((e for e in entries if e.how != "subregion"), entries[0])
            if entry.how == "subregion":
                pending.append((len(mentions), start, end, entry))
                mentions.append(None)
                continue
            if len(entry.codes) == 1:
                support[entry.codes[0]] += 1
            mentions.append(RegionMention(entry.codes[0], entry.level, start, end, text[start:end], entry.how))
            if len(entry.codes) > 1:
                pending.append((len(mentions) - 1, start, end, entry))
        regencies = {code[:5] for code in support if len(code) > 2}
        for index, start, end, entry in pending:
            if entry.how == "subregion":
                inside = [code for code in entry.codes if code[:5] in regencies]
                if len(inside) == 1 or (len(entry.codes) == 1 and raw[index][3] in _SUBREGION_WORDS):
                    code = (inside or list(entry.codes))[0]
                    mentions[index] = RegionMention(code, entry.level, start, end, text[start:end], "subregion")
                continue
            code = max(entry.codes, key=lambda c: (support[c], self.kinds.get(c) == "kota"))
            mentions[index] = RegionMention(code, entry.level, start, end, text[start:end], entry.how)
        return [mention for mention in mentions if mention is not None]

    def dateline_region(self, text: str, title: str = "") -> str | None:
        """The regency/city (or province) code of the dateline ("Lampung Barat, Buana Informasi TV – …")."""
        for match in _DATELINE.finditer(text[:3000]):
            place = " ".join(match.group(1).split())
            found = self.find_regions(place.title() if place.isupper() else place)
            if len(found) == 1 and found[0].end - found[0].start == len(place):
                return found[0].regency or found[0].code
        return None

    def main_regions(self, text: str, title: str = "") -> list[str]:
        """Kemendagri codes of where the story happened, regency/city level, main one first.

        Score of a regency: one per mention in the story (related-news lists, "Baca Juga" lines, editor and
        writer credits excluded), one more per organisation or government form ("Bawaslu Kota Bontang",
        "Pemkab Lampung Barat"), three if the title names it, five if the dateline does. The best score is
        the main region; others follow when mentioned at least twice with at least half its score. With no
        regency at all, the provinces named are returned the same way.
        """
        story = story_part(text)
        mentions = self.find_regions(story)
        scores: Counter[str] = Counter()
        counts: Counter[str] = Counter()
        province_counts: Counter[str] = Counter()
        for mention in mentions:
            if mention.regency is None:
                province_counts[mention.code] += 1
                continue
            counts[mention.regency] += 1
            scores[mention.regency] += 2 if mention.how in ("organisation", "qualified") else 1
        for mention in self.find_regions(title):
            if mention.regency:
                scores[mention.regency] += 3
        dateline = self.dateline_region(story, title)
        if dateline and len(dateline) > 2:
            scores[dateline] += 5
        if not scores:
            return [code for code, _ in province_counts.most_common()]
        first_seen = {m.regency: m.start for m in reversed(mentions) if m.regency}
        ranked = sorted(scores, key=lambda code: (-scores[code], first_seen.get(code, 0)))
        main = ranked[0]
        return [main] + [c for c in ranked[1:] if counts[c] >= 2 and scores[c] * 2 >= scores[main]]


def story_part(text: str) -> str:
    """`text` up to the first related-news list or credit line, with "Baca Juga" lines blanked (same offsets)."""
    end = _FURNITURE_END.search(text)
    story = text[: end.start()] if end else text
    return _BACA_JUGA.sub(lambda m: " " * len(m.group()), story)


def find_regions(text: str) -> list[RegionMention]:
    """Module-level shortcut for `Gazetteer.load().find_regions`."""
    return Gazetteer.load().find_regions(text)


def main_regions(text: str, title: str = "") -> list[str]:
    """Module-level shortcut for `Gazetteer.load().main_regions`."""
    return Gazetteer.load().main_regions(text, title)
