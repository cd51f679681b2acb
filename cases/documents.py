"""The formal documents of the procedure, as PDF (A4, Bahasa Indonesia), generated from the case.

    register       Buku Register Laporan/Temuan — the register entry, once registered
    invitation     Undangan Klarifikasi — to the reported person, once the case went into clarification
    minutes        Berita Acara Klarifikasi — once the minutes were recorded (step clarification → study)
    study          Kajian Dugaan Pelanggaran — once decided (proven, not proven, handed on)
    status_notice  Pemberitahuan Status Laporan — to the reporter, for cases opened from a report
    forwarding     Surat Penerusan Pelanggaran Peraturan Perundang-undangan Lainnya — to BKN/KASN, once forwarded

Every document carries the office header, its number `<seq:03d>/<KIND>/<office code>/<year>` (one gap-free series
per office, year and kind, `NumberSequence` "doc/<kind>/<office>"), place and date, the body, and the signature
block of the Ketua (name left blank for the wet signature).

What a document says comes from the current round of the case: the steps since it last entered preliminary review
(a reopened case is registered, clarified and decided anew). The reporter's identity is never printed: the register
says only "laporan" or "temuan", the status notice is addressed to "Pelapor".

`render_document` only reads; `issue_document` numbers, renders, seals the PDF in the evidence store
(content-addressed, hash-verified on every read) and records the `CaseDocument` and the audit row in one
transaction. Issuing a kind again gives a new number; earlier versions stay.

Built like `reports/receipt.py`: reportlab platypus with the built-in Helvetica (Latin-1/WinAnsi; other
characters print as a box), user text escaped before it reaches Paragraph markup, rendered with reportlab's
`invariant` flag so the same case, number and date give the same bytes.
"""

import io
import re
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from accounts import rules
from cases.choices import Authority
from cases.choices import CaseState as S
from cases.models import Case, CaseDocument, CaseEvent, NumberSequence
from cases.services import PUBLIC_PROGRESS, office_code
from core import audit
from elections.choices import ElectionKind
from regions.codes import Kind, ancestor_codes, kind_of
from regions.models import Region
from reports import evidence
from reports.receipt import format_date_id, format_datetime_id

DOCUMENT_KINDS: dict[str, str] = {kind.value: kind.label for kind in CaseDocument.Kind}
KIND_CODES: dict[str, str] = {
    "register": "REG",
    "invitation": "UND",
    "minutes": "BA",
    "study": "KAJ",
    "status_notice": "PST",
    "forwarding": "PNR",
}
DECIDED = (S.PROVEN, S.NOT_PROVEN, S.HANDED_ON)

# The procedure a case is handled under, by kind of election (domain notes §4).
PROCEDURE_BASIS = {
    ElectionKind.PEMILU: (
        "Peraturan Badan Pengawas Pemilihan Umum Nomor 7 Tahun 2022 tentang Penanganan Temuan dan Laporan "
        "Pelanggaran Pemilihan Umum"
    ),
    ElectionKind.PILKADA: (
        "Peraturan Badan Pengawas Pemilihan Umum Nomor 8 Tahun 2020 tentang Penanganan Pelanggaran Pemilihan "
        "Gubernur dan Wakil Gubernur, Bupati dan Wakil Bupati, serta Walikota dan Wakil Walikota jo. Peraturan "
        "Badan Pengawas Pemilihan Umum Nomor 9 Tahun 2024"
    ),
}
AUTHORITIES = {
    Authority.BKN: ("Kepala Badan Kepegawaian Negara", "Badan Kepegawaian Negara"),
    Authority.KASN: ("Ketua Komisi Aparatur Sipil Negara", "Komisi Aparatur Sipil Negara"),
}
CONCLUSIONS = {
    S.PROVEN: (
        "TERBUKTI",
        "Berdasarkan fakta dan kajian di atas, Terlapor terbukti melakukan pelanggaran netralitas Aparatur Sipil "
        "Negara. Dugaan pelanggaran diteruskan kepada instansi yang berwenang sebagai pelanggaran peraturan "
        "perundang-undangan lainnya.",
    ),
    S.NOT_PROVEN: (
        "TIDAK TERBUKTI",
        "Berdasarkan fakta dan kajian di atas, Terlapor tidak terbukti melakukan pelanggaran netralitas Aparatur "
        "Sipil Negara, sehingga penanganan tidak dilanjutkan.",
    ),
    S.HANDED_ON: (
        "DILIMPAHKAN",
        "Berdasarkan fakta dan kajian di atas, peristiwa tersebut bukan merupakan pelanggaran netralitas Aparatur "
        "Sipil Negara dan dilimpahkan kepada {handed_to}.",
    ),
}
# Where a provincial office dates its letters (the provincial capital; Kalimantan Selatan's since UU 8/2022).
PROVINCE_CAPITALS = {
    "11": "Banda Aceh", "12": "Medan", "13": "Padang", "14": "Pekanbaru", "15": "Jambi", "16": "Palembang",
    "17": "Bengkulu", "18": "Bandar Lampung", "19": "Pangkalpinang", "21": "Tanjungpinang", "31": "Jakarta",
    "32": "Bandung", "33": "Semarang", "34": "Yogyakarta", "35": "Surabaya", "36": "Serang", "51": "Denpasar",
    "52": "Mataram", "53": "Kupang", "61": "Pontianak", "62": "Palangka Raya", "63": "Banjarbaru",
    "64": "Samarinda", "65": "Tanjung Selor", "71": "Manado", "72": "Palu", "73": "Makassar", "74": "Kendari",
    "75": "Gorontalo", "76": "Mamuju", "81": "Ambon", "82": "Sofifi", "91": "Jayapura", "92": "Manokwari",
    "93": "Merauke", "94": "Nabire", "95": "Wamena", "96": "Sorong",
}  # fmt: skip
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
COUNT_WORDS = ("nol", "satu", "dua", "tiga", "empat", "lima")
KIND_PREFIX = {Kind.PROVINSI: "Provinsi", Kind.KECAMATAN: "Kecamatan", Kind.DESA: "Desa", Kind.KELURAHAN: "Kelurahan"}

MARGIN = 20 * mm
WIDTH = A4[0] - 2 * MARGIN - 12  # the page frame keeps 6 pt padding on each side
LABEL_WIDTH = 45 * mm
GREY = colors.HexColor("#555555")
LINE = colors.HexColor("#999999")
BLANK_NAME = "(" + "." * 48 + ")"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10.5, leading=14, alignment=TA_JUSTIFY)
_STYLES = {
    "header": ParagraphStyle("header", fontName="Helvetica-Bold", fontSize=13, leading=16, alignment=TA_CENTER),
    "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=12, leading=15, alignment=TA_CENTER),
    "number": ParagraphStyle("number", fontName="Helvetica", fontSize=10.5, leading=14, alignment=TA_CENTER),
    "heading": ParagraphStyle(
        "heading", parent=_BODY, fontName="Helvetica-Bold", spaceBefore=8, spaceAfter=3, keepWithNext=1
    ),
    "body": _BODY,
    "cell": ParagraphStyle("cell", parent=_BODY, alignment=0),
    "label": ParagraphStyle("label", parent=_BODY, alignment=0, fontName="Helvetica-Bold"),
    "sign": ParagraphStyle("sign", parent=_BODY, alignment=TA_CENTER),
}
_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
)
_PLAIN = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
)


# --- What may be issued


@dataclass(frozen=True)
class Steps:
    """The steps of the case's current round a document draws on (the latest step into each state)."""

    registered: CaseEvent | None
    clarification: CaseEvent | None  # into clarification; data "clarification_on"
    minutes: CaseEvent | None  # clarification → study; data "minutes"
    decision: CaseEvent | None  # into proven / not proven / handed on; data "study" (and "handed_to")
    forwarded: CaseEvent | None
    latest: CaseEvent | None  # the last step, for the status notice


def case_steps(case: Case) -> Steps:
    """What the case's current round (the steps since it last entered preliminary review) established."""
    events = list(CaseEvent.objects.filter(case=case).order_by("at", "id"))
    # Deadline extensions are recorded as steps from a state into itself; they establish nothing here.
    moves = [event for event in events if event.from_state != event.to_state]
    starts = [index for index, event in enumerate(moves) if event.to_state == S.PRELIMINARY_REVIEW]
    current = moves[starts[-1] :] if starts else moves
    into = {event.to_state: event for event in current}
    clarification = into.get(S.CLARIFICATION)
    study = into.get(S.STUDY)
    decision = next((into[state] for state in DECIDED if state in into), None)
    return Steps(
        registered=into.get(S.REGISTERED),
        clarification=clarification if clarification and "clarification_on" in clarification.data else None,
        minutes=study if study and study.from_state == S.CLARIFICATION and "minutes" in study.data else None,
        decision=decision if decision and "study" in decision.data else None,
        forwarded=into.get(S.FORWARDED),
        latest=moves[-1] if moves else None,
    )


def available_documents(case: Case, steps: Steps | None = None) -> list[str]:
    """The kinds that can be issued for the case now, in procedural order."""
    steps = steps or case_steps(case)
    ready = {
        "register": steps.registered is not None and bool(case.register_number),
        "invitation": steps.clarification is not None,
        "minutes": steps.minutes is not None,
        "study": steps.decision is not None,
        "status_notice": case.report_id is not None,
        "forwarding": steps.forwarded is not None and bool(case.forwarded_to),
    }
    return [kind for kind in DOCUMENT_KINDS if ready[kind]]


_UNAVAILABLE = {
    "register": gettext_lazy("Buku register hanya dapat diterbitkan setelah laporan/temuan diregistrasi."),
    "invitation": gettext_lazy("Undangan klarifikasi hanya dapat diterbitkan setelah kasus masuk tahap klarifikasi."),
    "minutes": gettext_lazy("Berita acara klarifikasi hanya dapat diterbitkan setelah hasil klarifikasi dicatat."),
    "study": gettext_lazy("Kajian hanya dapat diterbitkan setelah kasus diputus."),
    "status_notice": gettext_lazy("Pemberitahuan status hanya untuk kasus yang berasal dari laporan masyarakat."),
    "forwarding": gettext_lazy("Surat penerusan hanya dapat diterbitkan setelah kasus diteruskan kepada KASN/BKN."),
}


def _check_available(case: Case, kind: str, steps: Steps) -> None:
    if kind not in DOCUMENT_KINDS:
        raise ValidationError({"kind": [_("Jenis dokumen “%(kind)s” tidak dikenal.") % {"kind": kind}]})
    if kind not in available_documents(case, steps):
        raise ValidationError({"kind": [_UNAVAILABLE[kind]]})


# --- Issuing


def next_document_number(case: Case, kind: str, year: int) -> str:
    """`001/UND/18.71/2024`: per office, year and kind, with no gaps. Call inside a transaction."""
    office = office_code(case)
    sequence, _created = NumberSequence.objects.select_for_update().get_or_create(
        series=f"doc/{kind}/{office}", year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{sequence.last:03d}/{KIND_CODES[kind]}/{office}/{year}"


def issue_document(*, case: Case, kind: str, actor) -> CaseDocument:
    """Issue a document of `kind` for `case`: number, render, seal in the evidence store, record, audit.

    Raises ValidationError (Indonesian) if the kind does not fit the case now, PermissionDenied unless `actor` is a
    Bawaslu supervisor (or administrator) whose region covers the case. A blob this call stored is removed again
    if the transaction fails and no document refers to it.
    """
    if actor is None or not (rules.receives_public_reports(actor) and rules.in_scope_region(actor, case.region_id)):
        raise PermissionDenied
    created_blob = ""
    try:
        with transaction.atomic():
            # The case row is locked so no step changes what the document states while it is issued.
            locked = Case.objects.select_for_update().get(pk=case.pk)
            steps = case_steps(locked)
            _check_available(locked, kind, steps)
            issued_at = timezone.now()
            issued_on = timezone.localdate(issued_at)
            number = next_document_number(locked, kind, issued_on.year)
            pdf = _render(locked, kind, number, issued_on, steps)
            sha256, created = evidence.store_blob(pdf)
            created_blob = sha256 if created else ""
            document = CaseDocument.objects.create(
                case=locked,
                kind=kind,
                number=number,
                sha256=sha256,
                size=len(pdf),
                issued_at=issued_at,
                issued_by=actor,
            )
            audit.record(
                actor=actor,
                action="cases.issue_document",
                target=locked,
                summary=f"{locked.number}: {DOCUMENT_KINDS[kind]} {number}",
                changes={"kind": kind, "number": number, "sha256": sha256},
            )
    except Exception:
        if created_blob and not CaseDocument.objects.filter(sha256=created_blob).exists():
            evidence.delete_blob(created_blob)
        raise
    return document


def read_document(document: CaseDocument) -> bytes:
    """The issued PDF, verified against its SHA-256 (`reports.evidence.EvidenceIntegrityError` otherwise)."""
    return evidence.read_blob(document.sha256)


# --- Rendering


def render_document(case: Case, kind: str, number: str, issued_on: date) -> bytes:
    """The document as PDF bytes; reads the case and its history, writes nothing.

    Raises ValidationError (Indonesian) if the kind does not fit the case.
    """
    steps = case_steps(case)
    _check_available(case, kind, steps)
    return _render(case, kind, number, issued_on, steps)


@dataclass(frozen=True)
class Office:
    """The Bawaslu office that handles a case: the regency/city of the place of the act, else the province."""

    code: str
    name: str  # "Kota Bandar Lampung", "Provinsi Lampung"
    place: str  # where it dates its letters: "Bandar Lampung"

    @property
    def header(self) -> str:
        return f"BADAN PENGAWAS PEMILIHAN UMUM {self.name.upper()}"

    @property
    def bawaslu(self) -> str:
        return f"Bawaslu {self.name}"


def office_of(case: Case) -> Office:
    code = office_code(case)
    region = case.region if case.region_id == code else Region.objects.get(code=code)
    if "." not in code:
        return Office(code, f"Provinsi {region.name}", PROVINCE_CAPITALS.get(code, region.name))
    # [limitation] A kabupaten's letters are dated at its seat (Kabupaten Lampung Selatan: Kalianda), which the
    # region list does not hold; the regency's name stands in for it.
    return Office(code, region.name, re.sub(r"^(Kota|Kabupaten)( Administrasi)? ", "", region.name))


@dataclass(frozen=True)
class _Context:
    case: Case
    kind: str
    title: str
    number: str
    issued_on: date
    office: Office
    steps: Steps


def _render(case: Case, kind: str, number: str, issued_on: date, steps: Steps) -> bytes:
    ctx = _Context(case, kind, DOCUMENT_KINDS[kind], number, issued_on, office_of(case), steps)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=f"{ctx.title} {number}",
        author=ctx.office.bawaslu,
        creator="Sinetra",
        lang="id-ID",
        invariant=True,
    )

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, MARGIN, f"{ctx.title} · Nomor dokumen {number}")
        canvas.drawRightString(A4[0] - MARGIN, MARGIN, f"Halaman {doc.page}")
        canvas.restoreState()

    story = [*_letterhead(ctx), *_BODIES[kind](ctx)]
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _text(value: str) -> str:
    """User text safe for Paragraph markup: "<b>" and "&" print as typed; newlines are kept."""
    return escape(_CONTROL.sub("", str(value))).replace("\n", "<br/>")


def _para(value: str, style: str = "body") -> Paragraph:
    return Paragraph(_text(value), _STYLES[style])


def _letterhead(ctx: _Context) -> list:
    shown_number = ctx.case.forwarding_number if ctx.kind == "forwarding" else ctx.number
    return [
        _para(ctx.office.header, "header"),
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=1.5, color=colors.black, spaceAfter=1),
        HRFlowable(width="100%", thickness=0.5, color=colors.black, spaceAfter=6 * mm),
        _para(ctx.title.upper(), "title"),
        _para(f"Nomor: {shown_number}", "number"),
        Spacer(1, 6 * mm),
    ]


def _fields(rows: list[tuple[str, str]]) -> Table:
    table = Table(
        [[_para(label, "label"), _para(value or "-", "cell")] for label, value in rows],
        colWidths=[LABEL_WIDTH, WIDTH - LABEL_WIDTH],
        splitInRow=1,  # a long summary continues on the next page instead of failing the layout
    )
    table.setStyle(_GRID)
    return table


def _colon_rows(rows: list[tuple[str, str]]) -> Table:
    """Label : value lines without a grid, as in the body of a letter."""
    table = Table(
        [[_para(label, "cell"), _para(":", "cell"), _para(value or "-", "cell")] for label, value in rows],
        colWidths=[38 * mm, 4 * mm, WIDTH - 42 * mm],
        splitInRow=1,
    )
    table.setStyle(_PLAIN)
    return table


def _numbered(items: list[str]) -> Table:
    table = Table(
        [[_para(f"{index}.", "cell"), _para(item, "cell")] for index, item in enumerate(items, start=1)],
        colWidths=[7 * mm, WIDTH - 7 * mm],
    )
    table.setStyle(_PLAIN)
    return table


def _signature(ctx: _Context, *, left: list | None = None) -> KeepTogether:
    """Place and date, then "Ketua Bawaslu …" with room for the wet signature; optionally a second signer left."""
    right = [
        _para(f"{ctx.office.place}, {format_date_id(ctx.issued_on)}", "sign"),
        _para(f"Ketua {ctx.office.bawaslu},", "sign"),
        Spacer(1, 22 * mm),
        _para(BLANK_NAME, "sign"),
    ]
    table = Table([[left or "", right]], colWidths=[WIDTH / 2, WIDTH / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([Spacer(1, 8 * mm), table])


def _addressee(lines: list[str]) -> list:
    return [*(_para(line, "cell") for line in ["Kepada Yth.", *lines]), Spacer(1, 5 * mm)]


# --- Facts of the case


def _act(case: Case) -> str:
    if case.act_id:
        return f"{case.act.code} — {case.act.title}"
    return case.act_other or "belum ditentukan"


def _region_path(region: Region) -> str:
    """The region and everything above it: "Kecamatan Kedaton, Kota Bandar Lampung, Provinsi Lampung"."""
    codes = [region.code, *reversed(ancestor_codes(region.code))]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    parts = []
    for code in codes:
        prefix = KIND_PREFIX.get(kind_of(code), "")
        name = names.get(code, code)
        parts.append(f"{prefix} {name}" if prefix and not name.startswith(prefix) else name)
    return ", ".join(parts)


def _place(case: Case) -> str:
    where = _region_path(case.region)
    place = case.report.place if case.report_id else ""
    return f"{place} ({where})" if place else where


def _reported(case: Case) -> list[tuple[str, str]]:
    return [
        ("Nama terlapor", case.reported_name),
        ("NIP", case.reported_nip),
        ("Instansi", case.reported_agency_name or (case.reported_agency.name if case.reported_agency_id else "")),
    ]


def _day(value: date | None) -> str:
    return format_date_id(value) if value else "-"


def _weekday_date(value: date) -> str:
    return f"{DAYS[value.weekday()]}, {format_date_id(value)}"


def _clarification_day(steps: Steps) -> str:
    """ "Jumat, 25 Oktober 2024": the day of the clarification from the step's data (a date, `cases.states`)."""
    value = steps.clarification.data["clarification_on"] if steps.clarification else ""
    try:
        return _weekday_date(date.fromisoformat(value[:10]))
    except ValueError:
        return value or "-"


def _matter(case: Case) -> str:
    """How a letter names the case: "Laporan Nomor 001/Reg/LP/18.71/2024" or the case number before registration."""
    source = "Laporan" if case.report_id else "Temuan"
    return f"{source} Nomor {case.register_number or case.number}"


# --- The documents


def _register(ctx: _Context) -> list:
    case = ctx.case
    rows = [
        ("Nomor register", case.register_number),
        ("Tanggal registrasi", _day(case.registered_on)),
        ("Jenis", case.get_origin_display()),
        ("Nomor laporan", case.report.number if case.report_id else ""),
        ("Tanggal diterima", _day(case.received_on)),
        ("Pemilihan", case.election.name),
        *_reported(case),
        ("Dugaan pelanggaran", _act(case)),
        ("Tanggal kejadian", _day(case.occurred_on)),
        ("Tempat kejadian", _place(case)),
        ("Ringkasan", case.summary),
    ]
    return [_fields(rows), _signature(ctx)]


def _invitation(ctx: _Context) -> list:
    case = ctx.case
    agency = case.reported_agency_name or (case.reported_agency.name if case.reported_agency_id else "")
    return [
        *_addressee([f"Sdr. {case.reported_name}", *([agency] if agency else []), "di tempat"]),
        _para(
            f"Dalam rangka penanganan dugaan pelanggaran netralitas Aparatur Sipil Negara ({_matter(case)}), "
            f"berdasarkan {PROCEDURE_BASIS[case.election.kind]}, dengan hormat kami mengundang Saudara untuk hadir "
            "memberikan keterangan/klarifikasi pada:"
        ),
        Spacer(1, 3 * mm),
        _colon_rows(
            [
                ("Hari, tanggal", _clarification_day(ctx.steps)),
                ("Waktu", "pukul ........ WIB s.d. selesai"),  # the step records the day; the hour is written in
                ("Tempat", f"Kantor {ctx.office.bawaslu}"),
                ("Agenda", f"Klarifikasi atas dugaan pelanggaran: {_act(case)}"),
            ]
        ),
        Spacer(1, 3 * mm),
        _para(
            "Saudara diminta membawa kartu identitas dan dokumen yang berkaitan. Mengingat pentingnya acara "
            "tersebut, kehadiran Saudara tepat pada waktunya sangat diharapkan. Atas perhatiannya diucapkan "
            "terima kasih."
        ),
        _signature(ctx),
    ]


def _minutes(ctx: _Context) -> list:
    case, steps = ctx.case, ctx.steps
    held = _clarification_day(steps)
    recorded = format_date_id(timezone.localdate(steps.minutes.at))
    left = [
        _para("Yang memberikan keterangan,", "sign"),
        Spacer(1, 22 * mm + _STYLES["sign"].leading),
        _para(f"({case.reported_name})", "sign"),
    ]
    return [
        _para(
            f"Pada hari {held}, bertempat di Kantor {ctx.office.bawaslu}, telah dilakukan klarifikasi dalam "
            f"penanganan dugaan pelanggaran netralitas Aparatur Sipil Negara ({_matter(case)}) terhadap:"
        ),
        Spacer(1, 3 * mm),
        _colon_rows(_reported(case)),
        Spacer(1, 3 * mm),
        _para("Dugaan pelanggaran", "heading"),
        _para(_act(case)),
        _para("Ringkasan keterangan", "heading"),
        _para(steps.minutes.data["minutes"]),
        Spacer(1, 3 * mm),
        _para(
            f"Berita acara ini dicatat pada {recorded} berdasarkan "
            f"{PROCEDURE_BASIS[case.election.kind]}, dan ditandatangani oleh yang memberikan keterangan dan "
            "Ketua Bawaslu."
        ),
        _signature(ctx, left=left),
    ]


def _study(ctx: _Context) -> list:
    case, steps = ctx.case, ctx.steps
    decision = steps.decision
    verdict, conclusion = CONCLUSIONS[decision.to_state]
    facts = [
        ("Nomor register", case.register_number),
        ("Jenis", case.get_origin_display()),
        ("Pemilihan", case.election.name),
        *_reported(case),
        ("Tanggal kejadian", _day(case.occurred_on)),
        ("Tempat kejadian", _place(case)),
        ("Uraian", case.summary),
    ]
    if steps.minutes:
        facts.append(("Hasil klarifikasi", steps.minutes.data["minutes"]))
    story = [
        _para("I. Fakta", "heading"),
        _fields(facts),
        _para("II. Dugaan pelanggaran", "heading"),
        _para(_act(case)),
        _para("III. Dasar hukum", "heading"),
        _numbered(
            [
                *([case.act.legal_basis] if case.act_id and case.act.legal_basis else []),
                PROCEDURE_BASIS[case.election.kind],
            ]
        ),
        _para("IV. Kajian", "heading"),
        _para(decision.data["study"]),
        _para("V. Kesimpulan", "heading"),
        _para(f"Diputus pada {format_date_id(timezone.localdate(decision.at))}: {verdict}.", "label"),
        Spacer(1, 2 * mm),
        _para(conclusion.format(handed_to=decision.data.get("handed_to", ""))),
    ]
    return [*story, _signature(ctx)]


def _status_notice(ctx: _Context) -> list:
    case, latest = ctx.case, ctx.steps.latest
    report = case.report
    since = timezone.localdate(latest.at) if latest else case.received_on
    if case.state in PUBLIC_PROGRESS:
        progress = PUBLIC_PROGRESS[case.state].format(
            register_number=case.register_number,
            reason=latest.reason if latest and latest.to_state == case.state else "",
            handed_to=ctx.steps.decision.data.get("handed_to", "") if ctx.steps.decision else "",
            authority=case.get_forwarded_to_display() or "KASN/BKN",
        )
    else:
        progress = "Laporan diterima dan menunggu kajian awal."
    rows = [
        ("Nomor laporan", report.number),
        ("Diterima pada", format_datetime_id(report.received_at)),
        ("Nomor register", case.register_number),
        ("Status", S(case.state).label),
        ("Keterangan", progress),
        ("Sejak tanggal", format_date_id(since)),
    ]
    return [
        *_addressee(["Pelapor", f"Laporan Nomor {report.number}", "di tempat"]),
        _para(
            f"Menindaklanjuti laporan yang Saudara sampaikan kepada {ctx.office.bawaslu}, dengan ini kami "
            "beritahukan status penanganan laporan tersebut sebagai berikut:"
        ),
        Spacer(1, 3 * mm),
        _fields(rows),
        Spacer(1, 3 * mm),
        _para(
            "Perkembangan laporan dapat pula dilihat pada halaman status laporan Sinetra dengan kode tanda bukti "
            "Saudara. Demikian pemberitahuan ini disampaikan untuk diketahui."
        ),
        _signature(ctx),
    ]


def _forwarding(ctx: _Context) -> list:
    case, steps = ctx.case, ctx.steps
    addressee, authority = AUTHORITIES[case.forwarded_to]
    attachments = [_attachment(case, "study")] + ([_attachment(case, "minutes")] if steps.minutes else [])
    facts = [
        ("Nomor register", case.register_number),
        ("Jenis", case.get_origin_display()),
        ("Pemilihan", case.election.name),
        *_reported(case),
        ("Tanggal kejadian", _day(case.occurred_on)),
        ("Tempat kejadian", _place(case)),
        ("Dugaan pelanggaran", _act(case)),
        ("Dasar hukum", case.act.legal_basis if case.act_id else ""),
        ("Uraian", case.summary),
    ]
    decided = f" pada {format_date_id(case.decided_on)}" if case.decided_on else ""
    copies = ["Ketua Badan Pengawas Pemilihan Umum Republik Indonesia"]
    if "." in ctx.office.code:
        province = Region.objects.filter(code=ctx.office.code.split(".")[0]).values_list("name", flat=True).first()
        copies.append(f"Ketua Bawaslu Provinsi {province or ctx.office.code.split('.')[0]}")
    return [
        _colon_rows(
            [
                ("Lampiran", f"{len(attachments)} ({COUNT_WORDS[len(attachments)]}) berkas"),
                ("Perihal", f"Penerusan dugaan pelanggaran netralitas ASN a.n. {case.reported_name}"),
            ]
        ),
        Spacer(1, 5 * mm),
        *_addressee([addressee, "di Jakarta"]),
        _para(
            f"Berdasarkan hasil kajian {ctx.office.bawaslu} atas {_matter(case)}, yang diputus{decided}, "
            "terdapat pelanggaran netralitas Aparatur Sipil Negara sebagai pelanggaran peraturan perundang-undangan "
            "lainnya dengan fakta sebagai berikut:"
        ),
        Spacer(1, 3 * mm),
        _fields(facts),
        Spacer(1, 3 * mm),
        _para(
            f"Sesuai dengan {PROCEDURE_BASIS[case.election.kind]}, bersama ini kami teruskan dugaan pelanggaran "
            f"tersebut kepada {authority} untuk ditindaklanjuti sesuai dengan ketentuan peraturan "
            "perundang-undangan. Atas perhatian dan kerja samanya diucapkan terima kasih."
        ),
        _para("Lampiran", "heading"),
        _numbered(attachments),
        _signature(ctx),
        Spacer(1, 4 * mm),
        _para("Tembusan:", "label"),
        _numbered(copies),
    ]


def _attachment(case: Case, kind: str) -> str:
    """An attachment by title, with the number of its latest issued version if there is one."""
    latest = case.documents.filter(kind=kind).order_by("-issued_at", "-id").values_list("number", flat=True).first()
    return f"{DOCUMENT_KINDS[kind]} Nomor {latest}" if latest else DOCUMENT_KINDS[kind]


_BODIES = {
    "register": _register,
    "invitation": _invitation,
    "minutes": _minutes,
    "study": _study,
    "status_notice": _status_notice,
    "forwarding": _forwarding,
}
