"""The public catalogue page: every prohibited act in plain words, with a search box."""

from django.shortcuts import render

from acts import selectors

MAX_QUERY_LENGTH = 100


def catalogue(request):
    """All acts grouped by track, or those matching `q`; public, works without JavaScript."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    acts = selectors.search_acts(query)
    context = {"query": query, "groups": selectors.acts_by_track(acts), "result_count": len(acts)}
    return render(request, "acts/catalogue.html", context)
