import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acts.phase import act_code_for_phase

pytestmark = pytest.mark.unit

PILKADA_2024 = datetime.date(2024, 9, 22)  # KPU determined the Pilkada 2024 pairs on 22 September 2024
DAY_BEFORE = datetime.date(2024, 9, 21)


def test_discipline_act_before_determination_is_its_ethics_counterpart():
    assert act_code_for_phase("DSP-06", "ETK-04", DAY_BEFORE, PILKADA_2024) == "ETK-04"


def test_discipline_act_on_determination_day_stays_discipline():
    assert act_code_for_phase("DSP-06", "ETK-04", PILKADA_2024, PILKADA_2024) == "DSP-06"


def test_ethics_act_on_or_after_determination_is_its_discipline_counterpart():
    on_the_day = act_code_for_phase("ETK-04", "DSP-06", PILKADA_2024, PILKADA_2024)
    campaign = act_code_for_phase("ETK-04", "DSP-06", datetime.date(2024, 10, 1), PILKADA_2024)

    assert (on_the_day, campaign) == ("DSP-06", "DSP-06")


def test_ethics_act_before_determination_stays_ethics():
    assert act_code_for_phase("ETK-04", "DSP-06", DAY_BEFORE, PILKADA_2024) == "ETK-04"


def test_act_without_counterpart_is_unchanged():
    assert act_code_for_phase("DSP-05", None, DAY_BEFORE, PILKADA_2024) == "DSP-05"
    assert act_code_for_phase("ETK-07", None, datetime.date(2024, 10, 1), PILKADA_2024) == "ETK-07"


def test_act_is_unchanged_without_determination_date():
    assert act_code_for_phase("DSP-06", "ETK-04", DAY_BEFORE, None) == "DSP-06"
    assert act_code_for_phase("ETK-04", "DSP-06", datetime.date(2030, 1, 1), None) == "ETK-04"


def test_counterpart_outside_the_two_phase_tracks_is_ignored():
    assert act_code_for_phase("PID-494", "DSP-10", DAY_BEFORE, PILKADA_2024) == "PID-494"
    assert act_code_for_phase("DSP-10", "PID-494", DAY_BEFORE, PILKADA_2024) == "DSP-10"


def test_one_way_ethics_link_moves_to_discipline_after_determination():
    # ETK-06 (merely attending) points to DSP-04 without DSP-04 pointing back (acts/data/acts.toml).
    assert act_code_for_phase("ETK-06", "DSP-04", PILKADA_2024, PILKADA_2024) == "DSP-04"


numbers = st.integers(min_value=1, max_value=99).map(lambda n: f"{n:02d}")
dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31))


@given(ethics=numbers, discipline=numbers, occurred_on=dates, determination_date=dates)
def test_either_side_of_a_pair_gives_the_act_of_the_phase(ethics, discipline, occurred_on, determination_date):
    etk, dsp = f"ETK-{ethics}", f"DSP-{discipline}"

    from_ethics = act_code_for_phase(etk, dsp, occurred_on, determination_date)
    from_discipline = act_code_for_phase(dsp, etk, occurred_on, determination_date)

    expected = etk if occurred_on < determination_date else dsp
    assert (from_ethics, from_discipline) == (expected, expected)


@given(code=st.sampled_from(["ETK-01", "DSP-01", "PID-494"]), occurred_on=dates)
def test_without_determination_date_the_reported_act_stands(code, occurred_on):
    assert act_code_for_phase(code, "DSP-99" if code.startswith("ETK") else "ETK-99", occurred_on, None) == code
