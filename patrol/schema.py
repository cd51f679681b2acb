"""The post schema: what the patrol readers accept, one social-media item per record.

Integrators (scrapers, platform exports, the X API) deliver records with these fields. JSONL and JSON use the
names as keys, CSV as header columns, Parquet as column names. ``patrol.readers`` also maps X API v2 tweet pages
onto this schema by itself (see its docstring).

=============  ==============  =========  ===================================================  =========================
field          type            required   meaning                                              example
=============  ==============  =========  ===================================================  =========================
platform       text            yes        where the item was seen: instagram, x, facebook,     ``"instagram"``
                                          tiktok, youtube, other (``twitter``/``ig``/``fb``/
                                          ``tt``/``yt`` are accepted and mapped; any other
                                          name becomes ``other``)
post_id        text (or int)   yes        the platform's id of this item                       ``"1790012345678901234"``
url            text            no         link to the item                                     ``"https://x.com/budi/status/1"``
author_handle  text            yes        the account that acted; stored lowercase, no @       ``"@Budi.S"``
author_name    text            no         display name                                         ``"Budi Santoso, S.Pd."``
author_bio     text            no         profile description (often names the agency)         ``"ASN Dinas PU"``
text           text            see note   the item's own words; may be empty only for          ``"Ayo pilih nomor 2!"``
                                          ``like`` and ``follow``
kind           text            yes        post, comment, share, like, follow, reply            ``"share"``
target         text            no         for comment/share/like/follow/reply: the post id,    ``"1790000000000000000"``
                                          URL or account handle acted on; ignored for post
posted_at      date-time       yes        ISO 8601 with a time zone (``Z`` or ``+07:00``), or  ``"2029-02-01T03:04Z"``
                                          epoch seconds; stored in UTC. A date-time without
                                          a zone is rejected: WIB/WITA/WIT would be a guess
media_text     text            no         captions, alt text, OCR of images, joined            ``"poster paslon 02"``
hashtags       list of text    no         without ``#``, stored lowercase; in CSV separated    ``["pemilu2029"]``
                                          by spaces or commas; when absent they are taken
                                          from ``text``
=============  ==============  =========  ===================================================  =========================

Limits: every text field holds at most ``MAX_TEXT`` (20,000) characters; a longer one rejects the record ("giant
post"). Fields not listed above are ignored; readers report them as a warning ("unknown fields: a, b"), not a reject.

A record that breaks a rule raises ``PostError`` with one plain English reason, for example ``missing field:
posted_at``, ``unknown kind: retweet2``, ``text longer than 20000 characters``, ``posted_at is not a date-time``.
"""

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, NamedTuple

MAX_TEXT = 20_000


class PostKind(StrEnum):
    POST = "post"
    COMMENT = "comment"
    SHARE = "share"
    LIKE = "like"
    FOLLOW = "follow"
    REPLY = "reply"


PLATFORMS = ("instagram", "x", "facebook", "tiktok", "youtube", "other")
PLATFORM_ALIASES = {"twitter": "x", "ig": "instagram", "fb": "facebook", "tt": "tiktok", "yt": "youtube"}
FIELDS = (
    "platform",
    "post_id",
    "url",
    "author_handle",
    "author_name",
    "author_bio",
    "text",
    "kind",
    "target",
    "posted_at",
    "media_text",
    "hashtags",
)
_TEXT_FIELDS = tuple(name for name in FIELDS if name not in ("kind", "posted_at", "hashtags"))
REQUIRED = ("platform", "post_id", "author_handle", "kind", "posted_at")
TEXT_OPTIONAL_FOR = frozenset({PostKind.LIKE, PostKind.FOLLOW})
HASHTAG_RE = re.compile(r"(?<![\w#])#(\w+)")
HASHTAG_SPLIT_RE = re.compile(r"[\s,]+")


class PostError(ValueError):
    """A record that cannot become a ``Post``; ``reason`` is one short English sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Post(NamedTuple):
    """One social-media item in the schema above, validated and normalised.

    A named tuple rather than a frozen dataclass: a national scan builds millions of them, and a tuple is
    built several times faster while being just as immutable.
    """

    platform: str
    post_id: str
    url: str
    author_handle: str
    author_name: str
    author_bio: str
    text: str
    kind: PostKind
    target: str
    posted_at: datetime
    media_text: str
    hashtags: tuple[str, ...]


def unknown_fields(data: Mapping) -> tuple[str, ...]:
    """The keys of ``data`` that are not schema fields, sorted (for the reader's warning)."""
    return tuple(sorted(str(key) for key in data if key not in FIELDS))


def post_from_mapping(data: Mapping) -> Post:
    """Validate one record (JSON object, CSV row, Parquet row) and return it as a ``Post``.

    Empty strings and ``None`` count as absent. Raises ``PostError`` on the first broken rule.
    """
    get = data.get
    for name in REQUIRED:
        value = get(name)
        if value is None or (type(value) is str and (not value or value.isspace())):
            raise PostError(f"missing field: {name}")
    values = {}
    for name in _TEXT_FIELDS:
        value = get(name)
        # the common case inline (this runs for every post of a national scan); the rest in _text
        values[name] = value if type(value) is str and len(value) <= MAX_TEXT else _text(data, name)
    kind = _kind(data["kind"])
    if not values["text"] and kind not in TEXT_OPTIONAL_FOR:
        raise PostError(f"missing field: text (required for kind {kind})")
    return Post(
        platform=_platform(values["platform"]),
        post_id=values["post_id"].strip(),
        url=values["url"].strip(),
        author_handle=normalise_handle(values["author_handle"]),
        author_name=values["author_name"].strip(),
        author_bio=values["author_bio"],
        text=values["text"],
        kind=kind,
        target="" if kind == PostKind.POST else values["target"].strip(),
        posted_at=parse_posted_at(data["posted_at"]),
        media_text=values["media_text"],
        hashtags=_hashtags(data.get("hashtags"), values["text"]),
    )


def normalise_handle(raw: str) -> str:
    """``" @Budi.S "`` → ``"budi.s"``; a handle that is only ``@`` is missing."""
    handle = raw.strip().lstrip("@").strip().lower()
    if not handle:
        raise PostError("missing field: author_handle")
    return handle


def parse_posted_at(value: Any) -> datetime:
    """A zone-aware ``datetime`` in UTC from an ISO 8601 string, a ``datetime`` or epoch seconds."""
    if isinstance(value, bool):
        raise PostError("posted_at is not a date-time")
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise PostError("posted_at is not a date-time") from None
    if isinstance(value, str):
        text = value.strip()
        try:
            value = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
        except ValueError:
            raise PostError("posted_at is not a date-time") from None
    if not isinstance(value, datetime):
        raise PostError("posted_at is not a date-time")
    if value.tzinfo is None or value.utcoffset() is None:
        raise PostError("posted_at has no time zone")
    return value.astimezone(UTC)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(data: Mapping, name: str) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # numeric ids from exporters that drop the quotes
    if not isinstance(value, str):
        raise PostError(f"{name} is not text")
    if len(value) > MAX_TEXT:
        raise PostError(f"{name} longer than {MAX_TEXT} characters")
    return value


_KINDS = {kind.value: kind for kind in PostKind}


def _kind(value: Any) -> PostKind:
    if not isinstance(value, str):
        raise PostError("kind is not text")
    known = _KINDS.get(value)
    if known is not None:
        return known
    name = str(value).strip().lower()
    try:
        return PostKind(name)
    except ValueError:
        raise PostError(f"unknown kind: {str(value).strip()[:40]}") from None


def _platform(value: str) -> str:
    name = value.strip().lower()
    name = PLATFORM_ALIASES.get(name, name)
    return name if name in PLATFORMS else "other"


def _hashtags(value: Any, text: str) -> tuple[str, ...]:
    if _blank(value) or value == []:
        if "#" not in text:
            return ()
        tags = HASHTAG_RE.findall(text)
    elif isinstance(value, str):
        tags = HASHTAG_SPLIT_RE.split(value)
    elif isinstance(value, list | tuple) and all(isinstance(tag, str) for tag in value):
        tags = list(value)
    else:
        raise PostError("hashtags is not a list of text")
    cleaned = (tag.strip().lstrip("#").lower() for tag in tags)
    return tuple(dict.fromkeys(tag for tag in cleaned if tag))
