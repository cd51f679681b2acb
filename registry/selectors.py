"""Reads of the registry, always scoped to what the user may see (accounts.rules.restrict)."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts import rules
from registry.models import ASN, Agency


def asn_visible_to(user) -> QuerySet[ASN]:
    """ASN records the user may see, with what list pages show."""
    queryset = ASN.objects.select_related("agency", "region")
    return rules.restrict(queryset, user, region="region", agency="agency", asn="pk")


def agencies_visible_to(user) -> QuerySet[Agency]:
    """Agencies the user may see: by the agency's own region for Bawaslu, their own agency for agency roles."""
    return rules.restrict(Agency.objects.select_related("region"), user, region="region", agency="pk")


def search_asn(user, *, query: str = "", agency_code: str = "", region_code: str = "") -> QuerySet[ASN]:
    """Search visible ASN by name fragment or NIP (prefix), optionally within an agency or region."""
    queryset = asn_visible_to(user)
    query = query.strip()
    if query.isdigit():
        queryset = queryset.filter(nip__startswith=query)
    elif query:
        queryset = queryset.filter(name__icontains=query)
    if agency_code:
        queryset = queryset.filter(agency__code=agency_code)
    if region_code:
        queryset = queryset.filter(rules.region_scope_q("region", region_code))
    return queryset


def asn_for_user(user, nip: str) -> ASN:
    """One ASN by NIP, or 404 when it does not exist or lies outside the user's scope."""
    queryset = asn_visible_to(user).prefetch_related("accounts")
    return get_object_or_404(queryset, nip=nip)


def agencies_with_counts(user) -> QuerySet[Agency]:
    """Visible agencies with the number of (visible) active ASN in each."""
    visible_asn = Q(employees__in=asn_visible_to(user).filter(is_active=True).values("pk"))
    return agencies_visible_to(user).annotate(asn_count=Count("employees", filter=visible_asn))
