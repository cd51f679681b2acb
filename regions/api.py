"""Public, read-only region endpoints at /api/v1/regions (no authentication: region data is public)."""

from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from regions import selectors
from regions.codes import Kind, is_valid_code
from regions.models import Level, Region

router = Router(tags=["regions"])

MAX_PAGE = 1000  # the default page (100) holds every province and any province's regencies


def _check_code(value: str) -> str:
    if not is_valid_code(value):
        raise PydanticCustomError(
            "region_code", "Kode wilayah tidak valid: gunakan format 18, 18.71, 18.71.01 atau 18.71.01.1001."
        )
    return value


def _check_level(value):
    if value not in (None, "", *Level.values):
        raise PydanticCustomError(
            "region_level", "Tingkat tidak dikenal: gunakan province, regency, district atau village."
        )
    return value or None


RegionCode = Annotated[
    str, AfterValidator(_check_code), Field(description="Kode Kemendagri, mis. 18, 18.71, 18.71.01, 18.71.01.1001")
]


class ErrorBodyOut(Schema):
    code: str
    message: str
    messages: dict[str, str]
    fields: dict[str, list[str]] | None = None


class ErrorOut(Schema):
    """The shared error shape (core.api)."""

    error: ErrorBodyOut


class RegionListIn(Schema):
    level: Annotated[Level | None, BeforeValidator(_check_level)] = None
    parent: RegionCode | None = Field(None, description="Kode induk langsung: anak-anak wilayah itu saja.")
    q: str = Field("", max_length=100, description="Potongan nama (tanpa memperhatikan huruf besar) atau awalan kode.")


class RegionRefOut(Schema):
    code: str
    name: str


class RegionOut(Schema):
    code: str
    name: str
    level: Level
    kind: Kind
    parent_code: str | None

    @staticmethod
    def resolve_kind(region: Region) -> str:
        return region.kind

    @staticmethod
    def resolve_parent_code(region: Region) -> str | None:
        return region.parent_id


class RegionDetailOut(Schema):
    code: str
    name: str
    level: Level
    kind: Kind
    province: RegionRefOut | None = Field(description="Provinsi tempat wilayah ini berada; null untuk provinsi.")
    parent: RegionRefOut | None = Field(description="Induk langsung; null untuk provinsi.")


@router.get("", response={200: list[RegionOut], 422: ErrorOut}, auth=None)
@paginate(LimitOffsetPagination, max_limit=MAX_PAGE)
def list_regions(request: HttpRequest, filters: Query[RegionListIn]):
    """Regions ordered by code, filtered by level, direct parent and a name fragment or code prefix."""
    return selectors.filter_regions(level=filters.level, parent=filters.parent or "", query=filters.q)


@router.get("/{code}", response={200: RegionDetailOut, 404: ErrorOut, 422: ErrorOut}, auth=None)
def get_region(request: HttpRequest, code: RegionCode):
    """One region with its province and direct parent."""
    region = selectors.region_by_code(code)
    ancestors = selectors.ancestors_of(region)
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "kind": region.kind,
        "province": ancestors[0] if ancestors else None,
        "parent": ancestors[-1] if ancestors else None,
    }


@router.get("/{code}/children", response={200: list[RegionOut], 404: ErrorOut, 422: ErrorOut}, auth=None)
@paginate(LimitOffsetPagination, max_limit=MAX_PAGE)
def list_children(request: HttpRequest, code: RegionCode):
    """The direct children of a region, ordered by code (empty for a village)."""
    region = selectors.region_by_code(code)
    return selectors.children_of(region.code)
