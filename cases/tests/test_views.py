import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import verified_client
from cases.choices import CaseState as S
from cases.models import Case
from cases.tests.factories import advance, open_case

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_dashboard_lists_overdue_first_then_by_deadline(people):
    cases = [open_case(people) for _ in range(3)]
    due = [datetime.date(2030, 1, 5), datetime.date(2020, 1, 1), datetime.date(2030, 1, 2)]
    for case, day in zip(cases, due, strict=True):
        Case.objects.filter(pk=case.pk).update(next_due_on=day)

    page = verified_client(people["bawaslu"]).get(reverse("cases:dashboard")).context["page"]
    assert [c.pk for c in page.items] == [cases[1].pk, cases[2].pk, cases[0].pk]


def test_dashboard_scope_for_office_province_outsider_authority_and_agency(people):
    case = open_case(people)

    def seen(key):
        return [c.pk for c in verified_client(people[key]).get(reverse("cases:dashboard")).context["page"].items]

    assert seen("bawaslu") == [case.pk]
    assert seen("bawaslu_province") == [case.pk]
    assert seen("bawaslu_elsewhere") == []
    assert seen("authority") == []  # not forwarded yet
    assert seen("agency_head") == []  # no recommendation yet
    advance(case, people, S.RECOMMENDED)
    assert seen("authority") == [case.pk]
    assert seen("agency_head") == [case.pk]
    assert seen("other_agency_head") == []
    assert verified_client(people["bawaslu_elsewhere"]).get(reverse("cases:detail", args=[case.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count_does_not_grow(people, django_assert_max_num_queries, count):
    for _ in range(count):
        open_case(people)
    client = verified_client(people["bawaslu"])
    with django_assert_max_num_queries(10):
        client.get(reverse("cases:dashboard"))


def test_taking_a_step_through_the_page(people):
    case = open_case(people)
    client = verified_client(people["bawaslu"])
    url = reverse("cases:take_step", args=[case.pk])

    client.post(url, {"to": S.PRELIMINARY_REVIEW, "version": case.version})
    client.post(url, {"to": S.NOT_REGISTERED, "version": case.version + 1, "reason": ""})
    case.refresh_from_db()
    assert case.state == S.PRELIMINARY_REVIEW  # a reason is required to refuse registration

    response = client.post(url, {"to": S.NOT_REGISTERED, "version": case.version, "reason": "Lewat batas waktu."})
    case.refresh_from_db()
    assert (response.status_code, case.state) == (302, S.NOT_REGISTERED)


def test_bulk_assign_takes_only_visible_cases(people):
    mine, other = open_case(people), open_case(people, actor="bawaslu_elsewhere", region="32.76")
    client = verified_client(people["bawaslu_province"])
    client.post(reverse("cases:assign_to_me"), {"case": [mine.pk, other.pk]})
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.assigned_to == people["bawaslu_province"]
    assert other.assigned_to == people["bawaslu_elsewhere"]


def test_accepting_a_report_in_the_inbox_opens_its_case(people):
    from reports.tests.factories import submit

    report = submit().report
    verified_client(people["bawaslu"]).post(reverse("reports:change_status", args=[report.pk]), {"status": "ditangani"})
    assert Case.objects.get().report == report


def test_attachment_is_sealed_and_served_verified(people, evidence_storage):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.tests.factories import jpeg_with_gps

    case = open_case(people)
    client = verified_client(people["bawaslu"])
    client.post(reverse("cases:attach", args=[case.pk]), {"file": SimpleUploadedFile("surat.jpg", jpeg_with_gps())})
    client.post(reverse("cases:attach", args=[case.pk]), {"file": SimpleUploadedFile("x.jpg", b"MZ not an image")})

    item = case.attachments.get()
    served = client.get(reverse("cases:attachment", args=[case.pk, item.pk]))
    assert served.status_code == 200
    assert served.content != jpeg_with_gps()  # the metadata-free copy
    outsider = verified_client(people["bawaslu_elsewhere"])
    assert outsider.get(reverse("cases:attachment", args=[case.pk, item.pk])).status_code == 404


def test_saved_view_keeps_the_filters_for_its_owner(people):
    client = verified_client(people["bawaslu"])
    client.post(reverse("cases:save_view"), {"name": "Terlambat", "query": "overdue=on&page=3"})
    page = client.get(reverse("cases:dashboard")).content.decode()
    assert 'href="?overdue=on">Terlambat</a>' in page
    other = verified_client(people["bawaslu_province"]).get(reverse("cases:dashboard")).content.decode()
    assert "Terlambat</a>" not in other


def test_unassigned_case_shows_on_the_dashboard_and_its_page(people):
    case = open_case(people)
    Case.objects.filter(pk=case.pk).update(assigned_to=None)
    client = verified_client(people["bawaslu"])
    assert client.get(reverse("cases:dashboard")).status_code == 200
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_case_can_be_handed_to_a_supervisor_of_its_area_only(people):
    case = open_case(people)
    client = verified_client(people["bawaslu"])
    client.post(reverse("cases:assign", args=[case.pk]), {"assignee": people["bawaslu_elsewhere"].pk})
    case.refresh_from_db()
    assert case.assigned_to == people["bawaslu"]
    client.post(reverse("cases:assign", args=[case.pk]), {"assignee": people["bawaslu_province"].pk})
    case.refresh_from_db()
    assert case.assigned_to == people["bawaslu_province"]
