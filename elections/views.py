from django.shortcuts import get_object_or_404, render

from elections.models import Election


def election_list(request):
    return render(request, "elections/election_list.html", {"elections": Election.objects.all()})


def election_detail(request, slug):
    return render(request, "elections/election_detail.html", {"election": get_object_or_404(Election, slug=slug)})
