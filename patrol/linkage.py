"""Linking social-media authors to civil servants (ASN) in the registry.

``Registry`` is an in-memory index built once (``Registry.from_database`` or ``Registry.from_rows``) and
pickle-able, so a patrol worker can load it from disk instead of querying the database per post.
``Registry.link(post, region_code)`` returns a list of ``Link``, strongest evidence first:

1. **account** — the post's (platform, handle) is a registered ``SocialAccount`` → confidence 0.98. When this
   matches, nothing else is returned: the account is the person.
2. **bio** — the author's display name or bio declares ASN status or an ASN position, using the terms of
   ``patrol/data/jabatan.csv`` (plus a few in ``EXTRA_TERMS``). Status terms (ASN, PNS, PPPK, NIP) give 0.7,
   position terms (guru, camat, kepala dinas, pemkab…) 0.5. ``asn_id`` is None unless step 3 finds exactly one
   person. Non-ASN terms (kepala desa, honorer, THL, TNI/Polri, bupati…) are cut out of the text first; when
   what remains holds no *status* term, no bio link is made (those people are outside the ASN regime).
   When the bio also names a regional government ("Guru PNS Pemkot Bandung", "ASN Pemkab Garut": the regions
   given with ``add_region``; ``from_database`` adds every province and regency/city) and no region was given,
   step 3 runs in that region, and a unique name match merges into the bio link (both reasons, confidence
   1 − (1 − bio)(1 − name)), so the finding names the ASN and their agency.
3. **name** — only when a region is given (or found in the bio as above): the bare display name (titles stripped with
   ``registry.names.split_titles``) is compared with ``rapidfuzz.fuzz.token_sort_ratio`` against the people in
   the same block; a score ≥ 90 gives confidence ``score / 100 × 0.9``, divided by the number of candidates
   when several pass (an ambiguous name is weak evidence). Never matches outside the given region.

Blocking: people are grouped by ``(region5, name_key)`` where ``region5`` is the first 5 characters of the
work region code ("18.71"; a province-level code like "18" stays "18") and ``name_key`` is the first 3
letters of the first token of the normalised bare name plus the first letter of its last token
("Budi Santoso" → "buds"; one-token names use that token for both). Normalised = accents removed, lowercase,
letters only. A province-level query ("18") searches every block of that province. Names written with a
different first token ("M. Rizki" vs "Muhammad Rizki") fall in other blocks and are missed — the price of
comparing against a handful of names instead of a region's thousands.

Speed (a target, not asserted in tests): building is linear in the people count, linking is one dict lookup,
one regex scan of name + bio and a rapidfuzz scan of one small block. Measured with synthetic ``from_rows``
data (1,200 distinct names over 504 regencies, one account per ten people): 200,000 people build in 3 s and
link ~22,000 posts/s; 1,000,000 people build in 13 s, pickle to 85 MB (about 3 s each way) and link ~21,000
posts/s. Real names are less uniform, so the largest blocks will be bigger than in that test.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from rapidfuzz import fuzz, process

from registry.names import split_titles

__all__ = ["Link", "Registry", "name_key", "normalise_name"]

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "jabatan.csv"

ACCOUNT_CONFIDENCE = 0.98
STATUS_CONFIDENCE = 0.7
POSITION_CONFIDENCE = 0.5
NAME_THRESHOLD = 90
NAME_WEIGHT = 0.9
MAX_NAME_LINKS = 5

# Cues the lexicon names only inside longer variants ("pegawai pemkab") but that bios use alone.
EXTRA_TERMS = ("pemkab", "pemkot", "pemprov", "staf dinas", "pegawai dinas", "setda", "setdakab", "setdakot")
# Lexicon variants too ambiguous in social media to count: PKB is a party, Karo a regency and ethnic group,
# Kadin the chamber of commerce, "asisten I/II/III" and "pendidik" are common words or numbering.
AMBIGUOUS = frozenset({"pkb", "karo", "kadin", "asisten i", "asisten ii", "asisten iii", "pendidik", "modin"})
STATUS_CATEGORIES = frozenset({"status", "identifier"})


@dataclass(frozen=True)
class Link:
    """One reason to think a post's author is a given (or an unnamed) ASN."""

    asn_id: int | None
    nip: str
    how: str  # "account" | "bio" | "name"
    confidence: float
    evidence: str
    region_code: str = ""  # the linked ASN's work region, when the registry says


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_NON_LETTERS = re.compile(r"[^a-z]+")


def normalise_name(name: str) -> str:
    """The bare name for matching: titles stripped, accents removed, lowercase, letters and single spaces."""
    bare = split_titles(name)[1]
    return " ".join(_NON_LETTERS.sub(" ", _strip_accents(bare).lower()).split())


def name_key(normalised: str) -> str:
    """The blocking key of a normalised name: "budi santoso" → "buds"; "" for an empty name."""
    parts = normalised.split()
    if not parts:
        return ""
    return parts[0][:3] + parts[-1][0]


def _region5(code: str) -> str:
    return (code or "").strip()[:5]


# --- lexicon -----------------------------------------------------------------------------------------


def _is_non_asn(status: str) -> bool:
    status = status.lower()
    if status.startswith("asn"):  # "ASN (or non-ASN contract staff)" is a conditional ASN role
        return False
    return ("non-asn" in status or "not asn" in status) and "not necessarily" not in status


def _load_lexicon(path: Path) -> tuple[dict[str, tuple[str, float]], set[str]]:
    """(ASN term → (canonical term, confidence), non-ASN terms), all lowercase."""
    asn: dict[str, tuple[str, float]] = {}
    non_asn: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            term = row["term"].strip().lower()
            variants = [term, *(v.strip().lower() for v in row["variants"].split("|"))]
            variants = [v for v in variants if v and v not in AMBIGUOUS]
            status = row["status"].strip()
            if _is_non_asn(status):
                non_asn.update(variants)
            elif status.upper().startswith("ASN"):
                confidence = STATUS_CONFIDENCE if row["category"].strip() in STATUS_CATEGORIES else POSITION_CONFIDENCE
                for variant in variants:
                    asn.setdefault(variant, (term, confidence))
    for extra in EXTRA_TERMS:
        asn.setdefault(extra, ("pegawai pemerintah daerah", POSITION_CONFIDENCE))
    return asn, non_asn


def _terms_regex(terms: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive; words of a term may be separated by any non-letters ("non-ASN")."""
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        words = re.findall(r"\w+", term)
        if words:
            parts.append(r"[\W_]+".join(re.escape(w) for w in words))
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])", re.IGNORECASE)


ASN_TERMS, NON_ASN_TERMS = _load_lexicon(LEXICON_PATH)
_ASN_RE = _terms_regex(ASN_TERMS)
_NON_ASN_RE = _terms_regex(NON_ASN_TERMS)
_WORDS = re.compile(r"\w+")
# A status or position right after these words is not (or no longer, or not yet) held by the author: "mantan PNS",
# "pensiunan guru", "purna bakti Pemkot Bandung", "3x gagal CPNS", "bukan ASN", "istri PNS", "anak guru",
# "menunggu PPPK", "seleksi PPPK".
_FORMER_RE = re.compile(
    r"(?:(?<!\w)(?:mantan|eks|ex|pensiunan|pensiun|purna\s*bakti|purna\s*tugas|purnawirawan|gagal|bukan|resign)"
    r"(?:[\W_]+\w+){0,2}"
    # someone else's status ("istri PNS", "anak seorang guru") or one still sought: right before it only
    r"|(?<!\w)(?:istri|suami|anak|putra|putri|keluarga|menunggu|nunggu|seleksi|formasi|pendaftar|daftar)"
    r"(?:\s+(?:seorang|dari|sang|jadi|menjadi))?"
    r")[\W_]*$",
    re.IGNORECASE,
)
# Staff of a government office named by its usual abbreviation: "Staf Disdukcapil", "Pranata Humas Diskominfo",
# "pegawai Bappeda", "Kasubag Umum Dinas PUPR", "staf KPPN", "pegawai Kemenag".
_GOVERNMENT_STAFF_RE = re.compile(
    r"(?<!\w)(?:staf|staff|pegawai|karyawan|pranata\s+\w+|analis\s+\w+|kasubag|kasubbag|kasubbid|kabid|kasi|kasie)"
    r"(?:[\W_]+\w+){0,2}?[\W_]+"
    r"(?:dinas|dis(?:dik|dukcapil|kominfo|hub|naker|perindag|pora|parbud|par|kes|sos|tan|pertan|ketapang)|dinkes|dinsos"
    r"|bappeda|bapenda|bkpsdm|bkd|bpbd|bpkad|setda|setwan|sekretariat\s+daerah|kecamatan|kelurahan|kantor\s+camat"
    r"|kemen\w+|kementerian|pemkab|pemkot|pemprov|rsud|puskesmas|kppn|kpp|kanwil|kemenag|bps|bpn|kua)(?!\w)",
    re.IGNORECASE,
)
# Words of the private sector: with them, a bare position ("bidan", "dosen") says nothing about ASN status.
_PRIVATE_RE = re.compile(r"(?<!\w)(?:swasta|praktik mandiri|praktek mandiri|freelance|wiraswasta)(?!\w)", re.IGNORECASE)


def _term_of(matched: str) -> tuple[str, float]:
    return ASN_TERMS.get(" ".join(_WORDS.findall(matched.lower())), ("", POSITION_CONFIDENCE))


@lru_cache(maxsize=65536)  # authors post many times with the same name and bio
def declared_status(text: str) -> tuple[float, tuple[str, ...]] | None:
    """(confidence, the cue words as written) when `text` declares ASN status or position, else None."""
    if not text:
        return None
    had_non_asn = False
    if _NON_ASN_RE.search(text) or _PRIVATE_RE.search(text):
        had_non_asn = True
        text = _NON_ASN_RE.sub(" | ", text)
    matches = [(m, _term_of(m.group(0))[1]) for m in _ASN_RE.finditer(text)]
    matches += [(m, POSITION_CONFIDENCE) for m in _GOVERNMENT_STAFF_RE.finditer(text)]
    found = [
        (m.group(0), confidence)
        for m, confidence in matches
        if not _FORMER_RE.search(text[max(0, m.start() - 40) : m.start()])
    ]
    if not found:
        return None
    best = max(confidence for _, confidence in found)
    if had_non_asn and best < STATUS_CONFIDENCE:
        return None
    cues = tuple(dict.fromkeys(word for word, _ in found))
    return best, cues


# --- regions named in bios ---------------------------------------------------------------------------

_ADMIN_PREFIXES = ("kabupaten administrasi ", "kota administrasi ", "kabupaten ", "kota ")


def region_phrases(code: str, name: str) -> list[str]:
    """How a bio names the government of a region: "pemkot bandung", "kab garut", "pemprov jawa barat".

    Only forms with the kind of government in them: "Bandung" alone is a city and a regency.
    """
    lowered = _WORDS.findall(name.lower())
    text = " ".join(lowered)
    if len(code) == 2:
        return [f"provinsi {text}", f"pemprov {text}", f"pemerintah provinsi {text}"]
    base = text
    for prefix in _ADMIN_PREFIXES:
        if text.startswith(prefix):
            base = text[len(prefix) :]
            break
    if text.startswith("kota"):
        return [text, f"kota {base}", f"pemkot {base}", f"pemerintah kota {base}"]
    return [text, f"kabupaten {base}", f"kab {base}", f"pemkab {base}", f"pemerintah kabupaten {base}"]


# --- the registry index ------------------------------------------------------------------------------


class _Column:
    """Strings kept as one joined string and an offset array: a million names cost two objects, not a million.

    A national registry held as tuples of Python strings takes gigabytes and pickles (to Dask workers) slowly;
    held this way it is about the size of its text and pickles at memory speed.
    """

    def __init__(self, values: list[str]) -> None:
        self.text = "\x00".join(values)  # NUL never occurs in registry text (PostgreSQL refuses it)
        self.offsets = array("Q", [0])
        self.offsets.extend(accumulate(len(value) + 1 for value in values))

    def __getitem__(self, index: int) -> str:
        return self.text[self.offsets[index] : self.offsets[index + 1] - 1]

    def __len__(self) -> int:
        return len(self.offsets) - 1


class _Interned:
    """A column of few distinct strings (agencies, positions): the distinct values and an index per row."""

    def __init__(self, values: list[str]) -> None:
        position: dict[str, int] = {}
        self.index = array("L", (position.setdefault(value, len(position)) for value in values))
        self.values = list(position)

    def __getitem__(self, index: int) -> str:
        return self.values[self.index[index]]


class Registry:
    """Accounts and people of the registry, indexed for ``link``; pickle-able (to processes and Dask workers).

    People are stored by column (`_Column`), blocks as one array of person indices sorted by block with an
    offset per block key.
    """

    def __init__(self) -> None:
        self.accounts: dict[tuple[str, str], tuple[int, str, str]] = {}  # → (asn_id, nip, work region code)
        self.province_regions: dict[str, set[str]] = defaultdict(set)
        self._rows: list[tuple[int, str, str, str, str, str, str]] | None = []  # until _finish
        self.region_names: dict[str, str] = {}  # "pemkot bandung" → "32.73" (see `add_region`)
        self._region_re: re.Pattern[str] | None = None

    def add_region(self, code: str, name: str) -> None:
        """Let bios name this region ("ASN Pemkot Bandung"): then the author's name is matched there."""
        for phrase in region_phrases(code, name):
            self.region_names[phrase] = code
        self._region_re = None

    def region_in(self, text: str) -> str | None:
        """The code of the region whose government `text` names (the longest phrase wins), else None."""
        if not self.region_names or not text:
            return None
        if self._region_re is None:
            self._region_re = _terms_regex(self.region_names)
            self._region_cache = {}
        if text in self._region_cache:  # authors post many times with the same bio
            return self._region_cache[text]
        best = None
        for match in self._region_re.finditer(text):
            phrase = " ".join(_WORDS.findall(match.group(0).lower()))
            if phrase in self.region_names and (best is None or len(phrase) > len(best)):
                best = phrase
        if len(self._region_cache) > 65536:
            self._region_cache.clear()
        self._region_cache[text] = found = self.region_names[best] if best else None
        return found

    # building

    def add_account(self, platform: str, handle: str, asn_id: int, nip: str, region_code: str = "") -> None:
        self.accounts[(platform.lower(), handle.strip().lstrip("@").lower())] = (asn_id, nip, region_code or "")

    def add_person(self, asn_id: int, nip: str, name: str, region_code: str, agency: str, position: str) -> None:
        normalised = normalise_name(name)
        key = name_key(normalised)
        if not key:
            return
        region = _region5(region_code)
        self._rows.append((asn_id, nip, name, normalised, agency or "", position or "", f"{region}|{key}"))
        self.province_regions[region[:2]].add(region)

    def _finish(self) -> Registry:
        rows = self._rows or []
        order = sorted(range(len(rows)), key=lambda i: rows[i][6])  # people of one block side by side
        rows = [rows[i] for i in order]
        self.ids = array("q", (row[0] for row in rows))
        self.nips, self.names, self.normalised = (_Column([row[i] for row in rows]) for i in (1, 2, 3))
        self.agencies, self.positions = (_Interned([row[i] for row in rows]) for i in (4, 5))
        self.blocks: dict[str, tuple[int, int]] = {}
        for index, row in enumerate(rows):
            start, _ = self.blocks.get(row[6], (index, index))
            self.blocks[row[6]] = (start, index + 1)
        self.province_regions = dict(self.province_regions)
        self._rows = None
        return self

    def person(self, index: int) -> tuple[int, str, str, str, str, str]:
        """(asn_id, nip, display name, normalised name, agency, position) of one person."""
        return (
            self.ids[index],
            self.nips[index],
            self.names[index],
            self.normalised[index],
            self.agencies[index],
            self.positions[index],
        )

    @classmethod
    def from_rows(
        cls,
        accounts: Iterable[tuple[str, str, int, str]] = (),
        people: Iterable[tuple[int, str, str, str, str, str]] = (),
    ) -> Registry:
        """accounts: (platform, handle, asn_id, nip[, region_code]); people: (asn_id, nip, name, region_code, agency,
        position)."""
        registry = cls()
        for account in accounts:
            registry.add_account(*account)
        for person in people:
            registry.add_person(*person)
        return registry._finish()

    @classmethod
    def from_database(cls, region_codes: Iterable[str] | None = None, chunk_size: int = 5000) -> Registry:
        """Active ASN (optionally only those working in `region_codes` or below) and their accounts."""
        from django.db.models import Q

        from accounts.rules import region_scope_q
        from registry.models import ASN, SocialAccount

        people = ASN.objects.filter(is_active=True)
        accounts = SocialAccount.objects.filter(asn__is_active=True)
        if region_codes is not None:
            scope = Q(pk__in=[])
            for code in region_codes:
                scope |= region_scope_q("region", code)
            people = people.filter(scope)
            accounts = accounts.filter(asn__in=people.values("pk"))
        registry = cls()
        account_rows = accounts.values_list("platform", "handle", "asn_id", "asn__nip", "asn__region_id")
        for platform, handle, asn_id, nip, region in account_rows.iterator(chunk_size=chunk_size):
            registry.add_account(platform, handle, asn_id, nip, region or "")
        rows = people.order_by().values_list(
            "pk", "nip", "front_title", "name", "back_title", "region_id", "agency__name", "position"
        )
        for pk, nip, front, name, back, region, agency, position in rows.iterator(chunk_size=chunk_size):
            full = f"{front} {name}".strip()
            full = f"{full}, {back}" if back else full
            registry.add_person(pk, nip, full, region, agency, position)
        from regions.models import Level, Region

        for code, name in Region.objects.filter(level__in=[Level.PROVINCE, Level.REGENCY]).values_list("code", "name"):
            registry.add_region(code, name)
        return registry._finish()

    def __len__(self) -> int:
        return len(self.ids)

    # pickling: the accounts as a few long strings and an array (a Dask scatter of a dict of 200,000 tuples
    # is several times slower); the people are columns already

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_region_re"] = None  # compiled again on first use
        state.pop("_region_cache", None)
        keys = list(self.accounts)
        values = [self.accounts[key] for key in keys]
        state["accounts"] = (
            _Column([k[0] for k in keys]),
            _Column([k[1] for k in keys]),
            array("q", (v[0] for v in values)),
            _Column([v[1] for v in values]),
            _Column([v[2] for v in values]),
        )
        return state

    def __setstate__(self, state: dict) -> None:
        platforms, handles, ids, nips, regions = state.pop("accounts")
        self.__dict__.update(state)
        self.accounts = {(platforms[i], handles[i]): (ids[i], nips[i], regions[i]) for i in range(len(ids))}

    # linking

    def link(self, post, region_code: str | None = None) -> list[Link]:
        """The links for the author of `post` (a ``patrol.schema.Post``), strongest first; [] when none."""
        account = self.accounts.get((post.platform, post.author_handle.lower()))
        if account is not None:
            asn_id, nip, region = account
            evidence = f"akun {post.platform} @{post.author_handle} terdaftar milik ASN {nip}"
            return [Link(asn_id, nip, "account", ACCOUNT_CONFIDENCE, evidence, region)]

        links: list[Link] = []
        profile = f"{post.author_name}\n{post.author_bio}"
        declared = declared_status(profile)
        if region_code is None and declared is not None:
            region_code = self.region_in(profile)  # "Guru SDN 2 Kota Bandar Lampung": look for the name there
        names = self.match_name(post.author_name, region_code) if region_code else []
        if declared is not None:
            confidence, cues = declared
            kind = "status ASN" if confidence >= STATUS_CONFIDENCE else "jabatan ASN"
            quoted = ", ".join(f"'{cue}'" for cue in cues[:3])
            evidence = f"bio menyebut {quoted} ({kind})"
            asn_id, nip, region = None, "", region_code or ""
            if len(names) == 1:  # the bio says ASN and where; the name says who: one link with both reasons
                name = names.pop()
                asn_id, nip, region = name.asn_id, name.nip, name.region_code
                confidence = round(1 - (1 - confidence) * (1 - name.confidence), 4)
                evidence += f"; {name.evidence}"
            links.append(Link(asn_id, nip, "bio", confidence, evidence, region))
        links.extend(names)
        return sorted(links, key=lambda link: -link.confidence)

    def _candidates(self, region_code: str, key: str) -> list[int]:
        region = _region5(region_code)
        # A province code ("18") searches all of its regencies and the province itself.
        regions = self.province_regions.get(region[:2], ()) if len(region) < 5 else (region,)
        found: list[int] = []
        for code in regions:
            start, end = self.blocks.get(f"{code}|{key}", (0, 0))
            found.extend(range(start, end))
        return found

    def match_name(self, display_name: str, region_code: str) -> list[Link]:
        """Name links for `display_name` among the people working in `region_code` (score ≥ 90)."""
        normalised = normalise_name(display_name or "")
        key = name_key(normalised)
        if not key or not region_code:
            return []
        candidates = self._candidates(region_code, key)
        if not candidates:
            return []
        choices = [self.normalised[i] for i in candidates]
        hits = process.extract(
            normalised, choices, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_THRESHOLD, limit=MAX_NAME_LINKS
        )
        links = []
        for _, score, index in hits:
            asn_id, nip, full, _, agency, position = self.person(candidates[index])
            confidence = round(score / 100 * NAME_WEIGHT / len(hits), 4)
            where = ", ".join(part for part in (position, agency) if part)
            evidence = f"nama '{display_name.strip()}' cocok {score:.0f} % dengan {full}"
            evidence += f" ({where})" if where else ""
            if len(hits) > 1:
                evidence += f"; salah satu dari {len(hits)} nama serupa"
            links.append(Link(asn_id, nip, "name", confidence, evidence, _region5(region_code)))
        return links
