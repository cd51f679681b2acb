"""In a real headless Chromium: a Bawaslu supervisor reviews the patrol findings of their city, confirms one (which
opens a case and lands on its page) and rejects another as neutral content."""

import pytest
from playwright.sync_api import expect

from accounts.services import current_totp_code
from accounts.tests.factories import PASSWORD, totp_device
from cases.models import Case
from patrol.models import Finding, FindingStatus
from patrol.services import record_assessments
from patrol.tests.factories import assessment
from registry.tests.factories import ASNFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_people(transactional_db, people):
    """`people` and the intake data under them, committed so the live server's thread sees them."""
    return people


@pytest.fixture
def page(browser, browser_context_args):
    """A page in a fresh browser context, watched for CSP violations."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    page.csp_violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text))
    yield page
    context.close()


def _log_in(page, base_url: str, user) -> None:
    """The two-step login: password, then the code of the user's (already enrolled) authenticator."""
    device = totp_device(user)
    page.goto(f"{base_url}/akun/masuk/?next=/patroli/")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Lanjut").click()
    page.get_by_label("Kode enam angka").fill(current_totp_code(device))
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page).to_have_url(f"{base_url}/patroli/")
    expect(page.get_by_test_id("current-user")).to_contain_text(user.first_name)


def _open_finding(page, who: str) -> None:
    row = page.get_by_test_id("findings").get_by_role("row").filter(has_text=who)
    expect(row).to_have_count(1)
    row.get_by_role("link", name=who).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(who)


def test_supervisor_confirms_one_finding_into_a_case_and_rejects_another(live_server, live_people, page):
    people = live_people
    budi = ASNFactory(nip="198001012005011001", name="Budi Santoso", agency=people["agency"])
    siti = ASNFactory(nip="198001012005011002", name="Siti Aminah", agency=people["agency"])
    record_assessments([
        assessment(asn_id=budi.pk, nip=budi.nip, score=0.95),
        assessment(asn_id=budi.pk, nip=budi.nip, score=0.9, text="Coblos nomor 1 ya!"),
        assessment(asn_id=siti.pk, nip=siti.nip, author_handle="siti.aminah", score=0.7,
                   text="Debat calon wali kota malam ini di TVRI."),
        assessment(nip="198001012005011003", region_code="32.76", author_handle="orang.depok"),  # not theirs
    ], source="tangkapan.jsonl")  # fmt: skip
    base = live_server.url

    _log_in(page, base, people["bawaslu"])
    expect(page.get_by_test_id("status-counts")).to_contain_text("Baru: 2")
    rows = page.get_by_test_id("findings").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Budi Santoso")
    expect(rows.first).to_contain_text("DSP-06")
    expect(page.get_by_test_id("findings")).not_to_contain_text("orang.depok")

    # Budi's two shares: the explanation, both archived posts, then confirm into a case.
    _open_finding(page, "Budi Santoso")
    expect(page.get_by_test_id("explanation")).to_contain_text("keyakinan 98%")
    expect(page.get_by_test_id("post")).to_have_count(2)
    expect(page.get_by_test_id("post").first).to_contain_text("21 Oktober 2024, 09.30 WIB")
    page.get_by_test_id("confirm").get_by_label("Catatan").fill("Akun terverifikasi milik terlapor.")
    page.get_by_role("button", name="Konfirmasi dan buat kasus").click()
    case = Case.objects.get()
    expect(page).to_have_url(f"{base}/kasus/{case.pk}/")
    expect(page.get_by_role("status")).to_contain_text(f"Temuan dikonfirmasi; kasus {case.number} dibuka.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.number)
    expect(page.locator("dl.facts")).to_contain_text("Budi Santoso · NIP 198001012005011001")

    # Siti's post announces a debate: neutral content.
    page.goto(f"{base}/patroli/")
    _open_finding(page, "Siti Aminah")
    page.get_by_test_id("reject").locator("summary").click()
    page.get_by_label("Alasan penolakan").select_option(label="Konten netral, boleh dibagikan")
    page.get_by_role("button", name="Tolak temuan").click()
    expect(page.get_by_role("status")).to_contain_text("Temuan ditolak.")
    expect(page.get_by_test_id("finding-status")).to_have_text("Ditolak")

    page.goto(f"{base}/patroli/")
    expect(page.get_by_test_id("status-counts")).to_contain_text("Baru: 0")
    statuses = dict(Finding.objects.filter(region_id="18.71").values_list("asn__name", "status"))
    assert statuses == {"Budi Santoso": FindingStatus.CONFIRMED, "Siti Aminah": FindingStatus.REJECTED}
    assert page.csp_violations == []
