"""Cross-app read models: the home page overview and jobs."""

from django.shortcuts import get_object_or_404

from accounts import rules
from core.models import Job
from elections.models import Election
from registry import selectors as registry_selectors


def overview_for(user) -> dict:
    """The numbers a logged-in staff member sees first: their scope's registry and current elections."""
    return {
        "asn_count": registry_selectors.asn_visible_to(user).count(),
        "agency_count": registry_selectors.agencies_visible_to(user).count(),
        "elections": list(Election.objects.order_by("-voting_day")[:4]),
    }


def job_for_user(user, job_id) -> Job:
    """A job its creator (or an administrator) may follow; 404 for anyone else."""
    jobs = Job.objects.all() if rules.is_administrator(user) else Job.objects.filter(created_by=user)
    return get_object_or_404(jobs, pk=job_id)
