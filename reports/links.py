"""Recognising the same post behind different spellings of its URL (for duplicate detection)."""

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Share and tracking parameters that platforms append without changing what the link points to.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "igsh", "igshid", "si", "feature", "ref", "ref_src", "s", "t"})
MOBILE_HOST_PREFIXES = ("www.", "m.", "mobile.", "web.")


def canonical_url(url: str) -> str:
    """The URL with case, mobile/www host prefixes, tracking parameters, fragment and trailing slash removed."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    for prefix in MOBILE_HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
            break
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMETERS and not key.lower().startswith("utm_")
    ]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def url_key(url: str) -> str:
    """A fixed-length key of the canonical URL, indexed for look-ups."""
    return hashlib.sha256(canonical_url(url).encode()).hexdigest()
