import datetime

import pytest


@pytest.fixture(autouse=True)
def evidence_storage(settings, tmp_path):
    """Each test stores evidence in its own directory (the storage alias is rebuilt when STORAGES changes)."""
    storages = dict(settings.STORAGES)
    storages["evidence"] = {
        **storages["evidence"],
        "OPTIONS": {**storages["evidence"]["OPTIONS"], "location": str(tmp_path / "evidence")},
    }
    settings.STORAGES = storages
    return tmp_path / "evidence"


@pytest.fixture
def intake(db):
    """What intake needs to exist: regions of Lampung and Depok, Pemilu and Pilkada 2024, the act catalogue."""
    from acts.services import load_acts
    from elections.choices import ElectionKind, Office
    from elections.tests.factories import ContestFactory, ElectionFactory
    from regions.tests.factories import district, regency
    from reports import reference
    from reports.services import reset_duplicate_index

    reset_duplicate_index()
    reference.clear()
    load_acts()
    district()  # 18.71.01 Kedaton, in Kota Bandar Lampung (18.71), Lampung (18)
    regency("18.72", "Kota Metro")
    regency("32.76", "Kota Depok", "Jawa Barat")
    pilkada = ElectionFactory()
    pemilu = ElectionFactory(
        slug="pemilu-2024", name="Pemilu 2024", kind=ElectionKind.PEMILU, voting_day=datetime.date(2024, 2, 14)
    )
    ContestFactory(election=pilkada)
    ContestFactory(
        election=pemilu, office=Office.PRESIDENT, region=None, determination_date=datetime.date(2023, 11, 13)
    )
    return {"pilkada": pilkada, "pemilu": pemilu}
