import base64
import datetime
import io
import os
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from PIL import Image

from accounts.models import Role
from accounts.tests.factories import UserFactory
from core.models import AuditEntry
from registry.tests.factories import ASNFactory
from reports import codes, evidence, services
from reports.choices import DuplicateReason, ReportKind, ReportStatus
from reports.models import Evidence, PossibleDuplicate, Report
from reports.submission import Reported, Witness
from reports.tests.factories import DESCRIPTION, jpeg_with_gps, reporter, submit

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(day: datetime.date, hour: int = 10):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=JAKARTA), tick=False)


def test_submit_report_stores_formal_report_with_receipt_code_only_as_hash(intake):
    receipt = submit()

    report = Report.objects.get()
    assert report.kind == ReportKind.FORMAL
    assert report.status == ReportStatus.RECEIVED
    assert report.receipt_digest == codes.code_digest(codes.normalise_code(receipt.code))
    assert codes.normalise_code(receipt.code) not in report.receipt_digest
    assert list(report.history.values_list("status", flat=True)) == [ReportStatus.RECEIVED]
    assert report.number == f"LAP-{datetime.date.today().year}-{report.pk:06d}"


def test_reporter_identity_is_unreadable_in_the_database_without_the_key(intake):
    submit(witnesses=[Witness(name="Andi Wijaya", contact="0812000111")])

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_name, reporter_nik, reporter_phone, reporter_email, reporter_address, witnesses_sealed "
            "FROM reports_report"
        )
        raw = cursor.fetchone()
    stored = " ".join(raw)
    for secret in ("Siti", "1871014506900002", "081234567890", "siti@example.org", "Teuku Umar", "Andi"):
        assert secret not in stored
    assert all(value.startswith("g1:") for value in raw)
    report = Report.objects.get()
    assert (report.reporter_name, report.reporter_nik) == ("Siti Rahmawati", "1871014506900002")
    assert report.witnesses == [{"name": "Andi Wijaya", "contact": "0812000111"}]


def test_reporter_data_survives_key_rotation(intake, settings):
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    submit()
    new = base64.urlsafe_b64encode(os.urandom(32)).decode()
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    call_command("rotate_encryption_keys", verbosity=0)
    settings.FIELD_ENCRYPTION_KEYS = [new]  # the old key is gone: everything must read with the new one alone

    report = Report.objects.get()
    assert report.reporter_email == "siti@example.org"
    assert AuditEntry.objects.filter(action="core.rotate_keys").count() == 1


def test_anonymous_tip_keeps_no_identity_and_is_initial_information(intake):
    receipt = submit(anonymous=True)

    report = receipt.report
    assert report.kind == ReportKind.TIP
    assert report.number.startswith("IA-")
    assert (report.reporter_name, report.reporter_phone, report.reporter_email) == ("", "", "")


def test_formal_report_needs_name_address_and_a_contact(intake):
    with pytest.raises(ValidationError) as caught:
        submit(reporter=reporter(name="", address="", phone="", email=""))

    assert set(caught.value.message_dict) == {"reporter.name", "reporter.address", "reporter.phone"}
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", "Dia <script>alert(1)</script> berkampanye di kantor kelurahan pagi ini."),
        ("place", "Kantor <b>camat</b>"),
        ("description", "Teks berisi karakter nol \x00 yang tidak bisa disimpan di PostgreSQL."),
        ("description", "x" * 5001),
    ],
)
def test_hostile_or_oversized_text_is_refused_with_a_message(intake, field, value):
    with pytest.raises(ValidationError) as caught:
        submit(**{field: value})

    assert list(caught.value.message_dict) == [field]
    assert Report.objects.count() == 0


def test_dates_in_the_future_or_known_before_the_event_are_refused(intake):
    with pytest.raises(ValidationError) as caught:
        submit(occurred_on=datetime.date(2024, 10, 20), known_on=datetime.date(2024, 10, 19))
    assert caught.value.message_dict["known_on"] == ["Tanggal diketahui tidak boleh sebelum tanggal kejadian."]

    with pytest.raises(ValidationError) as caught:
        submit(occurred_on=datetime.date.today() + datetime.timedelta(days=2))
    assert "occurred_on" in caught.value.message_dict


def test_region_must_be_a_known_regency_or_lower(intake):
    with pytest.raises(ValidationError) as caught:
        submit(region="18")
    assert list(caught.value.message_dict) == ["region"]
    with pytest.raises(ValidationError):
        submit(region="99.99")


def test_pilkada_report_after_seven_calendar_days_is_stored_and_flagged_late(intake):
    with at(datetime.date(2024, 10, 28)):
        on_time = submit().report
    with at(datetime.date(2024, 10, 29)):
        late = submit().report

    assert (on_time.is_late, on_time.reporting_due_on) == (False, datetime.date(2024, 10, 28))
    assert late.is_late is True
    assert late.late_reason == (
        "Disampaikan 1 hari kalender setelah batas waktu: batas 7 hari kalender sejak diketahui "
        "(UU 10/2016 Pasal 134 ayat (4)) berakhir 28 Oktober 2024."
    )


def test_pemilu_deadline_counts_working_days_past_lebaran(intake):
    known = {"election": "pemilu-2024", "occurred_on": datetime.date(2024, 4, 5), "known_on": datetime.date(2024, 4, 5)}
    # 7 working days after Friday 5 April 2024 skip Idul Fitri and its cuti bersama (8–15 April): due 24 April.
    with at(datetime.date(2024, 4, 24)):
        on_time = submit(**known).report
    with at(datetime.date(2024, 4, 25)):
        late = submit(**known).report

    assert (on_time.is_late, on_time.reporting_due_on) == (False, datetime.date(2024, 4, 24))
    assert late.is_late is True
    assert "hari kerja" in late.late_reason


def test_act_follows_the_phase_rule_before_candidates_are_determined(intake):
    with at(datetime.date(2024, 9, 12)):
        before = submit(occurred_on=datetime.date(2024, 9, 10), known_on=datetime.date(2024, 9, 11)).report
        assert before.act_id == "ETK-04"  # a like for a bakal calon is an ethics matter
    with at(datetime.date(2024, 10, 21)):
        after = submit().report
    assert after.act_id == "DSP-06"


def test_election_is_inferred_from_the_event_date(intake):
    report = submit(election="", occurred_on=datetime.date(2024, 1, 20), known_on=datetime.date(2024, 1, 20)).report
    assert report.election.slug == "pemilu-2024"
    report = submit(election="").report
    assert report.election.slug == "pilkada-2024"


def test_reported_nip_is_matched_with_the_registry(intake):
    asn = ASNFactory()
    report = submit(reported=Reported(name=asn.name, nip=asn.nip)).report
    services.process_new_report(report)
    report.refresh_from_db()
    assert report.reported_asn == asn


def test_evidence_is_sealed_and_staff_view_the_copy_without_gps(intake):
    files = services.inspect_files([_upload("foto.jpg", jpeg_with_gps())])
    report = submit(files=files).report

    item = report.evidence.get()
    original = services.read_evidence(item=item, actor=None, original=True)
    viewable = services.read_evidence(item=item, actor=None)
    assert original == jpeg_with_gps()
    assert Image.open(_bytes(original)).getexif().get_ifd(0x8825)
    assert not Image.open(_bytes(viewable)).getexif()
    assert item.metadata_removed is True


def test_evidence_hash_is_verified_on_every_read(intake, evidence_storage):
    files = services.inspect_files([_upload("foto.jpg", jpeg_with_gps())])
    item = submit(files=files).report.evidence.get()
    path = evidence_storage / evidence.blob_path(item.viewable_sha256)
    path.chmod(0o640)
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")

    with pytest.raises(evidence.EvidenceIntegrityError):
        services.read_evidence(item=item, actor=None)


def test_same_file_from_two_reports_is_stored_once(intake, evidence_storage):
    for _ in range(2):
        submit(files=services.inspect_files([_upload("foto.jpg", jpeg_with_gps())]))

    assert Evidence.objects.count() == 2
    assert len([p for p in evidence_storage.rglob("*") if p.is_file()]) == 2  # original + stripped copy


def test_a_refused_file_leaves_no_report_and_no_file(intake, evidence_storage):
    with pytest.raises(evidence.EvidenceError):
        services.inspect_files([_upload("foto.jpg", jpeg_with_gps()), _upload("virus.jpg", b"MZ\x90\x00" * 100)])

    assert Report.objects.count() == 0
    assert not evidence_storage.exists() or not any(p.is_file() for p in evidence_storage.rglob("*"))


def test_duplicates_are_flagged_with_their_reasons_never_merged(intake):
    first = submit(
        reported=Reported(name="Budi Santoso", nip="198503152010011004"),
        links=["https://www.instagram.com/p/C9xYz/?igsh=abc123"],
        files=services.inspect_files([_upload("foto.jpg", jpeg_with_gps())]),
    ).report
    services.find_possible_duplicates(first)  # as the worker does after each submission
    second = submit(
        reported=Reported(name="Budi S.", nip="198503152010011004"),
        description=DESCRIPTION.replace("Pada 20 Oktober 2024", "Tanggal 20 Oktober 2024,") + " Mohon ditindak.",
        links=["https://instagram.com/p/C9xYz"],
        files=services.inspect_files([_upload("bukti.jpg", jpeg_with_gps())]),
    ).report

    found = services.find_possible_duplicates(second)

    assert {(d.earlier_id, d.reason) for d in found} == {
        (first.pk, DuplicateReason.SAME_NIP),
        (first.pk, DuplicateReason.SAME_LINK),
        (first.pk, DuplicateReason.SAME_EVIDENCE),
        (first.pk, DuplicateReason.SIMILAR_TEXT),
    }
    second.refresh_from_db()
    assert second.has_possible_duplicates is True
    assert Report.objects.count() == 2


def test_unrelated_reports_are_not_duplicates(intake):
    services.find_possible_duplicates(submit().report)
    other = submit(
        reported=Reported(name="Rina Marlina", agency="Kecamatan Sukarame"),
        description="Camat Sukarame menghadiri deklarasi tim relawan calon gubernur di balai warga sambil berpidato "
        "mengajak warga memilih.",
    ).report

    assert services.find_possible_duplicates(other) == []
    assert PossibleDuplicate.objects.count() == 0


def test_same_name_and_agency_without_nip_is_a_possible_duplicate(intake):
    first = submit().report
    second = submit(description="Budi Santoso ikut rapat tim pemenangan di rumah makan dekat kantor dinas.").report

    found = services.find_possible_duplicates(second)
    assert [(d.earlier_id, d.reason) for d in found] == [(first.pk, DuplicateReason.SAME_PERSON)]


def test_office_of_the_place_is_notified_without_personal_data(intake):
    UserFactory(role=Role.BAWASLU, scope_region_id="18.71", email="kota@bawaslu.example")
    UserFactory(role=Role.BAWASLU, scope_region_id="18", email="provinsi@bawaslu.example")
    report = submit(region="18.71.01").report

    services.process_new_report(report)

    assert [message.to for message in mail.outbox] == [["kota@bawaslu.example"]]
    body = mail.outbox[0].subject + mail.outbox[0].body
    assert report.number in body
    for secret in ("Siti", "081234567890", "siti@example.org", "Budi"):
        assert secret not in body


def test_province_is_notified_when_the_regency_has_no_address(intake):
    UserFactory(role=Role.BAWASLU, scope_region_id="18", email="provinsi@bawaslu.example")
    services.notify_office(submit(region="18.72").report)
    assert [message.to for message in mail.outbox] == [["provinsi@bawaslu.example"]]


def test_submission_and_its_processing_are_audited_without_personal_data(intake):
    report = submit().report
    entry = AuditEntry.objects.get(action="reports.submit")
    assert entry.target_id == str(report.pk)
    assert "Siti" not in entry.summary


def _upload(name: str, data: bytes):
    return SimpleUploadedFile(name, data)


def _bytes(data: bytes):
    return io.BytesIO(data)
