"""Reads about users that other apps need."""

from accounts.models import Role, User
from regions.codes import ancestor_codes


def bawaslu_addresses(office_code: str) -> list[str]:
    """E-mail addresses of the Bawaslu office `office_code`; if it has none, its province's, then Bawaslu RI's."""
    staff = User.objects.filter(role=Role.BAWASLU, is_active=True).exclude(email="")
    for scope in [office_code, *reversed(ancestor_codes(office_code)), None]:
        emails = list(staff.filter(scope_region_id=scope).values_list("email", flat=True).order_by("email"))
        if emails:
            return emails
    return []
