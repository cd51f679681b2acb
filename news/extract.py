"""One news page → one typed record, in the vocabulary of ../shared/corpus/README.md.

`extract(raw) -> Article` cleans the page (`news.cleaning`), then reads each field with a small rule set over the
cleaned story; `Article.to_json()` has the keys of ``corpus/seeds/expected.json`` plus ``evidence`` (for each
field, the sentence it came from, so a supervisor can check it).

Method (measured on the seeds and news/data/eval with ``bench/news_eval.py``): everything here runs offline on the
reference data and Indonesian grammar — dates (`news.dates`), regions from the Kemendagri gazetteer
(`news.gazetteer`), people and organisers with the roles the article gives them (`news.people`) — and keyword
rules for the closed vocabularies (kind, activity types, format, election, acts, ASN roles, outcome), whose
words are listed below where they can be read and changed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from acts.phase import act_code_for_phase, shipped_counterparts
from news import dates as news_dates
from news.cleaning import Cleaned, clean

__all__ = ["Article", "extract"]

# Words that make an article a violation case: a concrete, suspected or proven breach by ASN.
VIOLATION_WORDS = (
    "dugaan pelanggaran netralitas",
    "diduga melanggar",
    "diduga tidak netral",
    "terbukti melanggar",
    "pelanggaran netralitas asn",
    "dilaporkan ke bawaslu",
    "dipanggil bawaslu",
    "klarifikasi",
    "rekomendasi ke kasn",
    "rekomendasi ke bkn",
    "diteruskan ke bkn",
    "diteruskan ke kasn",
    "sanksi",
    "terciduk",
    "kedapatan",
    "tertangkap kamera",
    "viral",
)
ACTIVITY_WORDS = {
    "sosialisasi": ("sosialisasi", "webinar", "bimbingan teknis", "penyuluhan", "edukasi netralitas"),
    "deklarasi": ("deklarasi", "ikrar", "apel siaga netralitas"),
    "pakta_integritas": ("pakta integritas",),
    "audiensi": ("audiensi",),
    "pemetaan_kerawanan": ("pemetaan kerawanan", "indeks kerawanan", "pemetaan potensi", "titik rawan"),
    "patroli": ("patroli siber", "patroli pengawasan", "patroli"),
    "pelatihan": ("pelatihan", "bimtek", "diklat", "workshop"),
}
FORMAT_WORDS = {
    "daring": ("daring", "webinar", "zoom", "virtual", "secara online", "live streaming", "youtube"),
    "apel": ("apel",),
}
ELECTION_PATTERNS = (
    (
        "pilkada-2024",
        r"pilkada(?: serentak)?(?: tahun)? 2024|pemilihan kepala daerah(?: serentak)?(?: tahun)? 2024"
        r"|pilgub|pilbup|pilwalkot|pemilihan (?:gubernur|bupati|wali ?kota)",
    ),
    ("pemilu-2024", r"pemilu(?: serentak)?(?: tahun)? 2024|pemilihan umum(?: tahun)? 2024|pilpres 2024|pileg 2024"),
    ("pilkada-2020", r"pilkada(?: serentak)?(?: tahun)? 2020"),
    ("pemilu-2019", r"pemilu(?: serentak)?(?: tahun)? 2019|pilpres 2019"),
)
ASN_ROLES = {
    "camat": r"\bcamat\b",
    "lurah": r"\blurah\b",
    "sekretaris_kecamatan": r"\bsekcam\b|sekretaris kecamatan",
    "sekretaris_kelurahan": r"\bseklur\b|sekretaris kelurahan",
    "guru": r"\bguru\b",
    "kepala_dinas": r"kepala dinas|\bkadis\b",
    "sekda": r"\bsekda\b|sekretaris daerah",
    "kepala_sekolah": r"kepala sekolah|\bkepsek\b",
    "kepala_puskesmas": r"kepala puskesmas",
    "pppk": r"\bpppk\b|\bp3k\b",
}
OUTCOMES = (  # the furthest stage the article reports wins
    ("sanctioned", r"dijatuhi sanksi|menjatuhkan sanksi|diberi sanksi|dikenai sanksi|sanksi (?:berupa|disiplin|moral)"),
    ("recommended", r"merekomendasikan|rekomendasi (?:kasn|bkn)|menerbitkan rekomendasi"),
    ("not_proven", r"tidak terbukti|tidak memenuhi unsur|dihentikan"),
    ("forwarded", r"diteruskan (?:ke|kepada)|meneruskan (?:ke|kepada)|dilimpahkan"),
    ("under_review", r"klarifikasi|kajian|ditelusuri|sedang (?:diproses|ditangani)|penanganan"),
)
# Acts named by what the article says the ASN did (catalogue ids, neutrality.md section 3); the discipline
# (DSP) act, moved to its ethics twin (ETK) for deeds before candidate determination by `acts.phase`.
ACT_PATTERNS = (
    (
        "DSP-06",
        r"unggah|posting|postingan|membagikan|share|like|menyukai|komentar|media sosial|status whatsapp"
        r"|grup whatsapp|\bwa\b|facebook|instagram|tiktok",
    ),
    ("DSP-07", r"foto bersama|berfoto|pose|gestur|mengacungkan|salam \w+ jari"),
    ("DSP-03", r"kampanye|menghadiri kampanye|ikut kampanye|rapat umum|atribut"),
    ("DSP-10", r"tim (?:sukses|pemenangan)|timses|relawan"),
    ("DSP-05", r"anggota partai|pengurus partai|kartu tanda anggota|\bkta\b"),
)
ELECTIONS_DATA = Path(__file__).resolve().parent.parent / "elections" / "data"
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+\S")


@dataclass
class Article:
    title: str
    published: date | None
    kind: str
    activity_types: list[str]
    format: str | None
    event_dates: list[date]
    regions: list[str]
    venue: str | None
    organisers: list[str]
    people: list[dict]
    election: str | None
    commitments_count: int
    warnings: list[str] = field(default_factory=list)
    acts: list[str] = field(default_factory=list)
    asn_roles: list[str] = field(default_factory=list)
    outcome: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        data["event_dates"] = [day.isoformat() for day in self.event_dates]
        if self.kind != "violation_case":
            for name in ("acts", "asn_roles", "outcome"):
                data.pop(name)
        if not self.warnings:
            data.pop("warnings")
        return data


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?”\"])\s+|\n+", text) if s.strip()]


def _first_sentence(sentences: list[str], pattern: str) -> str:
    regex = re.compile(pattern, re.IGNORECASE)
    return next((s for s in sentences if regex.search(s)), "")


def _has(text: str, words) -> bool:
    return any(word in text for word in words)


def kind_of(lower: str, title: str) -> str:
    """Activity when the headline names one (prevention articles talk about "pelanggaran" in general);
    otherwise whichever vocabulary the story uses more, a violation needing at least two of its words."""
    title = title.lower()
    if any(word in title for words in ACTIVITY_WORDS.values() for word in words):
        return "activity"
    violation = sum(lower.count(word) for word in VIOLATION_WORDS)
    violation += 2 * _has(title, ("diduga", "langgar", "dilaporkan", "sanksi", "terciduk", "kedapatan", "viral"))
    activity = sum(lower.count(word) for words in ACTIVITY_WORDS.values() for word in words)
    if violation >= 2 and violation >= activity / 2:
        return "violation_case"
    if activity:
        return "activity"
    return "violation_case" if violation else "other"


def activity_types(lower: str, title: str) -> list[str]:
    """Types named in the headline or at least twice in the story (one passing word is not the event)."""
    title = title.lower()
    return [
        name
        for name, words in ACTIVITY_WORDS.items()
        if _has(title, words) or sum(lower.count(word) for word in words) >= 2
    ]


def format_of(lower: str) -> str:
    for name, words in FORMAT_WORDS.items():
        if _has(lower, words):
            return name
    return "tatap_muka"


@lru_cache(maxsize=1)
def reference_elections() -> list[tuple[str, date, date | None]]:
    """(slug, voting day, latest candidate determination) of the shipped elections (elections/data/*.toml)."""
    found = []
    for path in sorted(ELECTIONS_DATA.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        days = [c["determination_date"] for c in data.get("contests", ()) if c.get("determination_date")]
        if data.get("regional_contests", {}).get("determination_date"):
            days.append(data["regional_contests"]["determination_date"])
        found.append((data["slug"], data["voting_day"], max(days) if days else None))
    return sorted(found, key=lambda row: row[1])


def election_of(lower: str, event_dates: list[date]) -> str | None:
    found = [
        (match.start(), slug) for slug, pattern in ELECTION_PATTERNS if (match := re.search(pattern, lower)) is not None
    ]
    if found:
        return min(found)[1]
    if event_dates:  # no election named: the next one held within a year of the event
        day = event_dates[0]
        for slug, voting_day, _ in reference_elections():
            if day <= voting_day + timedelta(days=30) and voting_day - day <= timedelta(days=365):
                return slug
    return None


def commitments_count(paragraphs: list[str]) -> int:
    """The longest run of numbered lines 1, 2, 3… (the points of a declaration or pact)."""
    best = run = 0
    for paragraph in paragraphs:
        match = _NUMBERED.match(paragraph)
        if match and int(match.group(1)) == run + 1:
            run += 1
            best = max(best, run)
        elif match and int(match.group(1)) == 1:
            run = 1
        elif match is None and run and len(paragraph) > 200:
            continue
    return best if best >= 2 else 0


def venue_of(sentences: list[str]) -> tuple[str | None, str]:
    pattern = re.compile(
        r"\b(?:di|bertempat di)\s+((?:Hotel|Aula|Gedung|Balai|Plaza|Pendopo|Ruang|Auditorium|Lapangan|Halaman)"
        r"(?:\s+[A-Z0-9][\w.-]*){1,5})"
    )
    for sentence in sentences:
        match = pattern.search(sentence)
        if match:
            return match.group(1).rstrip(".,"), sentence
    return None, ""


def acts_of(lower: str, events: list[date], election: str | None) -> list[str]:
    determination = next((day for slug, _, day in reference_elections() if slug == election), None)
    found = []
    for code, pattern in ACT_PATTERNS:
        if re.search(pattern, lower):
            day = events[0] if events else None
            if day is not None:
                code = act_code_for_phase(code, shipped_counterparts().get(code), day, determination)
            found.append(code)
    return found[:2]


def asn_roles_of(lower: str) -> list[str]:
    return [name for name, pattern in ASN_ROLES.items() if re.search(pattern, lower)]


def outcome_of(lower: str) -> str:
    for name, pattern in OUTCOMES:
        if re.search(pattern, lower):
            return name
    return "under_review"


def extract(raw: str | bytes, *, cleaned: Cleaned | None = None) -> Article:
    """The record of one page (raises `news.cleaning.CleaningError` for input that is not a page)."""
    from news import gazetteer, people

    page = cleaned or clean(raw)
    text = page.text
    lower = text.lower()
    sentences = _sentences(text)
    mentions = news_dates.find_dates(text)
    published = news_dates.publication_date(text)
    events = news_dates.event_dates(text, published)
    warnings = news_dates.weekday_warnings(mentions) + list(page.warnings)
    kind = kind_of(lower, page.title)
    regions = gazetteer.main_regions(text, page.title)
    found_people = people.find_people(text)
    organisers = people.find_organisers(text, regions)
    election = election_of(lower, events)
    venue, venue_sentence = venue_of(sentences)
    article = Article(
        title=page.title,
        published=published,
        kind=kind,
        activity_types=activity_types(lower, page.title) if kind == "activity" else [],
        format=format_of(lower) if kind == "activity" else None,
        event_dates=events,
        regions=regions,
        venue=venue,
        organisers=organisers,
        people=[{"name": person.name, "role": person.role} for person in found_people],
        election=election,
        commitments_count=commitments_count(page.paragraphs),
        warnings=warnings,
    )
    if kind == "violation_case":
        article.acts = acts_of(lower, events, election)
        article.asn_roles = asn_roles_of(lower)
        article.outcome = outcome_of(lower)
    article.evidence = {
        "venue": venue_sentence,
        "people": " | ".join(person.sentence for person in found_people),
        "election": _first_sentence(sentences, r"pemilu|pilkada|pemilihan"),
        "kind": _first_sentence(sentences, "|".join(re.escape(w) for w in VIOLATION_WORDS))
        if kind == "violation_case"
        else "",
    }
    return article
