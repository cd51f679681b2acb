"""The printable receipt a reporter downloads after submitting: "TANDA BUKTI PENYAMPAIAN LAPORAN" (PDF, A4).

It carries the receipt code (shown only this once), what was received and when, and the SHA-256 of every
evidence file, so the reporter can later show exactly what was handed in. It never carries the reporter's
personal data: `ReceiptData` has no field for it, and must not get one.

Built with reportlab's platypus and the built-in PDF fonts (Helvetica, Courier), so no font files and no
network are needed. Those fonts cover Latin-1/WinAnsi; other characters (emoji, CJK) print as a box.
"""

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reports.codes import normalise_code

TITLE = "TANDA BUKTI PENYAMPAIAN LAPORAN"
SUBTITLE = "Sinetra — Sistem Informasi Netralitas ASN"
FOOTER = "Data pribadi pelapor, bila ada, tidak dicetak pada tanda bukti ini dan disimpan terenkripsi."

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# Receipts state the time in WIB, as the receiving system does, whatever the office's own zone.
JAKARTA = ZoneInfo("Asia/Jakarta")
SIZE_UNITS = ("B", "kB", "MB", "GB", "TB")

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
QR_SIZE = 32 * mm
GREY = colors.HexColor("#555555")
LINE = colors.HexColor("#999999")
SHADE = colors.HexColor("#EEEEEE")

# C0 controls other than tab and newline have no place in printed text, and some upset the markup parser.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12.5)
_STYLES = {
    "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=15, leading=19, alignment=TA_CENTER),
    "subtitle": ParagraphStyle("subtitle", fontName="Helvetica", fontSize=10, leading=13, alignment=TA_CENTER),
    "heading": ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=10),
    "body": _BODY,
    "label": ParagraphStyle("label", parent=_BODY, fontName="Helvetica-Bold"),
    "small": ParagraphStyle("small", parent=_BODY, fontSize=8, leading=10),
    "caption": ParagraphStyle("caption", parent=_BODY, fontSize=7.5, leading=9.5, alignment=TA_CENTER),
    "code": ParagraphStyle("code", fontName="Courier-Bold", fontSize=22, leading=28),
    # 64 hex digits at 7 pt Courier take 269 pt, less than the evidence column: a hash stays on one line
    # (readable, copyable); anything longer wraps (reportlab splits words too long for a line).
    "hash": ParagraphStyle("hash", fontName="Courier", fontSize=7, leading=9, textColor=GREY),
}


@dataclass(frozen=True)
class ReceiptData:
    """Everything printed on a receipt; deliberately without the reporter's name, address, NIK or contacts."""

    number: str
    receipt_code: str
    received_at: datetime
    is_tip: bool
    office: str
    election: str
    act: str
    occurred_on: date | None
    known_on: date | None
    place: str
    region: str
    evidence: list[tuple[str, str, int, str]]  # (file name, content type, size in bytes, SHA-256 hex)
    links: list[str]
    late_reason: str
    status_url: str


def render_receipt_pdf(data: ReceiptData) -> bytes:
    """The receipt as PDF bytes (A4, one or more pages).

    Raises ValueError if `received_at` is naive or if the status URL contains the receipt code: the URL goes into
    a QR code that may be photographed or scanned into browser history and server logs, the code must not.
    """
    if data.received_at.tzinfo is None or data.received_at.utcoffset() is None:
        raise ValueError("received_at must be timezone-aware")
    canonical = normalise_code(data.receipt_code)
    if canonical and canonical in re.sub(r"[^0-9A-Z]", "", data.status_url.upper()):
        raise ValueError("the status URL must not contain the receipt code")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 8 * mm,  # room for the footer
        title=f"Tanda bukti penyampaian laporan {data.number}",
        author="Sinetra",
        creator="Sinetra",
        lang="id-ID",
    )

    def footer(canvas, doc):
        # drawString does not parse markup, so the report number needs no escaping here.
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, MARGIN + 3 * mm, FOOTER)
        canvas.drawString(MARGIN, MARGIN, data.number)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN, f"Halaman {doc.page}")
        canvas.restoreState()

    document.build(_story(data), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def format_date_id(value: date) -> str:
    """A date written the Indonesian way, "21 Oktober 2024", whatever Django's active language is."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_datetime_id(value: datetime) -> str:
    """An aware datetime in Jakarta time, "21 Oktober 2024 pukul 14.05 WIB"."""
    local = value.astimezone(JAKARTA)
    return f"{format_date_id(local)} pukul {local:%H.%M} WIB"


def format_size_id(size: int) -> str:
    """A file size in decimal units with a decimal comma: "512 B", "1,2 MB"."""
    if size < 1000:
        return f"{size} B"
    value = float(size)
    for unit in SIZE_UNITS[1:]:
        value /= 1000
        # Compare the rounded value, so 999 960 bytes reads "1,0 MB" and not "1000,0 kB".
        if round(value, 1) < 1000 or unit == SIZE_UNITS[-1]:
            return f"{value:.1f} {unit}".replace(".", ",")
    raise AssertionError("unreachable")  # pragma: no cover


def _text(value: str) -> str:
    """User-supplied text made safe for Paragraph markup: "<b>" and "&" print as typed; newlines are kept."""
    return escape(_CONTROL.sub("", value)).replace("\n", "<br/>")


def _para(value: str, style: str = "body") -> Paragraph:
    return Paragraph(_text(value), _STYLES[style])


def _story(data: ReceiptData) -> list:
    story = [
        Paragraph(TITLE, _STYLES["title"]),
        Paragraph(_text(SUBTITLE), _STYLES["subtitle"]),
        Spacer(1, 6 * mm),
        _code_box(data),
    ]
    if data.is_tip:
        story += [Spacer(1, 4 * mm), _notice(_TIP_NOTICE)]
    if data.late_reason.strip():
        story += [Spacer(1, 4 * mm), _notice(_LATE_NOTICE + "<br/>" + _text(data.late_reason.strip()))]
    story += [Paragraph("Rincian", _STYLES["heading"]), Spacer(1, 2 * mm), _fields(data)]
    story += [Paragraph("Bukti yang diunggah", _STYLES["heading"]), Spacer(1, 2 * mm), _evidence(data.evidence)]
    story += [Paragraph("Tautan", _STYLES["heading"]), Spacer(1, 2 * mm), *_links(data.links)]
    return story


_TIP_NOTICE = (
    "Penyampaian ini dicatat sebagai <b>informasi awal</b>, bukan laporan pelanggaran resmi. Pengawas pemilu akan "
    "menelaahnya dan dapat menjadikannya <b>temuan</b> untuk ditindaklanjuti."
)
_LATE_NOTICE = (
    "Laporan ini disampaikan melewati batas waktu penyampaian laporan. Laporan tetap dicatat; pengawas akan "
    "menilai alasan keterlambatan yang disampaikan:"
)


def _code_box(data: ReceiptData) -> Table:
    """The receipt code and what to do with it, beside a QR code of the status page (which holds no code)."""
    text_width = WIDTH - QR_SIZE - 6 * mm
    left = [
        Paragraph("Kode tanda bukti", _STYLES["label"]),
        Spacer(1, 1 * mm),
        _para(data.receipt_code, "code"),
        Spacer(1, 2 * mm),
        Paragraph(
            "Simpan kode ini. Kode hanya ditampilkan sekali dan diperlukan untuk melihat status laporan di "
            f"{_text(data.status_url)}.",
            _STYLES["body"],
        ),
    ]
    right = [_qr(data.status_url), Paragraph("Pindai untuk membuka halaman status", _STYLES["caption"])]
    table = Table([[left, right]], colWidths=[text_width, QR_SIZE + 6 * mm])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    return table


def _qr(url: str) -> Drawing:
    # Level M survives a crease or a smudge on a printed page; the widget's default (L) barely does.
    drawing = Drawing(QR_SIZE, QR_SIZE)
    drawing.add(QrCodeWidget(url, barWidth=QR_SIZE, barHeight=QR_SIZE, barLevel="M"))
    return drawing


def _notice(markup: str) -> Table:
    """A shaded box around already-escaped markup."""
    table = Table([[Paragraph(markup, _STYLES["body"])]], colWidths=[WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("BOX", (0, 0), (-1, -1), 0.5, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _fields(data: ReceiptData) -> Table:
    def day(value: date | None) -> str:
        return format_date_id(value) if value else "tidak diisi"

    rows = [
        ("Nomor laporan", data.number),
        ("Jenis penyampaian", "Informasi awal" if data.is_tip else "Laporan"),
        ("Diterima pada", format_datetime_id(data.received_at)),
        ("Diterima oleh", data.office),
        ("Pemilihan", data.election),
        ("Dugaan pelanggaran", data.act),
        ("Tanggal kejadian", day(data.occurred_on)),
        ("Tanggal diketahui", day(data.known_on)),
        ("Tempat kejadian", data.place or "tidak diisi"),
        ("Wilayah", data.region or "tidak diisi"),
    ]
    table = Table(
        [[_para(label, "label"), _para(value)] for label, value in rows],
        colWidths=[42 * mm, WIDTH - 42 * mm],
        splitInRow=1,  # a very long place or act may continue on the next page instead of failing the layout
    )
    table.setStyle(_GRID)
    return table


_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
)


def _evidence(evidence: list[tuple[str, str, int, str]]) -> Paragraph | Table:
    if not evidence:
        return _para("Tidak ada berkas bukti.")
    header = [Paragraph(label, _STYLES["label"]) for label in ("No.", "Berkas dan SHA-256", "Jenis", "Ukuran")]
    rows = [
        [
            _para(str(number), "small"),
            [_para(name, "small"), Paragraph(f"SHA-256: {_text(sha256)}", _STYLES["hash"])],
            _para(content_type, "small"),
            _para(format_size_id(size), "small"),
        ]
        for number, (name, content_type, size, sha256) in enumerate(evidence, start=1)
    ]
    number_width, type_width, size_width = 10 * mm, 32 * mm, 18 * mm
    table = Table(
        [header, *rows],
        colWidths=[number_width, WIDTH - number_width - type_width - size_width, type_width, size_width],
        repeatRows=1,  # the header again on every page of a long list
        splitInRow=1,
    )
    table.setStyle(_GRID)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
    return table


def _links(links: list[str]) -> list[Paragraph]:
    if not links:
        return [_para("Tidak ada tautan.")]
    return [Paragraph(f"{number}. {_text(link)}", _STYLES["small"]) for number, link in enumerate(links, start=1)]
