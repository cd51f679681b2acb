"""The elections registry as plain rows, for scanning away from the database.

A scan on a Dask cluster, or `bench/patrol_eval.py` on a labelled file, cannot query Django models per post.
`ElectionBook` holds what the patrol pipeline needs of the registry — elections with their patrol period,
contests with their candidate determination date, candidates with names, nicknames, acronyms, slogans,
hashtags and campaign accounts, parties — as frozen dataclasses, so it pickles to workers. It builds and
caches one `patrol.automaton.CandidateAutomaton` per (election, region scope).

Sources: `ElectionBook.from_database()` (production) and `ElectionBook.from_toml(path)` (the labelled data's
fixture `patrol/data/labelled/candidates.toml`, whose format that file documents).

Patrol period: posts are matched against an election when their local date lies within
[starts, voting_day + PATROL_TAIL_DAYS]. ``starts`` is voting day minus PATROL_LEAD_DAYS unless given:
support for a *bakal calon* months before registration is still an ethics matter (ETK track), so the
period opens early. Both numbers are settings (``PATROL_LEAD_DAYS``, ``PATROL_TAIL_DAYS``).
"""

from __future__ import annotations

import csv
import hashlib
import threading
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from patrol.automaton import CandidateAutomaton, build_terms, scope_code

DEFAULT_LEAD_DAYS = 365
DEFAULT_TAIL_DAYS = 30
REPOSITORY = Path(__file__).resolve().parent.parent

OFFICE_TITLES = {
    "president": "Presiden",
    "dpr": "DPR",
    "dpd": "DPD",
    "dprd_province": "DPRD Provinsi",
    "dprd_regency": "DPRD Kabupaten/Kota",
    "governor": "Gubernur",
    "regent": "Bupati",
    "mayor": "Wali Kota",
}
_REGION_PREFIXES = ("kabupaten ", "kab. ", "kab ", "kota ", "provinsi ")
REGIONS_DIR = REPOSITORY / "regions" / "data" / "wilayah_kemendagri"


def shipped_region_name(code: str | None) -> str | None:
    """The Kemendagri name of a province or regency code, from the files `regions.services.load_regions` reads."""
    return _shipped_region_names().get(code or "")


@lru_cache(maxsize=1)
def _shipped_region_names() -> dict[str, str]:
    names = {}
    for file in ("provinces.csv", "regencies.csv"):
        with (REGIONS_DIR / file).open(encoding="utf-8", newline="") as stream:
            names.update((row["code"], row["name"]) for row in csv.DictReader(stream))
    return names


def office_label(office: str, region_name: str | None) -> str:
    """The office as people say it: "Wali Kota Bandar Lampung", "Gubernur Jawa Barat", "Presiden"."""
    title = OFFICE_TITLES.get(office, office)
    if not region_name:
        return title
    name = region_name
    for prefix in _REGION_PREFIXES:
        if name.lower().startswith(prefix):
            name = name[len(prefix) :]
            break
    return f"{title} {name}"


@dataclass(frozen=True)
class ElectionRow:
    id: int
    slug: str
    kind: str
    starts: date
    ends: date
    voting_day: date


@dataclass(frozen=True)
class ContestRow:
    id: int
    election_id: int
    office: str
    label: str
    region_code: str | None
    determination_date: date | None


@dataclass(frozen=True)
class CandidateRow:
    id: int
    contest_id: int
    ballot_number: int | None
    name: str
    running_mate: str = ""
    acronym: str = ""
    nicknames: tuple[str, ...] = ()
    slogans: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()  # handles, with or without "@"


@dataclass(frozen=True)
class PartyRow:
    id: int
    election_id: int
    name: str
    abbreviation: str


@dataclass
class ElectionBook:
    elections: tuple[ElectionRow, ...]
    contests: tuple[ContestRow, ...]
    candidates: tuple[CandidateRow, ...]
    parties: tuple[PartyRow, ...]
    _automata: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.contest_by_id = {contest.id: contest for contest in self.contests}
        self.candidate_by_id = {candidate.id: candidate for candidate in self.candidates}
        self.election_by_id = {election.id: election for election in self.elections}
        self._regional = {contest.election_id for contest in self.contests if contest.region_code}
        digest = hashlib.sha256()
        for rows in (self.elections, self.contests, self.candidates, self.parties):
            digest.update(repr(rows).encode())
        self.version = digest.hexdigest()
        self._lock = threading.Lock()

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_lock", None)  # the automata go along: a worker should not spend its first minute building
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def elections_on(self, day: date) -> list[ElectionRow]:
        return [election for election in self.elections if election.starts <= day <= election.ends]

    def build_all(self) -> None:
        """Build every automaton a scan can ask for (before forking workers or shipping the book to them)."""
        for election in self.elections:
            self.automaton(election.id, None)
            for contest in self.contests:
                if contest.election_id == election.id and contest.region_code:
                    self.automaton(election.id, contest.region_code)

    def automaton(self, election_id: int, region_code: str | None) -> CandidateAutomaton:
        scope = scope_code(region_code)
        if scope is not None and election_id not in self._regional:
            scope = ""  # only national contests: every region sees the same automaton
        key = (election_id, scope)
        found = self._automata.get(key)
        if found is None:
            with self._lock:
                found = self._automata.get(key)
                if found is None:
                    found = self._build(election_id, key[1])
                    self._automata[key] = found
        return found

    def _build(self, election_id: int, scope: str | None) -> CandidateAutomaton:
        if not scope:
            contests = [c for c in self.contests if c.election_id == election_id]
        else:
            codes = {scope[:2], scope}
            contests = [
                c
                for c in self.contests
                if c.election_id == election_id and (c.region_code is None or c.region_code in codes)
            ]
        in_scope = {contest.id: contest for contest in contests}
        candidates = [candidate for candidate in self.candidates if candidate.contest_id in in_scope]
        parties = [party for party in self.parties if party.election_id == election_id]
        terms = build_terms(in_scope, candidates, parties, scope)
        return CandidateAutomaton(terms, self.version, (election_id, scope))

    # -- sources -------------------------------------------------------------------------------------------

    @classmethod
    def from_database(cls, elections=None) -> ElectionBook:
        """Every election (or the given ones) with its contests, candidates, accounts and parties."""
        from django.conf import settings

        from elections.models import CampaignAccount, Candidate, Contest, Election, Party

        lead = timedelta(days=getattr(settings, "PATROL_LEAD_DAYS", DEFAULT_LEAD_DAYS))
        tail = timedelta(days=getattr(settings, "PATROL_TAIL_DAYS", DEFAULT_TAIL_DAYS))
        chosen = list(elections) if elections is not None else list(Election.objects.order_by("voting_day"))
        ids = [election.pk for election in chosen]
        election_rows = tuple(
            ElectionRow(e.pk, e.slug, e.kind, e.voting_day - lead, e.voting_day + tail, e.voting_day) for e in chosen
        )
        contest_rows = tuple(
            ContestRow(
                c.pk,
                c.election_id,
                c.office,
                office_label(c.office, c.region.name if c.region_id else None),
                c.region_id,
                c.determination_date,
            )
            for c in Contest.objects.filter(election_id__in=ids).select_related("region").order_by("id")
        )
        accounts: dict[int, list[str]] = {}
        for candidate_id, handle in (
            CampaignAccount.objects.filter(candidate__contest__election_id__in=ids)
            .order_by("id")
            .values_list("candidate_id", "handle")
        ):
            accounts.setdefault(candidate_id, []).append(handle)
        candidate_rows = tuple(
            CandidateRow(
                c.pk,
                c.contest_id,
                c.ballot_number,
                c.name,
                c.running_mate or "",
                c.acronym or "",
                tuple(str(n) for n in c.nicknames or ()),
                tuple(str(s) for s in c.slogans or ()),
                tuple(str(h) for h in c.hashtags or ()),
                tuple(accounts.get(c.pk, ())),
            )
            for c in Candidate.objects.filter(contest__election_id__in=ids).order_by("id")
        )
        party_rows = tuple(
            PartyRow(p.pk, p.election_id, p.name, p.abbreviation)
            for p in Party.objects.filter(election_id__in=ids).order_by("id")
        )
        return cls(election_rows, contest_rows, candidate_rows, party_rows)

    @classmethod
    def from_toml(cls, path: Path | str) -> ElectionBook:
        """A book from a fixture file (see patrol/data/labelled/candidates.toml); ids are assigned in order."""
        path = Path(path)
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        elections, contests, candidates, parties = [], [], [], []
        by_slug: dict[str, ElectionRow] = {}
        contest_ids: dict[tuple[str, str, str | None], int] = {}

        def load_reference(relative: str) -> dict:
            return tomllib.loads((REPOSITORY / relative).read_text(encoding="utf-8"))

        def add_contest(slug: str, office: str, region: str | None, region_name: str | None, determined) -> int:
            key = (slug, office, region)
            if key not in contest_ids:
                contest_ids[key] = len(contests) + 1
                contests.append(
                    ContestRow(
                        contest_ids[key],
                        by_slug[slug].id,
                        office,
                        office_label(office, region_name),
                        region,
                        determined,
                    )
                )
            return contest_ids[key]

        def add_candidate(slug: str, row: dict, contest_id: int) -> None:
            accounts = tuple(str(a).split(":", 1)[-1] for a in row.get("accounts", ()))
            candidates.append(
                CandidateRow(
                    len(candidates) + 1,
                    contest_id,
                    row.get("ballot_number"),
                    row["name"],
                    row.get("running_mate", ""),
                    row.get("acronym", ""),
                    tuple(row.get("nicknames", ())),
                    tuple(row.get("slogans", ())),
                    tuple(row.get("hashtags", ())),
                    accounts,
                )
            )

        for row in data.get("elections", ()):
            voting_day = row["voting_day"]
            starts = row.get("starts", voting_day - timedelta(days=DEFAULT_LEAD_DAYS))
            election = ElectionRow(
                len(elections) + 1,
                row["slug"],
                row["kind"],
                starts,
                voting_day + timedelta(days=DEFAULT_TAIL_DAYS),
                voting_day,
            )
            elections.append(election)
            by_slug[election.slug] = election
            for source_key in ("parties_from", "candidates_from"):
                if source_key not in row:
                    continue
                reference = load_reference(row[source_key])
                for party in reference.get("parties", ()):
                    parties.append(PartyRow(len(parties) + 1, election.id, party["name"], party["abbreviation"]))
                if source_key == "candidates_from":
                    determined = {c["office"]: c.get("determination_date") for c in reference.get("contests", ())}
                    for candidate in reference.get("candidates", ()):
                        office = candidate["office"]
                        contest_id = add_contest(election.slug, office, None, None, determined.get(office))
                        add_candidate(election.slug, candidate, contest_id)
        for row in data.get("contests", ()):
            add_contest(
                row["election"],
                row["office"],
                row.get("region"),
                # without a name in the fixture, the name the database would have (from_database labels the same)
                row.get("region_name") or shipped_region_name(row.get("region")),
                row.get("determination_date"),
            )
        for row in data.get("candidates", ()):
            matches = [
                contest_ids[key] for key in contest_ids if key[0] == row["election"] and key[2] == row.get("region")
            ]
            if len(matches) != 1:
                raise ValueError(f"{path}: no single contest for candidate {row['name']!r}")
            add_candidate(row["election"], row, matches[0])
        return cls(tuple(elections), tuple(contests), tuple(candidates), tuple(parties))
