"""The Indonesian date grammar, the weekday warning, and publication versus event dates on the seeds."""

import json
from datetime import date

import pytest

from news.cleaning import clean
from news.dates import DateMention, event_dates, find_dates, publication_date, weekday_warnings
from news.tests.seeds import SEEDS

pytestmark = pytest.mark.unit


EXPECTED = json.loads((SEEDS / "expected.json").read_text())["articles"] if SEEDS.exists() else {}
NAMES = sorted(EXPECTED)
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="seed corpus not present")
REF = date(2024, 10, 9)  # a Wednesday


def _days(text, reference=REF):
    return [m.date for m in find_dates(text, reference)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kamis, 5 September 2024 - 15:14 WIB", [date(2024, 9, 5)]),
        ("pada Jumat (4/10/2024) pagi", [date(2024, 10, 4)]),
        ("hari Senin (1/10/2023) di Pemkab", [date(2023, 10, 1)]),
        ("pada 5-6 September 2024", [date(2024, 9, 5), date(2024, 9, 6)]),
        ("5 s.d. 7 Oktober 2024", [date(2024, 10, 5), date(2024, 10, 6), date(2024, 10, 7)]),
        ("1 sampai dengan 2 Mei 2024", [date(2024, 5, 1), date(2024, 5, 2)]),
        ("Selasa 18 Juli 2023", [date(2023, 7, 18)]),
        ("18/07/2023", [date(2023, 7, 18)]),
        ("18-07-2023", [date(2023, 7, 18)]),
        ("18/7/23", [date(2023, 7, 18)]),
        ("3 Jan 2024, 4 Feb 2024", [date(2024, 1, 3), date(2024, 2, 4)]),
        ("17 Agu 2024, 17 Agt 2024", [date(2024, 8, 17), date(2024, 8, 17)]),
        ("5 Sept 2024, 6 Okt 2024", [date(2024, 9, 5), date(2024, 10, 6)]),
        ("7 Nop 2024, 8 Nov 2024, 9 Des 2024", [date(2024, 11, 7), date(2024, 11, 8), date(2024, 12, 9)]),
        ("pada 17 Agustus", [date(2024, 8, 17)]),
        ("hari ini", [REF]),
        ("kemarin", [date(2024, 10, 8)]),
        ("besok", [date(2024, 10, 10)]),
        ("Sabtu lalu", [date(2024, 10, 5)]),
        ("Rabu lalu", [date(2024, 10, 2)]),
        ("Senin depan", [date(2024, 10, 14)]),
        ("hari Minggu lalu", [date(2024, 10, 6)]),
    ],
)  # fmt: skip
def test_find_dates_form(text, expected):
    assert _days(text) == expected


@pytest.mark.parametrize(
    "text",
    ["UU No 5/2014", "SKB No 2/2022", "Pilkada 2024", "dua minggu lalu", "31/2/2024", "45 Juli 2024", "Senin"],
)
def test_find_dates_not_a_date(text):
    assert _days(text) == []


def test_find_dates_without_reference_skips_what_needs_one():
    assert _days("kemarin, 17 Agustus, dan 18 Agustus 2024", reference=None) == [date(2024, 8, 18)]


def test_find_dates_mention_fields():
    text = "digelar pada hari Senin (1/10/2023) di lingkungan Pemkab"

    assert find_dates(text) == [DateMention(date(2023, 10, 1), 18, 35, "Senin (1/10/2023)", "Senin", "date")]


def test_weekday_warnings_reports_mismatch():
    mentions = find_dates("hari Senin (1/10/2023) dan Jumat (29/9/2023)")

    assert weekday_warnings(mentions) == ["the article prints 'Senin (1/10/2023)' but 1 October 2023 was a Sunday"]


def test_weekday_warnings_silent_when_weekday_matches():
    assert weekday_warnings(find_dates("Kamis, 5 September 2024 dan Selasa 18 Juli 2023")) == []


@pytest.mark.parametrize("bad", ["", None, 42, "\x00\xff" * 50, "tanpa tanggal sama sekali"])
def test_bad_input_gives_nothing(bad):
    assert find_dates(bad) == []
    assert publication_date(bad) is None
    assert event_dates(bad, None) == []


def test_event_dates_relative_to_publication():
    text = "Judul\n\n10 Oktober 2024\n\nKegiatan digelar kemarin di aula."

    published = publication_date(text)

    assert (published, event_dates(text, published)) == (date(2024, 10, 10), [date(2024, 10, 9)])


@needs_seeds
@pytest.mark.parametrize("name", NAMES)
def test_seed_published(name):
    text = clean((SEEDS / name).read_text()).text

    published = publication_date(text)

    assert (published.isoformat() if published else None) == EXPECTED[name]["published"]


@needs_seeds
@pytest.mark.parametrize("name", NAMES)
def test_seed_event_dates(name):
    text = clean((SEEDS / name).read_text()).text

    days = event_dates(text, publication_date(text))

    assert [d.isoformat() for d in days] == EXPECTED[name]["event_dates"]


@needs_seeds
@pytest.mark.parametrize("name", NAMES)
def test_seed_weekday_warnings(name):
    text = clean((SEEDS / name).read_text()).text

    warnings = weekday_warnings(find_dates(text, publication_date(text)))

    assert warnings == EXPECTED[name].get("warnings", [])
