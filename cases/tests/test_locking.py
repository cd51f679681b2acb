"""Two supervisors act on the same case at the same moment: `cases.states.transition` locks the row, so the second
one waits for the first to commit and then either fails on a stale version or takes its step from the new state.

Each person is a thread with its own database connection, so this needs committed data (transactional tests) and
row locks that really block: PostgreSQL. SQLite serialises whole transactions instead (`IMMEDIATE`), which these
tests cannot tell apart from taking turns.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from cases.choices import CaseState as S
from cases.models import Case, CaseEvent
from cases.states import transition
from cases.tests.factories import open_case
from core.models import AuditEntry

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: row locks (SELECT … FOR UPDATE) between two connections; SQLite locks the whole "
        "database, so a second writer cannot be observed waiting on the case row",
    ),
]

WAIT_SECONDS = 10


class Person(threading.Thread):
    """One supervisor acting in their own thread and database connection; keeps the outcome for the test.

    With `hold` set, the step runs inside an outer transaction that stays open (the row lock held, the change not
    yet committed) until `release` is set, as when a request is still busy after its update.
    """

    def __init__(self, case_id: int, to: str, *, actor, expected_version=None, data=None, hold: bool = False):
        super().__init__(daemon=True)
        self.case_id, self.to, self.actor = case_id, to, actor
        self.expected_version, self.data, self.hold = expected_version, data or {}, hold
        self.stepped = threading.Event()  # the step is applied (still uncommitted when holding)
        self.release = threading.Event()
        self.error: Exception | None = None
        self.finished_at: float | None = None

    def run(self):
        try:
            case = Case.objects.get(pk=self.case_id)  # what this person's page showed
            if self.hold:
                with transaction.atomic():
                    self._step(case)
                    self.stepped.set()
                    if not self.release.wait(WAIT_SECONDS):
                        raise TimeoutError("the test never released the lock")
            else:
                self._step(case)
        except Exception as error:  # the test inspects it
            self.error = error
        finally:
            self.finished_at = time.monotonic()
            self.stepped.set()
            connection.close()  # this thread's own connection

    def _step(self, case):
        transition(case, self.to, actor=self.actor, data=self.data, expected_version=self.expected_version)


def _race(first: Person, second: Person) -> float:
    """Run `first` until its step is applied and it holds the row lock, start `second`, check that `second` is
    blocked on a lock in PostgreSQL, then let `first` commit. Returns the moment `first` was let go (monotonic)."""
    first.start()
    try:
        assert first.stepped.wait(WAIT_SECONDS)
        assert first.error is None, first.error
        second_case = Case.objects.get(pk=second.case_id)
        second.start()
        assert _someone_waits_for_a_lock(), "the second supervisor never waited for the first one's row lock"
        assert second.is_alive()
        assert Case.objects.get(pk=second_case.pk).version == second_case.version  # nothing committed yet
        committed_at = time.monotonic()
    finally:
        first.release.set()
        first.join(WAIT_SECONDS)
        if second.ident is not None:  # started
            second.join(WAIT_SECONDS)
    assert not first.is_alive()
    assert not second.is_alive()
    assert first.error is None, first.error
    return committed_at


def _someone_waits_for_a_lock() -> bool:
    """Poll pg_stat_activity until another backend of this test database waits on a lock (a row lock here)."""
    deadline = time.monotonic() + WAIT_SECONDS
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.01)
    return False


def _replayed_state(case: Case) -> str:
    """Apply the case's events in order from nothing; each must start where the previous one ended."""
    state = ""
    for event in CaseEvent.objects.filter(case=case).order_by("at", "id"):
        if event.from_state != event.to_state:  # an extension is recorded as a step to the same state
            assert event.from_state == state, f"event {event} does not follow {state or '∅'}"
        state = event.to_state
    return state


def test_second_supervisor_with_the_same_version_is_refused_after_the_first_commits(people):
    case = open_case(people)
    assert (case.state, case.version) == (S.RECEIVED, 1)
    first = Person(case.pk, S.PRELIMINARY_REVIEW, actor=people["bawaslu"], expected_version=1, hold=True)
    second = Person(case.pk, S.PRELIMINARY_REVIEW, actor=people["bawaslu_province"], expected_version=1)

    committed_at = _race(first, second)

    assert isinstance(second.error, ValidationError), second.error
    assert "baru saja diubah" in " ".join(second.error.messages)  # stale version, not an invalid step
    assert second.finished_at >= committed_at  # it was refused only once the first one had committed
    case.refresh_from_db()
    assert (case.state, case.version) == (S.PRELIMINARY_REVIEW, 2)
    steps = CaseEvent.objects.filter(case=case, to_state=S.PRELIMINARY_REVIEW)
    assert [event.actor_id for event in steps] == [people["bawaslu"].pk]  # exactly one, and it is the first's
    assert (
        AuditEntry.objects.filter(action="cases.transition", summary__endswith=f"→ {S.PRELIMINARY_REVIEW}").count() == 1
    )
    assert _replayed_state(case) == case.state
    assert CaseEvent.objects.filter(case=case).count() == case.version  # one event per version, none lost


def test_second_supervisor_with_a_stale_version_cannot_take_a_different_step_either(people):
    case = open_case(people)
    first = Person(case.pk, S.PRELIMINARY_REVIEW, actor=people["bawaslu"], expected_version=1, hold=True)
    # The second one saw version 1 as well and asks for a step that would be valid from the new state.
    second = Person(case.pk, S.REGISTERED, actor=people["bawaslu_province"], expected_version=1)

    _race(first, second)

    assert isinstance(second.error, ValidationError)
    case.refresh_from_db()
    assert (case.state, case.version, case.register_number) == (S.PRELIMINARY_REVIEW, 2, "")
    assert _replayed_state(case) == case.state


@pytest.mark.parametrize(
    ("second_to", "second_succeeds", "final_state", "final_version"),
    [
        # Registering is valid from the state the first one left: both steps happen, one after the other.
        (S.REGISTERED, True, S.REGISTERED, 3),
        # The same step again is not valid from the new state: refused, nothing recorded twice.
        (S.PRELIMINARY_REVIEW, False, S.PRELIMINARY_REVIEW, 2),
    ],
    ids=["valid-from-new-state", "invalid-from-new-state"],
)
def test_without_expected_version_the_second_step_is_checked_against_the_new_state(
    people, second_to, second_succeeds, final_state, final_version
):
    case = open_case(people)
    first = Person(case.pk, S.PRELIMINARY_REVIEW, actor=people["bawaslu"], hold=True)
    second = Person(case.pk, second_to, actor=people["bawaslu_province"])

    committed_at = _race(first, second)

    assert second.finished_at >= committed_at
    if second_succeeds:
        assert second.error is None, second.error
    else:
        assert isinstance(second.error, ValidationError), second.error
        assert "tidak dapat diubah" in " ".join(second.error.messages)  # judged from the committed new state
    case.refresh_from_db()
    assert (case.state, case.version) == (final_state, final_version)
    events = list(CaseEvent.objects.filter(case=case).order_by("at", "id"))
    assert [(e.from_state, e.to_state) for e in events][:final_version] == [
        ("", S.RECEIVED),
        (S.RECEIVED, S.PRELIMINARY_REVIEW),
        (S.PRELIMINARY_REVIEW, S.REGISTERED),
    ][:final_version]
    assert len(events) == case.version  # no event lost, none extra
    assert _replayed_state(case) == case.state
    if second_succeeds:
        assert events[-1].actor_id == people["bawaslu_province"].pk
        assert case.register_number  # the second step's own data was applied on top of the first's
