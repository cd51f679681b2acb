"""Normalisation of Indonesian social-media text for the cyber patrol.

Pure functions, no Django imports, built for throughput: every table and regex is
compiled once at import; per-word work is memoised.

Public interface
----------------
``normalize(text) -> str``
    Lowercase, space-separated tokens (punctuation dropped). Idempotent:
    ``normalize(normalize(x)) == normalize(x)``.
``tokens(text) -> list[str]``
    ``normalize(text).split()``.
``urls(text)``, ``mentions(text)``, ``hashtags(text)`` -> ``list[str]``
    Raw extractors on the *original* text. ``urls`` keeps the URL as written
    (trailing punctuation stripped); ``mentions``/``hashtags`` return the lowercase
    name without the ``@``/``#`` sigil.

Token kinds in ``normalize`` output
-----------------------------------
* words: Unicode ``\\w+`` runs, lowercased, repeated letters squeezed, slang mapped
  through ``patrol/data/slang.tsv``;
* ``@handle``: mentions, lowercased, never slang-mapped;
* ``<emoji:NAME>``: one token per emoji. Gestures and common campaign emoji get a
  short Indonesian name (✌️ -> ``<emoji:dua_jari>``, ☝️ -> ``<emoji:satu_jari>``,
  👆 -> ``<emoji:tunjuk_atas>``, 👍 -> ``<emoji:jempol>``); any other emoji becomes
  its code points in hex (😍 -> ``<emoji:1f60d>``). Variation selectors and skin
  tones are dropped, so 👍🏽 == 👍.
* keycap / circled digits become plain digits: 1️⃣ ① ➊ ❶ -> ``1``.

Ballot numbers
--------------
A ballot cue followed by a number becomes the canonical pair ``nomor N``
(N without leading zeros, 1..99): "no 2", "no.2", "no2", "nmr 02", "nomor urut dua"
-> ``nomor 2`` ("urut" is dropped); "paslon 02" -> ``paslon nomor 2``,
"coblos no. 3" -> ``coblos nomor 3``, ``#Coblos02`` -> ``coblos nomor 2``.
Cue words keep themselves; number *words* (satu..sepuluh) are only read after
strong cues (nomor/no/urut/paslon/coblos/nyoblos), digits after any cue.
A bare "no" not followed by a number stays "no" (it is also English "no").

Hashtags
--------
``#SalamDuaJari`` -> "salam dua jari" (camelCase and letter/digit boundaries);
an all-lowercase hashtag is segmented on a small campaign vocabulary
(``#salamduajari`` -> "salam dua jari"), else kept whole.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain
from pathlib import Path

__all__ = ["SLANG", "hashtags", "mentions", "normalize", "tokens", "urls"]

_DATA = Path(__file__).resolve().parent / "data"


def _load_slang(path: Path) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        key, _, value = raw.partition("\t")
        key = key.strip().lower()
        words = tuple(value.strip().lower().split())
        if key and words:
            table[key] = words
    return table


#: slang -> tuple of standard words
SLANG: dict[str, tuple[str, ...]] = _load_slang(_DATA / "slang.tsv")
#: words known to be standard (targets of the slang table + campaign vocabulary)
_KNOWN: frozenset[str]

# --- character-level tables --------------------------------------------------

_PRE: dict[int, str | None] = {}
for _base, _count in ((0x2460, 20), (0x2776, 10), (0x2780, 10), (0x278A, 10), (0x24F5, 10)):
    for _i in range(_count):
        _PRE[_base + _i] = f" {_i + 1} "
_PRE[0x24FF] = " 0 "  # ⓿
_PRE[0x24EA] = " 0 "  # ⓪
_PRE[0x1F51F] = " 10 "  # 🔟
for _cp in (0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400), *range(0xE0000, 0xE0080)):
    _PRE[_cp] = None  # variation selectors, skin tones, tag characters

_PRE_RE = re.compile(
    "[\u2460-\u2473\u24ea\u24f5-\u24ff\u2776-\u2793\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\U0001f51f\U000e0000-\U000e007f]"
)


def _pre_sub(m: re.Match[str]) -> str:
    return _PRE[ord(m.group(0))] or ""


_KEYCAP_RE = re.compile(r"([0-9#*])\u20e3")

_URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|\b(?:bit\.ly|t\.co|s\.id|tinyurl\.com|wa\.me|youtu\.be|linktr\.ee)/[^\s<>\"']*",
    re.IGNORECASE,
)
_URL_TRAIL = ".,;:!?)]}'\""
_MENTION_RE = re.compile(r"(?<![\w@])@(\w+)")
_HASHTAG_RE = re.compile(r"(?<![\w&])#(\w+)")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")

_EMOJI_CLASS = "\U0001f000-\U0001faff\u2600-\u27bf\u2300-\u23ff\u2b00-\u2bff\u3030\u303d\u3297\u3299"
_EMOJI_RE = re.compile(rf"[\U0001f1e6-\U0001f1ff]{{2}}|[{_EMOJI_CLASS}](?:\u200d[{_EMOJI_CLASS}])*")

_EMOJI_NAMES: dict[str, str] = {
    "✌": "dua_jari",
    "☝": "satu_jari",
    "👆": "tunjuk_atas",
    "👇": "tunjuk_bawah",
    "👉": "tunjuk_kanan",
    "👈": "tunjuk_kiri",
    "🫵": "tunjuk_kamu",
    "👍": "jempol",
    "👎": "jempol_bawah",
    "👌": "oke",
    "🤞": "silang_jari",
    "🤟": "tiga_jari",
    "🖖": "salam_vulcan",
    "✋": "telapak",
    "🖐": "telapak",
    "👋": "lambai",
    "✊": "kepal",
    "👊": "tinju",
    "💪": "otot",
    "👏": "tepuk_tangan",
    "🙌": "angkat_tangan",
    "🙏": "doa",
    "🤝": "jabat_tangan",
    "❤": "hati",
    "♥": "hati",
    "💙": "hati_biru",
    "💚": "hati_hijau",
    "💛": "hati_kuning",
    "🧡": "hati_oranye",
    "💜": "hati_ungu",
    "🤍": "hati_putih",
    "🖤": "hati_hitam",
    "❤\u200d🔥": "hati_api",
    "🇮🇩": "bendera_indonesia",
    "🔥": "api",
    "💯": "seratus",
    "✅": "centang",
    "✔": "centang",
    "☑": "centang",
    "❌": "silang",
    "⭐": "bintang",
    "🌟": "bintang",
    "🗳": "kotak_suara",
    "📢": "pengeras_suara",
    "📣": "pengeras_suara",
    "😂": "tawa",
    "🤣": "tawa",
    "😁": "senyum",
    "😀": "senyum",
    "😊": "senyum",
    "🙂": "senyum",
    "😍": "kagum",
    "🥰": "kagum",
    "😡": "marah",
    "😠": "marah",
    "😭": "tangis",
    "😢": "tangis",
    "🤲": "tadah_doa",
}

_WORD_TOKEN_RE = re.compile(r"<emoji:[a-z0-9_]+>|(?<![\w@])@\w+|\w+")
_chain = chain.from_iterable
_SQUEEZE3_RE = re.compile(r"([^\W\d_])\1{2,}")
_SQUEEZE2_RE = re.compile(r"([^\W\d_])\1+")
_GLUED_NUM_RE = re.compile(r"([^\W\d_]+)(\d+)")
_BALLOT_NUM_RE = re.compile(r"0*([1-9][0-9]?)", re.ASCII)

_NUMBER_WORDS = {
    "satu": "1",
    "dua": "2",
    "tiga": "3",
    "empat": "4",
    "lima": "5",
    "enam": "6",
    "tujuh": "7",
    "delapan": "8",
    "sembilan": "9",
    "sepuluh": "10",
}
#: cue words that are rewritten to "nomor" themselves
_NOMOR_CUES = frozenset({"nomor", "no"})
#: cue words that keep themselves and accept number words too
_STRONG_CUES = frozenset({"paslon", "coblos", "nyoblos", "dicoblos", "urut"})
#: cue words that keep themselves and accept digits only
_DIGIT_CUES = frozenset(
    {"pilih", "calon", "cabup", "cawabup", "cagub", "cawagub", "cawalkot", "capres", "cawapres", "pasangan", "kandidat"}
)
_ALL_CUES = _NOMOR_CUES | _STRONG_CUES | _DIGIT_CUES

#: vocabulary for splitting all-lowercase hashtags
_HASHTAG_VOCAB_TEXT = """
    pilih coblos nomor no menang lanjut lanjutkan paslon calon bupati wakil walikota wali kota gubernur
    presiden salam jari satu dua tiga empat lima dukung dukungan bersama untuk rakyat kita pasti
    tetap terus periode jilid indonesia maju hebat baru sejahtera bangkit kuat amanah jujur adil
    pemimpin pilkada pemilu pilpres asn netral bersatu ayo yuk mari kabupaten kota provinsi desa
    rakyatnya cinta bangun membangun jaya menang menangkan juara selamat sukses semua sekali putaran
    """
_HASHTAG_VOCAB = frozenset(_HASHTAG_VOCAB_TEXT.split())
_KNOWN = frozenset({w for words in SLANG.values() for w in words}) | _HASHTAG_VOCAB | frozenset(_NUMBER_WORDS)


# --- helpers -----------------------------------------------------------------


@lru_cache(maxsize=4096)
def _emoji_token(seq: str) -> str:
    name = _EMOJI_NAMES.get(seq)
    if name is None:
        parts = [c for c in seq if c != "\u200d"]
        name = _EMOJI_NAMES.get(parts[0]) if len(parts) == 1 else None
        if name is None:
            name = "_".join(f"{ord(c):x}" for c in parts)
    return f" <emoji:{name}> "


def _emoji_sub(m: re.Match[str]) -> str:
    return _emoji_token(m.group(0))


@lru_cache(maxsize=8192)
def _segment(word: str) -> tuple[str, ...] | None:
    """Split ``word`` into the fewest vocabulary words, or None."""
    n = len(word)
    if n > 40:
        return None
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(1, n + 1):
        for start in range(max(0, end - 12), end):
            prev = best[start]
            if prev is None:
                continue
            piece = word[start:end]
            if piece in _HASHTAG_VOCAB:
                cand = (*prev, piece)
                cur = best[end]
                if cur is None or len(cand) < len(cur):
                    best[end] = cand
    return best[n]


@lru_cache(maxsize=16384)
def _expand_hashtag(tag: str) -> str:
    parts = _CAMEL_RE.split(tag)
    if tag.islower() and len(parts) >= 1:
        out: list[str] = []
        for part in parts:
            seg = _segment(part) if part.isalpha() else None
            out.extend(seg if seg else (part,))
        return " " + " ".join(out) + " "
    return " " + " ".join(parts) + " "


def _hashtag_sub(m: re.Match[str]) -> str:
    return _expand_hashtag(m.group(1))


@lru_cache(maxsize=1 << 17)
def _norm_word(word: str) -> tuple[str, ...]:
    """Squeeze repeated letters and map slang, for one lowercase token (emoji/@ tokens pass through)."""
    if word[0] in "<@":
        return (word,)
    if word in SLANG:
        return SLANG[word]
    if word in _KNOWN:
        return (word,)
    m = _GLUED_NUM_RE.fullmatch(word)
    if m is not None:
        head = _norm_word(m.group(1))
        if len(head) == 1 and head[0] in _ALL_CUES:
            return (head[0], m.group(2))
    squeezed = _SQUEEZE3_RE.sub(r"\1", word)
    if squeezed != word or _SQUEEZE2_RE.search(word):
        # candidates: 3+ -> 1, 3+ -> 2 ("maaaaf" -> "maaf"), every run -> 1 ("mantapp")
        for cand in (squeezed, _SQUEEZE3_RE.sub(r"\1\1", word), _SQUEEZE2_RE.sub(r"\1", word)):
            if cand in SLANG:
                return SLANG[cand]
            if cand in _KNOWN:
                return (cand,)
    return (squeezed,)


def _ballot_number(tok: str, words_ok: bool) -> str | None:
    m = _BALLOT_NUM_RE.fullmatch(tok)
    if m is not None:
        return m.group(1)
    if words_ok:
        return _NUMBER_WORDS.get(tok)
    return None


def _ballot(toks: list[str]) -> list[str]:
    out: list[str] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t in _NOMOR_CUES:
            j = i + 1
            if j < n and toks[j] == "urut":
                j += 1
            num = _ballot_number(toks[j], True) if j < n else None
            if num is not None:
                out += ("nomor", num)
                i = j + 1
                continue
        elif (t in _STRONG_CUES or t in _DIGIT_CUES) and i + 1 < n:
            num = _ballot_number(toks[i + 1], t in _STRONG_CUES)
            if num is not None:
                out += (t, "nomor", num)
                i += 2
                continue
        out.append(t)
        i += 1
    return out


# --- public API --------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    t = text
    if not t.isascii():
        t = _PRE_RE.sub(_pre_sub, t)
    if "\u20e3" in t:
        t = _KEYCAP_RE.sub(lambda m: f" {m.group(1)} " if m.group(1).isdigit() else " ", t)
    if not t.isascii():
        t = unicodedata.normalize("NFKC", t)
    if "/" in t or "www." in t.lower():
        t = _URL_RE.sub(" ", t)
    if "#" in t:
        t = _HASHTAG_RE.sub(_hashtag_sub, t)
    if not t.isascii():
        t = _EMOJI_RE.sub(_emoji_sub, t)
    t = t.lower()
    out = list(_chain(map(_norm_word, _WORD_TOKEN_RE.findall(t))))
    if not _ALL_CUES.isdisjoint(out):
        out = _ballot(out)
    return out


def normalize(text: str) -> str:
    """Normalised, space-separated, lowercase form of ``text`` (see module docstring)."""
    return " ".join(_tokens(text))


def tokens(text: str) -> list[str]:
    """Tokens of ``normalize(text)``."""
    return _tokens(text)


def urls(text: str) -> list[str]:
    """URLs in ``text`` as written (NFKC-normalised), trailing punctuation stripped."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return [u.rstrip(_URL_TRAIL) for u in _URL_RE.findall(text)]


def mentions(text: str) -> list[str]:
    """Lowercase @handles in ``text``, without the ``@``; URLs ignored."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return [m.lower() for m in _MENTION_RE.findall(_URL_RE.sub(" ", text))]


def hashtags(text: str) -> list[str]:
    """Lowercase hashtags in ``text``, without the ``#``; URLs ignored."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return [h.lower() for h in _HASHTAG_RE.findall(_URL_RE.sub(" ", text))]
