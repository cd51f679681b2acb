"""Cross-app read models for the home page."""

from elections.models import Election
from registry import selectors as registry_selectors


def overview_for(user) -> dict:
    """The numbers a logged-in staff member sees first: their scope's registry and current elections."""
    return {
        "asn_count": registry_selectors.asn_visible_to(user).count(),
        "agency_count": registry_selectors.agencies_visible_to(user).count(),
        "elections": list(Election.objects.order_by("-voting_day")[:4]),
    }
