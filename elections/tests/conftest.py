import pytest

from elections.services import load_reference_elections
from regions.services import load_regions


@pytest.fixture
def regions(db):
    """All 38 provinces and 514 kab/kota, as `load_regions` ships them."""
    load_regions()


@pytest.fixture
def reference(regions):
    """Regions plus the shipped reference elections (Pemilu 2024, Pilkada Serentak 2024)."""
    load_reference_elections()
