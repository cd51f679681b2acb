import datetime

import pytest
from django.core import mail

from cases.choices import CaseState as S
from cases.tests.factories import advance, open_case
from reports.choices import ReportStatus
from reports.selectors import public_history

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_a_report_goes_all_the_way_to_sanction_and_the_reporter_follows(people, django_capture_on_commit_callbacks):
    case = open_case(people)
    with django_capture_on_commit_callbacks(execute=True):
        advance(case, people, S.CLOSED)

    case.refresh_from_db()
    assert case.state == S.CLOSED
    assert case.register_number == f"001/Reg/LP/18.71/{datetime.date.today().year}"
    assert (case.recommended_penalty, case.imposed_penalty) == ("B1", "R2")
    assert [e.to_state for e in case.events.all()][-1] == S.CLOSED
    notes = [event.note for event in public_history(case.report)]
    assert f"Laporan diregistrasi dengan nomor {case.register_number}." in notes
    assert "Penanganan selesai." in notes
    assert not any("R2" in note or "B1" in note for note in notes)  # sanctions stay confidential
    assert case.report.status == ReportStatus.ACCEPTED
    assert len(mail.outbox) == 10  # one message per step: the reporter gave an e-mail address
    assert all("siti@example.org" in message.to for message in mail.outbox)
    assert not any("Budi" in message.body for message in mail.outbox)
