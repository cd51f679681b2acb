import pytest

from acts.services import load_acts


@pytest.fixture
def catalogue(db):
    """The shipped catalogue of acts/data/acts.toml (25 acts)."""
    load_acts()
