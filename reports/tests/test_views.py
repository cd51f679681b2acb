import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import Role
from accounts.tests.factories import UserFactory, verified_client
from core.models import AuditEntry
from reports import evidence, selectors, services
from reports.choices import ReportStatus
from reports.models import Report
from reports.tests.factories import DESCRIPTION, jpeg_with_gps, submit

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FORM = {
    "identity": "resmi",
    "reporter_name": "Siti Rahmawati",
    "reporter_address": "Jl. Teuku Umar No. 5, Bandar Lampung",
    "reporter_phone": "081234567890",
    "reported_name": "Budi Santoso",
    "reported_agency": "Dinas Pendidikan Kota Bandar Lampung",
    "act": "DSP-06",
    "election": "pilkada-2024",
    "region": "18.71 — Kota Bandar Lampung, Lampung",
    "place": "Instagram",
    "occurred_on": "2024-10-20",
    "known_on": "2024-10-21",
    "description": DESCRIPTION,
    "links": "https://www.instagram.com/p/C9xYz/",
    "truthful": "on",
}


def post_report(client: Client, **changes):
    data = FORM | changes
    return client.post(reverse("report_public:submit"), {k: v for k, v in data.items() if v is not None})


def test_form_page_explains_fields_and_lists_acts_and_regions(intake):
    response = Client().get(reverse("report_public:submit"))
    page = response.content.decode()

    assert response.status_code == 200
    assert 'aria-describedby="id_known_on-help"' in page
    assert "Batas waktu melapor dihitung dari tanggal ini." in page
    assert '<option value="DSP-06"' in page
    assert '<option value="18.71 — Kota Bandar Lampung, Lampung">' in page
    assert "informasi awal" in page


def test_submitting_the_form_shows_the_receipt_code_once(intake):
    client = Client()
    response = post_report(client, evidence=SimpleUploadedFile("foto.jpg", jpeg_with_gps()))
    assert response.status_code == 302
    assert response["Location"] == reverse("report_public:submitted")

    first = client.get(reverse("report_public:submitted")).content.decode()
    second = client.get(reverse("report_public:submitted")).content.decode()

    report = Report.objects.get()
    code = first.split('data-testid="receipt-code">')[1].split("<")[0]
    assert selectors.report_by_receipt_code(code) == report
    assert code not in second
    assert "hanya ditampilkan sekali" in second
    assert report.evidence.count() == 1


def test_invalid_form_keeps_the_input_and_ties_errors_to_fields(intake):
    response = post_report(Client(), description="Dia <script>alert(1)</script> berkampanye di kantor.")
    page = response.content.decode()

    assert response.status_code == 400
    assert 'aria-invalid="true"' in page
    assert 'id="id_description-errors"' in page
    assert "tidak boleh berisi kode HTML" in page
    assert "<script>alert(1)</script>" not in page
    assert Report.objects.count() == 0


def test_a_hostile_file_is_refused_on_the_form_and_nothing_is_stored(intake):
    response = post_report(Client(), evidence=SimpleUploadedFile("foto.jpg", b"<html><script>x</script></html>"))

    assert response.status_code == 400
    assert "foto.jpg" in response.content.decode()
    assert Report.objects.count() == 0


def test_honeypot_filled_in_by_a_bot_is_refused(intake):
    response = post_report(Client(), website="http://spam.example")
    assert response.status_code == 400
    assert Report.objects.count() == 0


def test_anonymous_choice_discards_identity_fields(intake):
    client = Client()
    post_report(client, identity="anonim")
    report = Report.objects.get()
    assert report.is_tip
    assert report.reporter_name == ""


def test_submission_is_rate_limited_per_address(intake, settings):
    settings.REPORT_SUBMIT_RATE = "2/h"
    client = Client()
    statuses = [post_report(client).status_code for _ in range(3)]
    other = post_report(Client(REMOTE_ADDR="10.0.0.9")).status_code

    assert statuses == [302, 302, 429]
    assert other == 302
    assert Report.objects.count() == 3


def test_status_page_shows_history_but_never_personal_data(intake):
    receipt = submit()
    reviewer = UserFactory(role=Role.BAWASLU, scope_region_id="18.71")
    services.change_report_status(report=receipt.report, to=ReportStatus.IN_REVIEW, actor=reviewer)

    response = Client().post(reverse("report_public:status"), {"code": receipt.code.lower().replace("-", " ")})
    page = response.content.decode()

    assert response.status_code == 200
    assert "Sedang ditelaah" in page
    assert receipt.report.number in page
    for secret in ("Siti", "081234567890", "Budi Santoso", "Teuku Umar", reviewer.username):
        assert secret not in page


def test_status_with_a_guessed_code_says_not_found(intake):
    response = Client().post(reverse("report_public:status"), {"code": "7K3M-Q9TX-2HBD-V4NP"})
    assert response.status_code == 400
    assert "Kode tidak ditemukan" in response.content.decode()


def test_status_look_ups_are_rate_limited(intake, settings):
    settings.REPORT_STATUS_RATE = "3/h"
    client = Client()
    statuses = [client.post(reverse("report_public:status"), {"code": "AAAA"}).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]


def test_pdf_receipt_carries_the_code_and_evidence_hash_but_no_identity(intake):
    files = services.inspect_files([SimpleUploadedFile("foto.jpg", jpeg_with_gps())])
    receipt = submit(files=files)

    response = Client().post(reverse("report_public:receipt_pdf"), {"code": receipt.code})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert receipt.code in text
    assert "TANDA BUKTI PENYAMPAIAN LAPORAN" in text
    assert receipt.report.evidence.get().sha256[:32] in text.replace("\n", "")
    assert "Siti" not in text


# --- Staff inbox: the owner office, its province, and an outsider


@pytest.fixture
def offices(intake):
    city = UserFactory(role=Role.BAWASLU, scope_region_id="18.71")
    province = UserFactory(role=Role.BAWASLU, scope_region_id="18")
    outsider = UserFactory(role=Role.BAWASLU, scope_region_id="32.76")
    agency = UserFactory(role=Role.AGENCY_HR, agency=None)
    return {"city": city, "province": province, "outsider": outsider, "agency": agency}


def test_inbox_shows_reports_of_the_area_to_the_office_and_its_province_only(offices):
    report = submit().report
    submit(region="32.76")

    for name, expected in (("city", [report.pk]), ("province", [report.pk])):
        response = verified_client(offices[name]).get(reverse("reports:inbox"))
        assert [r.pk for r in response.context["page"].items] == expected
    outsider = verified_client(offices["outsider"]).get(reverse("reports:inbox"))
    assert [r.region_id for r in outsider.context["page"].items] == ["32.76"]
    assert verified_client(offices["outsider"]).get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert verified_client(offices["agency"]).get(reverse("reports:inbox")).status_code == 403


def test_inbox_filters_late_and_duplicates(offices):
    submit()
    with_duplicate = submit().report
    services.find_possible_duplicates(with_duplicate)
    client = verified_client(offices["city"])

    duplicates = client.get(reverse("reports:inbox"), {"duplicate": "ya"}).context["page"].items
    on_time = client.get(reverse("reports:inbox"), {"late": "tidak"}).context["page"].items

    assert [r.pk for r in duplicates] == [with_duplicate.pk]
    assert on_time == []  # both events are from 2024: late today


@pytest.mark.parametrize("count", [1, 3])
def test_inbox_query_count_does_not_grow_with_reports(offices, django_assert_max_num_queries, count):
    for _ in range(count):
        submit()
    client = verified_client(offices["city"])
    with django_assert_max_num_queries(12):
        client.get(reverse("reports:inbox"))


def test_detail_shows_duplicates_and_late_flag(offices):
    first = submit().report
    second = submit().report
    services.find_possible_duplicates(second)

    page = verified_client(offices["city"]).get(reverse("reports:detail", args=[second.pk])).content.decode()

    assert f'href="{reverse("reports:detail", args=[first.pk])}"' in page
    assert "Melewati batas waktu pelaporan." in page
    assert "Siti" not in page  # identity only on purpose


def test_revealing_the_reporter_is_audited(offices):
    report = submit().report
    response = verified_client(offices["city"]).post(reverse("reports:identity", args=[report.pk]))

    assert "Siti Rahmawati" in response.content.decode()
    entry = AuditEntry.objects.get(action="reports.reveal_reporter")
    assert entry.actor == offices["city"]


def test_evidence_is_served_verified_and_a_tampered_file_is_refused(offices, evidence_storage):
    files = services.inspect_files([SimpleUploadedFile("foto.jpg", jpeg_with_gps())])
    report = submit(files=files).report
    item = report.evidence.get()
    client = verified_client(offices["city"])
    url = reverse("reports:evidence", args=[report.pk, item.pk])

    assert client.get(url).content == evidence.read_blob(item.viewable_sha256)
    path = evidence_storage / evidence.blob_path(item.viewable_sha256)
    path.chmod(0o640)
    path.write_bytes(b"altered")
    assert client.get(url).status_code == 409


def test_set_aside_needs_a_reason_which_the_reporter_then_sees(offices):
    receipt = submit()
    client = verified_client(offices["city"])
    url = reverse("reports:change_status", args=[receipt.report.pk])

    client.post(url, {"status": ReportStatus.SET_ASIDE, "note": ""})
    receipt.report.refresh_from_db()
    assert receipt.report.status == ReportStatus.RECEIVED

    client.post(url, {"status": ReportStatus.SET_ASIDE, "note": "Terlapor bukan ASN (tenaga honorer)."})
    receipt.report.refresh_from_db()
    assert receipt.report.status == ReportStatus.SET_ASIDE
    status_page = Client().post(reverse("report_public:status"), {"code": receipt.code}).content.decode()
    assert "Terlapor bukan ASN (tenaga honorer)." in status_page


def test_outsider_cannot_change_a_report_status(offices):
    report = submit().report
    response = verified_client(offices["outsider"]).post(
        reverse("reports:change_status", args=[report.pk]), {"status": ReportStatus.ACCEPTED}
    )
    report.refresh_from_db()
    assert (response.status_code, report.status) == (404, ReportStatus.RECEIVED)


def test_dates_on_pages_are_written_the_indonesian_way(offices):
    report = submit(occurred_on=datetime.date(2024, 10, 20)).report
    page = verified_client(offices["city"]).get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "20 Oktober 2024" in page
