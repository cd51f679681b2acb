"""Reads of elections data, all public: what the pages and the API show, with the joins done here."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from elections.choices import Office
from elections.models import Candidate, Contest, Election, Party, Stage

REGION_CODE = re.compile(r"\d{2}(\.\d{2}){0,3}")


def elections_with_stages() -> QuerySet[Election]:
    """All elections, newest first, with their stages and the number of stages."""
    # An aggregate query ignores Meta.ordering, hence the explicit order.
    return Election.objects.annotate(stage_count=Count("stages")).prefetch_related("stages").order_by("-voting_day")


def election_by_slug(slug: str) -> Election:
    """One election with its stages and parties, or 404."""
    return get_object_or_404(Election.objects.prefetch_related("stages", "parties"), slug=slug)


def current_stages(stages: list[Stage], today: datetime.date) -> list[Stage]:
    """The stages running on `today` (stages may overlap, e.g. voting and counting)."""
    return [stage for stage in stages if stage.start <= today <= stage.end]


def offices_in(election: Election) -> list[tuple[str, str]]:
    """The (value, label) of the offices contested in the election, in the order of `Office`."""
    present = set(election.contests.values_list("office", flat=True).distinct())
    return [(value, label) for value, label in Office.choices if value in present]


def contests_of(
    election: Election, *, region: str = "", within: str = "", office: str = "", query: str = ""
) -> QuerySet[Contest]:
    """The election's contests, national ones first, then by region code, with their candidate counts.

    `region`: contests of exactly that region; `within`: that region and everything under it (a province and
    its kab/kota); `office`: an `Office` value; `query`: a fragment of the region name or the start of its code.
    Raises ValidationError (per field) for a malformed code or an unknown office.
    """
    errors = {}
    for name, code in (("region", region), ("within", within)):
        if code and not REGION_CODE.fullmatch(code):
            errors[name] = [_("Kode wilayah tidak sah (contoh: 18 atau 18.71).")]
    if office and office not in Office.values:
        offices = ", ".join(Office.values)
        errors["office"] = [_("Jabatan tidak dikenal; pilih salah satu: %(offices)s.") % {"offices": offices}]
    if errors:
        raise ValidationError(errors)
    contests = election.contests.select_related("region").annotate(candidate_count=Count("candidates"))
    if region:
        contests = contests.filter(region_id=region)
    if within:
        contests = contests.filter(Q(region_id=within) | Q(region__code__startswith=f"{within}."))
    if office:
        contests = contests.filter(office=office)
    if query := query.strip():
        contests = contests.filter(Q(region__name__icontains=query) | Q(region__code__startswith=query))
    return contests.order_by(F("region_id").asc(nulls_first=True), "office")


def contest_with_candidates(contest_id: int, *, election_slug: str | None = None) -> Contest:
    """One contest with its candidates, their parties and accounts; 404 if absent or not in `election_slug`."""
    candidates = Candidate.objects.order_by(F("ballot_number").asc(nulls_last=True), "name").prefetch_related(
        Prefetch("parties", queryset=Party.objects.order_by(F("ballot_number").asc(nulls_last=True), "name")),
        "accounts",
    )
    contests = Contest.objects.select_related("election", "region").prefetch_related(
        Prefetch("candidates", queryset=candidates)
    )
    if election_slug is not None:
        contests = contests.filter(election__slug=election_slug)
    return get_object_or_404(contests, pk=contest_id)
