"""People with the role an article gives them, and the organisers of the event, by Indonesian press grammar.

Forms read (see news/tests/test_people.py for one example of each):

* "ROLE, Name" — "Ketua Bawaslu Bontang, Aldy Artrian", "Plh Wali Kota Bandung, Ema Sumarna";
* "Name (ROLE)" — "Dwi Haryono (Dosen Fakultas … Universitas Mulawarman)";
* "HEAD [Region] Name" without a comma — "Pj Bupati Nukman", "Pj Bupati Lampung Barat Nukman";
* an unnamed head of government in the title or text ("PJ Bupati Lombok Barat") given to the article's main
  speaker when that speaker is quoted at least twice and has no role of their own ("ujar Ilham").

A later short reference ("Jones" for "Novri Jonestama", "Hamid") and a nickname ("yang akrab disapa Bang
Obet") become aliases. Headline-case lines are skipped for the comma-less form, where "PJ Bupati Lombok Barat
Jaga Netralitas" would otherwise read as a name. Roles are normalised ("Pelaksana Harian" → "Plh", "PJ" → "Pj");
when one person gets several roles the longest (most specific) is kept.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from news.gazetteer import PROVINCE, Gazetteer, RegionMention, story_part

_SP = r"[^\S\n]+"
_NAME = r"(?:(?:H|Hj|Dr|Ir|Drs|Prof)\.[^\S\n]*)?[A-Z][a-z']+(?:" + _SP + r"[A-Z][a-z']+){0,3}"
_ACTING = (
    r"(?:(?:Pj|PJ|Plt|PLT|Plh|PLH|Pelaksana" + _SP + r"Harian|Pelaksana" + _SP + r"Tugas|Penjabat|Wakil)" + _SP + ")?"
)
_GOV_HEAD = r"(?:Bupati|Wali" + _SP + r"?[Kk]ota|Walikota|Gubernur|Camat|Lurah|Kades|Sekda|Kepala" + _SP + "Desa)"
_HEAD = (
    _ACTING + r"(?:Ketua|Anggota|Komisioner|Kepala|Kadis|Sekretaris|Sekda|Bupati|Wali" + _SP + r"?[Kk]ota|Walikota"
    r"|Gubernur|Camat|Lurah|Kades|Kapolres|Kapolda|Kapolsek|Dandim|Danrem|Dosen|Direktur|Koordinator|Kordiv"
    r"|Kabag|Kabid|Kasubag|Kajari|Rektor|Dekan|Asisten|Inspektur|Pengamat|Peneliti)"
)
_ROLE_TAIL = r"(?:" + _SP + r"(?:[A-Z][\w.&/-]*|dan|di|se-\w+))*"
_ROLE_COMMA_NAME = re.compile(
    r"\b(" + _HEAD + _ROLE_TAIL + r"),[^\S\n]*(" + _NAME + r")(?=[^\S\n]*[,.;)]|" + _SP + "[a-z]|\\s*$)"
)
_NAME_PAREN_ROLE = re.compile(r"\b(" + _NAME + r")[^\S\n]*\((" + _HEAD + r"[^()\n]*)\)")
_HEAD_NAME = re.compile(
    r"\b(" + _ACTING + _GOV_HEAD + r")((?:" + _SP + r"[A-Z][a-z']+)+)(?=[^\S\n]*[,.;)]|" + _SP + "[a-z])"
)
_UNNAMED_HEAD = re.compile(r"\b(" + _ACTING + _GOV_HEAD + r")((?:" + _SP + r"[A-Z][a-z']+){1,3})")
_SPEECH = re.compile(
    r"\b(?i:ujar|kata|ucap|tutup|lanjut|tegas|jelas|tambah|ungkap|sebut|pungkas|disampaikan oleh|oleh)"
    r"[^\S\n]+([A-Z][a-z']+)\b|\b([A-Z][a-z']+)[^\S\n]+(?:menjelaskan|mengatakan|menegaskan|menambahkan|menyampaikan)\b"
)
_NICKNAME = re.compile(
    r"\b(?:akrab|biasa)[^\S\n]+(?:disapa|dipanggil|disebut)[^\S\n]+((?:(?:Bang|Kak|Pak|Bu|Mas|Mbak|Cak|Uda|Abah|Om)"
    + _SP
    + r")?[A-Z][a-z']+)"
)
_NOT_NAME_TEXT = "Narasumber Bapak Ibu Pak Bu Saudara Sdr Oleh Dan Serta Sementara Menurut Kata"
_NOT_NAME_WORDS = frozenset(_NOT_NAME_TEXT.split())
_ACTING_FORMS = (
    (re.compile(r"^Pelaksana\s+Harian\b"), "Plh"),
    (re.compile(r"^Pelaksana\s+Tugas\b"), "Plt"),
    (re.compile(r"^Penjabat\b"), "Pj"),
    (re.compile(r"^PJ\b"), "Pj"),
    (re.compile(r"^PLT\b"), "Plt"),
    (re.compile(r"^PLH\b"), "Plh"),
    (re.compile(r"\bWalikota\b"), "Wali Kota"),
)
_ORGANISING = re.compile(
    r"\b(?:menggelar|gelar|digelar|menyelenggarakan|diselenggarakan|mengadakan|diadakan)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_AGENCY_BEFORE = re.compile(r"\b([A-Z][A-Z0-9]{2,})\)?[^\S\n]*$")
_ORG_WORDS = {"bawaslu": "Bawaslu", "kpu": "KPU", "kpud": "KPU", "panwaslu": "Panwaslu", "dprd": "DPRD"}


@dataclass(slots=True)
class Person:
    """A person the article names, with the role it gives them and the sentence that says so."""

    name: str
    role: str
    sentence: str
    aliases: list[str] = field(default_factory=list)


def _normal_role(role: str) -> str:
    role = " ".join(role.split())
    for pattern, replacement in _ACTING_FORMS:
        role = pattern.sub(replacement, role)
    return role


def _clean_name(name: str) -> str:
    words = name.split()
    while words and words[0] in _NOT_NAME_WORDS:
        words.pop(0)
    return " ".join(words)


def _sentence_at(text: str, position: int) -> str:
    start = max(text.rfind("\n", 0, position), text.rfind(". ", 0, position) + 1, 0)
    ends = [i for i in (text.find("\n", position), text.find(". ", position)) if i != -1]
    return text[start : min(ends) + 1 if ends else len(text)].strip()


def _is_headline(line: str) -> bool:
    if line.rstrip().endswith((".", "”", '"', ")", ",")):  # headlines carry no sentence punctuation
        return False
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


class _People:
    def __init__(self, text: str) -> None:
        self.text = text
        self.by_name: dict[str, Person] = {}

    def add(self, name: str, role: str, position: int) -> None:
        name, role = _clean_name(name), _normal_role(role)
        if not name:
            return
        person = self.by_name.get(name) or self.owner(name)
        if person is None:
            self.by_name[name] = Person(name, role, _sentence_at(self.text, position))
        elif len(role) > len(person.role):
            person.role, person.sentence = role, _sentence_at(self.text, position)

    def owner(self, short: str) -> Person | None:
        """The person a one-word reference ("Jones", "Hamid") points at, if exactly one fits."""
        if " " in short or len(short) < 3:
            return None
        fits = [p for p in self.by_name.values() if any(w.startswith(short) for w in p.name.split())]
        return fits[0] if len(fits) == 1 else None


def find_people(text: str) -> list[Person]:
    """People named in `text` with their roles, in order of first appearance (see the module docstring)."""
    text = story_part(text)
    people = _People(text)
    for match in _ROLE_COMMA_NAME.finditer(text):
        if text[: match.start()].rstrip(" \t").endswith(","):  # an item of a guest list, not an apposition
            continue
        people.add(match.group(2), match.group(1), match.start())
    for match in _NAME_PAREN_ROLE.finditer(text):
        people.add(match.group(1), match.group(2), match.start())
    gazetteer = Gazetteer.load()
    offset = 0
    for line in text.split("\n"):
        if not _is_headline(line):
            for match in _HEAD_NAME.finditer(line):
                role, name = _split_region(gazetteer, match.group(1), match.group(2).split())
                if name:
                    people.add(name, role, offset + match.start())
        offset += len(line) + 1
    speakers = Counter(
        m.group(1) or m.group(2) for m in _SPEECH.finditer(text) if not _inside_full_name(people, text, m)
    )
    _give_unnamed_role(people, gazetteer, speakers)
    for short in speakers:
        person = people.owner(short)
        if person and short != person.name and short not in person.aliases:
            person.aliases.append(short)
    for match in _NICKNAME.finditer(text):
        person = _nearest_before(people, text, match.start())
        if person and match.group(1) not in person.aliases:
            person.aliases.append(" ".join(match.group(1).split()))
    return sorted(people.by_name.values(), key=lambda p: text.find(p.name))


def _split_region(gazetteer: Gazetteer, head: str, words: list[str]) -> tuple[str, str]:
    """("Pj Bupati Lampung Barat", "Nukman") from head "Pj Bupati" and words "Lampung Barat Nukman"."""
    for k in range(len(words), 0, -1):
        prefix = " ".join(words[:k])
        found = gazetteer.find_regions(prefix)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(prefix):
            return f"{head} {prefix}", " ".join(words[k:])
    return head, " ".join(words)


def _give_unnamed_role(people: _People, gazetteer: Gazetteer, speakers: Counter[str]) -> None:
    """A head of government named without a name ("PJ Bupati Lombok Barat") is the main unplaced speaker."""
    if any(re.match(_ACTING + _GOV_HEAD, p.role) for p in people.by_name.values()):
        return
    for match in _UNNAMED_HEAD.finditer(people.text):
        role, _ = _split_region(gazetteer, match.group(1), match.group(2).split())
        if role == match.group(1):
            continue
        unplaced = [(n, c) for n, c in speakers.most_common() if c >= 2 and people.owner(n) is None]
        if unplaced and unplaced[0][0] not in people.by_name:
            people.add(unplaced[0][0], role, people.text.find(unplaced[0][0]))
        return


def _inside_full_name(people: _People, text: str, match: re.Match) -> bool:
    """Whether a speech-verb match ("Jonestama mengatakan") is the tail of a full name, not a short reference."""
    group = 1 if match.group(1) else 2
    start, end = match.span(group)
    for person in people.by_name.values():
        at = text.rfind(person.name, max(0, end - len(person.name)), end)
        if at != -1 and at <= start:
            return True
    return False


def _nearest_before(people: _People, text: str, position: int) -> Person | None:
    best, best_at = None, -1
    for person in people.by_name.values():
        for word in person.name.split() + person.aliases:
            at = text.rfind(word, 0, position)
            if at > best_at:
                best, best_at = person, at
    return best


def find_organisers(text: str, regions: list[str] | None = None) -> list[str]:
    """Organisations holding the event, in full official form ("Bawaslu Kota Bandar Lampung").

    Candidates are organisation and government mentions ("Bawaslu Bontang", "Pemkab Lampung Barat", an agency
    acronym before "Kabupaten Lombok Barat") in `regions` when given. Those in a sentence with an organising
    verb (menggelar, menyelenggarakan, diadakan…) are the organisers; if none is, the most mentioned
    government, else the most mentioned organisation.
    """
    gazetteer = Gazetteer.load()
    story = story_part(text)
    breaks = [0] + [m.end() for m in _SENTENCE_END.finditer(story)] + [len(story)]
    organising = [bool(_ORGANISING.search(story[breaks[i] : breaks[i + 1]])) for i in range(len(breaks) - 1)]
    found: list[tuple[str, bool]] = []
    for mention in gazetteer.find_regions(story):
        name = _organisation(gazetteer, story, mention)
        if name and (not regions or mention.code in regions or mention.regency in regions):
            found.append((name, organising[bisect_right(breaks, mention.start) - 1]))
    chosen = list(dict.fromkeys(name for name, organising in found if organising))
    if chosen:
        return chosen
    counts = Counter(name for name, _ in found)
    governments = [name for name, _ in counts.most_common() if name.startswith("Pemerintah")]
    return governments[:1] or [name for name, _ in counts.most_common(1)]


def _organisation(gazetteer: Gazetteer, text: str, mention: RegionMention) -> str | None:
    """The official name of the organisation a mention names ("Bawaslu Kota Bontang"), else None."""
    first = mention.matched.split()[0].lower().strip("()")
    if mention.level == PROVINCE:
        place = f"Provinsi {gazetteer.names[mention.code]}"
    elif mention.level == "regency":
        kind = "Kota" if gazetteer.kinds[mention.code] == "kota" else "Kabupaten"
        place = f"{kind} {gazetteer.bases[mention.code]}"
    else:
        return None
    if first in _ORG_WORDS:
        return f"{_ORG_WORDS[first]} {place}"
    if first in ("pemkab", "pemkot", "pemprov", "pemerintah"):
        return f"Pemerintah {place}"
    if mention.how == "qualified":
        agency = _AGENCY_BEFORE.search(text[max(0, mention.start - 24) : mention.start])
        if agency and agency.group(1) not in ("ASN", "PNS", "TNI"):
            return f"{agency.group(1)} {place}"
    return None
