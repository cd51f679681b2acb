"""In a real headless Chromium: one report goes from acceptance to the PPK's decision, every document is
issued and downloaded, and the reporter follows each step on the public status page."""

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.services import current_totp_code
from accounts.tests.factories import PASSWORD, totp_device
from cases.models import Case, CaseDocument
from reports.tests.factories import submit

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ACCEPT = "Ditindaklanjuti dalam penanganan pelanggaran"
REPORTER = "Siti"  # the reporter is Siti Rahmawati (reports.tests.factories.reporter)
# Sanctions stay confidential (domain notes §4.4): the reporter reads that a decision exists, never which.
RECOMMENDED = "Berat: penurunan jabatan setingkat lebih rendah selama 12 bulan"
IMPOSED = "Ringan: teguran tertulis"


@pytest.fixture
def live_people(transactional_db, people):
    """The cases `people` (and the intake data under them), committed so the live server's thread sees them."""
    return people


@pytest.fixture
def open_page(browser, browser_context_args):
    """A page in a fresh browser context (its own cookies: one person), watched for CSP violations."""
    contexts, csp_violations = [], []

    def open_():
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: "Content Security Policy" in m.text and csp_violations.append(m.text))
        return page

    open_.csp_violations = csp_violations
    yield open_
    for context in contexts:
        context.close()


def _log_in(page, base_url: str, user) -> None:
    """The two-step login: password, then the code of the user's (already enrolled) authenticator."""
    device = totp_device(user)
    page.goto(f"{base_url}/akun/masuk/?next=/kasus/")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Lanjut").click()
    page.get_by_label("Kode enam angka").fill(current_totp_code(device))
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page).to_have_url(f"{base_url}/kasus/")
    expect(page.get_by_test_id("current-user")).to_contain_text(user.first_name)


def _open_case(page, reported_name: str = "Budi Santoso") -> None:
    """From the dashboard, the case of the reported person."""
    row = page.get_by_test_id("cases").get_by_role("row").filter(has_text=reported_name)
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _take_step(page, label: str, fields: dict[str, str] | None = None, choices: dict[str, str] | None = None):
    """Open the step's <details>, fill its fields by label, press its button."""
    exact_label = re.compile(rf"^\s*{re.escape(label)}\s*$")
    step = page.locator("details.step").filter(has=page.locator("summary").filter(has_text=exact_label))
    expect(step).to_have_count(1)
    step.locator("summary").click()
    for field_label, value in (fields or {}).items():
        step.get_by_label(field_label).fill(value)
    for field_label, option in (choices or {}).items():
        step.get_by_label(field_label).select_option(label=option)
    step.get_by_role("button", name=label, exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Langkah dicatat.")


def _issue_and_download(page, case: Case, kind: str) -> bytes:
    """Issue a document of `kind` and download its PDF; the bytes are the sealed ones recorded at issue."""
    title = CaseDocument.Kind(kind).label
    page.get_by_label("Terbitkan dokumen").select_option(label=title)
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    document = CaseDocument.objects.filter(case=case, kind=kind).latest("issued_at")
    expect(page.get_by_role("status")).to_contain_text(f"Dokumen {document.number} diterbitkan.")
    link = page.get_by_test_id("documents").get_by_role("link", name=f"{title} — {document.number}")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"{kind}-{document.number.replace('/', '-')}.pdf"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF"), f"{kind} is not a PDF"
    assert hashlib.sha256(data).hexdigest() == document.sha256
    return data


class Reporter:
    """The reporter, in their own anonymous browser, reading the status page with the receipt code."""

    def __init__(self, page, base_url: str, code: str):
        self.page, self.base_url, self.code = page, base_url, code
        self.seen = 1  # the submission itself: "Diterima"

    def sees(self, note: str) -> None:
        """One more history line, the newest, saying `note`; no name of the reporter, no sanction."""
        page = self.page
        page.goto(f"{self.base_url}/lapor/status/")
        page.get_by_label("Kode tanda terima").fill(self.code)
        page.get_by_role("button", name="Lihat status").click()
        expect(page.get_by_test_id("current-status")).to_have_text(ACCEPT)
        self.seen += 1
        items = page.get_by_test_id("status-history").get_by_role("listitem")
        expect(items).to_have_count(self.seen)
        expect(items.last).to_contain_text(note)
        body = page.locator("body")
        expect(body).not_to_contain_text(REPORTER)
        expect(body).not_to_contain_text(RECOMMENDED)
        expect(body).not_to_contain_text(IMPOSED)


def test_report_goes_from_registration_to_sanction_with_documents_and_status(
    live_server, live_people, open_page, settings
):
    settings.REPORT_STATUS_RATE = "1000/h"  # the reporter checks the page after every step
    people = live_people
    receipt = submit()
    base = live_server.url
    reporter = Reporter(open_page(), base, receipt.code)

    # Bawaslu Kota Bandar Lampung accepts the report into handling; a case opens.
    supervisor = open_page()
    _log_in(supervisor, base, people["bawaslu"])
    supervisor.goto(f"{base}/laporan/{receipt.report.pk}/")
    supervisor.get_by_label(ACCEPT).check()
    supervisor.get_by_role("button", name="Simpan").click()
    expect(supervisor.get_by_role("status")).to_contain_text("Status laporan diperbarui.")
    case = Case.objects.get(report=receipt.report)
    # In production the reported agency comes from the registry match (`reported_asn.agency`); this report
    # names Budi Santoso by name only, so the test links the case to the agency head's agency itself.
    Case.objects.filter(pk=case.pk).update(reported_agency=people["agency"])
    reporter.sees(ACCEPT)

    supervisor.goto(f"{base}/kasus/")
    _open_case(supervisor)
    _take_step(supervisor, "Mulai kajian awal")
    reporter.sees("Kajian awal: pemeriksaan syarat formal dan materiil.")

    _take_step(supervisor, "Registrasi (syarat formal dan materiil terpenuhi)")
    case.refresh_from_db()
    assert re.fullmatch(r"001/Reg/LP/18\.71/\d{4}", case.register_number)
    reporter.sees(f"Laporan diregistrasi dengan nomor {case.register_number}.")
    _issue_and_download(supervisor, case, "register")

    _take_step(supervisor, "Undang klarifikasi", fields={"Tanggal klarifikasi": "2024-10-25"})
    reporter.sees("Tahap klarifikasi.")
    _issue_and_download(supervisor, case, "invitation")

    _take_step(
        supervisor,
        "Catat berita acara klarifikasi, mulai kajian",
        fields={"Ringkasan berita acara klarifikasi": "Terlapor mengakui membagikan unggahan."},
    )
    reporter.sees("Tahap kajian.")
    _issue_and_download(supervisor, case, "minutes")

    _take_step(supervisor, "Putuskan: terbukti", fields={"Ringkasan kajian": "Memenuhi unsur DSP-06."})
    reporter.sees("Diputus: terbukti melanggar netralitas ASN.")
    _issue_and_download(supervisor, case, "study")

    _take_step(
        supervisor,
        "Teruskan ke KASN/BKN",
        fields={"Nomor surat penerusan": "001/PP.01/K.LA-11/X/2024"},
        choices={"Diteruskan kepada": "BKN"},
    )
    reporter.sees("Diteruskan kepada BKN")
    _issue_and_download(supervisor, case, "forwarding")

    # BKN records its recommendation.
    analyst = open_page()
    _log_in(analyst, base, people["authority"])
    _open_case(analyst)
    _take_step(
        analyst,
        "Catat rekomendasi",
        fields={"Nomor rekomendasi": "R-123/BKN/2024"},
        choices={"Sanksi yang direkomendasikan": RECOMMENDED},
    )
    reporter.sees("Rekomendasi telah diterbitkan dan disampaikan kepada Pejabat Pembina Kepegawaian.")

    # The PPK of the reported agency records the decree; it is lighter than recommended, and the page says so.
    ppk = open_page()
    _log_in(ppk, base, people["agency_head"])
    _open_case(ppk)
    _take_step(
        ppk,
        "Catat keputusan PPK",
        fields={"Nomor keputusan PPK": "800/12/2024", "Tanggal keputusan PPK": "2024-12-01"},
        choices={"Sanksi yang dijatuhkan": IMPOSED},
    )
    expect(ppk.get_by_test_id("sanction-gap")).to_contain_text("lebih ringan")
    reporter.sees("Pejabat Pembina Kepegawaian telah menetapkan keputusan.")

    # Back at Bawaslu: the notice of the report's status to the reporter, as it stands at the end.
    supervisor.reload()
    _issue_and_download(supervisor, case, "status_notice")
    expect(supervisor.get_by_test_id("documents").get_by_role("listitem")).to_have_count(6)

    case.refresh_from_db()
    assert (case.state, case.recommended_penalty, case.imposed_penalty) == ("dijatuhi_sanksi", "B1", "R2")
    assert sorted(case.documents.values_list("kind", flat=True)) == sorted(CaseDocument.Kind.values)
    assert open_page.csp_violations == []
