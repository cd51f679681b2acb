"""Writes to the elections tables: loading the shipped reference data, and the phase rule.

The candidate import lives in `elections.importing` (it is a service too: one transaction, one audit row).
"""

import datetime
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any, Literal

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from elections.choices import ElectionKind, Office, StageKind
from elections.models import Candidate, Contest, Election, Party, Stage
from regions.models import Level, Region

DATA_DIR = Path(__file__).resolve().parent / "data"

# Regions without a Pilkada race (neutrality.md 9.1). Defaults for every Pilkada data file, which may override
# them with `excluded_provinces` / `excluded_regency_prefixes` under [regional_contests].
# DI Yogyakarta: the Sultan is governor by law (UU 13/2012), so no governor election; its kab/kota do vote.
NO_GOVERNOR_ELECTION_PROVINCES = ("34",)
# DKI Jakarta's kabupaten administrasi (31.01) and kota administrasi (31.71–31.75) have no elected heads.
NO_ELECTION_REGENCY_PREFIXES = ("31.",)

BAKAL_CALON = "bakal_calon"
CALON = "calon"
Phase = Literal["bakal_calon", "calon"]


class ReferenceDataError(ValueError):
    """A shipped data file is inconsistent, or what it needs (the regions) is missing. Message is for the user."""


def phase_of(contest: Contest, on_date: datetime.date) -> Phase:
    """Whether someone running in `contest` was a bakal calon or a calon on `on_date` (neutrality.md 3.1).

    Before the KPU's determination date the person is a bakal calon (acts go to the ethics track); from that
    day on a calon (discipline track). A contest without a determination date has not determined anyone yet.
    """
    determined = contest.determination_date
    return CALON if determined is not None and on_date >= determined else BAKAL_CALON


def regional_office(
    region: Region,
    *,
    excluded_provinces: tuple[str, ...] = NO_GOVERNOR_ELECTION_PROVINCES,
    excluded_regency_prefixes: tuple[str, ...] = NO_ELECTION_REGENCY_PREFIXES,
) -> Office | None:
    """The head-of-region office elected in a Pilkada for `region`, or None when it has no such race."""
    if region.level == Level.PROVINCE:
        return None if region.code in excluded_provinces else Office.GOVERNOR
    if region.level != Level.REGENCY or region.code.startswith(excluded_regency_prefixes):
        return None
    return Office.MAYOR if region.is_city else Office.REGENT


def reference_data() -> list[dict[str, Any]]:
    """The parsed data files in elections/data/, ordered so that an election copying parties comes later."""
    datasets = []
    for path in sorted(DATA_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        _check_dataset(data, path.name)
        datasets.append(data)
    return sorted(datasets, key=lambda data: ("parties_from" in data, data["slug"]))


def load_reference_elections(*, actor=None) -> dict[str, int]:
    """Upsert the elections shipped in elections/data/ and return how many rows of each kind they cover.

    Steps, in one transaction with one audit row ("elections.load_reference_elections"):
    1. check that the regions are loaded when a Pilkada needs them (else ReferenceDataError);
    2. per data file: the election by slug, stages by name, parties by abbreviation (or copied from
       `parties_from` without ballot numbers), national contests by office, regional contests generated from
       the regions table, and candidates by (contest, ballot number);
    3. dates, names and coalitions follow the file on every run; a candidate's nicknames, slogans and hashtags
       are only set when the candidate is created, so what supervisors curate later is kept.

    Rows no longer in the files are left alone (they may be referenced by cases). A second run changes nothing
    and returns the same counts.
    """
    datasets = reference_data()
    if any("regional_contests" in data for data in datasets):
        _require_regions()
    counts: Counter[str] = Counter()
    parties_by_slug: dict[str, list[dict]] = {}
    with transaction.atomic():
        for data in datasets:
            election = _upsert_election(data)
            party_specs = data.get("parties") or _copied_parties(parties_by_slug, data)
            parties_by_slug[data["slug"]] = party_specs
            parties = _upsert_parties(election, party_specs)
            contests = _upsert_national_contests(election, data.get("contests", []))
            counts["elections"] += 1
            counts["stages"] += _upsert_stages(election, data.get("stages", []))
            counts["parties"] += len(parties)
            counts["contests"] += len(contests)
            if "regional_contests" in data:
                counts["contests"] += _upsert_regional_contests(election, data["regional_contests"])
            counts["candidates"] += _upsert_candidates(contests, parties, data.get("candidates", []))
        totals = {key: counts[key] for key in ("elections", "stages", "parties", "contests", "candidates")}
        summary = _("Data acuan pemilihan dimuat: %(elections)d pemilihan, %(contests)d kontestasi.") % totals
        audit.record(actor=actor, action="elections.load_reference_elections", summary=summary, changes=totals)
    return totals


# The keys each table of a data file may have; a key TOML attached to the wrong table is caught here.
DATASET_KEYS = {
    "": {"slug", "name", "kind", "year", "voting_day", "legal_basis", "parties_from", "stages", "parties"}
    | {"contests", "regional_contests", "candidates"},
    "stages": {"kind", "name", "start", "end", "source"},
    "parties": {"ballot_number", "abbreviation", "name", "is_local"},
    "contests": {"office", "determination_date"},
    "candidates": {"office", "ballot_number", "name", "running_mate", "acronym", "nicknames", "parties"}
    | {"is_independent", "slogans", "hashtags"},
}


def _check_dataset(data: dict, file_name: str) -> None:
    for table, allowed in DATASET_KEYS.items():
        for item in data.get(table, []) if table else [data]:
            if unknown := set(item) - allowed:
                raise ReferenceDataError(f"{file_name}: kunci tidak dikenal di {table or 'awal berkas'}: {unknown}")
    if data.get("kind") not in ElectionKind.values:
        raise ReferenceDataError(f"{file_name}: kind {data.get('kind')!r} tidak dikenal.")
    for stage in data.get("stages", []):
        if stage["kind"] not in StageKind.values or stage["end"] < stage["start"]:
            raise ReferenceDataError(f"{file_name}: tahapan {stage['name']!r} tidak valid (jenis atau tanggal).")
    for contest in data.get("contests", []) + data.get("candidates", []):
        if contest["office"] not in Office.values:
            raise ReferenceDataError(f"{file_name}: jabatan {contest['office']!r} tidak dikenal.")
    abbreviations = {party["abbreviation"] for party in data.get("parties", [])}
    for candidate in data.get("candidates", []):
        if unknown := set(candidate.get("parties", [])) - abbreviations:
            raise ReferenceDataError(f"{file_name}: partai {sorted(unknown)} tidak ada di daftar partai.")


def _require_regions() -> None:
    levels = set(Region.objects.filter(level__in=[Level.PROVINCE, Level.REGENCY]).values_list("level", flat=True))
    if levels != {Level.PROVINCE, Level.REGENCY}:
        raise ReferenceDataError(
            _(
                "Data wilayah (provinsi dan kabupaten/kota) belum dimuat, padahal kontestasi Pilkada dibuat dari "
                "data itu. Jalankan dulu `manage.py load_regions`, lalu ulangi `manage.py load_elections`."
            )
        )


def _upsert_election(data: dict) -> Election:
    fields = ("name", "kind", "year", "voting_day", "legal_basis")
    defaults = {field: data.get(field, "") for field in fields}
    return Election.objects.update_or_create(slug=data["slug"], defaults=defaults)[0]


def _upsert_stages(election: Election, specs: list[dict]) -> int:
    for spec in specs:
        defaults = {field: spec.get(field, "") for field in ("kind", "start", "end", "source")}
        Stage.objects.update_or_create(election=election, name=spec["name"], defaults=defaults)
    return len(specs)


def _copied_parties(parties_by_slug: dict[str, list[dict]], data: dict) -> list[dict]:
    source = data.get("parties_from")
    if source is None:
        return []
    if source not in parties_by_slug:
        raise ReferenceDataError(f"{data['slug']}: parties_from {source!r} tidak ada di elections/data/.")
    # A Pilkada has no party ballot: the coalition parties carry no number there.
    return [{**spec, "ballot_number": None} for spec in parties_by_slug[source]]


def _upsert_parties(election: Election, specs: list[dict]) -> dict[str, Party]:
    parties = {}
    for spec in specs:
        defaults = {
            "name": spec["name"],
            "ballot_number": spec.get("ballot_number"),
            "is_local": spec.get("is_local", False),
        }
        party = Party.objects.update_or_create(election=election, abbreviation=spec["abbreviation"], defaults=defaults)
        parties[spec["abbreviation"]] = party[0]
    return parties


def _upsert_national_contests(election: Election, specs: list[dict]) -> dict[str, Contest]:
    contests = {}
    for spec in specs:
        contests[spec["office"]] = Contest.objects.update_or_create(
            election=election,
            office=spec["office"],
            region=None,
            defaults={"determination_date": spec.get("determination_date")},
        )[0]
    return contests


def _upsert_regional_contests(election: Election, spec: dict) -> int:
    """Create or update one contest per region with a race; bulk, as a Pilkada has hundreds."""
    exclusions = {
        "excluded_provinces": tuple(spec.get("excluded_provinces", NO_GOVERNOR_ELECTION_PROVINCES)),
        "excluded_regency_prefixes": tuple(spec.get("excluded_regency_prefixes", NO_ELECTION_REGENCY_PREFIXES)),
    }
    regions = Region.objects.filter(level__in=[Level.PROVINCE, Level.REGENCY]).only("code", "level")
    wanted = {(office, region.code) for region in regions if (office := regional_office(region, **exclusions))}
    determination_date = spec.get("determination_date")
    stored = {(c.office, c.region_id): c for c in election.contests.filter(region__isnull=False)}
    Contest.objects.bulk_create(
        Contest(election=election, office=office, region_id=code, determination_date=determination_date)
        for office, code in sorted(wanted - stored.keys())
    )
    stale = [c for key, c in stored.items() if key in wanted and c.determination_date != determination_date]
    for contest in stale:
        contest.determination_date = determination_date
    Contest.objects.bulk_update(stale, ["determination_date"])
    return len(wanted)


def _upsert_candidates(contests: dict[str, Contest], parties: dict[str, Party], specs: list[dict]) -> int:
    for spec in specs:
        identity = {
            "name": spec["name"],
            "running_mate": spec.get("running_mate", ""),
            "acronym": spec.get("acronym", ""),
            "is_independent": spec.get("is_independent", False),
        }
        curated = {field: spec.get(field, []) for field in ("nicknames", "slogans", "hashtags")}
        candidate = Candidate.objects.update_or_create(
            contest=contests[spec["office"]],
            ballot_number=spec["ballot_number"],
            defaults=identity,
            create_defaults={**identity, **curated},
        )[0]
        candidate.parties.set([parties[abbreviation] for abbreviation in spec.get("parties", [])])
    return len(specs)
