"""Public API of the catalogue of prohibited acts (no authentication)."""

from django.http import Http404
from ninja import Router, Schema

from acts import selectors

router = Router(tags=["acts"])


class ActOut(Schema):
    code: str
    track: str
    title: str
    public_title: str
    explanation: str
    examples: list[str]
    level: str
    legal_basis: str
    counterpart: str | None
    in_public_form: bool

    @staticmethod
    def resolve_counterpart(act) -> str | None:
        return act.counterpart_id  # the primary key is the code: no query


@router.get("", response=list[ActOut], summary="Katalog perbuatan yang dilarang bagi ASN")
def list_acts(request, q: str = ""):
    """All acts in catalogue order; `q` keeps those whose code, wording, explanation or examples contain every word."""
    return selectors.search_acts(q)


@router.get("/{code}", response=ActOut, summary="Satu perbuatan yang dilarang")
def get_act(request, code: str):
    act = selectors.act_by_code(code)
    if act is None:
        raise Http404(code)
    return act
