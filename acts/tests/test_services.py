import datetime
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from acts import services
from acts.choices import Level, Track
from acts.models import Act
from acts.phase import act_code_for_phase
from core.models import AuditEntry

pytestmark = pytest.mark.integration

PAIRS = {"ETK-01": "DSP-01", "ETK-02": "DSP-02", "ETK-03": "DSP-04", "ETK-04": "DSP-06", "ETK-05": "DSP-07"}


def snapshot() -> list[dict]:
    return list(Act.objects.order_by("code").values())


@pytest.mark.django_db
def test_load_acts_creates_7_ethics_13_discipline_5_crime_acts():
    count = services.load_acts()

    by_track = dict(Act.objects.values_list("track").annotate(n=Count("code")).order_by())
    assert count == 25
    assert by_track == {Track.ETHICS: 7, Track.DISCIPLINE: 13, Track.CRIME: 5}


@pytest.mark.django_db
def test_load_acts_keeps_the_order_of_the_file(catalogue):
    codes = list(Act.objects.values_list("code", flat=True))

    assert codes == [
        *(f"ETK-{n:02d}" for n in range(1, 8)),
        *(f"DSP-{n:02d}" for n in range(1, 14)),
        "PID-494",
        "PID-493",
        "PID-547",
        "PID-188",
        "PID-189",
    ]
    assert list(Act.objects.values_list("position", flat=True)) == list(range(1, 26))


@pytest.mark.django_db
def test_load_acts_links_counterpart_pairs_symmetrically(catalogue):
    links = dict(Act.objects.filter(counterpart__isnull=False).values_list("code", "counterpart"))

    assert links == {**PAIRS, **{dsp: etk for etk, dsp in PAIRS.items()}, "ETK-06": "DSP-04"}


@pytest.mark.django_db
def test_every_discipline_counterpart_points_back(catalogue):
    discipline = Act.objects.filter(track=Track.DISCIPLINE, counterpart__isnull=False).select_related("counterpart")

    assert [(act.code, act.counterpart.counterpart_id) for act in discipline] == [
        ("DSP-01", "DSP-01"),
        ("DSP-02", "DSP-02"),
        ("DSP-04", "DSP-04"),
        ("DSP-06", "DSP-06"),
        ("DSP-07", "DSP-07"),
    ]


@pytest.mark.django_db
def test_public_form_has_discipline_acts_and_ethics_acts_without_counterpart(catalogue):
    offered = list(Act.objects.filter(in_public_form=True).values_list("code", flat=True))

    assert offered == ["ETK-07", *(f"DSP-{n:02d}" for n in range(1, 14))]


@pytest.mark.django_db
def test_load_acts_levels_follow_the_domain_table(catalogue):
    levels = dict(Act.objects.values_list("code", "level"))

    assert {code: level for code, level in levels.items() if code.startswith("DSP")} == {
        **{f"DSP-{n:02d}": Level.HEAVY for n in (1, 2, 4, 6, 7, 8, 10, 11, 12)},
        "DSP-03": Level.MODERATE,
        "DSP-05": Level.DISMISSAL,
        "DSP-09": Level.MODERATE,
        "DSP-13": Level.VARIES,
    }
    assert {level for code, level in levels.items() if code.startswith("ETK")} == {Level.MORAL}
    assert {level for code, level in levels.items() if code.startswith("PID")} == {Level.CRIMINAL}


@pytest.mark.django_db
def test_every_act_has_plain_words_examples_and_a_source(catalogue):
    incomplete = [
        act.code
        for act in Act.objects.all()
        if not (2 <= len(act.examples) <= 3 and act.explanation and act.legal_basis and act.source)
        or len(act.public_title) > 120
    ]

    assert incomplete == []


@pytest.mark.django_db
def test_load_acts_twice_changes_nothing_and_writes_one_audit_row_per_run(catalogue):
    before = snapshot()

    count = services.load_acts()

    assert count == 25
    assert snapshot() == before
    assert list(AuditEntry.objects.order_by("id").values_list("action", "actor_label", "changes")) == [
        ("acts.load", "sistem", {"acts": 25, "created": 25}),
        ("acts.load", "sistem", {"acts": 25, "created": 0}),
    ]


@pytest.mark.django_db
def test_load_acts_restores_edited_rows_and_links(catalogue):
    Act.objects.filter(code="DSP-06").update(public_title="Diubah", in_public_form=False, counterpart_id="ETK-01")
    Act.objects.filter(code="DSP-05").update(counterpart_id="ETK-07")

    services.load_acts()

    dsp06, dsp05 = Act.objects.get(code="DSP-06"), Act.objects.get(code="DSP-05")
    assert (dsp06.public_title, dsp06.in_public_form, dsp06.counterpart_id) == (
        "Menyukai, mengomentari, membagikan, atau mengikuti akun/grup pemenangan calon",
        True,
        "ETK-04",
    )
    assert dsp05.counterpart_id is None


@pytest.mark.django_db
def test_shipped_pairs_follow_the_phase_rule(catalogue):
    pilkada_2024 = datetime.date(2024, 9, 22)
    acts = Act.objects.filter(code__in=["DSP-06", "ETK-04", "DSP-05"]).order_by("code")

    before = [act_code_for_phase(a.code, a.counterpart_id, datetime.date(2024, 8, 1), pilkada_2024) for a in acts]
    after = [act_code_for_phase(a.code, a.counterpart_id, datetime.date(2024, 10, 1), pilkada_2024) for a in acts]

    assert before == ["DSP-05", "ETK-04", "ETK-04"]
    assert after == ["DSP-05", "DSP-06", "DSP-06"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('code = "X-01"\ntrack = "etik"\nlevel = "moral"\ntitle = "t"\n', "kunci wajib tidak ada"),
        (
            'code = "X-01"\ntrack = "etik"\nlevel = "berat"\ntitle = "t"\npublic_title = "p"\nexplanation = "e"\n'
            'legal_basis = "l"\ncolour = "merah"\n',
            "kunci tidak dikenal: ['colour']",
        ),
        (
            'code = "X-01"\ntrack = "perdata"\nlevel = "moral"\ntitle = "t"\npublic_title = "p"\nexplanation = "e"\n'
            'legal_basis = "l"\n',
            "track 'perdata'",
        ),
        (
            'code = "DSP-01"\ntrack = "disiplin"\nlevel = "berat"\ntitle = "t"\npublic_title = "p"\n'
            'explanation = "e"\nlegal_basis = "l"\ncounterpart = "ETK-99"\n',
            "padanan 'ETK-99'",
        ),
    ],
)
def test_load_acts_refuses_an_inconsistent_file_and_writes_nothing(tmp_path, monkeypatch, entry, message):
    data_file = tmp_path / "acts.toml"
    data_file.write_text(f"[[acts]]\n{entry}", encoding="utf-8")
    monkeypatch.setattr(services, "DATA_FILE", data_file)

    with pytest.raises(services.CatalogueError, match=re.escape(message)):
        services.load_acts()

    assert (Act.objects.count(), AuditEntry.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_load_acts_refuses_a_discipline_pair_that_does_not_point_back(tmp_path, monkeypatch):
    act = 'track = "{track}"\nlevel = "moral"\ntitle = "t"\npublic_title = "p"\nexplanation = "e"\nlegal_basis = "l"\n'
    data_file = tmp_path / "acts.toml"
    data_file.write_text(
        f'[[acts]]\ncode = "ETK-01"\n{act.format(track="etik")}\n'
        f'[[acts]]\ncode = "DSP-01"\ncounterpart = "ETK-01"\n{act.format(track="disiplin")}',
        encoding="utf-8",
    )
    monkeypatch.setattr(services, "DATA_FILE", data_file)

    with pytest.raises(services.CatalogueError, match="padanan ETK-01 tidak menunjuk balik ke DSP-01"):
        services.load_acts()


@pytest.mark.django_db
def test_load_acts_command_reports_the_count():
    out = StringIO()

    call_command("load_acts", stdout=out)

    assert out.getvalue().strip() == "Selesai: 25 perbuatan dalam katalog."


@pytest.mark.django_db
def test_load_acts_command_turns_a_bad_file_into_a_command_error(tmp_path, monkeypatch):
    data_file = tmp_path / "acts.toml"
    data_file.write_text('[[acts]]\ncode = "X-01"\n', encoding="utf-8")
    monkeypatch.setattr(services, "DATA_FILE", data_file)

    with pytest.raises(CommandError, match="X-01: kunci wajib tidak ada"):
        call_command("load_acts", stdout=StringIO())


@pytest.mark.django_db
@pytest.mark.slow
def test_load_reference_data_also_loads_the_catalogue():
    call_command("load_reference_data", stdout=StringIO())

    assert Act.objects.count() == 25
