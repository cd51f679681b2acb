"""Public JSON API of elections, stages, parties, contests and candidates (no authentication)."""

import datetime

from ninja import Router, Schema

from elections import selectors

router = Router(tags=["elections"])


class StageOut(Schema):
    kind: str
    kind_label: str
    name: str
    start: datetime.date
    end: datetime.date
    source: str

    @staticmethod
    def resolve_kind_label(stage) -> str:
        return str(stage.get_kind_display())


class PartyOut(Schema):
    ballot_number: int | None
    abbreviation: str
    name: str
    is_local: bool


class ElectionOut(Schema):
    slug: str
    name: str
    kind: str
    year: int
    voting_day: datetime.date
    legal_basis: str
    stages: list[StageOut]


class ElectionDetailOut(ElectionOut):
    parties: list[PartyOut]


class ContestOut(Schema):
    id: int
    office: str
    office_label: str
    region_code: str | None
    region_name: str | None
    determination_date: datetime.date | None
    candidate_count: int

    @staticmethod
    def resolve_office_label(contest) -> str:
        return str(contest.get_office_display())

    @staticmethod
    def resolve_region_code(contest) -> str | None:
        return contest.region_id

    @staticmethod
    def resolve_region_name(contest) -> str | None:
        return contest.region.name if contest.region_id else None


class AccountOut(Schema):
    platform: str
    handle: str
    kind: str


class CandidateOut(Schema):
    ballot_number: int | None
    name: str
    running_mate: str
    acronym: str
    nicknames: list[str]
    is_independent: bool
    parties: list[PartyOut]
    slogans: list[str]
    hashtags: list[str]
    accounts: list[AccountOut]


class ContestDetailOut(ContestOut):
    election: str
    candidates: list[CandidateOut]

    @staticmethod
    def resolve_election(contest) -> str:
        return contest.election.slug

    @staticmethod
    def resolve_candidate_count(contest) -> int:
        return len(contest.candidates.all())


@router.get("", response=list[ElectionOut], summary="Daftar pemilihan beserta tahapannya")
def list_elections(request):
    return selectors.elections_with_stages()


@router.get("/contests/{contest_id}", response=ContestDetailOut, summary="Satu kontestasi beserta calonnya")
def get_contest(request, contest_id: int):
    return selectors.contest_with_candidates(contest_id)


@router.get("/{slug}", response=ElectionDetailOut, summary="Satu pemilihan: tahapan dan partai")
def get_election(request, slug: str):
    return selectors.election_by_slug(slug)


@router.get("/{slug}/contests", response=list[ContestOut], summary="Kontestasi suatu pemilihan")
def list_contests(request, slug: str, region: str = "", within: str = "", office: str = ""):
    """`region`: exactly that region; `within`: a region and all under it (e.g. a province and its kab/kota)."""
    election = selectors.election_by_slug(slug)
    return list(selectors.contests_of(election, region=region, within=within, office=office))
