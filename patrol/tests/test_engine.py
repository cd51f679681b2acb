"""Scanning files at scale: partitions of any size give the same findings, rejects keep their true line numbers,
every input format scans, and a process pool or a Dask cluster gives what one process gives."""

import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from patrol import training
from patrol.book import ElectionBook
from patrol.engine import plan, scan_files
from patrol.linkage import Registry
from patrol.scan import ScanContext

pytestmark = pytest.mark.unit

ASN = [("instagram", f"asn.{n}", n, f"19800101200501{n:04d}", "31.75") for n in range(1, 6)]
TEXTS = [
    "Ayo coblos nomor 3 Pramono-Rano!",
    "Mas Pram pasti menang, pilih nomor 3!",
    "Kang Emil paling pantas, coblos nomor 1 #ridoaja",
    "Ayo datang ke TPS tanggal 27 November, gunakan hak pilih kalian!",
    "Selamat pagi warga Jakarta, jangan lupa sarapan",
]


@pytest.fixture(scope="module")
def context():
    registry = Registry.from_rows(accounts=ASN)
    return ScanContext(ElectionBook.from_toml(training.FIXTURE_BOOK), registry, training.shipped_model())


def records(count: int = 60) -> list[dict]:
    """`count` posts of five registered ASN and a citizen over three days, findings and neutral posts mixed."""
    out = []
    for n in range(count):
        author = "warga.biasa" if n % 6 == 5 else f"asn.{n % 5 + 1}"
        out.append({
            "platform": "instagram", "post_id": f"P{n}", "author_handle": author, "kind": "post",
            "text": TEXTS[n % len(TEXTS)], "posted_at": f"2024-11-{10 + n % 3}T{8 + n % 12:02d}:00:00+07:00",
        })  # fmt: skip
    return out


def write_jsonl(path, lines: list) -> None:
    """Each item a line: dicts as JSON, bytes as written (for broken lines)."""
    with path.open("wb") as stream:
        for line in lines:
            stream.write(line if isinstance(line, bytes) else json.dumps(line).encode() + b"\n")


def keys(findings: dict) -> list[str]:
    return sorted(findings)


def post_ids(findings: dict) -> dict[str, list[str]]:
    return {key: sorted(a.post_id for a in posts) for key, posts in findings.items()}


@pytest.fixture(scope="module")
def posts_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("scan") / "posts.jsonl"
    write_jsonl(path, records())
    return path


@pytest.fixture(scope="module")
def one_partition(posts_file, context):
    """Findings of the whole file as one partition in this process: what every other way must reproduce."""
    summary, findings = scan_files([posts_file], context, workers=1)
    assert (summary.partitions, summary.posts, summary.rejected) == (1, 60, 0)
    return findings


def test_the_file_gives_findings_for_asn_only_one_per_asn_act_and_day(one_partition):
    authors = {a.author_handle for posts in one_partition.values() for a in posts}

    assert authors <= {f"asn.{n}" for n in range(1, 6)}
    assert len(one_partition) == len({(k.split("|")[0], k.split("|")[2]) for k in one_partition})
    assert len(one_partition) >= 5


def test_many_small_partitions_give_the_same_findings_as_one(posts_file, context, one_partition):
    summary, findings = scan_files([posts_file], context, workers=1, partition_bytes=700)

    assert summary.partitions > 10
    assert summary.posts == 60
    assert post_ids(findings) == post_ids(one_partition)


def test_two_local_workers_give_the_same_findings_as_one(posts_file, context, one_partition):
    summary, findings = scan_files([posts_file], context, workers=2, partition_bytes=700)

    assert summary.engine == "local (2 processes)"
    assert post_ids(findings) == post_ids(one_partition)


def test_reject_lines_are_the_true_line_numbers_in_later_partitions(tmp_path, context):
    lines = records(40)
    lines[3] = b'{"platform": "instagram", broken\n'
    lines[25] = {
        "platform": "instagram",
        "post_id": "no-author",
        "kind": "post",
        "text": "x",
        "posted_at": "2024-11-10T08:00Z",
    }
    lines[38] = b"\xff\xfe not utf-8\n"
    path, rejects = tmp_path / "posts.jsonl", tmp_path / "rejects.jsonl"
    write_jsonl(path, lines)

    summary, _ = scan_files([path], context, workers=1, partition_bytes=500, rejects=rejects)

    written = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert summary.partitions > 5
    assert (summary.posts, summary.rejected) == (37, 3)
    assert [(r["line"], r["reason"].split(":")[0]) for r in written] == [
        (4, "malformed JSON"),
        (26, "missing field"),
        (39, "not UTF-8"),
    ]


def test_plan_cuts_jsonl_into_byte_ranges_and_parquet_into_row_groups(tmp_path, posts_file):
    parquet = tmp_path / "posts.parquet"
    pq.write_table(pa.Table.from_pylist(records(30)), parquet, row_group_size=10)
    gzipped = tmp_path / "posts.jsonl.gz"
    gzipped.write_bytes(gzip.compress(posts_file.read_bytes()))

    partitions = plan([posts_file, parquet, gzipped], partition_bytes=2_000)

    formats = [p.format for p in partitions]
    assert formats.count("parquet-group") == 3
    assert formats[-1] == "jsonl"  # a compressed file is streamed whole by one worker
    assert sum(p.size for p in partitions if p.format == "jsonl-range") == posts_file.stat().st_size


def test_parquet_with_several_row_groups_gives_the_findings_of_the_same_posts_as_jsonl(tmp_path, context):
    parquet, jsonl = tmp_path / "posts.parquet", tmp_path / "posts.jsonl"
    pq.write_table(pa.Table.from_pylist(records(30)), parquet, row_group_size=7)
    write_jsonl(jsonl, records(30))

    summary, findings = scan_files([parquet], context, workers=1)
    _, expected = scan_files([jsonl], context, workers=1)

    assert (summary.partitions, summary.posts) == (5, 30)
    assert post_ids(findings) == post_ids(expected)


def test_parquet_rejects_carry_their_row_number_across_row_groups(tmp_path, context):
    rows = records(20)
    rows[13]["posted_at"] = "2024-11-10T08:00:00"  # no zone
    parquet, rejects = tmp_path / "posts.parquet", tmp_path / "rejects.jsonl"
    pq.write_table(pa.Table.from_pylist(rows), parquet, row_group_size=5)

    summary, _ = scan_files([parquet], context, workers=1, rejects=rejects)

    [written] = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert (summary.rejected, written["record"], written["reason"]) == (1, 14, "posted_at has no time zone")


def test_csv_and_gzip_jsonl_give_the_same_findings_as_jsonl(tmp_path, context):
    rows = records(30)
    csv_path, gz_path, jsonl = tmp_path / "posts.csv", tmp_path / "posts.jsonl.gz", tmp_path / "posts.jsonl"
    header = list(rows[0])
    csv_lines = [",".join(header)] + [",".join(json.dumps(str(row[k])) for k in header) for row in rows]
    csv_path.write_text("\n".join(csv_lines) + "\n", encoding="utf-8")
    write_jsonl(jsonl, rows)
    gz_path.write_bytes(gzip.compress(jsonl.read_bytes()))

    _, expected = scan_files([jsonl], context, workers=1)
    csv_summary, from_csv = scan_files([csv_path], context, workers=1)
    gz_summary, from_gz = scan_files([gz_path], context, workers=1)

    assert (csv_summary.posts, gz_summary.posts) == (30, 30)
    assert post_ids(from_csv) == post_ids(expected)
    assert post_ids(from_gz) == post_ids(expected)


def test_an_x_api_page_scans_with_the_user_from_includes(tmp_path):
    page = {
        "data": [
            {"id": "1850000000000000001", "author_id": "9", "created_at": "2024-11-10T02:00:00.000Z",
             "text": "Ayo coblos nomor 3 Pramono-Rano!"},
            {"id": "1850000000000000002", "author_id": "9", "created_at": "2024-11-10T03:00:00.000Z",
             "text": "Selamat pagi warga Jakarta"},
        ],
        "includes": {"users": [{"id": "9", "username": "Budi_ASN", "name": "Budi", "description": "PNS Pemprov DKI"}]},
        "meta": {"result_count": 2},
    }  # fmt: skip
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    context = ScanContext(ElectionBook.from_toml(training.FIXTURE_BOOK), Registry(), training.shipped_model())

    summary, findings = scan_files([path], context, workers=1)

    assert (summary.posts, summary.rejected) == (2, 0)
    assert post_ids(findings) == {"x:@budi_asn|DSP-06|2024-11-10": ["1850000000000000001"]}


def test_bad_encodings_malformed_lines_and_a_giant_post_are_counted_and_the_scan_goes_on(tmp_path, context):
    lines = records(12)
    giant = dict(lines[0], post_id="giant", text="Ayo coblos nomor 3! " * 1_100)  # 22,000 characters
    bad = [b"\xc3\x28 invalid utf-8\n", b"{not json}\n", b"[1, 2]\n", json.dumps(giant).encode() + b"\n"]
    path, rejects = tmp_path / "posts.jsonl", tmp_path / "rejects.jsonl"
    write_jsonl(path, lines[:6] + bad + lines[6:])
    clean = tmp_path / "clean.jsonl"
    write_jsonl(clean, lines)

    summary, findings = scan_files([path], context, workers=1, rejects=rejects)
    _, expected = scan_files([clean], context, workers=1)

    written = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert (summary.posts, summary.rejected) == (12, 4)
    assert [(r["line"], r["reason"]) for r in written] == [
        (7, "not UTF-8"),
        (8, written[1]["reason"]),
        (9, "not a JSON object"),
        (10, "text longer than 20000 characters"),
    ]
    assert written[1]["reason"].startswith("malformed JSON")
    assert post_ids(findings) == post_ids(expected)


def test_findings_file_has_one_record_per_key_with_its_posts(tmp_path, posts_file, context, one_partition):
    out = tmp_path / "findings.jsonl"

    summary, _ = scan_files([posts_file], context, workers=1, out=out)

    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["key"] for r in written) == keys(one_partition)
    assert summary.findings == len(written)
    first = written[0]
    assert first["key"] == "|".join((first["nip"], first["act_code"], first["day"]))
    assert [p["key"] for p in first["posts"]] == [first["key"]] * len(first["posts"])
    assert [p["score"] for p in first["posts"]] == sorted((p["score"] for p in first["posts"]), reverse=True)


# -- Dask -------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_scheduler():
    """A local Dask cluster of two worker processes (the same code path as a remote cluster)."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_findings_and_reject_lines_as_the_local_engine(tmp_path, dask_scheduler, context):
    lines = records(60)
    lines[45] = b'{"broken\n'
    path = tmp_path / "posts.jsonl"
    write_jsonl(path, lines)
    local_rejects, dask_rejects = tmp_path / "local-rejects.jsonl", tmp_path / "dask-rejects.jsonl"

    _, expected = scan_files([path], context, workers=1, rejects=local_rejects)
    summary, findings = scan_files([path], context, scheduler=dask_scheduler, partition_bytes=600, rejects=dask_rejects)

    assert summary.engine == f"dask {dask_scheduler}"
    assert summary.partitions > 5
    assert post_ids(findings) == post_ids(expected)
    assert [json.loads(line)["line"] for line in dask_rejects.read_text().splitlines()] == [46]
    assert dask_rejects.read_text() == local_rejects.read_text()
