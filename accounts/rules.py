"""Who may see and change what: the one module that decides it.

Every scoped query (lists, details, exports, API) goes through `restrict()`; every permission check
reads one of the predicates below. Views and the API call selectors, selectors call `restrict()`.
Two-factor verification is checked at the entry points (`accounts.decorators.staff_required` and
the API's session auth), not here, because the CLI and tasks have no request.
"""

from django.conf import settings
from django.db.models import Q, QuerySet

from accounts.models import Role

STAFF_ROLES = frozenset({Role.BAWASLU, Role.AUTHORITY, Role.AGENCY_HR, Role.AGENCY_HEAD, Role.ADMIN})
NATIONAL_ROLES = frozenset({Role.AUTHORITY, Role.ADMIN})
AGENCY_ROLES = frozenset({Role.AGENCY_HR, Role.AGENCY_HEAD})


def is_staff_member(user) -> bool:
    """Anyone who works in Sinetra (everyone but the public and ASN using self-service)."""
    return user.is_authenticated and (user.is_superuser or user.role in STAFF_ROLES)


def needs_two_factor(user) -> bool:
    """Staff must confirm a TOTP code after the password; ASN self-service does not (yet)."""
    return settings.REQUIRE_TWO_FACTOR and is_staff_member(user)


def is_verified(user) -> bool:
    """The login is complete: password, plus the TOTP code where one is needed."""
    if not user.is_authenticated:
        return False
    return not needs_two_factor(user) or bool(getattr(user, "is_verified", lambda: False)())


def is_administrator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN)


def sees_whole_country(user) -> bool:
    return (
        is_administrator(user)
        or user.role in NATIONAL_ROLES
        or (user.role == Role.BAWASLU and not user.scope_region_id)
    )


def can_view_registry(user) -> bool:
    return is_staff_member(user)


def can_import_registry(user) -> bool:
    """Administrators load any agency's staff list; agency HR loads their own agency's only."""
    return is_administrator(user) or (user.is_authenticated and user.role == Role.AGENCY_HR and bool(user.agency_id))


def can_manage_elections(user) -> bool:
    return is_administrator(user)


def region_scope_q(path: str, code: str) -> Q:
    """Rows whose region at `path` is the region `code` or lies inside it (codes are hierarchical)."""
    # `path__code` resolves to the foreign-key column itself (no join), so the prefix match uses its index.
    return Q(**{f"{path}_id": code}) | Q(**{f"{path}__code__startswith": f"{code}."})


def restrict(
    queryset: QuerySet, user, *, region: str | None = None, agency: str | None = None, asn: str | None = None
) -> QuerySet:
    """Limit `queryset` to the rows `user` may see.

    The keyword arguments name the model's paths to its region, agency and ASN (e.g. `region="region"`,
    `agency="agency"`, `asn="pk"` for the ASN model). A role whose scope the model cannot express sees
    nothing, so a forgotten path fails closed.
    """
    if not user.is_authenticated:
        return queryset.none()
    if sees_whole_country(user):
        return queryset
    if user.role == Role.BAWASLU and region is not None:
        return queryset.filter(region_scope_q(region, user.scope_region_id))
    if user.role in AGENCY_ROLES and agency is not None and user.agency_id:
        return queryset.filter(**{f"{agency}_id" if agency != "pk" else "pk": user.agency_id})
    if user.role == Role.ASN and asn is not None and user.asn_id:
        return queryset.filter(**{asn if asn == "pk" else f"{asn}_id": user.asn_id})
    return queryset.none()


def can_view_contact_details(user, asn) -> bool:
    """Email and phone of an ASN are personal data: their own agency's HR/head and administrators only."""
    if is_administrator(user):
        return True
    return user.is_authenticated and user.role in AGENCY_ROLES and user.agency_id == asn.agency_id


def in_scope_region(user, region_code: str) -> bool:
    """Whether `region_code` lies in the region `user` works in (everywhere, for the national level)."""
    if sees_whole_country(user):
        return True
    scope = user.scope_region_id
    return bool(scope) and (region_code == scope or region_code.startswith(f"{scope}."))


def receives_public_reports(user) -> bool:
    """Bawaslu supervisors (and administrators) receive public reports; other staff see cases, not reports."""
    return user.is_authenticated and (is_administrator(user) or user.role == Role.BAWASLU)


def can_handle_report(user, report) -> bool:
    """Bawaslu of the place of the act, of its province, and Bawaslu RI may read and act on a report."""
    return receives_public_reports(user) and in_scope_region(user, report.region_id)
