"""Reads of cases, scoped by role: Bawaslu by region, KASN/BKN from forwarding on, agencies their own staff's
cases once a recommendation exists."""

from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import rules
from accounts.models import Role, User
from cases.models import Case
from cases.states import OPEN_STATES
from regions.codes import ancestor_codes


@dataclass
class CaseFilters:
    state: str = ""
    region: str = ""
    act: str = ""
    assigned_to_me: bool = False
    overdue: bool = False
    open_only: bool = True
    q: str = ""


def cases_visible_to(user) -> QuerySet[Case]:
    """Every case the user may see (fails closed for roles without case work)."""
    queryset = Case.objects.select_related("region", "act", "election", "assigned_to")
    if not user.is_authenticated:
        return queryset.none()
    if user.role == Role.AUTHORITY:
        queryset = queryset.filter(forwarded_on__isnull=False)
    elif user.role in rules.AGENCY_ROLES:
        queryset = queryset.filter(recommended_on__isnull=False)
    elif not (rules.receives_public_reports(user) or rules.is_administrator(user)):
        return queryset.none()
    return rules.restrict(queryset, user, region="region", agency="reported_agency")


def dashboard(user, filters: CaseFilters) -> QuerySet[Case]:
    """Cases to work on: overdue first, then by next deadline (cases without one last), then oldest."""
    queryset = cases_visible_to(user)
    if filters.open_only:
        queryset = queryset.filter(state__in=OPEN_STATES)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.region:
        queryset = queryset.filter(rules.region_scope_q("region", filters.region))
    if filters.act:
        queryset = queryset.filter(act_id=filters.act)
    if filters.assigned_to_me:
        queryset = queryset.filter(assigned_to=user)
    if filters.overdue:
        queryset = queryset.filter(next_due_on__lt=timezone.localdate())
    if filters.q:
        queryset = queryset.filter(reported_name__icontains=filters.q) | queryset.filter(
            register_number__icontains=filters.q
        )
    return queryset.order_by(F("next_due_on").asc(nulls_last=True), "id")


def case_for_user(user, case_id: int) -> Case:
    case = cases_visible_to(user).filter(pk=case_id).first()
    if case is None:
        raise Http404
    return case


def possible_assignees(case: Case):
    """Bawaslu supervisors whose region covers the case (its regency, its province, Bawaslu RI)."""
    scopes = [*ancestor_codes(case.region_id), case.region_id]
    supervisors = User.objects.filter(role=Role.BAWASLU, is_active=True)
    return supervisors.filter(scope_region_id__in=scopes) | supervisors.filter(scope_region__isnull=True)
