import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from cases import services
from cases.choices import CaseState as S
from cases.states import transition
from cases.tests.factories import advance, open_case
from regions.models import Region

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def on(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9, tzinfo=JAKARTA), tick=False)


def test_pilkada_deadlines_follow_each_stage_in_calendar_days(people):
    with on(datetime.date(2024, 10, 21)):
        case = open_case(people)
        assert (case.next_due_on, case.next_due_rule) == (datetime.date(2024, 10, 23), "pilkada.kajian_awal")
        advance(case, people, S.REGISTERED)
        assert (case.next_due_on, case.next_due_rule) == (datetime.date(2024, 10, 24), "pilkada.tindak_lanjut")
        services.extend_deadline(case=case, actor=people["bawaslu"], reason="Perlu keterangan saksi.")
        assert case.next_due_on == datetime.date(2024, 10, 26)  # 3 + 2 days
        with pytest.raises(ValidationError):
            services.extend_deadline(case=case, actor=people["bawaslu"], reason="Lagi.")


def test_pemilu_registration_deadline_counts_working_days_across_lebaran(people):
    # Received Friday 5 April 2024: two working days skip the weekend, Idul Fitri and cuti bersama (8–15 April).
    with on(datetime.date(2024, 4, 5)):
        case = open_case(people, election="pemilu-2024", occurred_on=datetime.date(2024, 4, 4),
                         known_on=datetime.date(2024, 4, 4))  # fmt: skip
    assert (case.next_due_on, case.next_due_rule) == (datetime.date(2024, 4, 17), "pemilu.kajian_awal")


def test_ppk_deadline_runs_from_the_recommendation_and_stops_at_the_decree(people):
    with on(datetime.date(2024, 11, 1)):
        case = advance(open_case(people), people, S.RECOMMENDED)
    assert (case.next_due_on, case.next_due_rule) == (datetime.date(2024, 11, 15), "ppk.penjatuhan_sanksi")
    transition(case, S.SANCTIONED, actor=people["agency_hr"],
               data={"decree_number": "1", "decree_on": "2024-11-10", "imposed_penalty": "B1"})  # fmt: skip
    assert case.next_due_on is None


def test_sanction_lighter_than_recommended_is_measured(people):
    case = advance(open_case(people), people, S.SANCTIONED)  # recommended B1 (heavy), imposed R2 (light)
    assert services.sanction_shortfall(case) == 5


def test_register_numbers_run_per_office_and_year_without_gaps(people):
    first = advance(open_case(people), people, S.REGISTERED)
    second = advance(open_case(people), people, S.REGISTERED)
    year = datetime.date.today().year
    assert [first.register_number, second.register_number] == [
        f"001/Reg/LP/18.71/{year}",
        f"002/Reg/LP/18.71/{year}",
    ]


def test_supervisor_records_a_finding_in_own_area_only(people, intake):
    region = Region.objects.get(code="18.71")
    case = services.open_finding(
        actor=people["bawaslu"], election=intake["pilkada"], region=region, summary="Camat hadir di deklarasi.",
        occurred_on=datetime.date(2024, 10, 1), reported_name="Rina Marlina",
    )  # fmt: skip
    assert (case.origin, case.state, case.number[:3]) == ("temuan", S.RECEIVED, "TM-")
    with pytest.raises(PermissionDenied):
        services.open_finding(
            actor=people["bawaslu_elsewhere"], election=intake["pilkada"], region=region, summary="x",
            occurred_on=datetime.date(2024, 10, 1), reported_name="Rina",
        )  # fmt: skip


def test_imposed_penalty_outside_the_acts_band_is_flagged_not_refused(people):
    case = advance(open_case(people), people, S.SANCTIONED)  # DSP-06 is a heavy-discipline act; imposed R2
    assert case.act_id == "DSP-06"
    assert services.outside_allowed_band(case, case.recommended_penalty) is False  # B1
    assert services.outside_allowed_band(case, case.imposed_penalty) is True
