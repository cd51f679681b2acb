"""Page through large querysets without COUNT(*): fetch one row more than shown to know if there is a next page."""

from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass
class Page:
    items: list
    number: int
    has_previous: bool
    has_next: bool


def page_of(queryset: QuerySet, page_param: str | None, per_page: int = 50) -> Page:
    """Page `page_param` (1-based; anything unusable means 1) of `queryset`."""
    try:
        number = max(1, int(page_param or 1))
    except ValueError:
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return Page(items=rows[:per_page], number=number, has_previous=number > 1, has_next=len(rows) > per_page)
