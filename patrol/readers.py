"""Stream posts out of patrol files without loading them whole; bad records go to a ``RejectLog``, the scan goes on.

Formats (``format=`` or, when not given, the suffix, else sniffed from the first bytes):

- ``jsonl``: one JSON object per line (``.jsonl``, ``.ndjson``); each object is a post (``patrol.schema``) or an
  X API v2 page (an object with a ``data`` list), so JSONL of X pages works too.
- ``json``: ``.json`` files. If the first line is a whole JSON value the file is read as JSONL; otherwise it is one
  document (an X page, a post, or a list of either), read whole but refused above ``MAX_DOCUMENT_BYTES``.
- ``csv``: a header row with the schema's field names.
- ``parquet``: columns named as the schema's fields, read one record batch at a time.

Any of these may be gzip-compressed (``.gz`` suffix or gzip magic bytes). X pages map as: a tweet with a
``referenced_tweets`` entry of type ``retweeted`` → ``share`` with ``target`` the original id; ``replied_to`` →
``reply``; ``quoted`` → ``share`` with the quoting text. Authors come from ``includes.users``, alt text from
``includes.media``.
"""

import codecs
import csv
import gzip
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from patrol.schema import FIELDS, REQUIRED, Post, PostError, post_from_mapping, unknown_fields

MAX_LINE_BYTES = 8 * 1024 * 1024  # an X page of 100 tweets with includes is well under 1 MB
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
MAX_KEPT = 1_000  # rejects kept in memory for display; the rejects file gets all of them
EXCERPT = 200
FORMATS = ("jsonl", "json", "csv", "parquet")
SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
GZIP_MAGIC = b"\x1f\x8b"
PARQUET_MAGIC = b"PAR1"
_FIELD_SET = frozenset(FIELDS)
X_KINDS = (("retweeted", "share"), ("replied_to", "reply"), ("quoted", "share"))


@dataclass(frozen=True, slots=True)
class Reject:
    """One refused record: where it was (1-based line and/or record number), why, and its first characters."""

    source: str
    line: int | None
    record: int | None
    reason: str
    excerpt: str


class RejectLog:
    """Collects rejects (and writes each to ``path`` as a JSONL line when given) and counts warnings.

    Use as a context manager, or call ``close()``, when writing to a file.
    """

    def __init__(self, path: Path | None = None, keep: int | None = MAX_KEPT) -> None:
        self.path = path
        self.keep = keep  # how many rejects to hold in memory (None: all, for a worker's partition)
        self.rejects: list[Reject] = []
        self.rejected = 0
        self.warnings: Counter[str] = Counter()
        self._file: IO[str] | None = None

    def reject(self, source: Path | str, reason: str, raw: Any, *, line: int | None = None, record: int | None = None):
        entry = Reject(str(source), line, record, reason, _excerpt(raw))
        self.rejected += 1
        if self.keep is None or len(self.rejects) < self.keep:
            self.rejects.append(entry)
        if self.path is not None:
            if self._file is None:
                self._file = self.path.open("a", encoding="utf-8")
            self._file.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")

    def warn(self, message: str, count: int = 1) -> None:
        self.warnings[message] += count

    @property
    def warning_count(self) -> int:
        return self.warnings.total()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> "RejectLog":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_posts(path: Path, *, rejects: RejectLog | None = None, format: str | None = None) -> Iterator[Post]:
    """Yield the valid posts of one file, in file order; every refused record goes to ``rejects``."""
    for post, _ in read_records(path, rejects=rejects, format=format):
        yield post


def read_records(
    path: Path, *, rejects: RejectLog | None = None, format: str | None = None
) -> Iterator[tuple[Post, dict]]:
    """Like `read_posts`, with each post the record as received (an X tweet: ``{"tweet": …, "author": …}``)."""
    path = Path(path)
    log = rejects if rejects is not None else RejectLog()
    fmt = format or detect_format(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format: {fmt}")
    if fmt == "parquet":
        yield from _read_parquet(path, log)
        return
    with _open_binary(path) as stream:
        if fmt == "csv":
            yield from _read_csv(stream, path, log)
        elif fmt == "json" and not _first_line_is_json(stream):
            yield from _read_document(stream, path, log)
        else:
            yield from _read_jsonl(stream, path, log)


def read_batches(
    paths: Iterable[Path], batch_size: int = 10_000, *, rejects: RejectLog | None = None
) -> Iterator[list[Post]]:
    """The posts of several files in lists of at most ``batch_size`` (the last may be shorter)."""
    batch: list[Post] = []
    for path in paths:
        for post in read_posts(path, rejects=rejects):
            batch.append(post)
            if len(batch) >= batch_size:
                yield batch
                batch = []
    if batch:
        yield batch


def detect_format(path: Path) -> str:
    """The format named by the suffix (``.gz`` looked through), else sniffed from the first bytes."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    if suffixes and suffixes[-1] in SUFFIXES:
        return SUFFIXES[suffixes[-1]]
    with path.open("rb") as raw:
        if raw.read(4) == PARQUET_MAGIC:
            return "parquet"
    with _open_binary(path) as stream:
        head = stream.read(4096).removeprefix(codecs.BOM_UTF8).lstrip()
    return "json" if head[:1] in (b"{", b"[") else "csv"


def _open_binary(path: Path) -> IO[bytes]:
    with path.open("rb") as raw:
        magic = raw.read(2)
    return gzip.open(path, "rb") if magic == GZIP_MAGIC else path.open("rb")


def _first_line_is_json(stream: IO[bytes]) -> bool:
    """Whether the first non-blank line is a whole JSON value (then the file is JSONL); rewinds the stream."""
    try:
        for line in iter(lambda: stream.readline(MAX_LINE_BYTES), b""):
            if line.strip():
                json.loads(line.removeprefix(codecs.BOM_UTF8))
                return True
        return True
    except ValueError:  # also UnicodeDecodeError
        return False
    finally:
        stream.seek(0)


def read_jsonl_range(path: Path, start: int, end: int, log: RejectLog) -> tuple[int, Iterator[tuple[Post, dict]]]:
    """(line count, records) of the lines that *start* in bytes [start, end) of an uncompressed JSONL file.

    Lets workers read their own part of a file larger than memory. Line numbers in rejects count from the
    first line of the range; the caller adds the line counts of the ranges before it.
    """
    stream = io.BytesIO()
    count = 0
    for line in _range_lines(Path(path), start, end):
        stream.write(line)
        count += 1
    stream.seek(0)
    return count, _read_jsonl(stream, Path(path), log, first_is_file_start=start == 0)


def _range_lines(path: Path, start: int, end: int) -> Iterator[bytes]:
    """The lines starting in [start, end); an overlong line is cut to MAX_LINE_BYTES + 1 bytes (still overlong)."""
    with path.open("rb") as raw:
        if start > 0:
            raw.seek(start - 1)
            if raw.read(1) != b"\n":
                _skip_line(raw)  # the line in progress belongs to the previous range
        while raw.tell() < end and (line := raw.readline(MAX_LINE_BYTES)):
            if len(line) == MAX_LINE_BYTES and not line.endswith(b"\n"):
                _skip_line(raw)
                line += b"x\n"
            yield line


def _skip_line(raw: IO[bytes]) -> None:
    while (rest := raw.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
        pass


def _read_jsonl(
    stream: IO[bytes], source: Path, log: RejectLog, *, first_is_file_start: bool = True
) -> Iterator[tuple[Post, dict]]:
    for number, raw in enumerate(_lines(stream, source, log), start=1):
        if raw is None or not raw.strip():
            continue  # too long (already rejected) or blank
        if number == 1 and first_is_file_start:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            value = orjson.loads(raw)  # validates UTF-8 itself; several times faster than json on a national scan
        except orjson.JSONDecodeError:
            try:
                text = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                log.reject(source, "not UTF-8", raw, line=number)
                continue
            try:  # the standard parser again, for its plain-words reason
                value = json.loads(text)
            except json.JSONDecodeError as error:
                log.reject(source, f"malformed JSON: {error.msg} (column {error.colno})", text, line=number)
                continue
        yield from _posts_from_value(value, source, log, line=number)


def _lines(stream: IO[bytes], source: Path, log: RejectLog) -> Iterator[bytes | None]:
    """Lines with a bounded length: an overlong line is rejected, skipped to its end and yielded as ``None``."""
    number = 0
    while line := stream.readline(MAX_LINE_BYTES):
        number += 1
        if len(line) == MAX_LINE_BYTES and not line.endswith(b"\n"):
            log.reject(source, f"line longer than {MAX_LINE_BYTES} bytes", line, line=number)
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def _read_document(stream: IO[bytes], source: Path, log: RejectLog) -> Iterator[tuple[Post, dict]]:
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        log.reject(source, f"JSON document larger than {MAX_DOCUMENT_BYTES} bytes; use JSONL", data[:EXCERPT])
        return
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        log.reject(source, "not UTF-8", data)
        return
    except json.JSONDecodeError as error:
        log.reject(source, f"malformed JSON: {error.msg} (line {error.lineno})", data, line=error.lineno)
        return
    items = value if isinstance(value, list) else [value]
    for index, item in enumerate(items, start=1):
        yield from _posts_from_value(item, source, log, record=index if isinstance(value, list) else None)


def _posts_from_value(
    value: Any, source: Path, log: RejectLog, *, line=None, record=None
) -> Iterator[tuple[Post, dict]]:
    if not isinstance(value, dict):
        log.reject(source, "not a JSON object", value, line=line, record=record)
    elif isinstance(value.get("data"), list | dict):  # a tweet lookup by id has one object as "data"
        if isinstance(value.get("errors"), list) and value["errors"]:
            log.warn("X API errors in page", len(value["errors"]))
        yield from _posts_from_x_page(value, source, log, line=line)
    elif "meta" in value and "platform" not in value:
        pass  # an X page with no results has no "data" at all
    else:
        post = _post(value, source, log, line=line, record=record)
        if post is not None:
            if not _FIELD_SET.issuperset(value):
                log.warn(f"unknown fields: {', '.join(unknown_fields(value))}")
            yield post, value


def _post(data: Mapping, source: Path, log: RejectLog, *, line=None, record=None) -> Post | None:
    try:
        return post_from_mapping(data)
    except PostError as error:
        log.reject(source, error.reason, data, line=line, record=record)
        return None


def _posts_from_x_page(page: Mapping, source: Path, log: RejectLog, *, line: int | None) -> Iterator[tuple[Post, dict]]:
    includes = page.get("includes") if isinstance(page.get("includes"), dict) else {}
    users = {str(u.get("id")): u for u in includes.get("users") or [] if isinstance(u, dict)}
    media = {str(m.get("media_key")): m for m in includes.get("media") or [] if isinstance(m, dict)}
    tweets = page["data"] if isinstance(page["data"], list) else [page["data"]]
    for index, tweet in enumerate(tweets, start=1):
        if not isinstance(tweet, dict):
            log.reject(source, "tweet is not a JSON object", tweet, line=line, record=index)
            continue
        user = users.get(str(tweet.get("author_id")))
        if user is None:
            reason = f"author {tweet.get('author_id')} not in includes.users"
            log.reject(source, reason, tweet, line=line, record=index)
            continue
        post = _post(_x_record(tweet, user, media), source, log, line=line, record=index)
        if post is not None:
            yield post, {"tweet": tweet, "author": user}


def _x_record(tweet: Mapping, user: Mapping, media: Mapping[str, Mapping]) -> dict[str, Any]:
    """An X API v2 tweet and its author as a schema record (validated afterwards like any other)."""
    kind, target = "post", ""
    references = {r.get("type"): str(r.get("id")) for r in tweet.get("referenced_tweets") or [] if isinstance(r, dict)}
    for reference, mapped in X_KINDS:
        if reference in references:
            kind, target = mapped, references[reference]
            break
    username = user.get("username") or ""
    tweet_id = tweet.get("id")
    entities = tweet.get("entities") if isinstance(tweet.get("entities"), dict) else {}
    keys = (tweet.get("attachments") or {}).get("media_keys") or []
    alt = [media[k].get("alt_text") or "" for k in keys if k in media]
    return {
        "platform": "x",
        "post_id": tweet_id,
        "url": f"https://x.com/{username}/status/{tweet_id}" if username else "",
        "author_handle": username,
        "author_name": user.get("name"),
        "author_bio": user.get("description"),
        "text": tweet.get("text"),
        "kind": kind,
        "target": target,
        "posted_at": tweet.get("created_at"),
        "media_text": "\n".join(a for a in alt if a),
        "hashtags": [h.get("tag", "") for h in entities.get("hashtags") or [] if isinstance(h, dict)],
    }


def _read_csv(stream: IO[bytes], source: Path, log: RejectLog) -> Iterator[tuple[Post, dict]]:
    # surrogateescape keeps bad bytes visible per row, so one bad row is rejected instead of the whole file
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(text)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error):
        return
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        log.reject(source, f"header lacks: {', '.join(missing)}", ",".join(header), line=1)
        return
    extra = sorted(name for name in header if name not in FIELDS)
    record = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            log.reject(source, f"malformed CSV: {error}", "", line=reader.line_num)
            continue
        if not any(cell.strip() for cell in row):
            continue
        record += 1
        line = reader.line_num
        if any(_has_bad_bytes(cell) for cell in row):
            log.reject(source, "not UTF-8", ",".join(row), line=line, record=record)
        elif len(row) != len(header):
            log.reject(source, f"row has {len(row)} fields, header has {len(header)}", ",".join(row), line=line)
        else:
            data = dict(zip(header, row, strict=True))
            post = _post(data, source, log, line=line, record=record)
            if post is not None:
                if extra:
                    log.warn(f"unknown fields: {', '.join(extra)}")
                yield post, data


def _has_bad_bytes(cell: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in cell)


def read_parquet_group(path: Path, group: int, log: RejectLog) -> Iterator[tuple[Post, dict]]:
    """The records of one row group of a Parquet file (a worker's partition); record numbers count from the
    start of the file."""
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    offset = sum(parquet.metadata.row_group(g).num_rows for g in range(group))
    extra = sorted(name for name in parquet.schema_arrow.names if name not in FIELDS)
    for number, row in enumerate(parquet.read_row_group(group).to_pylist(), start=offset + 1):
        post = _post(row, path, log, record=number)
        if post is not None:
            if extra:
                log.warn(f"unknown fields: {', '.join(extra)}")
            yield post, row


def _read_parquet(path: Path, log: RejectLog) -> Iterator[tuple[Post, dict]]:
    import pyarrow.parquet as pq  # only needed here; keeps importing this module cheap

    parquet = pq.ParquetFile(path)
    extra = sorted(name for name in parquet.schema_arrow.names if name not in FIELDS)
    record = 0
    for batch in parquet.iter_batches(batch_size=4096):
        for row in batch.to_pylist():
            record += 1
            post = _post(row, path, log, record=record)
            if post is not None:
                if extra:
                    log.warn(f"unknown fields: {', '.join(extra)}")
                yield post, row


def _excerpt(raw: Any) -> str:
    if isinstance(raw, bytes):
        text = raw[: EXCERPT * 4].decode("utf-8", errors="replace")
    elif isinstance(raw, str):
        text = raw
    else:
        text = json.dumps(raw, ensure_ascii=False, default=str)[: EXCERPT * 2]
    text = text.encode("utf-8", errors="replace").decode("utf-8")  # lone surrogates from CSV
    return text.rstrip("\r\n")[:EXCERPT]
