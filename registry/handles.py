"""Social-media handles as people write them (@budi.s, profile URLs) turned into one stored form."""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from registry.choices import Platform

PLATFORM_ALIASES = {
    "facebook": Platform.FACEBOOK,
    "fb": Platform.FACEBOOK,
    "instagram": Platform.INSTAGRAM,
    "ig": Platform.INSTAGRAM,
    "tiktok": Platform.TIKTOK,
    "tt": Platform.TIKTOK,
    "x": Platform.X,
    "twitter": Platform.X,
    "youtube": Platform.YOUTUBE,
    "yt": Platform.YOUTUBE,
    "threads": Platform.THREADS,
    "whatsapp": Platform.WHATSAPP,
    "wa": Platform.WHATSAPP,
}
PLATFORM_BY_HOST = {
    "facebook.com": Platform.FACEBOOK,
    "fb.com": Platform.FACEBOOK,
    "instagram.com": Platform.INSTAGRAM,
    "tiktok.com": Platform.TIKTOK,
    "x.com": Platform.X,
    "twitter.com": Platform.X,
    "youtube.com": Platform.YOUTUBE,
    "threads.net": Platform.THREADS,
    "threads.com": Platform.THREADS,
    "wa.me": Platform.WHATSAPP,
    "whatsapp.com": Platform.WHATSAPP,
}
# Handles are case-insensitive on every platform we store except YouTube channel ids ("UC…"), which are
# kept as written; WhatsApp "handles" are phone numbers.
HANDLE_PATTERNS = {
    Platform.FACEBOOK: re.compile(r"^[a-z0-9.]{1,50}$"),
    Platform.INSTAGRAM: re.compile(r"^[a-z0-9._]{1,30}$"),
    Platform.TIKTOK: re.compile(r"^[a-z0-9._]{2,24}$"),
    Platform.X: re.compile(r"^[a-z0-9_]{1,15}$"),
    Platform.YOUTUBE: re.compile(r"^(?:[a-z0-9._\-]{3,30}|channel/UC[A-Za-z0-9_\-]{22})$"),
    Platform.THREADS: re.compile(r"^[a-z0-9._]{1,30}$"),
    Platform.WHATSAPP: re.compile(r"^62\d{8,13}$"),
}
_URL = re.compile(r"^(?:https?://)?(?:www\.|m\.|mobile\.|web\.|vm\.|api\.)?([a-z0-9.\-]+\.[a-z]{2,})(?:/|$)", re.I)
# Path segments that are pages of the site, not a person's profile.
_NOT_PROFILES = frozenset({"p", "reel", "reels", "stories", "explore", "watch", "share", "status", "intent", "home"})


def normalise_handle(platform: str, raw: str) -> str:
    """The handle to store for `raw` (a handle, "@handle" or a profile URL) on `platform`."""
    platform = _platform(platform)
    text = (raw or "").strip()
    url_platform = _url_platform(text)
    if url_platform is not None:
        if url_platform != platform:
            raise ValidationError(
                _("Alamat %(url)s bukan profil %(platform)s.") % {"url": text, "platform": Platform(platform).label}
            )
        text = _handle_from_url(platform, text)
    return _clean(platform, text, raw)


def parse_accounts(cell: str) -> list[tuple[str, str]]:
    """Parse the import column: "instagram:@budi.s; tiktok:budi123; https://x.com/Budi" (a URL names its platform).

    Entries are separated by ";" or line breaks; duplicates are dropped, the order is kept.
    """
    accounts: list[tuple[str, str]] = []
    for item in re.split(r"[;\n]+", cell or ""):
        item = item.strip()
        if not item:
            continue
        url_platform = _url_platform(item)
        if url_platform is not None:
            platform, raw = url_platform, item
        else:
            name, colon, raw = item.partition(":")
            if not colon:
                raise ValidationError(
                    _("Akun %(item)s: sebutkan platformnya, misalnya instagram:%(item)s.") % {"item": item}
                )
            platform = _platform(name)
        account = (platform, normalise_handle(platform, raw))
        if account not in accounts:
            accounts.append(account)
    return accounts


def _platform(name: str) -> str:
    platform = PLATFORM_ALIASES.get(name.strip().lower())
    if platform is None:
        choices = ", ".join(sorted(Platform.values))
        raise ValidationError(
            _("Platform %(name)s tidak dikenal; gunakan salah satu dari: %(choices)s.")
            % {"name": name, "choices": choices}
        )
    return platform


def _url_platform(text: str) -> str | None:
    match = _URL.match(text)
    if match is None:
        return None
    host = match.group(1).lower()
    return PLATFORM_BY_HOST.get(host) or PLATFORM_BY_HOST.get(host.partition(".")[2])


def _handle_from_url(platform: str, text: str) -> str:
    parts = urlsplit(text if "://" in text else f"https://{text}")
    segments = [segment for segment in parts.path.split("/") if segment]
    query = parse_qs(parts.query)
    if platform == Platform.FACEBOOK and segments[:1] == ["profile.php"]:
        return query.get("id", [""])[0]
    if platform == Platform.WHATSAPP:
        return segments[0] if segments and segments[0] != "send" else query.get("phone", [""])[0]
    if platform == Platform.YOUTUBE and segments[:1] == ["channel"] and len(segments) > 1:
        return f"channel/{segments[1]}"
    if platform == Platform.YOUTUBE and segments[:1] in (["c"], ["user"]) and len(segments) > 1:
        return segments[1]
    if not segments or segments[0].lower().lstrip("@") in _NOT_PROFILES:
        return ""
    return segments[0]


def _clean(platform: str, handle: str, raw: str) -> str:
    handle = handle.strip().lstrip("@").strip()
    if platform == Platform.WHATSAPP:
        handle = re.sub(r"[\s\-().+]", "", handle)
        handle = "62" + handle[1:] if handle.startswith("0") else handle
    elif not handle.startswith("channel/"):
        handle = handle.lower()
    if not handle or not HANDLE_PATTERNS[platform].match(handle):
        raise ValidationError(
            _("Akun %(raw)s bukan nama akun %(platform)s yang sah.")
            % {"raw": raw, "platform": Platform(platform).label}
        )
    return handle
