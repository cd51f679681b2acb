"""Public pages of elections: the list, one election's timeline and contests, one contest's candidates."""

from django.shortcuts import render
from django.utils import timezone

from core.pagination import page_of
from elections import selectors, services
from elections.choices import Office


def election_list(request):
    return render(request, "elections/election_list.html", {"elections": selectors.elections_with_stages()})


def election_detail(request, slug):
    election = selectors.election_by_slug(slug)
    stages = list(election.stages.all())
    query = request.GET.get("q", "").strip()
    office = request.GET.get("office", "")
    office = office if office in Office.values else ""
    contests = selectors.contests_of(election, query=query, office=office)
    context = {
        "election": election,
        "stages": stages,
        "current": selectors.current_stages(stages, timezone.localdate()),
        "parties": list(election.parties.all()),
        "page": page_of(contests, request.GET.get("page")),
        "query": query,
        "office": office,
        "offices": selectors.offices_in(election),
    }
    return render(request, "elections/election_detail.html", context)


def contest_detail(request, slug, contest_id):
    contest = selectors.contest_with_candidates(contest_id, election_slug=slug)
    phase = services.phase_of(contest, timezone.localdate())
    return render(request, "elections/contest_detail.html", {"contest": contest, "phase": phase})
