"""Scanning files of posts at scale: partitions, a local process pool or a Dask cluster, merged findings.

`plan(paths)` cuts the input into partitions a worker reads by itself, so nothing large crosses process
boundaries and memory stays bounded whatever the file size:

* an uncompressed JSONL file → byte ranges of ``partition_bytes`` (a line belongs to the range it starts in);
* a Parquet file → one partition per row group;
* anything else (CSV, gzip, a JSON document, X API pages) → one partition per file, streamed by its worker.

`scan_partition(partition, context)` reads its records (`patrol.readers`), assesses them in batches
(`patrol.scan.assess_batch`) and returns the assessments, rejects and counts. The driver (`scan_files`)
runs partitions on a local process pool (fork: workers share the read-only context) or on Dask
(``scheduler="tcp://…"``; the context is scattered once to every worker), then merges in partition order:
reject line numbers are made absolute, assessments are grouped into findings (one per ASN per act per
day) and written as JSON lines.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import pickle
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from patrol.assessment import Assessment
from patrol.readers import (
    GZIP_MAGIC,
    Reject,
    RejectLog,
    detect_format,
    read_jsonl_range,
    read_parquet_group,
    read_records,
)
from patrol.scan import ScanContext, assess_batch

PARTITION_BYTES = 8 * 1024 * 1024  # small enough that the last partitions do not leave workers idle long
BATCH = 2_000


@dataclass(frozen=True)
class Partition:
    index: int
    path: str
    format: str
    start: int = 0  # byte offset (jsonl range) or row group (parquet)
    end: int = -1  # byte offset; -1: to the end / the whole file
    size: int = 0  # bytes this partition covers, for progress


@dataclass
class PartitionResult:
    index: int
    assessments: list[Assessment]
    rejects: list[Reject]
    rejected: int
    posts: int
    lines: int
    size: int
    warnings: Counter = field(default_factory=Counter)
    seconds: float = 0.0  # time the worker spent on it


def _compressed(path: Path) -> bool:
    with path.open("rb") as raw:
        return raw.read(2) == GZIP_MAGIC


def plan(paths: Iterable[Path | str], partition_bytes: int = PARTITION_BYTES) -> list[Partition]:
    partitions: list[Partition] = []
    for path in map(Path, paths):
        fmt = detect_format(path)
        size = path.stat().st_size
        if fmt == "jsonl" and not _compressed(path) and size > partition_bytes:
            for start in range(0, size, partition_bytes):
                end = min(size, start + partition_bytes)
                partitions.append(Partition(len(partitions), str(path), "jsonl-range", start, end, end - start))
        elif fmt == "parquet":
            import pyarrow.parquet as pq

            groups = pq.ParquetFile(path).num_row_groups
            for group in range(groups):
                partitions.append(
                    Partition(len(partitions), str(path), "parquet-group", group, group + 1, size // groups)
                )
        else:
            partitions.append(Partition(len(partitions), str(path), fmt, 0, -1, size))
    return partitions


def _records(partition: Partition, log: RejectLog, lines: list[int]) -> Iterator[tuple]:
    path = Path(partition.path)
    if partition.format == "jsonl-range":
        count, records = read_jsonl_range(path, partition.start, partition.end, log)
        lines.append(count)
        yield from records
    elif partition.format == "parquet-group":
        yield from read_parquet_group(path, partition.start, log)
    else:
        yield from read_records(path, rejects=log, format=partition.format)


def _freeze_once(context: ScanContext) -> None:
    """Move the context (a registry of millions of objects) out of the garbage collector's sight.

    Otherwise every full collection walks it again: a third of the scan's time, and in forked workers each
    walk also touches, and so copies, the pages they share with the parent.
    """
    global _frozen_for
    if _frozen_for != id(context):
        gc.freeze()
        _frozen_for = id(context)


_frozen_for: int | None = None


def scan_partition(partition: Partition, context: ScanContext | None = None) -> PartitionResult:
    started = time.perf_counter()
    context = context or _worker_context
    _freeze_once(context)
    log = RejectLog(keep=None)
    captured_at = datetime.now(UTC)
    assessments: list[Assessment] = []
    batch: list[tuple] = []
    posts = 0
    lines: list[int] = []
    for item in _records(partition, log, lines):
        batch.append(item)
        if len(batch) >= BATCH:
            assessments.extend(assess_batch(batch, context, source=partition.path, captured_at=captured_at))
            posts += len(batch)
            batch = []
    if batch:
        assessments.extend(assess_batch(batch, context, source=partition.path, captured_at=captured_at))
        posts += len(batch)
    return PartitionResult(
        partition.index,
        assessments,
        log.rejects,
        log.rejected,
        posts,
        sum(lines),
        partition.size,
        log.warnings,
        time.perf_counter() - started,
    )


# -- running ----------------------------------------------------------------------------------------------------

_worker_context: ScanContext | None = None


def _run_local(partitions: list[Partition], context: ScanContext, workers: int) -> Iterator[PartitionResult]:
    global _worker_context
    if workers <= 1 or len(partitions) == 1:
        for partition in partitions:
            yield scan_partition(partition, context)
        return
    # fork: the workers inherit the context (registry, automata, model) without pickling it
    _worker_context = context
    _freeze_once(context)  # before the fork, so the workers inherit it frozen
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(scan_partition, partitions)
    finally:
        _worker_context = None


def _run_dask(partitions: list[Partition], context: ScanContext, scheduler: str) -> Iterator[PartitionResult]:
    from dask.distributed import Client, as_completed

    # Scattered as one pickled blob, unpickled once per worker: Dask moves a 90 MB bytes object in about a
    # second, but the same registry as Python containers in about twenty.
    blob = pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL)
    token = uuid.uuid4().hex
    with Client(scheduler) as client:
        shared = client.scatter(blob, broadcast=True, hash=False)
        futures = client.map(_scan_on_worker, partitions, blob=shared, token=token, pure=False)
        done: dict[int, PartitionResult] = {}
        following = 0
        for future in as_completed(futures):
            result = future.result()
            done[result.index] = result
            while following in done:  # hand results on in partition order (line numbers are cumulative)
                yield done.pop(following)
                following += 1


_worker_contexts: dict[str, ScanContext] = {}


def _scan_on_worker(partition: Partition, blob: bytes, token: str) -> PartitionResult:
    context = _worker_contexts.get(token)
    if context is None:
        _worker_contexts.clear()  # one scan at a time per worker: drop the previous scan's registry
        context = _worker_contexts[token] = pickle.loads(blob)  # noqa: S301 (our own driver's context)
    return scan_partition(partition, context)


@dataclass
class ScanSummary:
    files: int = 0
    partitions: int = 0
    posts: int = 0
    rejected: int = 0
    assessed: int = 0
    findings: int = 0
    seconds: float = 0.0
    engine: str = "local"
    worker_seconds: float = 0.0  # summed over partitions: seconds - worker_seconds / workers is overhead
    warnings: dict = field(default_factory=dict)

    @property
    def posts_per_second(self) -> float:
        return self.posts / self.seconds if self.seconds else 0.0


def group_findings(assessments: Iterable[Assessment]) -> dict[str, list[Assessment]]:
    """One entry per finding key (ASN, act, day), its posts strongest first."""
    groups: dict[str, list[Assessment]] = {}
    for assessment in assessments:
        if assessment.is_finding:
            groups.setdefault(assessment.key, []).append(assessment)
    for posts in groups.values():
        posts.sort(key=lambda a: -a.score)
    return groups


def finding_record(key: str, posts: list[Assessment]) -> dict:
    best = posts[0]
    return {
        "key": key,
        "act_code": best.act_code,
        "day": best.day.isoformat(),
        "score": best.score,
        "nip": best.nip,
        "asn_id": best.asn_id,
        "platform": best.platform,
        "author_handle": best.author_handle,
        "author_name": best.author_name,
        "link": {"method": best.link_method, "confidence": best.link_confidence, "evidence": best.link_evidence},
        "election": best.election_slug,
        "targets": sorted({t for a in posts for t in a.targets}),
        "explanation": list(best.explanation),
        "posts": [a.to_json() for a in posts],
    }


def scan_files(
    paths: list[Path | str],
    context: ScanContext,
    *,
    out: Path | None = None,
    rejects: Path | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_bytes: int = PARTITION_BYTES,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[ScanSummary, dict[str, list[Assessment]]]:
    """Scan `paths`; write findings to `out` and rejects to `rejects` (JSONL); return the summary and findings.

    ``on_progress(done_bytes, total_bytes)`` is called after each partition.
    """
    started = time.perf_counter()
    context.book.build_all()
    partitions = plan(paths, partition_bytes)
    total = sum(p.size for p in partitions)
    summary = ScanSummary(files=len({p.path for p in partitions}), partitions=len(partitions))
    if scheduler:
        summary.engine = f"dask {scheduler}"
        results = _run_dask(partitions, context, scheduler)
    else:
        workers = workers or os.cpu_count() or 1
        summary.engine = f"local ({workers} process{'es' if workers > 1 else ''})"
        results = _run_local(partitions, context, workers)
    assessments: list[Assessment] = []
    warnings: Counter = Counter()
    lines_before: Counter = Counter()  # per file, lines in the partitions already merged
    done = 0
    reject_stream = rejects.open("w", encoding="utf-8") if rejects else None
    try:
        for partition, result in zip(partitions, results, strict=True):
            offset = lines_before[partition.path]
            for reject in result.rejects:
                line = (
                    reject.line + offset
                    if reject.line is not None and partition.format == "jsonl-range"
                    else reject.line
                )
                if reject_stream:
                    entry = asdict(reject) | {"line": line}
                    reject_stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
            lines_before[partition.path] += result.lines
            summary.posts += result.posts
            summary.rejected += result.rejected
            assessments.extend(result.assessments)
            warnings.update(result.warnings)
            done += result.size
            summary.worker_seconds += result.seconds
            if on_progress:
                on_progress(done, total)
    finally:
        if reject_stream:
            reject_stream.close()
    findings = group_findings(assessments)
    summary.assessed = len(assessments)
    summary.findings = len(findings)
    summary.warnings = dict(warnings)
    if out is not None:
        with out.open("w", encoding="utf-8") as stream:
            for key, posts in findings.items():
                stream.write(json.dumps(finding_record(key, posts), ensure_ascii=False, default=str) + "\n")
    summary.seconds = time.perf_counter() - started
    return summary, findings
