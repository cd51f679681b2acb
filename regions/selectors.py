"""Reads of the region hierarchy. Region data is public, so nothing here is scoped to a user.

The pure rules of the code format live in regions/codes.py.
"""

import re
from functools import reduce
from operator import and_

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Length
from django.http import Http404

from regions.codes import ancestor_codes, is_valid_code
from regions.models import Level, Region

CITY_CODE_REGEX = r"^\d{2}\.[7-9]\d$"  # regency part 71–99 is a kota (Permendagri 58/2021)
SEARCH_LIMIT = 20

# Words a user may type before a regency name; they say which kind is meant, not part of the name to match.
_KABUPATEN_WORDS = {"kabupaten", "kab", "kab."}
_KOTA_WORDS = {"kota"}


def region_by_code(code: str) -> Region:
    """The region with this code; raises Http404 when it does not exist or the code is malformed.

    Raising (rather than returning None) lets views and API endpoints use it directly: both turn
    Http404 into their own not-found response.
    """
    region = Region.objects.select_related("parent").filter(code=code).first() if is_valid_code(code) else None
    if region is None:
        raise Http404(code)
    return region


def ancestors_of(region: Region) -> list[Region]:
    """The regions above `region`, province first (one query); empty for a province."""
    return list(Region.objects.filter(code__in=ancestor_codes(region.code)).order_by("code"))


def regions_by_level(level: Level | str) -> QuerySet[Region]:
    """All regions of one level, ordered by code."""
    return Region.objects.filter(level=level).order_by("code")


def children_of(code: str) -> QuerySet[Region]:
    """The direct children of the region `code`, ordered by code, each with its own number of children."""
    return Region.objects.filter(parent_id=code).annotate(child_count=Count("children")).order_by("code")


def provinces_with_counts() -> QuerySet[Region]:
    """The provinces with their number of regencies: `regency_count`, split into `kabupaten_count` and `kota_count`."""
    is_city = Q(children__code__regex=CITY_CODE_REGEX)
    return regions_by_level(Level.PROVINCE).annotate(
        regency_count=Count("children"),
        kota_count=Count("children", filter=is_city),
        kabupaten_count=Count("children", filter=~is_city),
    )


def filter_regions(*, level: Level | str | None = None, parent: str = "", query: str = "") -> QuerySet[Region]:
    """Regions filtered by level, direct parent code and a search text (as in `search_regions`), ordered by code."""
    queryset = Region.objects.all()
    if level:
        queryset = queryset.filter(level=level)
    if parent:
        queryset = queryset.filter(parent_id=parent)
    if query.strip():
        queryset = queryset.filter(_search_q(query))
    return queryset.order_by("code")


def search_regions(
    query: str, *, level: Level | str | None = None, within: str | None = None, limit: int | None = SEARCH_LIMIT
) -> QuerySet[Region]:
    """Regions matching `query`, for a searchable picker: higher levels first, then by code.

    A query of digits and dots is a code prefix (`18.71`, also typed without dots: `1871`). Otherwise every
    word must occur in the name, case-insensitively, in any order. A leading "Kabupaten", "Kab." or "Kota"
    is also read as the regency's kind, so "Kab. Lampung Barat" finds "Kabupaten Lampung Barat" while
    "Kota Agung" still finds the district of that name. `within` limits the search to one region's
    descendants; `limit=None` returns every match. Parent and grandparent come along, to tell apart
    the many villages that share a name.
    """
    if not query.strip():
        return Region.objects.none()
    queryset = Region.objects.filter(_search_q(query)).select_related("parent__parent")
    if level:
        queryset = queryset.filter(level=level)
    if within:
        queryset = queryset.filter(code__startswith=f"{within}.")
    queryset = queryset.order_by(Length("code"), "code")
    return queryset[:limit] if limit is not None else queryset


def _search_q(query: str) -> Q:
    """The filter behind `search_regions`: a code prefix, or all words of the name."""
    query = query.strip()
    if re.fullmatch(r"[\d.]*\d[\d.]*", query):
        return Q(code__startswith=_dotted(query))
    words = query.split()
    condition = _all_words_q(words)
    first = words[0].lower()
    if len(words) > 1 and first in _KABUPATEN_WORDS | _KOTA_WORDS:
        kind_prefix = "Kota" if first in _KOTA_WORDS else "Kabupaten"
        condition |= Q(level=Level.REGENCY, name__istartswith=kind_prefix) & _all_words_q(words[1:])
    return condition


def _all_words_q(words: list[str]) -> Q:
    return reduce(and_, (Q(name__icontains=word) for word in words))


def _dotted(prefix: str) -> str:
    """Put the dots back into a code prefix typed without them: 1871011 -> 18.71.01.1."""
    digits = prefix.replace(".", "")
    parts = [digits[0:2], digits[2:4], digits[4:6], digits[6:10]]
    return ".".join(part for part in parts if part)
