"""Case endpoints for staff: the same scope, steps and permissions as the pages."""

from datetime import date, datetime

from django.http import Http404, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from accounts.api import staff_auth
from cases import documents, selectors
from cases.states import next_states, transition

router = Router(tags=["cases"], auth=staff_auth)


class RegionRef(Schema):
    code: str
    name: str


class CaseOut(Schema):
    id: int
    number: str
    register_number: str
    origin: str
    state: str
    version: int
    region: RegionRef
    act: str | None = Field(None, alias="act_id")
    reported_name: str
    reported_nip: str
    received_on: date
    next_due_on: date | None
    next_due_rule: str
    forwarded_to: str
    recommended_penalty: str
    imposed_penalty: str


class CaseDetailOut(CaseOut):
    summary: str
    allowed_steps: list[str]


class EventOut(Schema):
    at: str
    actor_label: str
    from_state: str
    to_state: str
    reason: str
    data: dict


class CaseQuery(Schema):
    state: str = ""
    region: str = Field("", pattern=r"^(\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?)?$")
    q: str = Field("", max_length=100)
    overdue: bool = False
    include_closed: bool = False


class StepIn(Schema):
    to: str
    version: int = Field(..., description="The case version you saw; a newer one means someone else acted.")
    reason: str = Field("", max_length=2000)
    data: dict[str, date | str] = {}


@router.get("", response=list[CaseOut], summary="Kasus dalam wilayah/peran, batas waktu terdekat dahulu")
@paginate(LimitOffsetPagination)
def list_cases(request, filters: Query[CaseQuery]):
    return selectors.dashboard(
        request.user,
        selectors.CaseFilters(state=filters.state, region=filters.region, q=filters.q, overdue=filters.overdue,
                              open_only=not filters.include_closed),
    )  # fmt: skip


@router.get("/{int:case_id}", response=CaseDetailOut, summary="Satu kasus")
def get_case(request, case_id: int):
    case = selectors.case_for_user(request.user, case_id)
    case.allowed_steps = next_states(request.user, case.state)
    return case


@router.get("/{int:case_id}/events", response=list[EventOut], summary="Riwayat langkah kasus")
def case_events(request, case_id: int):
    case = selectors.case_for_user(request.user, case_id)
    return [
        {"at": e.at.isoformat(), "actor_label": e.actor_label, "from_state": e.from_state, "to_state": e.to_state,
         "reason": e.reason, "data": e.data}
        for e in case.events.all()
    ]  # fmt: skip


@router.post("/{int:case_id}/transitions", response=CaseDetailOut, summary="Ambil satu langkah")
def take_step(request, case_id: int, payload: StepIn):
    case = selectors.case_for_user(request.user, case_id)
    transition(case, payload.to, actor=request.user, reason=payload.reason, data=payload.data,
               expected_version=payload.version)  # fmt: skip
    case.allowed_steps = next_states(request.user, case.state)
    return case


class DocumentOut(Schema):
    id: int
    kind: str
    number: str
    sha256: str
    size: int
    issued_at: datetime


class DocumentIn(Schema):
    kind: str


@router.get("/{int:case_id}/documents", response=list[DocumentOut], summary="Dokumen kasus")
def list_documents(request, case_id: int):
    return list(selectors.case_for_user(request.user, case_id).documents.all())


@router.post("/{int:case_id}/documents", response={201: DocumentOut}, summary="Terbitkan dokumen (PDF)")
def issue_document(request, case_id: int, payload: DocumentIn):
    case = selectors.case_for_user(request.user, case_id)
    return Status(201, documents.issue_document(case=case, kind=payload.kind, actor=request.user))


@router.get("/{int:case_id}/documents/{int:document_id}/pdf", summary="Unduh dokumen (hash diperiksa)")
def document_pdf(request, case_id: int, document_id: int):
    case = selectors.case_for_user(request.user, case_id)
    item = case.documents.filter(pk=document_id).first()
    if item is None:
        raise Http404
    return HttpResponse(documents.read_document(item), content_type="application/pdf")
