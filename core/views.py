from django.shortcuts import render

from accounts import rules
from core import selectors


def home(request):
    """Public landing page; staff also see the size of what they are responsible for."""
    context = {}
    if rules.is_staff_member(request.user) and rules.is_verified(request.user):
        context["overview"] = selectors.overview_for(request.user)
    return render(request, "core/home.html", context)
