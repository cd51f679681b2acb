"""In a real headless Chromium: a supervisor logs in with password and TOTP and sees only their region."""

import base64
import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.models import Role
from accounts.services import current_totp_code
from accounts.tests.factories import PASSWORD, UserFactory, totp_device
from regions.tests.factories import regency
from registry.tests.factories import AgencyFactory, ASNFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_regions():
    mine = ASNFactory(name="Sari Wulandari", agency=AgencyFactory(region=regency("18.71", "Kota Bandar Lampung")))
    theirs = ASNFactory(
        name="Dedi Kurniawan", agency=AgencyFactory(region=regency("32.73", "Kota Bandung", "Jawa Barat"))
    )
    return mine, theirs


def _enter_password(page, base_url, username):
    page.goto(f"{base_url}/registri/asn/")
    expect(page).to_have_url(re.compile(r"/akun/masuk/"))
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Lanjut").click()


def test_supervisor_logs_in_with_totp_and_sees_only_their_region(live_server, page, two_regions):
    mine, theirs = two_regions
    user = UserFactory(username="pengawas.bdl", role=Role.BAWASLU, scope_region=mine.region)
    device = totp_device(user)
    csp_violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and csp_violations.append(message))

    _enter_password(page, live_server.url, user.username)
    page.get_by_label("Kode enam angka").fill(current_totp_code(device))
    page.get_by_role("button", name="Masuk", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/registri/asn/")
    rows = page.get_by_test_id("asn-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Sari Wulandari")
    expect(page.get_by_text("Dedi Kurniawan")).to_have_count(0)
    expect(page.get_by_test_id("current-user")).to_contain_text(user.first_name)
    api = page.request.get(f"{live_server.url}/api/v1/registry/asn").json()
    assert [item["nip"] for item in api["items"]] == [mine.nip]
    assert page.request.get(f"{live_server.url}/api/v1/registry/asn/{theirs.nip}").status == 404
    assert csp_violations == []


def test_first_login_enrols_an_authenticator_from_the_page(live_server, page, two_regions):
    user = UserFactory(username="analis.bkn", role=Role.AUTHORITY)

    _enter_password(page, live_server.url, user.username)
    expect(page.get_by_role("img", name="Kode QR untuk aplikasi autentikator")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()
    device = TOTPDevice.objects.get(user=user)
    assert secret.replace(" ", "") == base64.b32encode(device.bin_key).decode()
    page.get_by_label("Kode enam angka").fill(current_totp_code(device))
    page.get_by_role("button", name="Masuk", exact=True).click()

    expect(page.get_by_test_id("asn-row")).to_have_count(2)  # a national analyst sees both regions
