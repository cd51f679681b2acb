"""Cleaning of scraped Indonesian news pages: the headline and the story, without the site furniture.

Pure functions, no Django imports. A page arrives as scraped plain text (one block per line, blank lines between
blocks) or as HTML, which is first flattened to the same shape with the standard library's ``html.parser``
(script, style, nav, footer, aside, form and noscript are dropped whole).

What is removed, line by line, and recorded in ``Cleaned.removed`` so a supervisor can check it:

* share widgets ("facebook twitter whatsapp", "Bagikan", "URL berhasil dicopy");
* "Baca Juga:" / "BACA JUGA" links, and related or latest news lists ("Berita Terkait", "Terpopuler", "Berita
  Terkini") together with the headlines and time stamps under them;
* credits ("Editor :", "Penulis :", "Reporter:", "Foto :") and trailing agency codes ("(ant/...)", "(**/red)");
* cookie, login and navigation text ("Lompat ke isi utama", "Category: Daerah"), tickers ("breaking news Baru").

The rule that matters more than any pattern: a line that reads as a story sentence is never removed. List
headlines are only dropped under a list header, and only while they do not end like a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["MAX_INPUT_CHARS", "Cleaned", "CleaningError", "clean"]

# Five million characters is a hundred times the longest real article; anything longer is a dump, not a page.
MAX_INPUT_CHARS = 5_000_000


class CleaningError(ValueError):
    """The input cannot be read as a news page; the message is in English and Indonesian."""


@dataclass(slots=True)
class Cleaned:
    title: str
    paragraphs: list[str]
    removed: list[str]
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Title and story as one text, blocks separated by blank lines (what ``news.dates`` reads)."""
        return "\n\n".join([self.title, *self.paragraphs] if self.title else self.paragraphs)


_SHARE_WORDS = frozenset(
    [
        "facebook",
        "twitter",
        "whatsapp",
        "telegram",
        "line",
        "copy",
        "icon",
        "share",
        "bagikan",
        "x",
        "linkedin",
        "pinterest",
        "email",
        "e-mail",
        "salin",
        "tautan",
        "link",
        "print",
        "cetak",
        "url",
        "berhasil",
        "dicopy",
        "disalin",
        "tweet",
        "wa",
        "fb",
        "ig",
        "instagram",
        "tiktok",
        "youtube",
    ]
)
_BACA_JUGA = re.compile(r"^(?:baca|lihat|simak)\s+(?:juga|pula)\b|^artikel\s+terkait\s*:", re.IGNORECASE)
_LIST_HEADER = re.compile(
    r"^(?:berita|artikel|info|video)?\s*(?:terkait|terpopuler|terkini|terbaru|lainnya|populer|rekomendasi|pilihan)"
    r"(?:\s+(?:lainnya|hari ini|untuk anda))?\s*:?$|^(?:baca juga|rekomendasi|tags?|topik|komentar)\s*:?$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:editor|penulis|reporter|pewarta|foto|fotografer|sumber foto|redaktur|penyunting|kontributor|"
    r"editing|writer|author)\s*:",
    re.IGNORECASE,
)
_TRAILING_CODE = re.compile(r"(?<=[.!?\"”])\s*\((?:\*+/)?(?:[a-z]{1,6}/[^()]{0,30}|editor\w*|red|ant|\*+)\)\s*$",
                            re.IGNORECASE)  # fmt: skip
_NAV = re.compile(
    r"^(?:lompat ke (?:isi|konten)(?: utama)?|skip to (?:main )?content|beranda|home|menu|cari|search|berita|news|"
    r"masuk|daftar|login|log in|logout|sign in|register|loading\.*|advertisement|iklan|scroll to continue.*|"
    r"(?:category|kategori|rubrik|kanal)\s*:.*|breaking news\b.{0,40}|tutup|close|kembali ke atas|back to top)$",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"\bcookies?\b|\bkuki\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\"”’;)]$")
_DATE_ONLY = re.compile(
    r"^(?:(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu),?\s*)?\d{1,2}[ /.-]\w+[ /.-]\d{2,4}"
    r"(?:\s*[-–|,]?\s*\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)?)?$",
    re.IGNORECASE,
)
_TITLE_SITE = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
_HTML = re.compile(r"<(?:!doctype|html|body|head|p|div|br|article|h1|span|a)\b[^>]*>", re.IGNORECASE)


class _TextParser(HTMLParser):
    """Flattens HTML to blocks; remembers the first <h1> and the <title>."""

    SKIP = frozenset({"script", "style", "nav", "footer", "aside", "noscript", "form", "iframe", "svg", "button"})
    BLOCK = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "table",
            "section",
            "article",
            "header",
            "figure",
            "figcaption",
            "blockquote",
            "time",
            "title",
            "main",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.h1: str | None = None
        self.doc_title: str | None = None
        self._capture: str | None = None
        self._captured: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")
        if tag in ("h1", "title") and self._capture is None and not self.skip_depth:
            self._capture, self._captured = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")
        if tag == self._capture:
            text = " ".join("".join(self._captured).split())
            if tag == "h1" and self.h1 is None:
                self.h1 = text
            elif tag == "title" and self.doc_title is None:
                self.doc_title = text
                self.parts.append("\n\n")  # the <title> is not page text; the <h1> is
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self._capture:
            self._captured.append(data)
        if self._capture != "title":
            self.parts.append(data)


def _html_to_text(raw: str) -> tuple[str, str | None]:
    parser = _TextParser()
    try:
        parser.feed(raw)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything it still rejects is a broken page
        raise CleaningError(f"broken HTML ({exc}) / HTML rusak ({exc})") from exc
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    title = parser.h1 or (_TITLE_SITE.sub("", parser.doc_title) if parser.doc_title else None)
    return text, title


def _check(raw: str | bytes) -> str:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CleaningError("input is not UTF-8 text / masukan bukan teks UTF-8") from exc
    if not isinstance(raw, str):
        raise CleaningError("input is not text / masukan bukan teks")
    if not raw.strip():
        raise CleaningError("empty input / masukan kosong")
    sample = raw[:20_000]
    if len(_BINARY.findall(sample)) > max(3, len(sample) // 200):
        raise CleaningError("input looks binary, not a news page / masukan tampak biner, bukan halaman berita")
    return raw


def _is_share(line: str) -> bool:
    words = re.findall(r"[\w-]+", line.lower())
    return bool(words) and all(w in _SHARE_WORDS for w in words)


def _furniture(line: str) -> bool:
    return bool(
        _is_share(line)
        or _BACA_JUGA.match(line)
        or _CREDIT.match(line)
        or _NAV.match(line)
        or (_COOKIE.search(line) and len(line) < 400)
    )


def _looks_like_list_item(line: str) -> bool:
    return bool(_DATE_ONLY.match(line)) or (len(line) < 200 and not _SENTENCE_END.search(line))


def _blocks(text: str) -> list[str]:
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return [line for line in lines if line]


def _strip_furniture(blocks: list[str], removed: list[str]) -> list[str]:
    kept: list[str] = []
    in_list = False
    for line in blocks:
        if _LIST_HEADER.match(line):
            in_list = True
            removed.append(line)
            continue
        if in_list and _looks_like_list_item(line):
            removed.append(line)
            continue
        in_list = False
        if _furniture(line):
            removed.append(line)
            continue
        if kept and kept[-1] == line:
            # Image captions are often scraped twice (alt text and caption); one copy keeps the words.
            removed.append(line)
            continue
        code = _TRAILING_CODE.search(line)
        if code:
            removed.append(code.group(0).strip())
            line = line[: code.start()].rstrip()
        kept.append(line)
    return kept


def _join_broken(blocks: list[str]) -> list[str]:
    # Some scrapers break a sentence across blocks ("secara bersama" / "sama membacakan ..."); rejoin them.
    joined: list[str] = []
    for line in blocks:
        if joined and line[0].islower() and not re.search(r"[.!?:;\"”]$", joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _find_title(blocks: list[str]) -> int | None:
    for i, line in enumerate(blocks[:6]):
        if _DATE_ONLY.match(line) or line.endswith((".", ",", ";", '"', "”")):
            continue
        if 3 <= len(line.split()) <= 40:
            return i
    return None


def clean(raw: str | bytes) -> Cleaned:
    """Headline and story of a scraped page, with every removed piece of furniture listed.

    Raises ``CleaningError`` for empty, binary or non-UTF-8 input, broken HTML, or a page with no story left.
    Input over ``MAX_INPUT_CHARS`` is cut there and the cut is reported in ``warnings``.
    """
    text = _check(raw)
    warnings: list[str] = []
    if len(text) > MAX_INPUT_CHARS:
        warnings.append(f"input of {len(text)} characters cut to {MAX_INPUT_CHARS}")
        text = text[:MAX_INPUT_CHARS]
    html_title = None
    if _HTML.search(text[:5000]):
        text, html_title = _html_to_text(text)
    removed: list[str] = []
    blocks = _join_broken(_strip_furniture(_blocks(text), removed))
    if html_title:
        title = _TITLE_SITE.sub("", html_title) if " | " in html_title else html_title
        blocks = [b for b in blocks if b != html_title]
    else:
        index = _find_title(blocks)
        title = "" if index is None else blocks.pop(index)
        if index is not None:
            removed.extend(blocks[:index])  # above the headline there is only site chrome
            blocks = blocks[index:]
    if not blocks:
        raise CleaningError("no story text left after cleaning / tidak ada teks berita setelah dibersihkan")
    return Cleaned(title=title, paragraphs=blocks, removed=removed, warnings=warnings)
