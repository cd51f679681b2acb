"""Patrol endpoints: collectors deliver posts (`POST /posts`, with a collector key), staff list findings."""

from datetime import date, datetime
from typing import Any, Literal

import pydantic
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer

from accounts.api import staff_auth
from core.api import error_body, inline_schema
from patrol import selectors, services
from patrol.models import FindingStatus

router = Router(tags=["patrol"])
MAX_POSTS = 1000


class CollectorKeyError(AuthenticationError):
    """A missing, unknown or revoked collector key (its own message: collectors have no login)."""


class CollectorAuth(HttpBearer):
    """`Authorization: Bearer <secret>` of a collector key that is not revoked."""

    def __call__(self, request):
        key = super().__call__(request)  # None when the header is missing or not "Bearer"
        if key is None:
            raise CollectorKeyError
        return key

    def authenticate(self, request, token):
        key = services.authenticate_collector(token)
        if key is None:
            raise CollectorKeyError
        return key


def install_error_handlers(api) -> None:
    @api.exception_handler(CollectorKeyError)
    def bad_key(request, exc):
        message = _("Kunci kolektor tidak dikenal atau sudah dicabut.")
        return api.create_response(request, error_body("unauthenticated", message), status=401)


class PostsIn(Schema):
    posts: list[dict[str, Any]] = Field(
        ..., max_length=MAX_POSTS, description="Up to 1000 posts in the patrol post schema (patrol/schema.py)."
    )


class RejectOut(Schema):
    index: int
    reason: str


class FindingRef(Schema):
    key: str
    id: int
    created: bool


class PostsOut(Schema):
    accepted: int
    rejected: list[RejectOut]
    findings: list[FindingRef]


class FindingOut(Schema):
    id: int
    key: str
    status: str
    nip: str
    platform: str
    author_handle: str
    author_name: str
    act: str | None = Field(None, alias="act_id")
    election: int = Field(..., alias="election_id")
    candidate: int | None = Field(None, alias="candidate_id")
    region: str | None = Field(None, alias="region_id")
    targets: list[str]
    day: date
    score: float
    post_count: int
    first_seen_at: datetime
    last_seen_at: datetime
    case: int | None = Field(None, alias="case_id")


class FindingQuery(Schema):
    status: FindingStatus | Literal[""] = ""
    act: str = Field("", max_length=10)
    region: str = Field("", pattern=r"^(\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?)?$")
    min_score: float | None = Field(None, ge=0, le=1)


# Formatted when rendered, so `error_body` gets it in both languages.
_too_many_posts = lazy(
    lambda: gettext("Terlalu banyak: paling banyak %(n)d unggahan per permintaan.") % {"n": MAX_POSTS}, str
)


@router.post(
    "/posts",
    response={200: PostsOut},
    auth=CollectorAuth(),
    summary="Kirim unggahan dari kolektor (kunci kolektor)",
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": inline_schema(PostsIn)}}},
        "responses": {
            "401": {"description": "Unknown or revoked collector key"},
            "413": {"description": "More than 1000 posts, or a body that is too large"},
            "422": {"description": "Not a JSON object with a list of posts"},
        },
    },
)
def receive_posts(request):
    too_large = _too_many_posts()
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return JsonResponse(error_body("too_large", too_large), status=413)
    try:
        raw = request.body
    except RequestDataTooBig:
        return JsonResponse(error_body("too_large", too_large), status=413)
    try:
        payload = PostsIn.model_validate_json(raw or b"{}")
    except pydantic.ValidationError as error:
        if any(e["type"] == "too_long" and e["loc"] == ("posts",) for e in error.errors()):
            return JsonResponse(error_body("too_large", too_large), status=413)
        raise SchemaValidationError(
            [{"loc": ("body", *e["loc"]), "msg": e["msg"]} for e in error.errors(include_url=False)]
        ) from None
    try:
        outcome = services.receive_posts(payload.posts, source=f"api:{request.auth.name}")
    except services.PipelineUnavailableError:
        message = _("Pemeriksaan unggahan belum tersedia; kirim ulang nanti.")
        return JsonResponse(error_body("unavailable", message), status=503)
    return {
        "accepted": outcome.accepted,
        "rejected": [{"index": i, "reason": r} for i, r in outcome.rejected],
        "findings": [{"key": k, "id": pk, "created": c} for k, pk, c in outcome.recorded.findings],
    }


@router.get("/findings", response=list[FindingOut], auth=staff_auth, summary="Temuan patroli dalam wilayah")
@paginate(LimitOffsetPagination)
def list_findings(request, filters: Query[FindingQuery]):
    chosen = selectors.FindingFilters(status=filters.status, act=filters.act.upper(), region=filters.region,
                                      min_score=filters.min_score)  # fmt: skip
    return selectors.review_queue(request.user, chosen)
