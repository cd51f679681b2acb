"""The five seed pages through `sinetra news extract --json`, field by field against the analyst's reading."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from news.tests.seeds import SEEDS

pytestmark = pytest.mark.unit


EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))["articles"] if SEEDS.is_dir() else {}
FIELDS = sorted({field for reading in EXPECTED.values() for field in reading})


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    out = io.StringIO()
    call_command("news", "extract", *[str(SEEDS / name) for name in EXPECTED], "--json", stdout=out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return {record["file"]: record for record in records}


@pytest.mark.skipif(not EXPECTED, reason="the seed corpus (../shared/corpus/seeds) is not on this machine")
@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("field", FIELDS)
def test_seed_field_matches_the_analysts_reading(extracted, name, field):
    expected = EXPECTED[name]
    if field not in expected:
        assert field not in extracted[name] or (field == "warnings" and extracted[name][field] == [])
        return
    assert extracted[name][field] == expected[field]


def test_unreadable_files_are_reported_and_the_rest_goes_on(tmp_path, capsys):
    good = tmp_path / "ok.txt"
    good.write_text("Bawaslu Kota Bontang Gelar Sosialisasi Netralitas ASN\n\nBontang - Bawaslu Kota Bontang "
                    "menggelar sosialisasi netralitas ASN pada Jumat (4/10/2024) di Hotel Bintang Sintuk Bontang.\n",
                    encoding="utf-8")  # fmt: skip
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    out = io.StringIO()

    call_command("news", "extract", str(empty), str(binary), str(good), str(tmp_path / "missing.txt"), "--json",
                 stdout=out)  # fmt: skip

    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [record["file"] for record in records] == ["ok.txt"]
    assert records[0]["regions"] == ["64.74"]
    assert records[0]["event_dates"] == ["2024-10-04"]
    errors = capsys.readouterr().err
    assert "empty.txt" in errors
    assert "binary.txt" in errors
    assert "missing.txt" in errors


def test_nothing_readable_is_a_command_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError):
        call_command("news", "extract", str(empty), "--json", stdout=io.StringIO(), stderr=io.StringIO())
