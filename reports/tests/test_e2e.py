"""In a real headless Chromium: a citizen reports from a phone, an anonymous tip, and the form without a mouse."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from acts.models import Act
from reports.choices import ReportKind
from reports.models import Report
from reports.tests.factories import DESCRIPTION, jpeg_with_gps

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
REGION = "18.71 — Kota Bandar Lampung, Lampung"
MAX_TAB_STOPS = 80
NO_HORIZONTAL_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
# Every control a person can reach in the form, and whether assistive technology can name it.
UNLABELLED_CONTROLS = """form => [...form.querySelectorAll("input, select, textarea")]
    .filter(el => el.type !== "hidden")
    .filter(el => el.labels.length === 0 || [...el.labels].every(label => !label.textContent.trim()))
    .map(el => el.name)"""
UNGROUPED_RADIOS = """form => [...form.querySelectorAll("input[type=radio]")]
    .filter(el => !el.closest("fieldset")?.querySelector(":scope > legend")?.textContent.trim())
    .map(el => el.name)"""


@pytest.fixture
def live_intake(transactional_db, intake):
    """The reports `intake` data, committed so the live server's thread sees it (transactional_db first)."""
    return intake


@pytest.fixture
def phone(browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, **PHONE})
    yield context.new_page()
    context.close()


def _watch_csp(page) -> list:
    csp_violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and csp_violations.append(message))
    return csp_violations


def _act_label(code: str) -> str:
    return f"{Act.objects.get(code=code).public_title} ({code})"


def _fill_event(page) -> None:
    """The fields every submission needs, formal or anonymous."""
    page.get_by_label("Nama ASN yang dilaporkan").fill("Budi Santoso")
    page.get_by_label("Apa yang dilakukan?").select_option(label=_act_label("DSP-06"))
    page.get_by_label("Uraian kejadian").fill(DESCRIPTION)
    page.get_by_label("Tanggal kejadian").fill("2024-10-20")
    page.get_by_label("Tanggal Anda mengetahuinya").fill("2024-10-21")
    page.get_by_label("Kabupaten/kota tempat kejadian").fill(REGION)
    page.get_by_label("Tempat kejadian", exact=True).fill("Instagram")
    page.get_by_label("Saya menyatakan laporan ini saya sampaikan dengan sebenar-benarnya.").check()


def _fits_the_screen(page) -> None:
    page.wait_for_load_state()
    assert page.evaluate(NO_HORIZONTAL_SCROLL), f"{page.url} scrolls sideways on a phone"


def test_citizen_reports_from_a_phone_and_follows_the_status(live_server, live_intake, phone):
    page = phone
    csp_violations = _watch_csp(page)

    page.goto(f"{live_server.url}/lapor/")
    _fits_the_screen(page)
    page.get_by_label("Laporan resmi, dengan identitas saya").check()
    page.get_by_label("Nama lengkap").fill("Siti Rahmawati")
    page.get_by_label("Alamat").fill("Jl. Teuku Umar No. 5, Kedaton, Bandar Lampung")
    page.get_by_label("Nomor telepon/WhatsApp").fill("081234567890")
    page.get_by_label("Instansi/tempat kerja").fill("Dinas Pendidikan Kota Bandar Lampung")
    page.get_by_label("Pemilihan").select_option(label="Pilkada Serentak 2024")
    _fill_event(page)
    page.get_by_label("Bukti: foto").set_input_files(
        {"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}
    )
    _fits_the_screen(page)
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page).to_have_url(f"{live_server.url}/lapor/terkirim/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan Anda sudah kami terima")
    code = page.get_by_test_id("receipt-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    _fits_the_screen(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Unduh tanda bukti (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("tanda-bukti-")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")

    page.goto(f"{live_server.url}/lapor/status/")
    _fits_the_screen(page)
    page.get_by_label("Kode tanda terima").fill(code)
    page.get_by_role("button", name="Lihat status").click()

    expect(page.get_by_test_id("current-status")).to_have_text("Diterima")
    expect(page.get_by_test_id("status-history").get_by_role("listitem")).to_have_count(1)
    expect(page.get_by_test_id("status-history")).to_contain_text("Diterima")
    expect(page.get_by_test_id("status-facts")).not_to_contain_text("Siti Rahmawati")
    _fits_the_screen(page)
    report = Report.objects.get()
    assert report.kind == ReportKind.FORMAL
    assert report.evidence.count() == 1
    assert csp_violations == []


def test_anonymous_tip_is_recorded_without_identity(live_server, live_intake, page):
    csp_violations = _watch_csp(page)

    page.goto(f"{live_server.url}/lapor/")
    page.get_by_label("Tanpa identitas (anonim)").check()
    _fill_event(page)
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Informasi awal Anda sudah kami terima")
    expect(page.get_by_test_id("receipt-code")).to_have_text(re.compile(r"^\s*[0-9A-Z]{4}(-[0-9A-Z]{4}){3}\s*$"))
    report = Report.objects.get()
    assert report.kind == ReportKind.TIP == "informasi_awal"
    assert report.reporter_name == ""
    assert csp_violations == []


def test_empty_form_sent_by_keyboard_names_and_links_every_error(live_server, live_intake, page):
    csp_violations = _watch_csp(page)

    page.goto(f"{live_server.url}/lapor/")
    form = page.locator("form.report-form")
    assert form.evaluate(UNLABELLED_CONTROLS) == []
    assert form.evaluate(UNGROUPED_RADIOS) == []
    # From the first control, Tab alone must reach the submit button (date inputs take a stop per segment).
    submit = page.get_by_role("button", name="Kirim laporan")
    page.get_by_label("Laporan resmi, dengan identitas saya").focus()
    for _ in range(MAX_TAB_STOPS):
        if submit.evaluate("button => button === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail(f"the submit button is not reached within {MAX_TAB_STOPS} Tab presses")
    page.keyboard.press("Enter")

    expect(page.get_by_role("alert")).to_contain_text("Laporan belum terkirim")
    first_invalid = form.locator('[aria-invalid="true"]').first
    expect(first_invalid).to_have_attribute("id", "id_reported_name")
    described_by = first_invalid.get_attribute("aria-describedby").split()
    assert "id_reported_name-errors" in described_by
    expect(page.locator("#id_reported_name-errors")).to_be_visible()
    expect(first_invalid).to_have_accessible_description(re.compile(r"\S"))
    error_lists = form.locator("ul.errorlist")
    error_ids = {error_list.get_attribute("id") for error_list in error_lists.all()}
    assert {"id_reported_name-errors", "id_description-errors", "id_truthful-errors"} <= error_ids
    for error_list in error_lists.all():
        error_id = error_list.get_attribute("id")
        field_id = error_id.removesuffix("-errors")
        control = form.locator(f"#{field_id}")
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_have_attribute("aria-describedby", re.compile(rf"(^|\s){error_id}(\s|$)"))
    assert form.evaluate(UNLABELLED_CONTROLS) == []
    assert Report.objects.count() == 0
    assert csp_violations == []
