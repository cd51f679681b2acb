"""Reading and checking an ASN file in batches, in a worker process when the file is large.

The worker reads, parses and checks rows (Python work, one core) while the importing process writes the
previous batch (PostgreSQL work, the other core). The worker is forked: it inherits Django's setup, the
active language (messages are translated there) and the cleaner with its agency and region codes, and it
never touches the database. Batches travel through a pipe, whose small buffer keeps the worker at most
about one batch ahead, so memory stays bounded however long the file is. The cleaner's state across rows
(NIPs and accounts seen earlier in the file) lives in the worker only, which is why there is one worker.
"""

import multiprocessing
import os
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from core.tabular import ImportReport, RowError, TabularError, read_rows
from registry.importing.columns import AsnRecord, Source
from registry.importing.rows import AsnRowCleaner

# Below this size the fork costs more than it saves (about 10,000 rows); tests lower it to 0.
PARALLEL_MIN_BYTES = 2_000_000
WORKER_JOIN_SECONDS = 10


class CleanBatch(NamedTuple):
    """Up to batch_size rows of the file: the good ones as records, the bad ones as errors."""

    rows_read: int  # rows read so far in the whole file
    records: list[AsnRecord]
    errors: list[RowError]
    update_fields: list[str]


def clean_batches(
    source: Source, file_name: str | None, cleaner: AsnRowCleaner, batch_size: int
) -> Iterator[CleanBatch]:
    """The file's rows checked and cut into batches, in a worker process when that pays off."""
    if _source_size(source) >= PARALLEL_MIN_BYTES and "fork" in multiprocessing.get_all_start_methods():
        return _forked_batches(source, file_name, cleaner, batch_size)
    return _batches(source, file_name, cleaner, batch_size)


def _batches(source: Source, file_name: str | None, cleaner: AsnRowCleaner, batch_size: int) -> Iterator[CleanBatch]:
    found = ImportReport()  # collects the current batch's row errors
    records: list[AsnRecord] = []
    for line, row in read_rows(source, file_name):
        if found.total_rows == 0:
            cleaner.bind_columns(row)
        found.total_rows += 1
        record = cleaner.clean(line, row, found)
        if record is not None:
            records.append(record)
        if found.total_rows % batch_size == 0:
            yield CleanBatch(found.total_rows, records, found.errors, cleaner.update_fields)
            records, found.errors = [], []
    if found.total_rows % batch_size:
        yield CleanBatch(found.total_rows, records, found.errors, cleaner.update_fields)


def _forked_batches(
    source: Source, file_name: str | None, cleaner: AsnRowCleaner, batch_size: int
) -> Iterator[CleanBatch]:
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_work, args=(sender, source, file_name, cleaner, batch_size), name="asn-import-reader", daemon=True
    )
    worker.start()
    sender.close()  # our copy: the worker's end closing is what we see as the end of the stream
    try:
        while (message := receiver.recv()) is not None:
            if isinstance(message, BaseException):
                raise message
            yield message
    finally:
        receiver.close()  # a worker still sending (we stopped early) gets a broken pipe and ends
        worker.join(WORKER_JOIN_SECONDS)
        if worker.is_alive():
            worker.terminate()
            worker.join()


def _work(sender, source: Source, file_name: str | None, cleaner: AsnRowCleaner, batch_size: int) -> None:
    """The worker: send each batch, then None; an error is sent instead, to be raised by the importer."""
    try:
        for batch in _batches(source, file_name, cleaner, batch_size):
            sender.send(batch)
        sender.send(None)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the importer stopped reading
    except TabularError as error:
        sender.send(error)
    except BaseException:  # anything else must still reach the importer, picklable or not
        sender.send(RuntimeError(f"ASN import worker failed:\n{traceback.format_exc()}"))
    finally:
        sender.close()


def _source_size(source: Source) -> int:
    if isinstance(source, str | Path):
        return os.path.getsize(source)
    try:
        size = source.seek(0, os.SEEK_END)
        source.seek(0)
    except (AttributeError, OSError, ValueError):
        return 0
    return size
