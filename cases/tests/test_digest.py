import datetime

import pytest
from django.core import mail

from accounts.models import Role
from accounts.tests.factories import UserFactory
from cases.choices import CaseState as S
from cases.digest import send_daily_digest
from cases.models import Case
from cases.tests.factories import advance, open_case

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_digest_tells_each_office_of_overdue_cases_and_escalates_ppk_delays(people):
    people["bawaslu"].email = "kota@bawaslu.example"
    people["bawaslu"].save()
    people["agency_head"].email = "ppk@pemkot.example"
    people["agency_head"].save()
    UserFactory(role=Role.AUTHORITY, email="analis@bkn.example")
    overdue = open_case(people)
    waiting_ppk = advance(open_case(people), people, S.RECOMMENDED)
    far = open_case(people)
    today = datetime.date(2030, 1, 10)
    Case.objects.filter(pk=overdue.pk).update(next_due_on=datetime.date(2030, 1, 8))
    Case.objects.filter(pk=waiting_ppk.pk).update(next_due_on=datetime.date(2030, 1, 9))
    Case.objects.filter(pk=far.pk).update(next_due_on=datetime.date(2030, 2, 1))

    send_daily_digest(today=today)

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {("kota@bawaslu.example",), ("analis@bkn.example",), ("ppk@pemkot.example",)}
    office = by_recipient[("kota@bawaslu.example",)].body
    assert "terlambat 2 hari" in office
    assert str(far) not in office
    assert str(waiting_ppk) in by_recipient[("analis@bkn.example",)].body
    assert "Siti" not in "".join(message.body for message in mail.outbox)
