"""The daily digest: each Bawaslu office hears of its open cases that are overdue or due within two days, and
KASN/BKN and the agency hear of agency heads (PPK) who have not decided within the set time.

Run once a day by `sinetra send-case-digest` (from cron or a systemd timer); it is safe to run again.
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.selectors import bawaslu_addresses
from cases.choices import CaseState as S
from cases.models import Case
from cases.services import office_code
from cases.states import OPEN_STATES
from cases.templatetags.countdown import countdown
from core import audit

logger = logging.getLogger(__name__)
DUE_SOON_DAYS = 2


def digest_cases(today: datetime.date) -> dict[str, list[Case]]:
    """Open cases overdue or due within DUE_SOON_DAYS, grouped by the code of the office that handles them."""
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    grouped: dict[str, list[Case]] = defaultdict(list)
    due = Case.objects.filter(state__in=OPEN_STATES, next_due_on__lte=horizon).select_related("region")
    for case in due.order_by("next_due_on", "id"):
        grouped[office_code(case)].append(case)
    return dict(grouped)


def ppk_overdue(today: datetime.date) -> list[Case]:
    """Cases whose agency head has not recorded a decision within the set time after the recommendation."""
    late = Case.objects.filter(state=S.RECOMMENDED, next_due_on__lt=today)
    return list(late.select_related("region", "reported_agency").order_by("next_due_on", "id"))


def send_daily_digest(*, today: datetime.date) -> int:
    """Send the digest e-mails; returns how many were sent. Messages carry case numbers, never reporters."""
    sent = 0
    for office, cases in digest_cases(today).items():
        recipients = bawaslu_addresses(office)
        if recipients:
            sent += send_mail(_subject(office, len(cases)), _lines(cases, today), None, recipients)
        else:
            logger.warning("No Bawaslu address for the digest of office %s", office)
    late = ppk_overdue(today)
    if late:
        authority = list(User.objects.filter(role=Role.AUTHORITY, is_active=True).exclude(email="")
                         .values_list("email", flat=True))  # fmt: skip
        if authority:
            sent += send_mail(_("[Sinetra] %(count)d keputusan PPK melewati batas waktu") % {"count": len(late)},
                              _lines(late, today), None, authority)  # fmt: skip
        sent += _tell_agencies(late, today)
    audit.record(actor=None, action="cases.digest", summary=f"{today}: {sent} surel")
    return sent


def _tell_agencies(late: list[Case], today: datetime.date) -> int:
    by_agency: dict[int, list[Case]] = defaultdict(list)
    for case in late:
        if case.reported_agency_id:
            by_agency[case.reported_agency_id].append(case)
    sent = 0
    for agency_id, cases in by_agency.items():
        heads = User.objects.filter(agency_id=agency_id, role__in=[Role.AGENCY_HEAD, Role.AGENCY_HR], is_active=True)
        emails = list(heads.exclude(email="").values_list("email", flat=True))
        if emails:
            subject = _("[Sinetra] Rekomendasi sanksi menunggu keputusan PPK (%(count)d)") % {"count": len(cases)}
            sent += send_mail(subject, _lines(cases, today), None, emails)
    return sent


def _subject(office: str, count: int) -> str:
    return _("[Sinetra] %(count)d kasus mendekati atau melewati batas waktu (%(office)s)") % {
        "count": count,
        "office": office,
    }


def _lines(cases: list[Case], today: datetime.date) -> str:
    base = settings.SITE_URL.rstrip("/")
    lines = []
    for case in cases:
        when = countdown(case.next_due_on, today)
        lines.append(f"{case} — {case.get_state_display()} — {case.next_due_on:%d-%m-%Y} ({when})")
        lines.append(f"  {base}{reverse('cases:detail', args=[case.pk])}")
    return "\n".join(lines)
