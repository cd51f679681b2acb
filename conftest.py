import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make there are
# ordinary synchronous calls, so Django's async-safety guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _english_off(settings):
    """Tests read the Indonesian UI unless they switch language themselves."""
    settings.LANGUAGE_CODE = "id"
