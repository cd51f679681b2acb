"""Who may see and decide patrol findings, built on `accounts.rules` (the module that decides scope).

Findings are raw, unverified signals about named people, so only Bawaslu supervisors (and administrators) see them,
like public reports; KASN/BKN and agencies meet them only as cases. A finding without a region (the ASN's work
region is unknown) is visible to the national level only: Bawaslu RI and administrators.
"""

from accounts import rules


def reviews_findings(user) -> bool:
    return rules.receives_public_reports(user)


def can_decide_finding(user, finding) -> bool:
    """Bawaslu of the finding's region, of its province, and Bawaslu RI; without a region, the national level."""
    if not reviews_findings(user):
        return False
    if finding.region_id is None:
        return rules.sees_whole_country(user)
    return rules.in_scope_region(user, finding.region_id)


def can_manage_collectors(user) -> bool:
    """Administrators, and the command line (no user: whoever runs it already holds the server)."""
    return user is None or rules.is_administrator(user)


def can_save_stance_model(user) -> bool:
    """The CLI (no user) and administrators; training reads every decision in the country."""
    return user is None or rules.is_administrator(user)
