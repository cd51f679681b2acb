"""In a real headless Chromium: agency HR uploads a staff list and watches the background import finish."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import Role
from accounts.services import current_totp_code
from accounts.tests.factories import PASSWORD, UserFactory, totp_device
from regions.tests.factories import regency
from registry.models import ASN
from registry.tests.factories import AgencyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_upload_runs_in_the_background_and_the_page_follows_it(live_server, page, tmp_path):
    agency = AgencyFactory(code="PEMKOT-1871", region=regency("18.71", "Kota Bandar Lampung"))
    user = UserFactory(role=Role.AGENCY_HR, agency=agency)
    device = totp_device(user)
    staff_list = tmp_path / "pegawai.csv"
    staff_list.write_text(
        "nip;nama;status;kode_instansi;kode_wilayah\n"
        "198001012005011001;Dr. H. Ahmad Fauzi, S.Pd., M.Si.;PNS;PEMKOT-1871;18.71\n"
        "19800101200501100X;Sari;PNS;PEMKOT-1871;18.71\n"
    )
    csp_violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and csp_violations.append(message))

    page.goto(f"{live_server.url}/registri/asn/impor/")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Lanjut").click()
    page.get_by_label("Kode enam angka").fill(current_totp_code(device))
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_label("Berkas daftar pegawai (CSV atau XLSX)").set_input_files(staff_list)
    page.get_by_role("button", name="Unggah dan impor").click()

    expect(page).to_have_url(re.compile(r"/tugas/[0-9a-f-]+/$"))
    expect(page.get_by_test_id("job-state")).to_have_attribute("data-state", "queued")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    # htmx polls the job every two seconds and swaps in the outcome without a reload.
    expect(page.get_by_test_id("job-summary")).to_contain_text("1 baru", timeout=10_000)
    expect(page.get_by_test_id("job-error")).to_have_count(1)
    expect(page.get_by_test_id("job-error")).to_contain_text("nip")
    assert list(ASN.objects.values_list("name", flat=True)) == ["Ahmad Fauzi"]
    assert csp_violations == []
