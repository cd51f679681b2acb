import pathlib
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from accounts.models import Role
from cases.choices import CaseState as S
from cases.models import Case
from cases.states import STEPS, may_take, transition
from cases.tests.factories import PATH, advance, open_case
from core.models import AuditEntry

ALL_ROLES = [Role.BAWASLU, Role.AUTHORITY, Role.AGENCY_HEAD, Role.AGENCY_HR, Role.ASN, Role.ADMIN]
# The specification, written independently of cases/states.py: who may take each step.
EXPECTED_ROLES = {
    (S.RECEIVED, S.PRELIMINARY_REVIEW): {Role.BAWASLU},
    (S.PRELIMINARY_REVIEW, S.REGISTERED): {Role.BAWASLU},
    (S.PRELIMINARY_REVIEW, S.NOT_REGISTERED): {Role.BAWASLU},
    (S.REGISTERED, S.CLARIFICATION): {Role.BAWASLU},
    (S.REGISTERED, S.STUDY): {Role.BAWASLU},
    (S.CLARIFICATION, S.STUDY): {Role.BAWASLU},
    (S.STUDY, S.PROVEN): {Role.BAWASLU},
    (S.STUDY, S.NOT_PROVEN): {Role.BAWASLU},
    (S.STUDY, S.HANDED_ON): {Role.BAWASLU},
    (S.PROVEN, S.FORWARDED): {Role.BAWASLU},
    (S.FORWARDED, S.RECOMMENDED): {Role.AUTHORITY},
    (S.RECOMMENDED, S.SANCTIONED): {Role.AGENCY_HEAD, Role.AGENCY_HR},
    (S.RECOMMENDED, S.CLOSED): {Role.AUTHORITY},
    (S.SANCTIONED, S.FOLLOW_UP_VERIFIED): {Role.AUTHORITY, Role.BAWASLU},
    (S.FOLLOW_UP_VERIFIED, S.CLOSED): {Role.AUTHORITY, Role.BAWASLU},
    (S.NOT_PROVEN, S.CLOSED): {Role.BAWASLU},
    (S.HANDED_ON, S.CLOSED): {Role.BAWASLU},
    (S.NOT_REGISTERED, S.CLOSED): {Role.BAWASLU},
    (S.NOT_REGISTERED, S.PRELIMINARY_REVIEW): {Role.BAWASLU},
    (S.CLOSED, S.PRELIMINARY_REVIEW): {Role.BAWASLU, Role.AUTHORITY},
}
STEP_DATA = {to: data for to, _role, data in PATH} | {
    S.NOT_PROVEN: {"study": "Tidak cukup bukti."},
    S.HANDED_ON: {"study": "Dugaan pidana.", "handed_to": "Sentra Gakkumdu"},
}


class Person:
    def __init__(self, role):
        self.role, self.is_authenticated, self.is_superuser = role, True, False


@pytest.mark.unit
def test_the_table_holds_exactly_the_specified_steps():
    assert {(a, b) for a, targets in STEPS.items() for b in targets} == set(EXPECTED_ROLES)


@pytest.mark.unit
@pytest.mark.parametrize(("step", "role"), [(step, role) for step in EXPECTED_ROLES for role in ALL_ROLES])
def test_permission_matrix(step, role):
    expected = role in EXPECTED_ROLES[step] or role == Role.ADMIN
    assert may_take(Person(role), *step) is expected


@pytest.mark.integration
@pytest.mark.django_db
def test_a_wrong_role_or_missing_data_changes_nothing(people):
    case = open_case(people)
    advance(case, people, S.PROVEN)
    before = (case.state, case.version, case.events.count(), AuditEntry.objects.count())

    with pytest.raises(PermissionDenied):
        transition(case, S.FORWARDED, actor=people["authority"], data=STEP_DATA[S.FORWARDED])
    with pytest.raises(ValidationError) as missing:
        transition(case, S.FORWARDED, actor=people["bawaslu"], data={"forwarded_to": "bkn"})
    with pytest.raises(ValidationError):
        transition(case, S.CLOSED, actor=people["bawaslu"])
    with pytest.raises(ValidationError):
        transition(case, "tidak-ada", actor=people["bawaslu"])

    assert list(missing.value.message_dict) == ["letter_number"]
    case.refresh_from_db()
    assert (case.state, case.version, case.events.count(), AuditEntry.objects.count()) == before


@pytest.mark.integration
@pytest.mark.django_db
def test_a_stale_version_is_refused_so_no_change_is_lost(people):
    case = open_case(people)
    seen = case.version
    transition(case, S.PRELIMINARY_REVIEW, actor=people["bawaslu"], expected_version=seen)
    with pytest.raises(ValidationError):
        transition(case, S.REGISTERED, actor=people["bawaslu_province"], expected_version=seen)
    case.refresh_from_db()
    assert (case.state, case.version) == (S.PRELIMINARY_REVIEW, seen + 1)


@pytest.mark.integration
@pytest.mark.django_db
def test_reopening_needs_a_reason_and_is_logged(people):
    case = open_case(people)
    advance(case, people, S.CLOSED)
    with pytest.raises(ValidationError):
        transition(case, S.PRELIMINARY_REVIEW, actor=people["bawaslu"])
    transition(case, S.PRELIMINARY_REVIEW, actor=people["bawaslu"], reason="Bukti baru dari pelapor.")
    assert case.events.last().reason == "Bukti baru dari pelapor."
    assert case.closed_on is None


@pytest.mark.integration
@pytest.mark.django_db
def test_stateful_random_steps_never_reach_an_illegal_state_and_the_log_replays(people):
    roles = {role: people[key] for role, key in [(Role.BAWASLU, "bawaslu"), (Role.AUTHORITY, "authority"),
             (Role.AGENCY_HEAD, "agency_head"), (Role.ASN, "asn"), (Role.ADMIN, "admin")]}  # fmt: skip

    class Procedure(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.case = open_case(people)
            self.expected = S.RECEIVED

        @rule(to=st.sampled_from(S.values), role=st.sampled_from(sorted(roles)), with_data=st.booleans())
        def try_step(self, to, role, with_data):
            actor = roles[role]
            allowed = to in STEPS[self.expected] and (role in EXPECTED_ROLES[(self.expected, to)] or role == Role.ADMIN)
            needs = STEPS[self.expected].get(to)
            complete = with_data or (needs is not None and not needs.needs and not needs.needs_reason)
            try:
                transition(self.case, to, actor=actor, data=STEP_DATA.get(to, {}) if with_data else {},
                           reason="Alasan uji." if with_data else "")  # fmt: skip
            except (PermissionDenied, ValidationError):
                assert not (allowed and complete)
            else:
                assert allowed
                self.expected = to

        @invariant()
        def state_matches_the_replayed_log(self):
            stored = Case.objects.get(pk=self.case.pk)
            events = list(stored.events.order_by("at", "id"))
            replayed = events[0].to_state
            for event in events[1:]:
                assert event.from_state == replayed
                replayed = event.to_state
            assert stored.state == replayed == self.expected
            assert stored.version == len(events)

    run_state_machine_as_test(
        Procedure,
        settings=settings(max_examples=15, stateful_step_count=12, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]),
    )  # fmt: skip


@pytest.mark.unit
def test_no_other_module_assigns_a_case_state():
    root = pathlib.Path(__file__).resolve().parents[2]
    pattern = re.compile(r"\b(case|locked)\w*\.state\s*=[^=]|Case\.objects[^\n]*\.update\([^)]*\bstate=")
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/**/*.py")
        if ".venv" not in path.parts
        and "tests" not in path.parts
        and path.relative_to(root).as_posix() != "cases/states.py"
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
