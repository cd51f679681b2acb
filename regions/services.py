"""Writes to the region table: loading the Kemendagri reference data shipped in regions/data/."""

import csv
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

from django.db import transaction

from core import audit
from regions.models import LEVEL_BY_CODE_PARTS, Level, Region

DATA_DIR = Path(__file__).resolve().parent / "data" / "wilayah_kemendagri"
LEVEL_FILES = {
    Level.PROVINCE: "provinces.csv",
    Level.REGENCY: "regencies.csv",
    Level.DISTRICT: "districts.csv",
    Level.VILLAGE: "villages.csv",
}
LEVEL_LABELS = {
    Level.PROVINCE: "provinsi",
    Level.REGENCY: "kabupaten/kota",
    Level.DISTRICT: "kecamatan",
    Level.VILLAGE: "desa/kelurahan",
}
BATCH_SIZE = 2000

Progress = Callable[[int], object]


def levels_to_load(*, include_districts: bool = False, include_villages: bool = False) -> list[Level]:
    """The levels a load covers, top down: villages need their districts, so they bring them along."""
    levels = [Level.PROVINCE, Level.REGENCY]
    if include_districts or include_villages:
        levels.append(Level.DISTRICT)
    if include_villages:
        levels.append(Level.VILLAGE)
    return levels


def rows_to_load(*, include_districts: bool = False, include_villages: bool = False) -> int:
    """How many rows `load_regions` with the same options will read (the total of a progress bar)."""
    levels = levels_to_load(include_districts=include_districts, include_villages=include_villages)
    return sum(sum(1 for _ in _read_level(level)) for level in levels)


def load_regions(
    *,
    include_districts: bool = False,
    include_villages: bool = False,
    progress: Progress | None = None,
    actor=None,
) -> dict[str, int]:
    """Load the shipped Kemendagri regions into the database and return the number of rows per level.

    Steps, in one transaction (so the audit row commits with the data and a failed load leaves nothing
    half-done):
    1. for each level, top down (provinces and regencies always; districts and villages on request,
       villages implying districts), read the CSV and derive each parent from the code (18.71 -> 18);
    2. compare with what is stored and upsert only new or changed rows, in batches
       (`bulk_create(update_conflicts=True)`), so a second load writes nothing and a renamed region is updated;
    3. call `progress(n)` after every batch with the number of rows just processed;
    4. write one audit row, action "regions.load_regions", with the counts.

    Regions missing from the files are left alone: other records may still point at them.
    """
    levels = levels_to_load(include_districts=include_districts, include_villages=include_villages)
    counts: dict[str, int] = {}
    changes: dict[str, dict[str, int]] = {}
    with transaction.atomic():
        for level in levels:
            counts[level.value], changes[level.value] = _load_level(level, progress)
        summary = "Memuat wilayah Kemendagri: " + ", ".join(
            f"{counts[level.value]} {LEVEL_LABELS[level]}" for level in levels
        )
        audit.record(actor=actor, action="regions.load_regions", summary=summary, changes=changes)
    return counts


def _load_level(level: Level, progress: Progress | None) -> tuple[int, dict[str, int]]:
    """Upsert one level; returns the number of rows read and how many were created and updated."""
    stored = {code: (name, parent_id) for code, name, parent_id in _stored_rows(level)}
    total = created = updated = 0
    for batch in _batches(_read_level(level), BATCH_SIZE):
        # Model instances only for what must be written: building 80k of them costs more than the compare.
        pending = [
            Region(code, name, level, parent_id)
            for code, name, parent_id in batch
            if stored.get(code) != (name, parent_id)
        ]
        if pending:
            Region.objects.bulk_create(
                pending,
                batch_size=BATCH_SIZE,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name", "level", "parent"],
            )
        new = sum(1 for region in pending if region.code not in stored)
        created += new
        updated += len(pending) - new
        total += len(batch)
        if progress is not None:
            progress(len(batch))
    return total, {"rows": total, "created": created, "updated": updated}


def _stored_rows(level: Level):
    return Region.objects.filter(level=level).values_list("code", "name", "parent_id").iterator(chunk_size=10_000)


def _read_level(level: Level) -> Iterator[tuple[str, str, str | None]]:
    """(code, name, parent code) from one level's CSV, the parent taken from the code hierarchy."""
    with (DATA_DIR / LEVEL_FILES[level]).open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            code = row["code"].strip()
            parts = code.split(".")
            if LEVEL_BY_CODE_PARTS.get(len(parts)) != level:
                raise ValueError(f"{LEVEL_FILES[level]}: code {code!r} is not a {level.value} code")
            parent_id = ".".join(parts[:-1]) or None
            yield code, row["name"].strip(), parent_id


def _batches(items: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    while batch := list(islice(items, size)):
        yield batch
