"""Legal deadlines (cases/deadlines.py): worked cases the law cares about, the calendar data, and properties.

Expected dates are worked out by hand in the comments from the 2023–2024 SKB calendars as `holidays` 0.109 has them.
"""

import tomllib
from datetime import date, timedelta

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from cases import deadlines
from cases.deadlines import (
    HANDLING_RULES,
    REPORTING_RULES,
    DayCount,
    Deadline,
    Rule,
    add_days,
    deadline_for,
    lateness,
    reporting_deadline,
    work_calendar,
)

pytestmark = pytest.mark.unit

# One calendar for the property tests; built once, outside hypothesis' per-example deadline.
PROPERTY_YEARS = range(2015, 2028)
CALENDAR = work_calendar(PROPERTY_YEARS)
starts = st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31))
periods = st.integers(min_value=0, max_value=30)
day_counts = st.sampled_from(DayCount)


# --- Pilkada: calendar days ---------------------------------------------------------------------------------------


def test_pilkada_deadline_is_seven_calendar_days_after_known():
    deadline = reporting_deadline(date(2024, 10, 21), "pilkada")

    assert deadline == Deadline(rule=REPORTING_RULES["pilkada"], start=date(2024, 10, 21), due_on=date(2024, 10, 28))


def test_pilkada_report_on_due_date_is_on_time():
    assert lateness(date(2024, 10, 21), date(2024, 10, 28), "pilkada") is None


def test_pilkada_report_day_after_due_date_is_one_day_late():
    late = lateness(date(2024, 10, 21), date(2024, 10, 29), "pilkada")

    assert late is not None
    assert late.days_late == 1


def test_pilkada_deadline_on_voting_day_holiday_is_not_extended():
    # Known 20 Nov 2024 → 27 Nov 2024, the Pilkada voting day (Keppres 33/2024). Calendar days do not roll
    # forward over a holiday [uncertain: no rule found either way; see the module docstring].
    assert reporting_deadline(date(2024, 11, 20), "pilkada").due_on == date(2024, 11, 27)


# --- Pemilu: working days -----------------------------------------------------------------------------------------


def test_pemilu_deadline_skips_idul_fitri_holidays_and_cuti_bersama():
    # Known Fri 5 Apr 2024. Off: 6–7 weekend; 8, 9 cuti bersama; 10, 11 Idul Fitri 1445 H; 12 cuti bersama;
    # 13–14 weekend; 15 cuti bersama. Working days: Tue 16 (1), 17 (2), 18 (3), 19 (4), Mon 22 (5), 23 (6), 24 (7).
    assert reporting_deadline(date(2024, 4, 5), "pemilu").due_on == date(2024, 4, 24)


@pytest.mark.parametrize("known_on", [date(2024, 2, 7), date(2024, 2, 8), date(2024, 2, 9), date(2024, 2, 11)])
def test_pemilu_deadline_around_isra_miraj_imlek_and_voting_day(known_on):
    # Off: Thu 8 Feb Isra Mikraj, Fri 9 Feb cuti bersama Imlek, 10–11 weekend, Wed 14 Feb voting day (Keppres
    # 10/2024). From Wed 7, Thu 8, Fri 9 or Sun 11 Feb alike: Mon 12 (1), 13 (2), 15 (3), 16 (4), 19 (5), 20 (6),
    # 21 (7). A start on a day off behaves like a start on the previous working day.
    assert reporting_deadline(known_on, "pemilu").due_on == date(2024, 2, 21)


def test_pemilu_deadline_known_on_monday_after_long_weekend():
    # Known Mon 12 Feb 2024: 13 (1), 15 (2), 16 (3), 19 (4), 20 (5), 21 (6), 22 (7).
    assert reporting_deadline(date(2024, 2, 12), "pemilu").due_on == date(2024, 2, 22)


def test_pemilu_deadline_crosses_the_year_boundary():
    # Known Wed 27 Dec 2023 (25 Christmas, 26 cuti bersama already behind). Thu 28 (1), Fri 29 (2), 30–31 weekend,
    # Mon 1 Jan 2024 New Year, Tue 2 (3), 3 (4), 4 (5), 5 (6), Mon 8 Jan (7). The built calendar must cover 2024.
    assert reporting_deadline(date(2023, 12, 27), "pemilu").due_on == date(2024, 1, 8)


def test_pemilu_deadline_with_a_calendar_missing_the_next_year_fails_loudly():
    with pytest.raises(ValueError, match="2024"):
        reporting_deadline(date(2023, 12, 27), "pemilu", work_calendar([2023]))


def test_pemilu_report_two_working_days_late():
    # Due Wed 24 Apr 2024 (see above); received Fri 26 Apr: Thu 25 (1), Fri 26 (2).
    late = lateness(date(2024, 4, 5), date(2024, 4, 26), "pemilu")

    assert late is not None
    assert late.days_late == 2


def test_pemilu_report_received_on_saturday_counts_the_next_working_day():
    # Due Wed 24 Apr 2024; received Sat 27 Apr, handled Mon 29 Apr: 25 (1), 26 (2), 29 (3).
    late = lateness(date(2024, 4, 5), date(2024, 4, 27), "pemilu")

    assert late is not None
    assert late.days_late == 3


def test_pemilu_report_on_due_date_is_on_time():
    assert lateness(date(2024, 4, 5), date(2024, 4, 24), "pemilu") is None


# --- Lateness text ------------------------------------------------------------------------------------------------


def test_lateness_reason_for_pilkada():
    late = lateness(date(2024, 10, 21), date(2024, 10, 30), "pilkada")

    assert late is not None
    assert late.reason() == (
        "Disampaikan 2 hari kalender setelah batas waktu: batas 7 hari kalender sejak diketahui "
        "(UU 10/2016 Pasal 134 ayat (4)) berakhir 28 Oktober 2024."
    )


def test_lateness_reason_for_pemilu():
    late = lateness(date(2024, 4, 5), date(2024, 4, 26), "pemilu")

    assert late is not None
    assert late.reason() == (
        "Disampaikan 2 hari kerja setelah batas waktu: batas 7 hari kerja sejak diketahui "
        "(UU 7/2017 Pasal 454 ayat (6)) berakhir 24 April 2024."
    )


def test_lateness_reason_does_not_depend_on_active_language():
    late = lateness(date(2024, 10, 21), date(2024, 10, 30), "pilkada")
    assert late is not None

    with translation.override("en"):
        in_english = late.reason()

    assert in_english == late.reason()
    assert in_english.endswith("berakhir 28 Oktober 2024.")


# --- Input errors -------------------------------------------------------------------------------------------------


def test_unknown_regime_is_rejected():
    with pytest.raises(ValueError, match="pileg"):
        reporting_deadline(date(2024, 4, 5), "pileg")


def test_report_received_before_breach_known_is_rejected():
    with pytest.raises(ValueError, match="before"):
        lateness(date(2024, 4, 5), date(2024, 4, 4), "pemilu")


def test_negative_period_is_rejected():
    with pytest.raises(ValueError, match="negative"):
        add_days(date(2024, 4, 5), -1, DayCount.WORKING, CALENDAR)


def test_calendar_refuses_a_year_it_does_not_cover():
    with pytest.raises(ValueError, match="2030"):
        work_calendar([2024]).is_working_day(date(2030, 1, 2))


def test_rule_accepts_day_count_as_stored_string():
    rule = Rule(key="test", days=3, day_count="kerja", reference="UU 7/2017 Pasal 454 ayat (7)")

    assert rule.day_count is DayCount.WORKING


# --- Calendar data ------------------------------------------------------------------------------------------------


def test_cuti_bersama_is_a_day_off_with_its_name():
    calendar = work_calendar([2024])

    assert calendar.day_off_reason(date(2024, 2, 9)) == "Cuti Bersama Tahun Baru Imlek"
    assert calendar.is_working_day(date(2024, 2, 9)) is False


def test_weekend_and_ordinary_weekday():
    calendar = work_calendar([2024])

    assert calendar.day_off_reason(date(2024, 10, 26)) == "Sabtu"
    assert calendar.day_off_reason(date(2024, 10, 22)) is None


def test_shipped_override_replaces_the_holiday_name_with_the_keppres_wording():
    # `holidays` names the day "Hari Pemilihan Kepala Daerah"; calendar.toml gives the Keppres 22/2020 wording.
    reason = work_calendar([2020]).day_off_reason(date(2020, 12, 9))

    assert reason == "Hari pemungutan suara Pemilihan Serentak 2020 (libur nasional)"


def test_every_shipped_override_is_honoured():
    with deadlines.CALENDAR_PATH.open("rb") as handle:
        data = tomllib.load(handle)
    years = {entry["date"].year for action in ("add", "remove") for entry in data[action]}
    calendar = work_calendar(years)

    added = {entry["date"]: calendar.day_off_reason(entry["date"]) for entry in data["add"]}
    removed = [entry["date"] for entry in data["remove"] if entry["date"].weekday() < 5]

    assert added == {entry["date"]: entry["reason"] for entry in data["add"]}
    assert [day for day in removed if not calendar.is_working_day(day)] == []


def test_extra_override_adds_a_day_off(tmp_path):
    extra = tmp_path / "calendar.toml"
    extra.write_text('[[add]]\ndate = 2024-04-16\nreason = "Cuti bersama uji"\nsource = "SKB uji"\n')
    calendar = work_calendar([2024], extra_path=extra)

    # Known Fri 5 Apr 2024 with Tue 16 Apr also off: 17 (1), 18 (2), 19 (3), 22 (4), 23 (5), 24 (6), 25 (7).
    assert calendar.day_off_reason(date(2024, 4, 16)) == "Cuti bersama uji"
    assert reporting_deadline(date(2024, 4, 5), "pemilu", calendar).due_on == date(2024, 4, 25)


def test_extra_override_removes_a_cancelled_cuti_bersama(tmp_path):
    extra = tmp_path / "calendar.toml"
    extra.write_text('[[remove]]\ndate = 2024-04-15\nreason = "Cuti bersama dibatalkan (uji)"\nsource = "SKB uji"\n')
    calendar = work_calendar([2024], extra_path=extra)

    # Known Fri 5 Apr 2024 with Mon 15 Apr a working day: 15 (1), 16 (2), 17 (3), 18 (4), 19 (5), 22 (6), 23 (7).
    assert calendar.is_working_day(date(2024, 4, 15)) is True
    assert reporting_deadline(date(2024, 4, 5), "pemilu", calendar).due_on == date(2024, 4, 23)


@pytest.mark.parametrize(
    "content",
    [
        '[[add]]\ndate = 2024-04-16\nreason = "tanpa sumber"\n',
        '[[add]]\ndate = "2024-04-16"\nreason = "tanggal sebagai teks"\nsource = "x"\n',
        '[[add]]\ndate = 2024-04-16T08:00:00\nreason = "tanggal dengan jam"\nsource = "x"\n',
        '[[tambah]]\ndate = 2024-04-16\nreason = "tabel salah"\nsource = "x"\n',
    ],
)
def test_malformed_override_file_is_rejected(tmp_path, content):
    extra = tmp_path / "calendar.toml"
    extra.write_text(content)

    with pytest.raises(ValueError, match=r"calendar\.toml"):
        work_calendar([2024], extra_path=extra)


def test_calendars_are_cached_per_years():
    assert work_calendar([2024, 2023]) is work_calendar((2023, 2024, 2024))


# --- Handling rules -----------------------------------------------------------------------------------------------


def test_every_rule_is_keyed_by_its_own_key_and_cites_a_source():
    rules = [*REPORTING_RULES.values(), *HANDLING_RULES.values()]

    assert [key for key, rule in HANDLING_RULES.items() if key != rule.key] == []
    assert {rule.key for rule in REPORTING_RULES.values()} == {"pemilu.laporan", "pilkada.laporan"}
    assert [rule.key for rule in rules if not rule.reference.strip()] == []


def test_pilkada_follow_up_is_three_calendar_days_after_receipt():
    deadline = deadline_for(HANDLING_RULES["pilkada.tindak_lanjut"], date(2024, 10, 21))

    assert deadline.due_on == date(2024, 10, 24)


def test_pemilu_follow_up_with_additional_information_is_fourteen_working_days():
    # Registered Mon 4 Mar 2024; off 11 Nyepi and 12 cuti bersama. 5 (1), 6, 7, 8 (4), 13 (5), 14, 15 (7), 18 (8),
    # 19, 20, 21, 22 (12), 25 (13), 26 (14). The plain 7-day follow-up ends on 15 Mar.
    start = date(2024, 3, 4)

    assert deadline_for(HANDLING_RULES["pemilu.tindak_lanjut"], start).due_on == date(2024, 3, 15)
    assert deadline_for(HANDLING_RULES["pemilu.tindak_lanjut_keterangan_tambahan"], start).due_on == date(2024, 3, 26)


# --- Properties ---------------------------------------------------------------------------------------------------


@settings(max_examples=300)
@given(start=starts, days=st.integers(min_value=1, max_value=30))
def test_working_day_due_date_is_a_working_day(start, days):
    assert CALENDAR.is_working_day(add_days(start, days, DayCount.WORKING, CALENDAR))


@settings(max_examples=300)
@given(start=starts, days=periods)
def test_working_day_due_date_is_never_before_calendar_day_due_date(start, days):
    working = add_days(start, days, DayCount.WORKING, CALENDAR)

    assert working >= add_days(start, days, DayCount.CALENDAR, CALENDAR)


@settings(max_examples=300)
@given(first=starts, gap=st.integers(min_value=0, max_value=60), days=periods, day_count=day_counts)
def test_due_date_is_monotonic_in_start(first, gap, days, day_count):
    later = first + timedelta(days=gap)

    assert add_days(first, days, day_count, CALENDAR) <= add_days(later, days, day_count, CALENDAR)


@settings(max_examples=300)
@given(day=starts)
def test_working_day_means_no_day_off_reason(day):
    assert CALENDAR.is_working_day(day) is (CALENDAR.day_off_reason(day) is None)


@settings(max_examples=200)
@given(known_on=starts, delay=st.integers(min_value=0, max_value=40), regime=st.sampled_from(sorted(REPORTING_RULES)))
def test_late_exactly_when_received_after_due_date_and_then_at_least_one_day(known_on, delay, regime):
    received_on = known_on + timedelta(days=delay)

    late = lateness(known_on, received_on, regime, CALENDAR)
    due_on = reporting_deadline(known_on, regime, CALENDAR).due_on

    assert (late is None) is (received_on <= due_on)
    assert late is None or late.days_late >= 1


# Worked by hand, one example per handling rule, each across weekends, holidays or cuti bersama.
@pytest.mark.unit
@pytest.mark.parametrize(
    ("key", "start", "due"),
    [
        # Fri 5 Apr 2024; 8, 9, 12, 15 Apr cuti bersama, 10–11 Idul Fitri, 13–14 weekend: Tue 16 (1), Wed 17 (2).
        ("pemilu.kajian_awal", date(2024, 4, 5), date(2024, 4, 17)),
        # Thu 8 Feb 2024; Fri 9 cuti Imlek, 10–11 weekend, 14 Feb voting day: 12, 13, 15, 16, 19, 20, 21 Feb.
        ("pemilu.tindak_lanjut", date(2024, 2, 8), date(2024, 2, 21)),
        # Mon 23 Dec 2024; 25 Christmas, 26 cuti bersama, 1 Jan New Year: 24, 27, 30, 31 Dec, 2, 3, 6–10, 13–15 Jan.
        ("pemilu.tindak_lanjut_keterangan_tambahan", date(2024, 12, 23), date(2025, 1, 15)),
        # Calendar days run through weekends and holidays and end even on a Sunday (24 Nov 2024).
        ("pilkada.kajian_awal", date(2024, 11, 22), date(2024, 11, 24)),
        # …and through the Pilkada voting-day holiday (27 Nov 2024).
        ("pilkada.tindak_lanjut", date(2024, 11, 25), date(2024, 11, 28)),
        # 3 + 2 days from Christmas Day.
        ("pilkada.tindak_lanjut_keterangan_tambahan", date(2024, 12, 25), date(2024, 12, 30)),
        # 14 days across the year end.
        ("ppk.penjatuhan_sanksi", date(2024, 12, 20), date(2025, 1, 3)),
    ],
)
def test_each_handling_rule_worked_example(key, start, due):
    assert deadline_for(HANDLING_RULES[key], start).due_on == due
