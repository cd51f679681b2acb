import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from core.models import AuditEntry
from elections import services
from elections.choices import Office, StageKind
from elections.models import Candidate, Contest, Election, Party, Stage
from elections.tests.factories import ContestFactory
from regions.models import Level, Region
from regions.tests.factories import province, regency

pytestmark = pytest.mark.integration

PILKADA_DETERMINATION = datetime.date(2024, 9, 22)


@pytest.mark.django_db
def test_load_reference_elections_creates_545_pilkada_contests(reference):
    contests = Contest.objects.filter(election__slug="pilkada-2024")

    by_office = dict(contests.values_list("office").annotate(n=Count("id")).order_by())

    assert by_office == {Office.GOVERNOR: 37, Office.REGENT: 415, Office.MAYOR: 93}
    assert contests.filter(region_id="34", office=Office.GOVERNOR).count() == 0
    assert contests.filter(region__code__startswith="31.").count() == 0
    assert set(contests.values_list("determination_date", flat=True)) == {PILKADA_DETERMINATION}


@pytest.mark.django_db
def test_load_reference_elections_keeps_races_of_yogyakarta_regencies_and_jakarta_governor(reference):
    contests = Contest.objects.filter(election__slug="pilkada-2024")

    in_34 = sorted(contests.filter(region__code__startswith="34").values_list("region_id", "office"))
    in_31 = list(contests.filter(region__code__startswith="31").values_list("region_id", "office"))

    assert in_34 == [
        ("34.01", "regent"),
        ("34.02", "regent"),
        ("34.03", "regent"),
        ("34.04", "regent"),
        ("34.71", "mayor"),
    ]
    assert in_31 == [("31", "governor")]


@pytest.mark.django_db
def test_load_reference_elections_creates_pemilu_with_parties_and_pairs(reference):
    pemilu = Election.objects.get(slug="pemilu-2024")
    president = pemilu.contests.get(office=Office.PRESIDENT)

    pairs = [
        (c.ballot_number, c.name, c.running_mate, c.acronym, sorted(p.abbreviation for p in c.parties.all()))
        for c in president.candidates.order_by("ballot_number")
    ]
    parties = list(pemilu.parties.values_list("ballot_number", "abbreviation", "is_local"))

    assert (pemilu.kind, pemilu.voting_day, pemilu.legal_basis) == (
        "pemilu",
        datetime.date(2024, 2, 14),
        "UU 7/2017; PKPU 3/2022",
    )
    assert pairs == [
        (1, "Anies Rasyid Baswedan", "Abdul Muhaimin Iskandar", "AMIN", ["NasDem", "PKB", "PKS", "Ummat"]),
        (
            2,
            "Prabowo Subianto",
            "Gibran Rakabuming Raka",
            "Prabowo-Gibran",
            ["Demokrat", "Garuda", "Gelora", "Gerindra", "Golkar", "PAN", "PBB", "PSI"],
        ),
        (3, "Ganjar Pranowo", "Mohammad Mahfud MD", "Ganjar-Mahfud", ["Hanura", "PDI-P", "PPP", "Perindo"]),
    ]
    assert len(parties) == 24
    assert [number for number, _, _ in parties] == list(range(1, 25))
    assert [abbreviation for _, abbreviation, is_local in parties if is_local] == [
        "PNA",
        "Gabthat",
        "PDA",
        "PA",
        "PAS Aceh",
        "SIRA",
    ]
    assert parties[23] == (24, "Ummat", False)
    assert pemilu.parties.get(abbreviation="PDI-P").name == "Partai Demokrasi Indonesia Perjuangan"
    assert president.determination_date == datetime.date(2023, 11, 13)
    assert dict(pemilu.contests.filter(region=None).values_list("office", "determination_date")) == {
        "president": datetime.date(2023, 11, 13),
        "dpr": datetime.date(2023, 11, 3),
        "dpd": datetime.date(2023, 11, 3),
    }


@pytest.mark.django_db
def test_load_reference_elections_pilkada_parties_have_no_ballot_numbers(reference):
    parties = Party.objects.filter(election__slug="pilkada-2024")

    assert parties.count() == 24
    assert set(parties.values_list("ballot_number", flat=True)) == {None}
    assert parties.filter(is_local=True).count() == 6


@pytest.mark.django_db
def test_load_reference_elections_stage_dates_follow_the_domain_notes(reference):
    stages = {
        (stage.election.slug, stage.kind, stage.name): (stage.start, stage.end)
        for stage in Stage.objects.select_related("election")
    }

    assert stages[("pilkada-2024", StageKind.CAMPAIGN, "Masa kampanye")] == (
        datetime.date(2024, 9, 25),
        datetime.date(2024, 11, 23),
    )
    assert stages[("pilkada-2024", StageKind.CANDIDACY, "Pendaftaran pasangan calon")] == (
        datetime.date(2024, 8, 27),
        datetime.date(2024, 8, 29),
    )
    assert stages[("pilkada-2024", StageKind.QUIET, "Masa tenang")] == (
        datetime.date(2024, 11, 24),
        datetime.date(2024, 11, 26),
    )
    assert stages[("pilkada-2024", StageKind.RECAPITULATION, "Penghitungan suara dan rekapitulasi hasil")] == (
        datetime.date(2024, 11, 27),
        datetime.date(2024, 12, 16),
    )
    assert stages[("pemilu-2024", StageKind.CAMPAIGN, "Masa kampanye")] == (
        datetime.date(2023, 11, 28),
        datetime.date(2024, 2, 10),
    )
    assert stages[("pemilu-2024", StageKind.QUIET, "Masa tenang")] == (
        datetime.date(2024, 2, 11),
        datetime.date(2024, 2, 13),
    )
    assert stages[("pemilu-2024", StageKind.RECAPITULATION, "Rekapitulasi hasil penghitungan suara")] == (
        datetime.date(2024, 2, 15),
        datetime.date(2024, 3, 20),
    )


@pytest.mark.django_db
def test_load_reference_elections_stages_carry_their_source(reference):
    stage = Stage.objects.get(election__slug="pilkada-2024", kind=StageKind.DETERMINATION)

    assert (stage.start, stage.source) == (
        PILKADA_DETERMINATION,
        "https://www.inews.id/news/nasional/kpu-jadwalkan-pemungutan-suara-pilkada-serentak-27-november-2024/2",
    )
    assert Stage.objects.filter(source="").count() == 0


@pytest.mark.django_db
def test_load_reference_elections_twice_changes_nothing(reference):
    before = [
        Election.objects.count(),
        Stage.objects.count(),
        Party.objects.count(),
        Contest.objects.count(),
        Candidate.objects.count(),
    ]
    contest_ids = set(Contest.objects.values_list("pk", flat=True))

    counts = services.load_reference_elections()

    assert counts == {"elections": 2, "stages": 30, "parties": 48, "contests": 548, "candidates": 3}
    assert before == [2, 30, 48, 548, 3]
    assert [
        Election.objects.count(),
        Stage.objects.count(),
        Party.objects.count(),
        Contest.objects.count(),
        Candidate.objects.count(),
    ] == before
    assert set(Contest.objects.values_list("pk", flat=True)) == contest_ids


@pytest.mark.django_db
def test_load_reference_elections_puts_edited_rows_back(reference):
    Stage.objects.filter(election__slug="pilkada-2024", kind=StageKind.CAMPAIGN).update(end=datetime.date(2024, 11, 30))
    Contest.objects.filter(region_id="18.71").update(determination_date=datetime.date(2024, 9, 1))
    Party.objects.filter(abbreviation="PKB").update(name="Salah")

    services.load_reference_elections()

    campaign = Stage.objects.get(election__slug="pilkada-2024", kind=StageKind.CAMPAIGN)
    assert campaign.end == datetime.date(2024, 11, 23)
    assert Contest.objects.get(region_id="18.71").determination_date == PILKADA_DETERMINATION
    assert set(Party.objects.filter(abbreviation="PKB").values_list("name", flat=True)) == {"Partai Kebangkitan Bangsa"}


@pytest.mark.django_db
def test_load_reference_elections_keeps_curated_nicknames(reference):
    anies = Candidate.objects.get(contest__election__slug="pemilu-2024", ballot_number=1)
    assert (anies.nicknames, anies.hashtags) == (["Anies", "Cak Imin", "Gus Imin"], ["amin", "aminajadulu"])
    anies.nicknames = ["Anies", "Abah"]
    anies.save()

    services.load_reference_elections()

    anies.refresh_from_db()
    assert anies.nicknames == ["Anies", "Abah"]


@pytest.mark.django_db
def test_load_reference_elections_writes_one_audit_row(regions):

    services.load_reference_elections(actor=None)

    entry = AuditEntry.objects.get(action="elections.load_reference_elections")
    assert (entry.actor_label, entry.changes) == (
        "sistem",
        {"elections": 2, "stages": 30, "parties": 48, "contests": 548, "candidates": 3},
    )


@pytest.mark.django_db
def test_load_reference_elections_without_regions_is_refused():
    with pytest.raises(services.ReferenceDataError, match="Data wilayah"):
        services.load_reference_elections()

    assert Election.objects.count() == 0


@pytest.mark.django_db
def test_load_elections_command_prints_counts(regions):
    out = StringIO()

    call_command("load_elections", stdout=out, stderr=StringIO())

    assert out.getvalue() == "Selesai: 2 pemilihan, 30 tahapan, 48 partai, 548 kontestasi, 3 calon.\n"


@pytest.mark.django_db
def test_load_elections_command_warns_when_regions_are_incomplete():
    regency("18.71", "Kota Bandar Lampung")
    err = StringIO()

    call_command("load_elections", stdout=StringIO(), stderr=err)

    assert err.getvalue() == (
        "Peringatan: Pilkada Serentak 2024 memiliki 2 kontestasi daerah, bukan 545. Periksa data wilayah yang dimuat.\n"
    )


@pytest.mark.django_db
def test_load_elections_command_without_regions_fails_with_a_message():
    with pytest.raises(CommandError) as failed:
        call_command("load_elections", stdout=StringIO())

    assert str(failed.value) == (
        "Data wilayah (provinsi dan kabupaten/kota) belum dimuat, padahal kontestasi Pilkada dibuat dari data itu. "
        "Jalankan dulu `manage.py load_regions`, lalu ulangi `manage.py load_elections`."
    )


@pytest.mark.unit
@pytest.mark.parametrize(
    ("code", "level", "office"),
    [
        ("18", Level.PROVINCE, Office.GOVERNOR),
        ("34", Level.PROVINCE, None),
        ("31", Level.PROVINCE, Office.GOVERNOR),
        ("18.04", Level.REGENCY, Office.REGENT),
        ("18.71", Level.REGENCY, Office.MAYOR),
        ("34.71", Level.REGENCY, Office.MAYOR),
        ("31.01", Level.REGENCY, None),
        ("31.75", Level.REGENCY, None),
        ("18.71.01", Level.DISTRICT, None),
    ],
)
def test_regional_office_by_code(code, level, office):
    assert services.regional_office(Region(code=code, level=level)) == office


@pytest.mark.unit
@pytest.mark.parametrize(
    ("on_date", "phase"),
    [
        (datetime.date(2024, 9, 21), "bakal_calon"),
        (datetime.date(2024, 9, 22), "calon"),
        (datetime.date(2024, 9, 23), "calon"),
    ],
)
def test_phase_of_around_the_determination_date(on_date, phase):
    contest = Contest(determination_date=PILKADA_DETERMINATION)

    assert services.phase_of(contest, on_date) == phase


@pytest.mark.unit
def test_phase_of_without_determination_date_is_bakal_calon():
    assert services.phase_of(Contest(determination_date=None), datetime.date(2030, 1, 1)) == services.BAKAL_CALON


@pytest.mark.django_db
def test_phase_of_a_stored_contest():
    contest = ContestFactory(region=province())

    assert [services.phase_of(contest, datetime.date(2024, 9, day)) for day in (21, 22)] == ["bakal_calon", "calon"]
