"""Reads of the catalogue, all public. The table has a few dozen rows, so searching happens in Python."""

from collections.abc import Iterable

from django.db.models import QuerySet

from acts.choices import Track
from acts.models import Act


def public_form_acts() -> QuerySet[Act]:
    """The acts a citizen can choose in the public report form, in catalogue order."""
    return Act.objects.filter(in_public_form=True)


def act_by_code(code: str) -> Act | None:
    """The act with this code (case and surrounding spaces ignored: "dsp-06 " is DSP-06), or None."""
    return Act.objects.filter(code=code.strip().upper()).first()


def search_acts(query: str) -> list[Act]:
    """The acts whose code, title, public title, explanation or examples contain every word of `query`.

    Case-insensitive; words may be found in different fields ("like instagram"). An empty query returns all.
    """
    words = query.casefold().split()
    acts = list(Act.objects.all())
    if not words:
        return acts
    return [act for act in acts if all(word in _searchable_text(act) for word in words)]


def acts_by_track(acts: Iterable[Act] | None = None) -> list[tuple[str, list[Act]]]:
    """(track label, acts) for each track in `Track` order, leaving out empty tracks; all acts by default."""
    acts = list(Act.objects.all() if acts is None else acts)
    groups = []
    for track in Track:
        members = [act for act in acts if act.track == track]
        if members:
            groups.append((str(track.label), members))
    return groups


def _searchable_text(act: Act) -> str:
    return "\n".join([act.code, act.title, act.public_title, act.explanation, *act.examples]).casefold()
