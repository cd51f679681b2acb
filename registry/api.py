"""Registry endpoints for staff (session login with the second factor), scoped like the pages."""

from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from accounts.api import staff_auth
from registry import selectors

router = Router(tags=["registry"], auth=staff_auth)


class AgencyRef(Schema):
    code: str
    name: str


class AgencyOut(AgencyRef):
    level: str
    region_code: str | None = Field(None, alias="region_id")


class ASNOut(Schema):
    nip: str
    name: str
    front_title: str
    back_title: str
    full_name: str
    status: str
    position: str
    position_kind: str
    rank: str
    work_unit: str
    agency: AgencyRef
    region_code: str = Field(..., alias="region_id")
    is_active: bool


class SocialAccountOut(Schema):
    platform: str
    handle: str


class ASNDetailOut(ASNOut):
    accounts: list[SocialAccountOut]


class ASNFilters(Schema):
    q: str = Field("", max_length=100, description="Nama (bagian) atau awal NIP")
    agency: str = Field("", max_length=32, description="Kode instansi")
    region: str = Field("", pattern=r"^(\d{2}(\.\d{2})?)?$", description="Kode wilayah: 18 atau 18.71")


@router.get("/asn", response=list[ASNOut], summary="Cari ASN dalam wilayah tugas")
@paginate(LimitOffsetPagination)
def list_asn(request, filters: Query[ASNFilters]):
    return selectors.search_asn(request.user, query=filters.q, agency_code=filters.agency, region_code=filters.region)


@router.get("/asn/{nip}", response=ASNDetailOut, summary="Satu ASN menurut NIP")
def get_asn(request, nip: str):
    return selectors.asn_for_user(request.user, nip)


@router.get("/agencies", response=list[AgencyOut], summary="Instansi dalam wilayah tugas")
@paginate(LimitOffsetPagination)
def list_agencies(request):
    return selectors.agencies_visible_to(request.user).order_by("name")
