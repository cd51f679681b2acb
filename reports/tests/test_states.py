import pathlib
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from accounts.tests.factories import UserFactory
from core.models import AuditEntry
from reports.choices import ReportStatus
from reports.states import TRANSITIONS, change_status
from reports.tests.factories import submit

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def supervisor(intake):
    return UserFactory(role=Role.BAWASLU, scope_region_id="18.71")


def test_every_status_has_its_transitions_listed():
    assert set(TRANSITIONS) == set(ReportStatus.values)
    assert all(target in ReportStatus.values for targets in TRANSITIONS.values() for target in targets)


def test_change_status_writes_history_and_audit(supervisor):
    report = submit().report

    change_status(report, ReportStatus.IN_REVIEW, actor=supervisor)
    change_status(report, ReportStatus.ACCEPTED, actor=supervisor, note="Diregistrasi untuk kajian.")

    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert list(report.history.values_list("status", "note")) == [
        (ReportStatus.RECEIVED, ""),
        (ReportStatus.IN_REVIEW, ""),
        (ReportStatus.ACCEPTED, "Diregistrasi untuk kajian."),
    ]
    assert AuditEntry.objects.filter(action="reports.change_status", target_id=str(report.pk)).count() == 2


def test_accepted_report_cannot_move_again(supervisor):
    report = submit().report
    change_status(report, ReportStatus.ACCEPTED, actor=supervisor)
    with pytest.raises(ValidationError):
        change_status(report, ReportStatus.SET_ASIDE, actor=supervisor, note="Salah pilih.")


def test_reopening_a_report_set_aside_needs_a_reason(supervisor):
    report = submit().report
    change_status(report, ReportStatus.SET_ASIDE, actor=supervisor, note="Bukan ASN.")
    with pytest.raises(ValidationError):
        change_status(report, ReportStatus.IN_REVIEW, actor=supervisor)
    change_status(report, ReportStatus.IN_REVIEW, actor=supervisor, note="Ternyata PPPK.")
    assert report.status == ReportStatus.IN_REVIEW


def test_supervisor_of_another_region_may_not_change_status(intake):
    report = submit().report
    outsider = UserFactory(role=Role.BAWASLU, scope_region_id="32.76")
    with pytest.raises(PermissionDenied):
        change_status(report, ReportStatus.IN_REVIEW, actor=outsider)


@pytest.mark.unit
def test_no_other_module_assigns_a_report_status():
    root = pathlib.Path(__file__).resolve().parents[2]
    pattern = re.compile(r"\breport\w*\.status\s*=[^=]|status=ReportStatus\.(?!RECEIVED)")
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/**/*.py")
        if ".venv" not in path.parts and "tests" not in path.parts and path.name != "states.py"
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
