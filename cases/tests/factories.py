"""Cases for tests, opened and moved through the real services."""

from cases.choices import CaseState as S
from cases.services import open_case_from_report
from cases.states import transition
from reports.tests.factories import submit

# The data each forward step needs, in procedure order.
PATH = [
    (S.PRELIMINARY_REVIEW, "bawaslu", {}),
    (S.REGISTERED, "bawaslu", {}),
    (S.CLARIFICATION, "bawaslu", {"clarification_on": "2024-10-25"}),
    (S.STUDY, "bawaslu", {"minutes": "Terlapor mengakui membagikan unggahan."}),
    (S.PROVEN, "bawaslu", {"study": "Memenuhi unsur DSP-06."}),
    (S.FORWARDED, "bawaslu", {"forwarded_to": "bkn", "letter_number": "001/PP.01/K.LA-11/X/2024"}),
    (S.RECOMMENDED, "authority", {"recommendation_number": "R-123/BKN/2024", "recommended_penalty": "B1"}),
    (S.SANCTIONED, "agency_head", {"decree_number": "800/12/2024", "decree_on": "2024-12-01", "imposed_penalty": "R2"}),
    (S.FOLLOW_UP_VERIFIED, "authority", {}),
    (S.CLOSED, "authority", {}),
]


def open_case(people, actor: str = "bawaslu", **report_overrides):
    report = submit(**report_overrides).report
    case = open_case_from_report(report=report, actor=people[actor])
    case.reported_agency = people["agency"]
    case.save(update_fields=["reported_agency"])
    return case


def advance(case, people, until: str):
    """Take the procedure's steps, as the right roles, until the case is in state `until`."""
    for to, role, data in PATH:
        transition(case, to, actor=people[role], data=data)
        if to == until:
            return case
    raise ValueError(until)
