"""In a real headless Chromium: the API documentation works offline under the Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_from_local_files_without_csp_errors(live_server, page):
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))

    page.goto(f"{live_server.url}/api/v1/docs")

    expect(page.get_by_text("/api/v1/regions/{code}", exact=True)).to_be_visible(timeout=15_000)
    assert console_errors == []
