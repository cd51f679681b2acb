import shutil
from collections import Counter

import pytest

from accounts.tests.factories import UserFactory
from core.models import AuditEntry
from regions import services
from regions.codes import Kind, kind_of
from regions.models import Level, Region

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LAMPUNG_REGENCIES = [f"18.{n:02d}" for n in range(1, 14)] + ["18.71", "18.72"]


def test_load_regions_loads_38_provinces_and_514_regencies():
    counts = services.load_regions()

    assert counts == {"province": 38, "regency": 514}
    assert dict(Counter(Region.objects.values_list("level", flat=True))) == {"province": 38, "regency": 514}
    assert Region.objects.get(code="18").name == "Lampung"
    assert Region.objects.get(code="18.71").name == "Kota Bandar Lampung"


def test_load_regions_regencies_are_416_kabupaten_and_98_kota():
    services.load_regions()

    kinds = Counter(kind_of(code) for code in Region.objects.filter(level=Level.REGENCY).values_list("code", flat=True))

    assert kinds == {Kind.KABUPATEN: 416, Kind.KOTA: 98}


def test_load_regions_sets_parents_from_the_code():
    services.load_regions()

    regencies = Region.objects.filter(level=Level.REGENCY)
    wrong_parents = [(region.code, region.parent_id) for region in regencies if region.parent_id != region.code[:2]]

    assert wrong_parents == []
    assert list(Region.objects.filter(level=Level.PROVINCE, parent__isnull=False)) == []
    assert list(Region.objects.filter(parent_id="18").values_list("code", flat=True)) == LAMPUNG_REGENCIES


def test_load_regions_second_run_changes_nothing():
    first = services.load_regions()

    second = services.load_regions()

    assert second == first
    assert Region.objects.count() == 552
    assert AuditEntry.objects.order_by("pk").last().changes == {
        "province": {"rows": 38, "created": 0, "updated": 0},
        "regency": {"rows": 514, "created": 0, "updated": 0},
    }


def test_load_regions_updates_a_renamed_or_moved_region():
    services.load_regions()
    Region.objects.filter(code="18.71").update(name="Kota Tanjungkarang", parent_id="11")

    services.load_regions()

    region = Region.objects.get(code="18.71")
    assert (region.name, region.parent_id) == ("Kota Bandar Lampung", "18")
    assert AuditEntry.objects.order_by("pk").last().changes["regency"] == {"rows": 514, "created": 0, "updated": 1}


def test_load_regions_writes_one_audit_entry():
    services.load_regions()

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.actor_label) == ("regions.load_regions", None, "sistem")
    assert entry.summary == "Memuat wilayah Kemendagri: 38 provinsi, 514 kabupaten/kota"
    assert entry.changes == {
        "province": {"rows": 38, "created": 38, "updated": 0},
        "regency": {"rows": 514, "created": 514, "updated": 0},
    }


def test_load_regions_records_the_acting_user():
    user = UserFactory(username="admin.wilayah")

    services.load_regions(actor=user)

    assert AuditEntry.objects.values_list("actor", "actor_label").get() == (user.pk, "admin.wilayah")


def test_load_regions_with_districts_sets_their_parents():
    counts = services.load_regions(include_districts=True)

    assert counts == {"province": 38, "regency": 514, "district": 7285}
    assert Region.objects.filter(level=Level.DISTRICT).count() == 7285
    assert Region.objects.values_list("name", "parent_id").get(code="18.71.01") == ("Kedaton", "18.71")
    assert Region.objects.filter(parent_id="18.71").count() == 20
    assert Region.objects.filter(level=Level.DISTRICT).exclude(parent__level=Level.REGENCY).count() == 0


def test_load_regions_reports_progress_per_batch():
    done = []

    services.load_regions(include_districts=True, progress=done.append)

    assert done == [38, 514, 2000, 2000, 2000, 1285]
    assert sum(done) == services.rows_to_load(include_districts=True)


@pytest.mark.slow  # all 83,762 villages: 5-10 s
def test_load_regions_with_villages_loads_districts_too():
    counts = services.load_regions(include_villages=True)

    assert counts == {"province": 38, "regency": 514, "district": 7285, "village": 83762}
    assert Region.objects.count() == 91599
    assert Region.objects.values_list("name", "parent_id").get(code="18.71.01.1003") == ("Kedaton", "18.71.01")
    assert Region.objects.filter(level=Level.VILLAGE).exclude(parent__level=Level.DISTRICT).count() == 0


def test_load_regions_bad_file_loads_nothing(tmp_path, monkeypatch):
    for name in ("provinces.csv", "regencies.csv"):
        shutil.copy(services.DATA_DIR / name, tmp_path / name)
    (tmp_path / "districts.csv").write_text("code,regency_code,name\n18.71,18,Kota Bandar Lampung\n", encoding="utf-8")
    monkeypatch.setattr(services, "DATA_DIR", tmp_path)

    with pytest.raises(ValueError, match=r"districts.csv: code '18.71' is not a district code"):
        services.load_regions(include_districts=True)

    assert (Region.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_levels_to_load_villages_imply_districts():
    assert services.levels_to_load(include_villages=True) == [
        Level.PROVINCE,
        Level.REGENCY,
        Level.DISTRICT,
        Level.VILLAGE,
    ]
