"""Legal deadlines: pure functions over dates, a work calendar and rules kept as data.

The one module that knows how long a reporter, Bawaslu or a PPK has (conventions.md item 6). It uses no ORM and
imports nothing from the project, so it is tested without a database; models and services pass dates in and store
what comes out.

Every rule carries its article
    Each period is a `Rule` in REPORTING_RULES or HANDLING_RULES below, with the article it comes from
    (`reference`) and, where the source is second-hand or disputed, a `note` saying why. Changing a period or its
    day kind is a one-line data edit here, made with the article in hand.

Calendar days and working days
    Pemilu (UU 7/2017) counts the reporting period in *hari kerja* (Pasal 454 ayat (6)); Pilkada (UU 1/2015 jo.
    UU 10/2016) says *hari*, which Bawaslu applies as calendar days (neutrality.md §4.2, §4.3).

Counting convention (`add_days`)
    "Paling lama N hari sejak diketahui": the day the breach became known is day 0 and never counts.
    Calendar days end on start + N, even when that day is a holiday or a Sunday; working days end on the N-th
    working day after start, so a start on a day off behaves like a start on the previous working day.
    Receiving on the due date is on time. Neither law spells this out; it is the usual reading of "sejak" and
    matches the worked example Pilkada known 21 Oct 2024 → due 28 Oct 2024 [uncertain].

Working days, holidays and cuti bersama
    Monday to Friday, minus national holidays and cuti bersama for ASN, both from the `holidays` package
    (country "ID", categories "public" and "government"; the latter is the yearly SKB's cuti bersama), corrected by
    cases/data/calendar.toml: voting days made holidays by Keppres, cuti bersama cancelled by an SKB amendment, and a
    year's SKB when `holidays` lags (the file explains how). Regional holidays are not modelled [uncertain: offices
    in a region with its own holiday may close]. A `WorkCalendar` covers named years only and refuses any other
    date, so a missing year fails loudly instead of counting it without holidays.

Uncertain, and therefore data (neutrality.md §4.2, §4.3, §4.4, §11)
    - Pemilu reporting: Perbawaslu 7/2022 Pasal 8 ayat (3) is quoted as "7 hari" without "kerja"; the UU prevails.
    - Pemilu kajian awal and the 7-day follow-up: working days by Bawaslu practice; the UU says "hari" for ayat (7).
    - Pilkada: calendar days for all handling rests on one office's practice; Perbawaslu 9/2024 was not read.
    - PPK: 14 days comes from one Bawaslu office; calendar or working days is unknown.
    - A report arriving on a day off after a working-day deadline counts the next working day (`Lateness`).
"""

import enum
import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

import holidays


class DayCount(enum.StrEnum):
    CALENDAR = "kalender"
    WORKING = "kerja"


@dataclass(frozen=True)
class Rule:
    """A legal period: `days` days of kind `day_count`, counted `counted_from` an event, under `reference`.

    `note` says why the rule is uncertain, if it is. `counted_from` is the Indonesian phrase used in the text
    stored for staff ("sejak diketahui").
    """

    key: str
    days: int
    day_count: DayCount
    reference: str
    note: str = ""
    counted_from: str = "sejak diketahui"

    def __post_init__(self) -> None:
        if self.days < 0:
            raise ValueError(f"rule {self.key}: days must not be negative")
        # Accept the plain value ("kerja") as stored in a database column.
        object.__setattr__(self, "day_count", DayCount(self.day_count))

    def describe(self) -> str:
        """'7 hari kalender sejak diketahui (UU 10/2016 Pasal 134 ayat (4))'."""
        return f"{self.days} hari {self.day_count} {self.counted_from} ({self.reference})"


# Election regimes; equal to elections.choices.ElectionKind values, which this module must not import.
PEMILU = "pemilu"
PILKADA = "pilkada"

REPORTING_RULES: dict[str, Rule] = {
    PEMILU: Rule(
        key="pemilu.laporan",
        days=7,
        day_count=DayCount.WORKING,
        reference="UU 7/2017 Pasal 454 ayat (6)",
        note=(
            "The UU says '7 (tujuh) hari kerja sejak diketahui'. Perbawaslu 7/2022 Pasal 8 ayat (3) is quoted by one "
            "news report as '7 hari' and by Bawaslu Tegal as '7 hari kerja' (neutrality.md §4.2); the UU prevails."
        ),
    ),
    PILKADA: Rule(
        key="pilkada.laporan",
        days=7,
        day_count=DayCount.CALENDAR,
        reference="UU 10/2016 Pasal 134 ayat (4)",
        note=(
            "Wording read in Perpu 1/2014 (enacted by UU 1/2015) Pasal 134 ayat (4): '7 (tujuh) hari sejak diketahui "
            "dan/atau ditemukannya'; not re-read in the text as amended by UU 10/2016. 'Hari' applied as calendar "
            "days per Bawaslu practice (neutrality.md §4.3)."
        ),
    ),
}


def _by_key(*rules: Rule) -> dict[str, Rule]:
    return {rule.key: rule for rule in rules}


# Case handling (issue 5 decides where each one starts). Keys: "<regime or actor>.<step>".
HANDLING_RULES: dict[str, Rule] = _by_key(
    Rule(
        key="pemilu.kajian_awal",
        days=2,
        day_count=DayCount.WORKING,
        reference="Perbawaslu 7/2022 Pasal 15 ayat (1)",
        counted_from="sejak laporan diterima",
        note="Article and period quoted second-hand; working days assumed for Pemilu (neutrality.md §4.5).",
    ),
    Rule(
        key="pemilu.tindak_lanjut",
        days=7,
        day_count=DayCount.WORKING,
        reference="UU 7/2017 Pasal 454 ayat (7)",
        counted_from="sejak laporan diterima dan diregistrasi",
        note="Ayat (7) says '7 (tujuh) hari', ayat (8) 'hari kerja'; working days follow Bawaslu practice (§4.2).",
    ),
    Rule(
        key="pemilu.tindak_lanjut_keterangan_tambahan",
        days=14,
        day_count=DayCount.WORKING,
        reference="UU 7/2017 Pasal 454 ayat (8)",
        counted_from="sejak laporan diterima dan diregistrasi",
    ),
    Rule(
        key="pilkada.kajian_awal",
        days=2,
        day_count=DayCount.CALENDAR,
        reference="Perbawaslu 8/2020 jo. Perbawaslu 9/2024 (pasal belum diketahui)",
        counted_from="sejak laporan diterima",
        note="Period from Bawaslu Batam practice (§4.3); article and the 2024 amendment not retrieved (§11.5).",
    ),
    Rule(
        key="pilkada.tindak_lanjut",
        days=3,
        day_count=DayCount.CALENDAR,
        reference="UU 10/2016 Pasal 134 ayat (5)",
        counted_from="sejak laporan diterima",
        note="Wording read in Perpu 1/2014 Pasal 134 ayat (5); calendar days per Bawaslu practice (§4.3).",
    ),
    Rule(
        key="pilkada.tindak_lanjut_keterangan_tambahan",
        days=5,
        day_count=DayCount.CALENDAR,
        reference="UU 10/2016 Pasal 134 ayat (5) dan (6)",
        counted_from="sejak laporan diterima",
        note="3 days plus at most 2 to ask the reporter for more (ayat (6)); read as consecutive, as in §4.3.",
    ),
    Rule(
        key="ppk.penjatuhan_sanksi",
        days=14,
        day_count=DayCount.CALENDAR,
        reference="Pernyataan Bawaslu Jember 2020 (dasar hukum belum ditemukan)",
        counted_from="sejak rekomendasi diterima PPK",
        note="One office's statement (§4.4); Kemendagri gave 3 days in 2020; calendar or working days unknown (§11.4).",
    ),
)


# --- Work calendar ------------------------------------------------------------------------------------------------

CALENDAR_PATH = Path(__file__).resolve().parent / "data" / "calendar.toml"
_HOLIDAY_CATEGORIES = ("public", "government")  # "government" = cuti bersama ASN
_WEEKEND = {5: "Sabtu", 6: "Minggu"}


@dataclass(frozen=True, eq=False)  # eq=False: identity equality and hashing; the mapping is not hashable
class WorkCalendar:
    """The days an office works in `years`: Monday to Friday except `days_off` (date → reason)."""

    years: frozenset[int]
    days_off: Mapping[date, str]

    def is_working_day(self, day: date) -> bool:
        """True on a weekday that is neither a holiday nor cuti bersama."""
        return self.day_off_reason(day) is None

    def day_off_reason(self, day: date) -> str | None:
        """Why `day` is not a working day (the holiday's name, or the weekday name), or None if it is one."""
        if day.year not in self.years:
            raise ValueError(f"the work calendar covers {sorted(self.years)}, not {day.year}")
        return self.days_off.get(day) or _WEEKEND.get(day.weekday())


def work_calendar(years: Iterable[int], extra_path: Path | str | None = None) -> WorkCalendar:
    """The work calendar for `years`: `holidays` for Indonesia plus cases/data/calendar.toml.

    `extra_path` names a further overrides file (same format) applied after the shipped one, for tests.
    Calendars are cached per process and per (years, extra_path).
    """
    key = tuple(sorted(set(years)))
    if not key:
        raise ValueError("a work calendar needs at least one year")
    return _build_calendar(key, Path(extra_path) if extra_path is not None else None)


@functools.lru_cache(maxsize=64)
def _build_calendar(years: tuple[int, ...], extra_path: Path | None) -> WorkCalendar:
    base = holidays.country_holidays("ID", years=years, categories=_HOLIDAY_CATEGORIES, language="id")
    days_off = dict(base.items())
    for path in (CALENDAR_PATH, extra_path):
        if path is not None:
            _apply_overrides(days_off, _read_overrides(path), set(years))
    return WorkCalendar(years=frozenset(years), days_off=MappingProxyType(days_off))


@dataclass(frozen=True)
class _Override:
    day: date
    reason: str
    source: str


def _read_overrides(path: Path) -> dict[str, list[_Override]]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    unknown = set(data) - {"add", "remove"}
    if unknown:
        raise ValueError(f"{path}: unknown tables {sorted(unknown)}; expected [[add]] and [[remove]]")
    return {action: [_parse_override(path, entry) for entry in data.get(action, [])] for action in ("add", "remove")}


def _parse_override(path: Path, entry: dict[str, Any]) -> _Override:
    # type(...) is date, not isinstance: a TOML datetime is a date subclass and would shift by its time.
    valid = (
        set(entry) == {"date", "reason", "source"}
        and type(entry["date"]) is date
        and all(isinstance(entry[key], str) and entry[key].strip() for key in ("reason", "source"))
    )
    if not valid:
        raise ValueError(f"{path}: an override needs exactly a TOML date, a reason and a source; got {entry!r}")
    return _Override(day=entry["date"], reason=entry["reason"].strip(), source=entry["source"].strip())


def _apply_overrides(days_off: dict[date, str], overrides: dict[str, list[_Override]], years: set[int]) -> None:
    for item in overrides["add"]:
        if item.day.year in years:
            days_off[item.day] = item.reason
    for item in overrides["remove"]:
        days_off.pop(item.day, None)


# --- Counting -----------------------------------------------------------------------------------------------------


def next_working_day(day: date, calendar: WorkCalendar) -> date:
    """The first working day strictly after `day`."""
    day += timedelta(days=1)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def add_days(start: date, days: int, day_count: DayCount, calendar: WorkCalendar) -> date:
    """The last day of "within `days` days of `start`" (see the module docstring for the convention).

    Calendar days: start + days. Working days: the `days`-th working day after start; start never counts.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    if DayCount(day_count) == DayCount.CALENDAR:
        return start + timedelta(days=days)
    for _ in range(days):
        start = next_working_day(start, calendar)
    return start


def _calendar_spanning(first: date, last: date) -> WorkCalendar:
    return work_calendar(range(first.year, last.year + 1))


def _latest_possible_due(start: date, rule: Rule) -> date:
    # Generous: weekends add 2 days per 5 and the longest run of holidays and cuti bersama so far is under two
    # weeks (Idul Fitri 2018). Too short a bound fails loudly (the calendar refuses the year), never silently.
    return start + timedelta(days=2 * rule.days + 31)


# --- Deadlines and lateness ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """The period `rule` started on `start` ends at the end of `due_on`."""

    rule: Rule
    start: date
    due_on: date


@dataclass(frozen=True)
class Lateness:
    """A submission received after its deadline, `days_late` days of the rule's own kind."""

    deadline: Deadline
    received_on: date
    days_late: int

    def reason(self) -> str:
        """Indonesian sentence for staff, stored as is: it never depends on the active language."""
        rule = self.deadline.rule
        return (
            f"Disampaikan {self.days_late} hari {rule.day_count} setelah batas waktu: "
            f"batas {rule.describe()} berakhir {indonesian_date(self.deadline.due_on)}."
        )


def deadline_for(rule: Rule, start: date, calendar: WorkCalendar | None = None) -> Deadline:
    """The deadline of `rule` counted from `start`; builds the calendar for the years it needs when None."""
    calendar = calendar or _calendar_spanning(start, _latest_possible_due(start, rule))
    return Deadline(rule=rule, start=start, due_on=add_days(start, rule.days, rule.day_count, calendar))


def lateness_for(deadline: Deadline, received_on: date, calendar: WorkCalendar | None = None) -> Lateness | None:
    """How late `received_on` is for `deadline`, or None when on time (the due date itself is on time)."""
    if received_on <= deadline.due_on:
        return None
    if deadline.rule.day_count == DayCount.CALENDAR:
        days_late = (received_on - deadline.due_on).days
    else:
        calendar = calendar or _calendar_spanning(deadline.due_on, received_on + timedelta(days=31))
        days_late = _working_days_late(deadline.due_on, received_on, calendar)
    return Lateness(deadline=deadline, received_on=received_on, days_late=days_late)


def _working_days_late(due_on: date, received_on: date, calendar: WorkCalendar) -> int:
    # A report arriving on a day off (online, or at a desk open on voting day) is handled on the next working
    # day, so that day counts; this keeps every late report at least one day late [uncertain: no rule says so].
    if not calendar.is_working_day(received_on):
        received_on = next_working_day(received_on, calendar)
    count = 0
    while due_on < received_on:
        due_on = next_working_day(due_on, calendar)
        count += 1
    return count


def reporting_rule(regime: str) -> Rule:
    """The reporting rule of an election regime ("pemilu" or "pilkada"); ValueError for any other."""
    try:
        return REPORTING_RULES[regime]
    except KeyError:
        raise ValueError(f"unknown election regime {regime!r}; expected one of {sorted(REPORTING_RULES)}") from None


def reporting_deadline(known_on: date, regime: str, calendar: WorkCalendar | None = None) -> Deadline:
    """Last day to report a breach that became known on `known_on`, under the regime's reporting rule."""
    return deadline_for(reporting_rule(regime), known_on, calendar)


def lateness(known_on: date, received_on: date, regime: str, calendar: WorkCalendar | None = None) -> Lateness | None:
    """How late a report received on `received_on` is, or None when on time. A report cannot predate `known_on`."""
    if received_on < known_on:
        raise ValueError(f"received on {received_on} before the breach was known ({known_on})")
    rule = reporting_rule(regime)
    last = max(received_on + timedelta(days=31), _latest_possible_due(known_on, rule))
    calendar = calendar or _calendar_spanning(known_on, last)
    return lateness_for(deadline_for(rule, known_on, calendar), received_on, calendar)


_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def indonesian_date(day: date) -> str:
    """'28 Oktober 2024', whatever the active language (the text is stored, not rendered per request)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
