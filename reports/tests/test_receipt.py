import dataclasses
import io
import re
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from reports import receipt
from reports.receipt import (
    ReceiptData,
    format_date_id,
    format_datetime_id,
    format_size_id,
    render_receipt_pdf,
)

pytestmark = pytest.mark.unit

SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
HOSTILE = "<script>alert(1)</script> & <b>"


def make_data(**changes) -> ReceiptData:
    data = ReceiptData(
        number="LAP-2024-000123",
        receipt_code="7K3M-Q9TX-2HBD-V4NP",
        received_at=datetime(2024, 10, 21, 7, 5, tzinfo=UTC),  # 14.05 WIB
        is_tip=False,
        office="Bawaslu Kota Bandar Lampung",
        election="Pemilihan Wali Kota Bandar Lampung 2024",
        act="DSP-06 — Menyukai, mengomentari atau membagikan unggahan peserta pemilihan",
        occurred_on=date(2024, 10, 19),
        known_on=date(2024, 10, 20),
        place="Balai Kelurahan Rajabasa",
        region="18.71 Kota Bandar Lampung, Lampung",
        evidence=[("tangkapan-layar.png", "image/png", 1_234_567, SHA)],
        links=["https://instagram.com/p/abc123"],
        late_reason="",
        status_url="https://sinetra.example.id/laporan/status/",
    )
    return dataclasses.replace(data, **changes)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Extracted text with line breaks and runs of spaces made single spaces (the PDF wraps long lines)."""
    return re.sub(r"\s+", " ", text)


def test_receipt_shows_title_code_number_and_dates():
    text = pdf_text(render_receipt_pdf(make_data()))

    assert "TANDA BUKTI PENYAMPAIAN LAPORAN" in text
    assert "Sinetra — Sistem Informasi Netralitas ASN" in text
    assert "7K3M-Q9TX-2HBD-V4NP" in text
    assert "LAP-2024-000123" in text
    assert "21 Oktober 2024 pukul 14.05 WIB" in text
    assert "19 Oktober 2024" in text
    assert "20 Oktober 2024" in text
    assert "18.71 Kota Bandar Lampung, Lampung" in text


def test_receipt_tells_to_keep_the_code():
    text = flat(pdf_text(render_receipt_pdf(make_data())))

    assert (
        "Simpan kode ini. Kode hanya ditampilkan sekali dan diperlukan untuk melihat status laporan di "
        "https://sinetra.example.id/laporan/status/." in text
    )


def test_receipt_lists_evidence_with_full_sha256_and_size():
    text = pdf_text(render_receipt_pdf(make_data()))

    assert f"SHA-256: {SHA}" in text
    assert "tangkapan-layar.png" in text
    assert "1,2 MB" in text
    assert "https://instagram.com/p/abc123" in text


def test_receipt_of_a_formal_report_does_not_mention_informasi_awal():
    text = pdf_text(render_receipt_pdf(make_data(is_tip=False)))

    assert "informasi awal" not in text.lower()


def test_receipt_of_a_tip_explains_informasi_awal():
    text = flat(pdf_text(render_receipt_pdf(make_data(is_tip=True))))

    assert "Penyampaian ini dicatat sebagai informasi awal, bukan laporan pelanggaran resmi." in text
    assert "dapat menjadikannya temuan" in text
    assert "Jenis penyampaian Informasi awal" in text


def test_receipt_shows_late_reason_and_that_the_report_is_recorded():
    text = flat(pdf_text(render_receipt_pdf(make_data(late_reason="Saya baru pulang dari rawat inap di RSUD."))))

    assert "melewati batas waktu penyampaian laporan. Laporan tetap dicatat" in text
    assert "Saya baru pulang dari rawat inap di RSUD." in text


def test_receipt_on_time_has_no_late_notice():
    text = pdf_text(render_receipt_pdf(make_data(late_reason="")))

    assert "melewati batas waktu" not in text


def test_receipt_without_dates_evidence_or_links():
    text = pdf_text(render_receipt_pdf(make_data(occurred_on=None, known_on=None, evidence=[], links=[])))

    assert "Tanggal kejadian tidak diisi" in flat(text)
    assert "Tidak ada berkas bukti." in text
    assert "Tidak ada tautan." in text


def test_receipt_prints_hostile_strings_literally():
    data = make_data(
        office=HOSTILE,
        election=HOSTILE,
        act=HOSTILE,
        place=HOSTILE,
        region=HOSTILE,
        evidence=[(HOSTILE, HOSTILE, 10, HOSTILE)],
        links=[HOSTILE],
        late_reason=HOSTILE + "\x00\x07",
        number="LAP-2024-000123",
    )

    text = pdf_text(render_receipt_pdf(data))

    assert flat(text).count(HOSTILE) == 9  # office, election, act, place, region, file name, type, link, reason
    assert f"SHA-256: {HOSTILE}" in text


def test_receipt_survives_unprintable_and_very_long_values():
    data = make_data(place="Jalan 🙂 中文 " + "panjang " * 1500, late_reason="baris satu\nbaris dua")

    pages = PdfReader(io.BytesIO(render_receipt_pdf(data))).pages

    assert len(pages) >= 2


def test_receipt_with_30_evidence_files_runs_over_pages():
    evidence = [(f"bukti-{n:02}.jpg", "image/jpeg", 50_000 * n, f"{n:02x}" * 32) for n in range(1, 31)]

    pdf = render_receipt_pdf(make_data(evidence=evidence))

    reader = PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)
    assert len(reader.pages) >= 2
    assert [f"SHA-256: {f'{n:02x}' * 32}" in text for n in range(1, 31)] == [True] * 30
    assert "Berkas dan SHA-256" in reader.pages[1].extract_text()  # header repeated on the next page


def test_receipt_footer_says_personal_data_is_not_printed():
    text = pdf_text(render_receipt_pdf(make_data()))

    assert receipt.FOOTER in text
    assert "Halaman 1" in text


def test_receipt_qr_code_holds_the_status_url(monkeypatch):
    values = []
    real = receipt.QrCodeWidget

    def spy(value, **kwargs):
        values.append(value)
        return real(value, **kwargs)

    monkeypatch.setattr(receipt, "QrCodeWidget", spy)

    render_receipt_pdf(make_data())

    assert values == ["https://sinetra.example.id/laporan/status/"]


@pytest.mark.parametrize(
    "status_url",
    [
        "https://sinetra.example.id/laporan/status/?kode=7K3M-Q9TX-2HBD-V4NP",
        "https://sinetra.example.id/laporan/status/7k3mq9tx2hbdv4np/",
    ],
)
def test_receipt_refuses_a_status_url_with_the_code(status_url):
    with pytest.raises(ValueError, match="must not contain the receipt code"):
        render_receipt_pdf(make_data(status_url=status_url))


def test_receipt_refuses_naive_received_at():
    with pytest.raises(ValueError, match="timezone-aware"):
        render_receipt_pdf(make_data(received_at=datetime(2024, 10, 21, 14, 5)))


def test_receipt_data_has_no_field_for_personal_data():
    assert [field.name for field in dataclasses.fields(ReceiptData)] == [
        "number",
        "receipt_code",
        "received_at",
        "is_tip",
        "office",
        "election",
        "act",
        "occurred_on",
        "known_on",
        "place",
        "region",
        "evidence",
        "links",
        "late_reason",
        "status_url",
    ]


def test_format_date_id_uses_indonesian_month_names():
    assert [format_date_id(date(2024, month, 1)) for month in (1, 2, 3, 5, 8, 12)] == [
        "1 Januari 2024",
        "1 Februari 2024",
        "1 Maret 2024",
        "1 Mei 2024",
        "1 Agustus 2024",
        "1 Desember 2024",
    ]


def test_format_datetime_id_converts_to_jakarta_time():
    assert format_datetime_id(datetime(2024, 10, 21, 7, 5, tzinfo=UTC)) == "21 Oktober 2024 pukul 14.05 WIB"
    assert format_datetime_id(datetime(2024, 12, 31, 20, 0, tzinfo=UTC)) == "1 Januari 2025 pukul 03.00 WIB"


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1000, "1,0 kB"),
        (1_234_567, "1,2 MB"),
        (999_960, "1,0 MB"),
        (25_000_000, "25,0 MB"),
        (3_500_000_000, "3,5 GB"),
    ],
)
def test_format_size_id_uses_a_decimal_comma(size, expected):
    assert format_size_id(size) == expected
