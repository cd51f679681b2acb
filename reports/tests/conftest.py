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
