import gzip
import json
import shutil
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from patrol.readers import Reject, RejectLog, detect_format, read_batches, read_posts
from patrol.schema import MAX_TEXT, Post, PostError, PostKind, post_from_mapping

pytestmark = pytest.mark.unit

DATA = Path(__file__).parent / "data"
JSONL = DATA / "posts.jsonl"

ANDI = Post(
    platform="instagram",
    post_id="C1",
    url="https://www.instagram.com/p/C1/",
    author_handle="andi.wijaya",
    author_name="Andi Wijaya",
    author_bio="PNS Dinas PU Kab. Bogor",
    text="Coblos nomor 3! #PilkadaBogor #ASN",
    kind=PostKind.POST,
    target="",
    posted_at=datetime(2029, 2, 1, 1, 0, tzinfo=UTC),
    media_text="",
    hashtags=("pilkadabogor", "asn"),
)
RINA = Post(
    platform="x",
    post_id="1890000000000000099",
    url="",
    author_handle="rina_s",
    author_name="",
    author_bio="",
    text="",
    kind=PostKind.LIKE,
    target="1890000000000000001",
    posted_at=datetime(2029, 2, 1, 2, 30, tzinfo=UTC),
    media_text="",
    hashtags=(),
)
GURU = Post(
    platform="youtube",
    post_id="dQw4w9WgXcQ",
    url="",
    author_handle="guru.honorer",
    author_name="",
    author_bio="",
    text="Mantap pak kandidat",
    kind=PostKind.COMMENT,
    target="dQw4w9WgXcQ0",
    posted_at=datetime(2029, 2, 2, tzinfo=UTC),
    media_text="",
    hashtags=(),
)
BUDI_TWEET = Post(
    platform="x",
    post_id="1890000000000000001",
    url="https://x.com/Budi_Santoso/status/1890000000000000001",
    author_handle="budi_santoso",
    author_name="Budi Santoso, S.Pd.",
    author_bio="Guru SMAN 1 Semarang | ASN Pemprov Jateng",
    text="Ayo dukung paslon nomor 2 untuk Jawa Tengah lebih maju! #Pilkada2029 #Menang02",
    kind=PostKind.POST,
    target="",
    posted_at=datetime(2029, 1, 15, 2, 30, tzinfo=UTC),
    media_text="Poster paslon nomor 2 dengan logo Pemprov",
    hashtags=("pilkada2029", "menang02"),
)
SITI_RETWEET = Post(
    platform="x",
    post_id="1890000000000000002",
    url="https://x.com/siti_rahma/status/1890000000000000002",
    author_handle="siti_rahma",
    author_name="Siti Rahmawati",
    author_bio="Staf Dinas Kesehatan Kab. Demak",
    text="RT @budi_santoso: Ayo dukung paslon nomor 2 untuk Jawa Tengah lebih maju! #Pilkada2029 #Menang02",
    kind=PostKind.SHARE,
    target="1890000000000000001",
    posted_at=datetime(2029, 1, 15, 3, 0, 5, tzinfo=UTC),
    media_text="",
    hashtags=("pilkada2029", "menang02"),
)
WARGA_REPLY = Post(
    platform="x",
    post_id="1890000000000000003",
    url="https://x.com/warga_peduli/status/1890000000000000003",
    author_handle="warga_peduli",
    author_name="Warga Peduli",
    author_bio="",
    text="@budi_santoso Pak, bukannya ASN harus netral?",
    kind=PostKind.REPLY,
    target="1890000000000000001",
    posted_at=datetime(2029, 1, 15, 3, 15, tzinfo=UTC),
    media_text="",
    hashtags=(),
)


GIANT_PREFIX = '{"platform": "facebook", "post_id": "G1", "author_handle": "spam", "kind": "post", "text": "'


def jsonl_rejects(source):
    def reject(line, reason, excerpt):
        return Reject(str(source), line, None, reason, excerpt)

    return [
        reject(
            2,
            "malformed JSON: Expecting ',' delimiter (column 61)",
            '{"platform": "x", "post_id": "M1", "author_handle": "broken"',
        ),
        reject(
            3,
            "not UTF-8",
            '{"platform": "x", "post_id": "E1", "author_handle": "latin1", "kind": "post", "text": "Caf\ufffd", '
            '"posted_at": "2029-02-01T00:00:00Z"}',
        ),
        reject(6, "text longer than 20000 characters", (GIANT_PREFIX + "x" * 200)[:200]),
        reject(
            7,
            "unknown kind: retweet2",
            '{"platform": "x", "post_id": "U1", "author_handle": "someone", "kind": "retweet2", "text": "hi", '
            '"posted_at": "2029-02-03T00:00:00Z"}',
        ),
        reject(
            9,
            "missing field: posted_at",
            '{"platform": "x", "post_id": "D1", "author_handle": "someone", "kind": "post", "text": "hi"}',
        ),
        reject(
            10,
            "posted_at is not a date-time",
            '{"platform": "x", "post_id": "D2", "author_handle": "someone", "kind": "post", "text": "hi", '
            '"posted_at": "kemarin"}',
        ),
        reject(11, "not a JSON object", "[1, 2]"),
    ]


def test_read_posts_jsonl_keeps_good_lines_and_rejects_bad_ones_by_line():
    log = RejectLog()

    posts = list(read_posts(JSONL, rejects=log))

    assert posts == [ANDI, RINA, GURU]
    assert log.rejects == jsonl_rejects(JSONL)
    assert log.rejected == 7
    assert dict(log.warnings) == {"unknown fields: likes, scraped_by": 1}
    assert log.warning_count == 1


def test_read_posts_gzip_jsonl_reads_the_same(tmp_path):
    source = tmp_path / "posts.jsonl.gz"
    source.write_bytes(gzip.compress(JSONL.read_bytes()))
    log = RejectLog()

    posts = list(read_posts(source, rejects=log))

    assert posts == [ANDI, RINA, GURU]
    assert log.rejects == jsonl_rejects(source)


def test_reject_log_writes_every_reject_to_a_jsonl_file(tmp_path):
    out = tmp_path / "rejects.jsonl"

    with RejectLog(out) as log:
        list(read_posts(JSONL, rejects=log))

    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(row["line"], row["reason"]) for row in lines] == [(r.line, r.reason) for r in jsonl_rejects(JSONL)]
    assert lines[0] == {
        "source": str(JSONL),
        "line": 2,
        "record": None,
        "reason": "malformed JSON: Expecting ',' delimiter (column 61)",
        "excerpt": '{"platform": "x", "post_id": "M1", "author_handle": "broken"',
    }
    assert max(len(row["excerpt"]) for row in lines) == 200


def test_read_posts_x_api_page_maps_retweet_and_reply():
    log = RejectLog()

    posts = list(read_posts(DATA / "x_page.json", rejects=log))

    assert posts == [BUDI_TWEET, SITI_RETWEET, WARGA_REPLY]
    assert log.rejects == []


def test_read_posts_x_api_pages_as_jsonl_with_a_missing_author(tmp_path):
    page = json.loads((DATA / "x_page.json").read_text(encoding="utf-8"))
    orphan = {"id": "9", "author_id": "999", "text": "hi", "created_at": "2029-01-15T00:00:00Z"}
    second = {"data": [orphan], "includes": {"users": []}}
    source = tmp_path / "pages.jsonl"
    source.write_text(json.dumps(page) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    log = RejectLog()

    posts = list(read_posts(source, rejects=log))

    assert posts == [BUDI_TWEET, SITI_RETWEET, WARGA_REPLY]
    assert log.rejects == [Reject(str(source), 2, 1, "author 999 not in includes.users", json.dumps(orphan))]


def test_read_posts_x_single_tweet_lookup_and_empty_page(tmp_path):
    page = json.loads((DATA / "x_page.json").read_text(encoding="utf-8"))
    lookup = {"data": page["data"][0], "includes": page["includes"], "errors": [{"title": "Not Found Error"}]}
    empty = {"meta": {"result_count": 0}}
    source = tmp_path / "lookup.jsonl"
    source.write_text(json.dumps(lookup) + "\n" + json.dumps(empty) + "\n", encoding="utf-8")
    log = RejectLog()

    posts = list(read_posts(source, rejects=log))

    assert posts == [BUDI_TWEET]
    assert (log.rejects, dict(log.warnings)) == ([], {"X API errors in page": 1})


def test_read_posts_x_quote_is_a_share_with_text(tmp_path):
    page = {
        "data": [
            {
                "id": "5",
                "author_id": "1",
                "text": "Setuju! #Coblos02",
                "created_at": "2029-01-15T00:00:00Z",
                "referenced_tweets": [{"type": "quoted", "id": "4"}],
            }
        ],
        "includes": {"users": [{"id": "1", "username": "a", "name": "A"}]},
    }
    source = tmp_path / "quote.json"
    source.write_text(json.dumps(page, indent=2), encoding="utf-8")

    [post] = read_posts(source)

    assert (post.kind, post.target, post.text, post.hashtags) == (
        PostKind.SHARE,
        "4",
        "Setuju! #Coblos02",
        ("coblos02",),
    )


def test_read_posts_csv_splits_hashtags_and_rejects_by_line():
    source = DATA / "posts.csv"
    log = RejectLog()

    posts = list(read_posts(source, rejects=log))

    assert posts == [
        Post(
            platform="instagram",
            post_id="C3abcDEF",
            url="https://www.instagram.com/p/C3abcDEF/",
            author_handle="dewi.lestari",
            author_name="Dewi Lestari",
            author_bio="ASN Kemenag Kota Bandung",
            text="Bersama pasangan 01, Bandung juara!",
            kind=PostKind.POST,
            target="",
            posted_at=datetime(2029, 1, 10, 1, 0, tzinfo=UTC),
            media_text="foto kampanye",
            hashtags=("pilkada2029", "bandungjuara"),
        ),
        Post(
            platform="tiktok",
            post_id="7300000000000000001",
            url="",
            author_handle="ahmad.fauzi",
            author_name="Ahmad Fauzi",
            author_bio="",
            text="",
            kind=PostKind.LIKE,
            target="7299999999999999999",
            posted_at=datetime(2029, 1, 11, 12, 0, tzinfo=UTC),
            media_text="",
            hashtags=(),
        ),
    ]
    assert [(r.line, r.record, r.reason) for r in log.rejects] == [
        (4, 3, "missing field: text (required for kind share)")
    ]


def test_read_posts_csv_bad_bytes_extra_columns_and_bom(tmp_path):
    source = tmp_path / "export.csv"
    source.write_bytes(
        b"\xef\xbb\xbfplatform,post_id,author_handle,kind,posted_at,text,likes\n"
        b"x,1,@A,post,2029-01-01T00:00:00Z,Caf\xe9,3\n"
        b"x,2,@B,post,2029-01-01T00:00:00Z,ok,4\n"
        b"x,3,@C,post,2029-01-01T00:00:00Z\n"
    )
    log = RejectLog()

    posts = list(read_posts(source, rejects=log))

    assert [(p.post_id, p.author_handle, p.text) for p in posts] == [("2", "b", "ok")]
    assert [(r.line, r.reason) for r in log.rejects] == [(2, "not UTF-8"), (4, "row has 5 fields, header has 7")]
    assert dict(log.warnings) == {"unknown fields: likes": 1}


def test_read_posts_csv_without_a_required_column_rejects_the_file_once(tmp_path):
    source = tmp_path / "export.csv"
    source.write_text("platform,post_id,kind\nx,1,post\n", encoding="utf-8")
    log = RejectLog()

    assert list(read_posts(source, rejects=log)) == []
    assert [(r.line, r.reason) for r in log.rejects] == [(1, "header lacks: author_handle, posted_at")]


def test_read_posts_parquet_in_batches(tmp_path):
    source = tmp_path / "posts.parquet"
    table = pa.table(
        {
            "platform": ["instagram", "x", "tiktok"],
            "post_id": ["P1", "P2", "P3"],
            "author_handle": ["@Andi.Wijaya", "rina_s", "spam"],
            "text": ["Coblos nomor 3! #PilkadaBogor #ASN", "", "y" * (MAX_TEXT + 1)],
            "kind": ["post", "follow", "post"],
            "target": [None, "budi_santoso", None],
            "posted_at": pa.array(
                [datetime(2029, 2, 1, 1, tzinfo=UTC)] * 3,
                type=pa.timestamp("us", tz="UTC"),
            ),
            "hashtags": [None, [], ["ignored"]],
            "crawler": ["c1", "c1", "c1"],
        }
    )
    pq.write_table(table, source, row_group_size=2)
    log = RejectLog()

    posts = list(read_posts(source, rejects=log))

    assert [(p.post_id, p.author_handle, p.kind, p.target, p.posted_at, p.hashtags) for p in posts] == [
        ("P1", "andi.wijaya", PostKind.POST, "", datetime(2029, 2, 1, 1, tzinfo=UTC), ("pilkadabogor", "asn")),
        ("P2", "rina_s", PostKind.FOLLOW, "budi_santoso", datetime(2029, 2, 1, 1, tzinfo=UTC), ()),
    ]
    assert [(r.record, r.reason) for r in log.rejects] == [(3, "text longer than 20000 characters")]
    assert dict(log.warnings) == {"unknown fields: crawler": 2}


def test_detect_format_by_suffix_and_by_sniffing(tmp_path):
    parquet = tmp_path / "dump.bin"
    pq.write_table(pa.table({"a": [1]}), parquet)
    jsonl = tmp_path / "dump.txt"
    shutil.copy(JSONL, jsonl)
    gz_csv = tmp_path / "dump"
    gz_csv.write_bytes(gzip.compress((DATA / "posts.csv").read_bytes()))

    assert [detect_format(p) for p in (Path("a.jsonl.gz"), Path("a.CSV"), parquet, jsonl, gz_csv)] == [
        "jsonl",
        "csv",
        "parquet",
        "json",
        "csv",
    ]
    assert [p.post_id for p in read_posts(gz_csv)] == ["C3abcDEF", "7300000000000000001"]


def test_read_batches_spans_files(tmp_path):
    log = RejectLog()

    batches = list(read_batches([JSONL, DATA / "x_page.json"], batch_size=4, rejects=log))

    assert batches == [[ANDI, RINA, GURU, BUDI_TWEET], [SITI_RETWEET, WARGA_REPLY]]
    assert log.rejected == 7


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"posted_at": None}, "missing field: posted_at"),
        ({"author_handle": " @ "}, "missing field: author_handle"),
        ({"kind": "retweet2"}, "unknown kind: retweet2"),
        ({"text": ""}, "missing field: text (required for kind post)"),
        ({"posted_at": "2029-01-01T07:00:00"}, "posted_at has no time zone"),
        ({"posted_at": "besok"}, "posted_at is not a date-time"),
        ({"author_bio": "b" * (MAX_TEXT + 1)}, "author_bio longer than 20000 characters"),
        ({"text": ["a"]}, "text is not text"),
    ],
)
def test_post_from_mapping_reasons(change, reason):
    data = {"platform": "x", "post_id": "1", "author_handle": "a", "kind": "post", "text": "t"}
    data["posted_at"] = "2029-01-01T00:00:00Z"

    with pytest.raises(PostError) as raised:
        post_from_mapping(data | change)

    assert raised.value.reason == reason


def test_post_from_mapping_normalises():
    post = post_from_mapping(
        {
            "platform": "Twitter",
            "post_id": 42,
            "author_handle": " @Budi ",
            "kind": "POST",
            "text": "Pilih #Dua dan #dua #Tiga",
            "posted_at": "2029-01-01T07:00:00+07:00",
        }
    )

    assert (post.platform, post.post_id, post.author_handle, post.kind, post.posted_at, post.hashtags) == (
        "x",
        "42",
        "budi",
        PostKind.POST,
        datetime(2029, 1, 1, tzinfo=UTC),
        ("dua", "tiga"),
    )


@pytest.mark.slow
def test_read_posts_streams_a_large_jsonl_in_bounded_memory(tmp_path):
    source = tmp_path / "big.jsonl"
    line = {
        "platform": "x",
        "author_handle": "akun",
        "kind": "post",
        "text": "Dukung paslon nomor 1 #Pemilu2029 " * 8,
        "posted_at": "2029-01-01T00:00:00Z",
    }
    with source.open("w", encoding="utf-8") as out:
        for number in range(200_000):
            out.write(json.dumps(line | {"post_id": str(number)}) + "\n")
    assert source.stat().st_size > 60_000_000
    count = 0

    tracemalloc.start()
    try:
        for _post in read_posts(source):
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 200_000
    assert peak < 50 * 1024 * 1024


def test_read_posts_skips_an_overlong_line_and_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr("patrol.readers.MAX_LINE_BYTES", 64)
    good = '{"platform":"x","post_id":"1","author_handle":"a","kind":"like","posted_at":"2029-01-01T00:00Z"}'
    source = tmp_path / "long.jsonl"
    source.write_text("z" * 300 + "\n" + good[:60] + "\n", encoding="utf-8")
    log = RejectLog()

    assert list(read_posts(source, rejects=log)) == []
    assert [(r.line, r.reason, len(r.excerpt)) for r in log.rejects] == [
        (1, "line longer than 64 bytes", 64),
        (2, "malformed JSON: Unterminated string starting at (column 58)", 60),
    ]
