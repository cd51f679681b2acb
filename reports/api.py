"""API of public reports: submission and status for everyone, the inbox for Bawaslu staff.

`POST /reports` takes the report as JSON, or as multipart with the same JSON in the field `payload` and
the evidence files in `evidence` (repeated). The body is read by hand rather than declared as a ninja
body parameter, because ninja would read a multipart body into memory whole; the OpenAPI schema is
declared explicitly instead.
"""

from datetime import date, datetime

import pydantic
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError as SchemaValidationError
from ninja.pagination import LimitOffsetPagination, paginate

from accounts import rules
from accounts.api import staff_auth
from core import ratelimit
from core.api import error_body, inline_schema
from reports import selectors, services
from reports.choices import Channel, ReportStatus
from reports.evidence import EvidenceError, request_too_large
from reports.submission import Reported, Reporter, Submission, Witness

router = Router(tags=["reports"])


class ReporterIn(Schema):
    name: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    nik: str = ""


class ReportedIn(Schema):
    name: str = ""
    nip: str = ""
    agency: str = ""
    position: str = ""


class WitnessIn(Schema):
    name: str
    contact: str = ""


class ReportIn(Schema):
    reporter: ReporterIn | None = Field(None, description="Omit for an anonymous tip (informasi awal).")
    reported: ReportedIn
    act: str = Field("", description="Catalogue code, e.g. DSP-06 (GET /api/v1/acts); or describe in act_other.")
    act_other: str = ""
    election: str = Field("", description="Election slug, e.g. pilkada-2024; inferred from occurred_on if empty.")
    region: str = Field(..., description="Kemendagri code of the regency/city (or lower) where it happened.")
    occurred_on: date
    known_on: date = Field(..., description="When the reporter learnt of it; the reporting deadline counts from it.")
    place: str = ""
    description: str = ""
    witnesses: list[WitnessIn | str] = []
    links: list[str] = []


class RegionRef(Schema):
    code: str
    name: str


class ReceiptOut(Schema):
    receipt_code: str = Field(..., description="Shown once; stored only as a hash. Needed for the status look-up.")
    number: str
    kind: str
    status: str
    received_at: datetime
    office: RegionRef
    reporting_due_on: date
    is_late: bool
    late_reason: str
    status_url: str


class HistoryOut(Schema):
    status: str
    label: str
    at: datetime
    note: str


class StatusOut(Schema):
    number: str
    kind: str
    received_at: datetime
    office: RegionRef
    status: str
    label: str
    history: list[HistoryOut]


MULTIPART_BODY = {
    "type": "object",
    "required": ["payload"],
    "properties": {
        "payload": {"type": "string", "description": "The ReportIn object as JSON text."},
        "evidence": {"type": "array", "items": {"type": "string", "format": "binary"}},
    },
}


@router.post(
    "",
    response={201: ReceiptOut},
    summary="Sampaikan laporan atau informasi awal (publik)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": inline_schema(ReportIn)},
                "multipart/form-data": {"schema": MULTIPART_BODY},
            },
        },
        "responses": {
            "400": {"description": "Invalid report or evidence"},
            "422": {"description": "Wrong types"},
            "429": {"description": "Too many submissions"},
        },
    },
)
def submit(request):
    decision = ratelimit.hit("reports.submit", request, settings.REPORT_SUBMIT_RATE)
    if not decision.allowed:
        return _too_many(request, decision)
    if request_too_large(request):
        message = _("Kiriman terlalu besar; bukti paling banyak %(mb)d MB seluruhnya.") % {
            "mb": settings.EVIDENCE_MAX_TOTAL_BYTES // 1_048_576
        }
        return JsonResponse(error_body("too_large", message), status=413)
    payload, uploads = _read_report(request)
    try:
        files = services.inspect_files(uploads)
    except EvidenceError as error:
        fields = {"evidence": [error.message]}
        return JsonResponse(_evidence_error(error, fields), status=400)
    receipt = services.submit_report(submission=_submission(payload), files=files, channel=Channel.API)
    report = receipt.report
    office = selectors.office_of(report)
    return Status(
        201,
        {
            "receipt_code": receipt.code,
            "number": report.number,
            "kind": report.kind,
            "status": report.status,
            "received_at": report.received_at,
            "office": {"code": office.code, "name": office.name},
            "reporting_due_on": report.reporting_due_on,
            "is_late": report.is_late,
            "late_reason": report.late_reason,
            "status_url": request.build_absolute_uri(reverse("api:report_status", args=[receipt.code])),
        },
    )


@router.get(
    "/status/{code}", response=StatusOut, url_name="report_status", summary="Status laporan menurut kode tanda terima"
)
def status(request, code: str):
    decision = ratelimit.hit("reports.status", request, settings.REPORT_STATUS_RATE)
    if not decision.allowed:
        return _too_many(request, decision)
    report = selectors.report_by_receipt_code(code)
    if report is None:
        raise Http404
    office = selectors.office_of(report)
    return {
        "number": report.number,
        "kind": report.kind,
        "received_at": report.received_at,
        "office": {"code": office.code, "name": office.name},
        "status": report.status,
        "label": report.get_status_display(),
        "history": [
            {"status": e.status, "label": e.get_status_display(), "at": e.at, "note": e.note}
            for e in selectors.public_history(report)
        ],
    }


def _read_report(request) -> tuple[ReportIn, list]:
    if request.content_type == "multipart/form-data":
        raw, uploads = request.POST.get("payload", ""), request.FILES.getlist("evidence")
    else:
        raw, uploads = request.body, []
    try:
        return ReportIn.model_validate_json(raw or b"{}"), uploads
    except pydantic.ValidationError as error:
        raise SchemaValidationError([{"loc": ("body", *e["loc"]), "msg": e["msg"]} for e in error.errors()]) from None


def _submission(payload: ReportIn) -> Submission:
    reporter = Reporter(**payload.reporter.dict()) if payload.reporter else None
    witnesses = [Witness(name=w) if isinstance(w, str) else Witness(**w.dict()) for w in payload.witnesses]
    return Submission(
        reporter=reporter,
        reported=Reported(**payload.reported.dict()),
        act=payload.act,
        act_other=payload.act_other,
        election=payload.election,
        region=payload.region,
        occurred_on=payload.occurred_on,
        known_on=payload.known_on,
        place=payload.place,
        description=payload.description,
        witnesses=witnesses,
        links=payload.links,
    )


def _evidence_error(error: EvidenceError, fields: dict) -> dict:
    body = {
        "code": error.code,
        "message": error.message,
        "messages": {"id": error.message, "en": error.message_en},
        "fields": fields,
    }
    return {"error": body}


def _too_many(request, decision: ratelimit.Decision):
    message = _("Terlalu banyak permintaan dari alamat Anda; coba lagi dalam %(seconds)d detik.") % {
        "seconds": decision.retry_after
    }
    response = JsonResponse(error_body("rate_limited", message), status=429)
    response["Retry-After"] = str(decision.retry_after)
    return response


# --- Staff


class ReportOut(Schema):
    id: int
    number: str
    kind: str
    status: str
    received_at: datetime
    region: RegionRef
    act: str | None = Field(None, alias="act_id")
    act_other: str
    reported_name: str
    reported_nip: str
    reported_agency: str
    occurred_on: date
    known_on: date
    is_late: bool
    late_reason: str
    has_possible_duplicates: bool


class InboxQuery(Schema):
    q: str = Field("", max_length=100)
    region: str = Field("", pattern=r"^(\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?)?$")
    act: str = Field("", max_length=10)
    kind: str = ""
    status: str = ""
    late: bool | None = None
    duplicate: bool | None = None
    received_from: date | None = None
    received_to: date | None = None
    sort: str = Field("terbaru", pattern="^(terbaru|terlama|kejadian|wilayah)$")


class StatusChangeIn(Schema):
    status: ReportStatus
    note: str = Field("", max_length=2000)


@router.get("", response=list[ReportOut], auth=staff_auth, summary="Laporan masuk di wilayah tugas")
@paginate(LimitOffsetPagination)
def inbox(request, filters: Query[InboxQuery]):
    if not rules.receives_public_reports(request.user):
        raise PermissionDenied
    return selectors.inbox(request.user, selectors.InboxFilters(**filters.dict()))


@router.get("/{int:report_id}", response=ReportOut, auth=staff_auth, summary="Satu laporan")
def detail(request, report_id: int):
    return selectors.report_for_user(request.user, report_id)


@router.post("/{int:report_id}/status", response=ReportOut, auth=staff_auth, summary="Ubah status laporan")
def change_status(request, report_id: int, payload: StatusChangeIn):
    report = selectors.report_for_user(request.user, report_id)
    services.change_report_status(report=report, to=payload.status, actor=request.user, note=payload.note)
    return report
