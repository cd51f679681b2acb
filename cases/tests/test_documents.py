import datetime
import io
import os
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Role
from accounts.tests.factories import UserFactory
from cases import documents
from cases.choices import CaseState as S
from cases.documents import (
    DOCUMENT_KINDS,
    available_documents,
    issue_document,
    next_document_number,
    read_document,
    render_document,
)
from cases.models import CaseDocument, NumberSequence
from cases.services import open_case_from_report, open_finding
from cases.states import transition
from core.models import AuditEntry
from regions.models import Region
from reports.evidence import EvidenceIntegrityError, blob_path
from reports.receipt import format_date_id
from reports.tests.factories import submit

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HOSTILE = "Uraian <b>tebal</b> & <para> </para> ]]> &amp;"
ISSUED_ON = datetime.date(2024, 10, 21)
CLARIFICATION_ON = datetime.date(2024, 10, 25)  # a Friday

# The path of a proven case, and the data each step needs (`cases.states.STEPS`).
PATH = [
    (S.PRELIMINARY_REVIEW, {}, ""),
    (S.REGISTERED, {}, ""),
    (S.CLARIFICATION, {"clarification_on": CLARIFICATION_ON}, ""),
    (S.STUDY, {"minutes": "Terlapor mengakui membagikan unggahan akun pemenangan."}, ""),
    (S.PROVEN, {"study": "Unggahan dibagikan dari akun pribadi terlapor pada masa kampanye."}, ""),
    (S.FORWARDED, {"forwarded_to": "bkn", "letter_number": "123/PP.01.02/K.LA-01/10/2024"}, ""),
]


@pytest.fixture
def supervisor(intake):
    return UserFactory(role=Role.BAWASLU, scope_region_id="18.71")


def new_case(actor, **submission):
    return open_case_from_report(report=submit(**submission).report, actor=actor)


def advance(case, actor, until: str):
    """Move the case along PATH up to and including the step into `until`."""
    for to, data, reason in PATH:
        transition(case, to, actor=actor, data=data, reason=reason)
        if to == until:
            return case
    raise AssertionError(f"{until} is not on the path")


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def today() -> datetime.date:
    return timezone.localdate()


# --- What may be issued


def test_documents_become_available_as_the_case_moves_on(supervisor):
    case = new_case(supervisor)
    assert available_documents(case) == ["status_notice"]

    expected = {
        S.PRELIMINARY_REVIEW: ["status_notice"],
        S.REGISTERED: ["register", "status_notice"],
        S.CLARIFICATION: ["register", "invitation", "status_notice"],
        S.STUDY: ["register", "invitation", "minutes", "status_notice"],
        S.PROVEN: ["register", "invitation", "minutes", "study", "status_notice"],
        S.FORWARDED: ["register", "invitation", "minutes", "study", "status_notice", "forwarding"],
    }
    for to, data, reason in PATH:
        transition(case, to, actor=supervisor, data=data, reason=reason)
        assert available_documents(case) == expected[to], to


def test_a_case_studied_without_clarification_has_no_invitation_or_minutes(supervisor):
    case = advance(new_case(supervisor), supervisor, S.REGISTERED)
    transition(case, S.STUDY, actor=supervisor, reason="Bukti sudah cukup.")
    transition(case, S.NOT_PROVEN, actor=supervisor, data={"study": "Akun bukan milik terlapor."})

    assert available_documents(case) == ["register", "study", "status_notice"]
    with pytest.raises(ValidationError) as caught:
        issue_document(case=case, kind="minutes", actor=supervisor)
    assert caught.value.message_dict == {
        "kind": ["Berita acara klarifikasi hanya dapat diterbitkan setelah hasil klarifikasi dicatat."]
    }


def test_a_reopened_case_starts_its_documents_anew(supervisor):
    case = advance(new_case(supervisor), supervisor, S.REGISTERED)
    transition(case, S.STUDY, actor=supervisor, reason="Bukti sudah cukup.")
    transition(case, S.NOT_PROVEN, actor=supervisor, data={"study": "Akun bukan milik terlapor."})
    transition(case, S.CLOSED, actor=supervisor)
    transition(case, S.PRELIMINARY_REVIEW, actor=supervisor, reason="Bukti baru diterima.")

    assert available_documents(case) == ["status_notice"]


def test_a_finding_has_no_status_notice(supervisor, intake):
    case = open_finding(
        actor=supervisor,
        election=intake["pilkada"],
        region=Region.objects.get(code="18.71.01"),
        summary="Camat hadir dalam kampanye pasangan calon.",
        occurred_on=datetime.date(2024, 10, 20),
        reported_name="Ahmad Fauzi",
    )
    assert available_documents(case) == []
    with pytest.raises(ValidationError) as caught:
        issue_document(case=case, kind="status_notice", actor=supervisor)
    assert caught.value.message_dict == {
        "kind": ["Pemberitahuan status hanya untuk kasus yang berasal dari laporan masyarakat."]
    }


def test_an_unavailable_kind_is_refused_without_using_a_number(supervisor):
    case = new_case(supervisor)

    with pytest.raises(ValidationError) as caught:
        issue_document(case=case, kind="register", actor=supervisor)
    assert caught.value.message_dict == {
        "kind": ["Buku register hanya dapat diterbitkan setelah laporan/temuan diregistrasi."]
    }
    with pytest.raises(ValidationError):
        issue_document(case=case, kind="surat_cinta", actor=supervisor)
    with pytest.raises(ValidationError):
        render_document(case, "forwarding", "001/PNR/18.71/2024", ISSUED_ON)

    assert not NumberSequence.objects.filter(series__startswith="doc/").exists()
    assert not CaseDocument.objects.exists()


def test_only_a_supervisor_of_the_region_may_issue(supervisor):
    case = new_case(supervisor)
    elsewhere = UserFactory(role=Role.BAWASLU, scope_region_id="18.72")
    authority = UserFactory(role=Role.AUTHORITY)

    for actor in (elsewhere, authority, None):
        with pytest.raises(PermissionDenied):
            issue_document(case=case, kind="status_notice", actor=actor)
    province = UserFactory(role=Role.BAWASLU, scope_region_id="18")
    assert issue_document(case=case, kind="status_notice", actor=province).issued_by == province


# --- Numbers


def test_numbers_run_per_office_year_and_kind(supervisor):
    year = today().year
    case = advance(new_case(supervisor), supervisor, S.CLARIFICATION)
    other = advance(new_case(supervisor), supervisor, S.REGISTERED)
    metro_supervisor = UserFactory(role=Role.BAWASLU, scope_region_id="18.72")
    metro = advance(new_case(metro_supervisor, region="18.72"), metro_supervisor, S.REGISTERED)

    first = issue_document(case=case, kind="register", actor=supervisor)
    second = issue_document(case=case, kind="register", actor=supervisor)
    third = issue_document(case=other, kind="register", actor=supervisor)
    invitation = issue_document(case=case, kind="invitation", actor=supervisor)
    in_metro = issue_document(case=metro, kind="register", actor=metro_supervisor)

    assert [first.number, second.number, third.number] == [
        f"001/REG/18.71/{year}",
        f"002/REG/18.71/{year}",
        f"003/REG/18.71/{year}",
    ]
    assert invitation.number == f"001/UND/18.71/{year}"
    assert in_metro.number == f"001/REG/18.72/{year}"
    with transaction.atomic():
        assert next_document_number(case, "register", year + 1) == f"001/REG/18.71/{year + 1}"
        assert next_document_number(case, "register", year) == f"004/REG/18.71/{year}"
    # Issuing again is a new version; the earlier one stays.
    assert list(case.documents.filter(kind="register").values_list("number", flat=True)) == [
        first.number,
        second.number,
    ]
    assert first.sha256 != second.sha256


# --- Issuing and reading


def test_issue_seals_the_pdf_records_the_document_and_audits(supervisor, evidence_storage):
    case = advance(new_case(supervisor), supervisor, S.REGISTERED)

    document = issue_document(case=case, kind="register", actor=supervisor)

    document.refresh_from_db()
    pdf = read_document(document)
    assert pdf.startswith(b"%PDF-")
    assert document.size == len(pdf)
    assert document.issued_by == supervisor
    assert document.kind == "register"
    assert (evidence_storage / blob_path(document.sha256)).exists()
    audit_entry = AuditEntry.objects.get(action="cases.issue_document")
    assert audit_entry.target_id == str(case.pk)
    assert audit_entry.actor == supervisor
    assert document.number in audit_entry.summary
    assert audit_entry.changes == {"kind": "register", "number": document.number, "sha256": document.sha256}


def test_reading_a_changed_document_fails_the_hash_check(supervisor, evidence_storage):
    case = new_case(supervisor)
    document = issue_document(case=case, kind="status_notice", actor=supervisor)
    path = evidence_storage / blob_path(document.sha256)
    os.chmod(path, 0o640)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))

    with pytest.raises(EvidenceIntegrityError) as caught:
        read_document(document)
    assert caught.value.reason == "mismatch"


def test_a_failed_issue_keeps_no_blob_row_or_number(supervisor, evidence_storage, monkeypatch):
    case = new_case(supervisor)

    def broken(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(documents.audit, "record", broken)
    with pytest.raises(RuntimeError):
        issue_document(case=case, kind="status_notice", actor=supervisor)

    assert not CaseDocument.objects.exists()
    assert not NumberSequence.objects.filter(series__startswith="doc/").exists()
    assert not [path for path in evidence_storage.rglob("*") if path.is_file()]


# --- What the documents say


def test_every_document_has_header_title_number_place_date_and_signature(supervisor):
    case = advance(new_case(supervisor), supervisor, S.FORWARDED)

    for kind in DOCUMENT_KINDS:
        document = issue_document(case=case, kind=kind, actor=supervisor)
        text = pdf_text(read_document(document))

        assert "BADAN PENGAWAS PEMILIHAN UMUM KOTA BANDAR LAMPUNG" in text, kind
        assert DOCUMENT_KINDS[kind].upper() in text, kind
        assert document.number in text, kind
        assert f"Bandar Lampung, {format_date_id(today())}" in text, kind
        assert "Ketua Bawaslu Kota Bandar Lampung," in text, kind


def test_rendering_is_pure_and_dates_the_document_in_indonesian(supervisor):
    case = advance(new_case(supervisor), supervisor, S.REGISTERED)

    pdf = render_document(case, "register", "007/REG/18.71/2024", ISSUED_ON)

    assert pdf == render_document(case, "register", "007/REG/18.71/2024", ISSUED_ON)
    text = pdf_text(pdf)
    assert "Bandar Lampung, 21 Oktober 2024" in text
    assert "Nomor: 007/REG/18.71/2024" in text
    assert not CaseDocument.objects.exists()
    assert not NumberSequence.objects.filter(series__startswith="doc/").exists()


def test_register_entry_shows_the_matter_but_not_the_reporter(supervisor):
    case = advance(new_case(supervisor), supervisor, S.REGISTERED)

    text = pdf_text(render_document(case, "register", "001/REG/18.71/2024", ISSUED_ON))

    assert case.register_number in text
    assert "Laporan masyarakat" in text
    assert "Budi Santoso" in text
    assert "Dinas Pendidikan Kota Bandar Lampung" in text
    assert "DSP-06" in text
    assert "20 Oktober 2024" in text
    assert "Instagram (Kota Bandar Lampung, Provinsi Lampung)" in text
    assert "guru SDN 2 Rajabasa membagikan unggahan" in text
    for personal in ("Siti Rahmawati", "081234567890", "siti@example.org", "1871014506900002", "Teuku Umar"):
        assert personal not in text


def test_invitation_names_day_place_matter_and_pilkada_basis(supervisor):
    case = advance(new_case(supervisor), supervisor, S.CLARIFICATION)

    text = pdf_text(render_document(case, "invitation", "001/UND/18.71/2024", ISSUED_ON))

    assert "Kepada Yth. Sdr. Budi Santoso" in text
    assert "Jumat, 25 Oktober 2024" in text
    assert "Kantor Bawaslu Kota Bandar Lampung" in text
    assert f"Laporan Nomor {case.register_number}" in text
    assert "Nomor 8 Tahun 2020" in text
    assert "jo. Peraturan Badan Pengawas Pemilihan Umum Nomor 9 Tahun 2024" in text
    assert "Nomor 7 Tahun 2022" not in text


def test_a_pemilu_finding_cites_perbawaslu_7_2022(supervisor, intake):
    case = open_finding(
        actor=supervisor,
        election=intake["pemilu"],
        region=Region.objects.get(code="18.71.01"),
        summary="Lurah mengarahkan warga memilih calon anggota DPR.",
        occurred_on=datetime.date(2024, 2, 1),
        reported_name="Ahmad Fauzi",
    )
    transition(case, S.PRELIMINARY_REVIEW, actor=supervisor)
    transition(case, S.REGISTERED, actor=supervisor)
    transition(case, S.CLARIFICATION, actor=supervisor, data={"clarification_on": "2024-02-05"})

    text = pdf_text(render_document(case, "invitation", "001/UND/18.71/2024", ISSUED_ON))

    assert "Nomor 7 Tahun 2022 tentang Penanganan Temuan dan Laporan Pelanggaran Pemilihan Umum" in text
    assert "Nomor 8 Tahun 2020" not in text
    assert "Senin, 5 Februari 2024" in text
    assert f"Temuan Nomor {case.register_number}" in text


def test_minutes_carry_the_recorded_summary(supervisor):
    case = advance(new_case(supervisor), supervisor, S.STUDY)

    text = pdf_text(render_document(case, "minutes", "001/BA/18.71/2024", ISSUED_ON))

    assert "Terlapor mengakui membagikan unggahan akun pemenangan." in text
    assert "Pada hari Jumat, 25 Oktober 2024, bertempat di Kantor Bawaslu Kota Bandar Lampung" in text
    assert "(Budi Santoso)" in text


@pytest.mark.parametrize(
    ("decision", "data", "verdict", "phrase"),
    [
        (S.PROVEN, {"study": "Terbukti dari tangkapan layar."}, "TERBUKTI", "Terlapor terbukti melakukan"),
        (S.NOT_PROVEN, {"study": "Akun bukan milik terlapor."}, "TIDAK TERBUKTI", "tidak terbukti melakukan"),
        (
            S.HANDED_ON,
            {"study": "Dugaan politik uang.", "handed_to": "Sentra Gakkumdu"},
            "DILIMPAHKAN",
            "dilimpahkan kepada Sentra Gakkumdu",
        ),
    ],
)
def test_study_states_facts_act_basis_and_conclusion(supervisor, decision, data, verdict, phrase):
    case = advance(new_case(supervisor), supervisor, S.STUDY)
    transition(case, decision, actor=supervisor, data=data)

    text = pdf_text(render_document(case, "study", "001/KAJ/18.71/2024", ISSUED_ON))

    assert "DSP-06 — Membuat posting, comment, share, like" in text
    assert case.act.legal_basis in text
    assert data["study"] in text
    assert "Terlapor mengakui membagikan unggahan akun pemenangan." in text  # the clarification, among the facts
    assert f": {verdict}." in text
    assert phrase in text


def test_status_notice_tells_the_state_without_reporter_data_or_sanctions(supervisor):
    case = advance(new_case(supervisor), supervisor, S.FORWARDED)

    text = pdf_text(render_document(case, "status_notice", "001/PST/18.71/2024", ISSUED_ON))

    assert "Kepada Yth. Pelapor" in text
    assert case.report.number in text
    assert "Diteruskan ke KASN/BKN" in text
    assert "Diteruskan kepada BKN (aplikasi SBT) untuk rekomendasi sanksi." in text
    assert format_date_id(today()) in text
    for personal in ("Siti Rahmawati", "081234567890", "siti@example.org", "1871014506900002", "Teuku Umar"):
        assert personal not in text
    for confidential in ("Budi Santoso", "123/PP.01.02/K.LA-01/10/2024", "Terlapor mengakui"):
        assert confidential not in text


def test_forwarding_letter_carries_letter_number_facts_and_attachments(supervisor):
    case = advance(new_case(supervisor), supervisor, S.FORWARDED)
    study = issue_document(case=case, kind="study", actor=supervisor)

    text = pdf_text(render_document(case, "forwarding", "001/PNR/18.71/2024", ISSUED_ON))

    assert "Nomor: 123/PP.01.02/K.LA-01/10/2024" in text
    assert "Nomor dokumen 001/PNR/18.71/2024" in text
    assert "Kepada Yth. Kepala Badan Kepegawaian Negara di Jakarta" in text
    assert "2 (dua) berkas" in text
    assert f"Kajian Dugaan Pelanggaran Nomor {study.number}" in text
    assert "Berita Acara Klarifikasi" in text
    assert "Budi Santoso" in text
    assert "guru SDN 2 Rajabasa membagikan unggahan" in text
    assert "Tembusan:" in text
    assert "Ketua Bawaslu Provinsi Lampung" in text


def test_a_provincial_office_heads_its_documents_with_the_province(intake):
    provincial = UserFactory(role=Role.BAWASLU, scope_region_id="18")
    case = open_finding(
        actor=provincial,
        election=intake["pilkada"],
        region=Region.objects.get(code="18"),
        summary="Kepala dinas provinsi hadir dalam deklarasi pasangan calon gubernur.",
        occurred_on=datetime.date(2024, 10, 20),
        reported_name="Ahmad Fauzi",
    )
    transition(case, S.PRELIMINARY_REVIEW, actor=provincial)
    transition(case, S.REGISTERED, actor=provincial)

    document = issue_document(case=case, kind="register", actor=provincial)
    text = pdf_text(read_document(document))

    assert document.number == f"001/REG/18/{today().year}"
    assert "BADAN PENGAWAS PEMILIHAN UMUM PROVINSI LAMPUNG" in text
    assert f"Bandar Lampung, {format_date_id(today())}" in text
    assert "Ketua Bawaslu Provinsi Lampung," in text
    assert "Temuan pengawas" in text


def test_hostile_text_prints_as_typed(supervisor, intake):
    case = open_finding(
        actor=supervisor,
        election=intake["pilkada"],
        region=Region.objects.get(code="18.71.01"),
        summary=HOSTILE,
        occurred_on=datetime.date(2024, 10, 20),
        reported_name="Ahmad <i>Fauzi</i> & Co",
    )
    transition(case, S.PRELIMINARY_REVIEW, actor=supervisor)
    transition(case, S.REGISTERED, actor=supervisor)
    transition(case, S.STUDY, actor=supervisor, reason="Langsung.")
    transition(case, S.NOT_PROVEN, actor=supervisor, data={"study": "<b>&\x07 kajian"})

    for kind in ("register", "study"):
        text = pdf_text(read_document(issue_document(case=case, kind=kind, actor=supervisor)))
        assert HOSTILE in text, kind
        assert "Ahmad <i>Fauzi</i> & Co" in text, kind
    assert "<b>& kajian" in text
