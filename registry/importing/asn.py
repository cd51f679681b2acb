"""Importing ASN from a staff list: batches of checked rows, each written in its own transaction."""

from collections import defaultdict
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from core import audit
from core.tabular import ImportReport
from registry.importing.columns import AsnRecord, Source
from registry.importing.parallel import clean_batches
from registry.importing.rows import AsnRowCleaner
from registry.importing.writers import asn_writer, chunks
from registry.models import ASN, Agency, SocialAccount


def import_asn(
    source: Source,
    *,
    file_name: str | None = None,
    actor,
    agency: Agency | None = None,
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Create or update ASN from a CSV/XLSX file (columns in the package docstring), batch by batch.

    Steps: read and check each row in Python (agency and region codes are loaded once; a large file is
    read and checked in a worker process while this one writes, see parallel.py); every `batch_size`
    rows, drop rows whose social accounts belong to someone else, skip rows identical to what is stored,
    upsert the rest in the batch's own transaction and write one audit row. A batch the database refuses
    is rolled back whole and its rows are reported; other batches stand. `agency` restricts the file to
    that agency (an HR officer importing their own staff). `updated` counts rows whose NIP was already
    registered, changed or not. Raises TabularError when the file is unreadable or lacks a required
    column (batches written before that stay written).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    report = ImportReport()
    cleaner = AsnRowCleaner(agency=agency)
    name = file_name or (str(source) if isinstance(source, str | Path) else "")
    for batch in clean_batches(source, file_name, cleaner, batch_size):
        report.total_rows = batch.rows_read
        report.errors.extend(batch.errors)
        _write_asn_batch(batch.records, batch.update_fields, report=report, actor=actor, file_name=name)
        if progress is not None:
            progress(report.total_rows)
    report.errors.sort(key=attrgetter("line"))  # a refused batch reports after its rows' field errors
    return report


def _write_asn_batch(
    batch: list[AsnRecord], update_fields: list[str], *, report: ImportReport, actor, file_name: str
) -> None:
    """Write one batch in its own transaction with its audit row; report it as created/updated or refused."""
    batch = _drop_taken_accounts(batch, report)
    if not batch:
        return
    first, last = batch[0].line, batch[-1].line
    try:
        with transaction.atomic():
            created, updated = _upsert_batch(batch, update_fields)
            audit.record(
                actor=actor,
                action="registry.import_asn",
                summary=_(
                    "Impor ASN dari %(file)s, baris %(first)d–%(last)d: %(created)d baru, %(updated)d diperbarui."
                )
                % {"file": file_name or "-", "first": first, "last": last, "created": created, "updated": updated},
                changes={"file": file_name, "lines": [first, last], "created": created, "updated": updated},
            )
    except DatabaseError as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        message = _("Baris %(first)d–%(last)d tidak disimpan karena basis data menolak kelompok ini: %(error)s")
        for record in batch:
            report.add_error(record.line, "", message % {"first": first, "last": last, "error": detail})
        return
    report.created += created
    report.updated += updated


def _upsert_batch(batch: list[AsnRecord], update_fields: list[str]) -> tuple[int, int]:
    """Write new and changed rows, leave identical ones alone, then replace changed account lists."""
    writer = asn_writer()
    existing = writer.existing([record.nip for record in batch], update_fields)
    values = attrgetter(*update_fields)
    changed = [record for record in batch if existing.get(record.nip, (0, None))[1] != values(record)]
    created, ids = writer.write(changed, update_fields, existing.keys())
    fresh = {pk for nip, pk in ids.items() if nip not in existing}
    ids.update((nip, found[0]) for nip, found in existing.items() if nip not in ids)
    wanted = {ids[record.nip]: set(record.accounts) for record in batch if record.accounts is not None}
    _replace_accounts(wanted, fresh, writer)
    return created, len(batch) - created


def _replace_accounts(wanted: dict[int, set[tuple[str, str]]], fresh: set[int], writer) -> None:
    """Give each ASN exactly the accounts listed for it, touching only those whose list changed.

    `fresh` are ASN created by this batch: they have no accounts yet, so they need no lookup and no delete.
    """
    if not wanted:
        return
    current: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for chunk in chunks([asn_id for asn_id in wanted if asn_id not in fresh]):
        for asn_id, platform, handle in SocialAccount.objects.filter(asn_id__in=chunk).values_list(
            "asn_id", "platform", "handle"
        ):
            current[asn_id].add((platform, handle))
    changed = [asn_id for asn_id, accounts in wanted.items() if current.get(asn_id, set()) != accounts]
    for chunk in chunks([asn_id for asn_id in changed if asn_id not in fresh]):
        SocialAccount.objects.filter(asn_id__in=chunk).delete()
    writer.add_accounts([(asn_id, p, h) for asn_id in changed for p, h in sorted(wanted[asn_id])])


def _drop_taken_accounts(batch: list[AsnRecord], report: ImportReport) -> list[AsnRecord]:
    """Refuse rows whose social accounts already belong to another ASN in the registry."""
    wanted = {account for record in batch if record.accounts for account in record.accounts}
    if not wanted:
        return batch
    replacing = {record.nip for record in batch if record.accounts is not None}
    by_platform: dict[str, list[str]] = defaultdict(list)
    for platform, handle in wanted:
        by_platform[platform].append(handle)
    owner_ids = {}
    for platform, handles in by_platform.items():  # (platform, handle) is the unique index
        for chunk in chunks(handles):
            found = SocialAccount.objects.filter(platform=platform, handle__in=chunk).values_list("handle", "asn_id")
            owner_ids.update(((platform, handle), asn_id) for handle, asn_id in found)
    # The NIPs in a second query rather than a join: on a freshly loaded registry the planner may hash-join
    # the whole ASN table for a few hundred accounts.
    nips = {}
    for chunk in chunks(list(set(owner_ids.values()))):
        nips.update(ASN.objects.filter(pk__in=chunk).values_list("id", "nip"))
    owners = {account: nips[asn_id] for account, asn_id in owner_ids.items() if nips[asn_id] not in replacing}
    kept = []
    for record in batch:
        taken = [account for account in record.accounts or () if owners.get(account, record.nip) != record.nip]
        for platform, handle in taken:
            report.add_error(
                record.line,
                "akun_medsos",
                _("Akun %(platform)s @%(handle)s sudah terdaftar atas NIP %(nip)s.")
                % {"platform": platform, "handle": handle, "nip": owners[(platform, handle)]},
            )
        if not taken:
            kept.append(record)
    return kept
