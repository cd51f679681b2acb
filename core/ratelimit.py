"""Per-client rate limits for public actions (report submission, receipt look-ups), shared by all processes.

A limit is written "N/period" (period s, m, h or d), e.g. "10/h". Hits are counted per fixed window in
`RateLimitCounter` with one `INSERT … ON CONFLICT DO UPDATE … RETURNING` statement, which is atomic on
PostgreSQL and SQLite alike. django-ratelimit would need a shared cache with atomic increments (Redis or
memcached); Sinetra runs on its database alone, and the database is already shared by every worker.
Client addresses are personal data: only an HMAC of them (keyed with SECRET_KEY) is stored.
"""

import hashlib
import hmac
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from core.models import RateLimitCounter

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
PRUNE_PROBABILITY = 0.01


@dataclass(frozen=True)
class Limit:
    hits: int
    seconds: int


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int  # seconds until the window ends (0 when allowed)


def parse_limit(text: str) -> Limit:
    """'10/h' → Limit(10, 3600); a malformed setting fails loudly at the first request."""
    count, _, period = text.partition("/")
    if not count.isdigit() or period not in PERIODS:
        raise ValueError(f"rate limit {text!r} is not of the form N/s, N/m, N/h or N/d")
    return Limit(int(count), PERIODS[period])


def client_address(request) -> str:
    """The client's address; behind a reverse proxy, CLIENT_IP_HEADER names the header the proxy sets."""
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def hit(action: str, request, limit: Limit | str) -> Decision:
    """Count one hit of `action` by the request's client and say whether it is within `limit`."""
    limit = parse_limit(limit) if isinstance(limit, str) else limit
    now = int(time.time())
    window_start = now - now % limit.seconds
    key = _key(action, client_address(request))
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, window_start, hits) VALUES (%s, %s, 1) "  # noqa: S608  (our table name)
            f"ON CONFLICT (key, window_start) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits",
            [key, window_start],
        )
        (hits,) = cursor.fetchone()
    if random.random() < PRUNE_PROBABILITY:  # noqa: S311  (load spreading, not security)
        RateLimitCounter.objects.filter(window_start__lt=now - 2 * PERIODS["d"]).delete()
    if hits <= limit.hits:
        return Decision(True, 0)
    return Decision(False, window_start + limit.seconds - now)


def _key(action: str, address: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{action}|{address}".encode(), hashlib.sha256)
    return digest.hexdigest()
