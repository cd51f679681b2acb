import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory, verified_client
from cases.models import Case
from core.testing import texts
from patrol.models import Finding, FindingStatus
from patrol.tests.factories import finding
from registry.tests.factories import ASNFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
NIP = "198001012005011001"


def test_list_shows_visible_new_findings_with_counts(people):
    ASNFactory(nip=NIP, name="Budi Santoso", agency=people["agency"])
    mine = finding(nip=NIP)
    finding(nip="198001012005011002", region_code="32.76")  # Depok: could leak

    response = verified_client(people["bawaslu"]).get(reverse("patrol:list"))

    assert [f.pk for f in response.context["page"].items] == [mine.pk]
    assert texts(response, "status-counts") == ["Baru: 1 Dikonfirmasi: 0 Ditolak: 0"]
    row = texts(response, "findings")[0]
    assert "Budi Santoso" in row
    assert "DSP-06" in row


def test_list_and_detail_for_owner_colleague_and_outsider(people):
    found = finding()
    detail = reverse("patrol:detail", args=[found.pk])

    assert verified_client(people["bawaslu"]).get(detail).status_code == 200
    assert verified_client(people["bawaslu_province"]).get(detail).status_code == 200
    assert verified_client(people["bawaslu_elsewhere"]).get(detail).status_code == 404
    assert verified_client(people["authority"]).get(reverse("patrol:list")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow(people, django_assert_max_num_queries, count):
    for n in range(count):
        finding(nip=f"19800101200501100{n}")
    client = verified_client(people["bawaslu"])
    with django_assert_max_num_queries(9):
        client.get(reverse("patrol:list"))


def test_detail_explains_and_shows_archived_posts(people):
    found = finding()
    post = found.posts.get()

    response = verified_client(people["bawaslu"]).get(reverse("patrol:detail", args=[found.pk]))

    assert texts(response, "explanation") == [
        "Kata yang dikenali: rido , nomor 1 Merujuk kepada: Rido (Wali Kota Bandar Lampung) Sikap: mendukung "
        "Dikenali sebagai ASN lewat akun media sosial yang terdaftar di registri, keyakinan 98%: akun instagram "
        "@budi.santoso terdaftar di registri Skor aturan 0,80, skor model 0,90. ajakan memilih: coblos "
        "menyebut nomor urut ASN membagikan ajakan memilih calon."
    ]
    shown = texts(response, "post")[0]
    assert shown.startswith("share · 21 Oktober 2024, 09.30 WIB · Lihat di platform Ayo coblos nomor 1")
    assert f"SHA-256 {post.raw_sha256} · ditangkap 21 Oktober 2024, 11.30 WIB · tangkapan.jsonl" in shown
    assert post.url in response.content.decode()


def test_confirming_through_the_page_opens_the_case_and_redirects_to_it(people):
    found = finding()
    client = verified_client(people["bawaslu"])

    response = client.post(reverse("patrol:confirm", args=[found.pk]), {"confirm-note": "Benar."})

    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("cases:detail", args=[case.pk])
    assert Finding.objects.get().case == case
    page = client.get(response.url)
    assert f"kasus {case.number} dibuka" in page.content.decode()


def test_confirming_a_finding_without_region_needs_the_region_field(people):
    national = UserFactory(role=Role.BAWASLU, scope_region=None)
    found = finding(nip="", region_code="")
    client = verified_client(national)
    url = reverse("patrol:confirm", args=[found.pk])

    missing = client.post(url, {"confirm-note": ""})
    chosen = client.post(url, {"confirm-region": "18.72"})

    assert missing.status_code == 400
    assert Case.objects.get().region_id == "18.72"
    assert chosen.status_code == 302


def test_rejecting_through_the_page(people):
    found = finding()
    client = verified_client(people["bawaslu"])
    url = reverse("patrol:reject", args=[found.pk])

    invalid = client.post(url, {"reject-reason": "bosan"})
    response = client.post(url, {"reject-reason": "konten_netral", "reject-note": "Hanya berita."})
    again = client.post(url, {"reject-reason": "duplikat"}, follow=True)

    found.refresh_from_db()
    assert (invalid.status_code, response.status_code) == (400, 302)
    assert (found.status, found.reject_reason, found.decision_note) == (FindingStatus.REJECTED, "konten_netral",
                                                                        "Hanya berita.")  # fmt: skip
    assert "sudah diputuskan" in again.content.decode()


def test_outsider_cannot_decide(people):
    found = finding()
    client = verified_client(people["bawaslu_elsewhere"])
    assert client.post(reverse("patrol:reject", args=[found.pk]), {"reject-reason": "duplikat"}).status_code == 404
    assert client.post(reverse("patrol:confirm", args=[found.pk]), {}).status_code == 404
    assert Finding.objects.get().status == FindingStatus.NEW


def test_admin_creates_a_collector_key_showing_the_secret_once_and_revokes_it(people):
    from patrol.models import CollectorKey
    from patrol.services import authenticate_collector

    admin = UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
    client = verified_client(admin)

    added = client.post("/admin/patrol/collectorkey/add/", {"name": "kolektor-a"}, follow=True)
    shown = [str(m) for m in added.context["messages"] if "Rahasia kolektor" in str(m)]
    secret = shown[0].rsplit(": ", 1)[1]
    key = CollectorKey.objects.get()
    assert authenticate_collector(secret) == key
    client.post("/admin/patrol/collectorkey/", {"action": "revoke", "_selected_action": [key.pk]})
    assert authenticate_collector(secret) is None
    assert secret not in client.get("/admin/patrol/collectorkey/").content.decode()


def test_a_post_url_that_is_not_a_web_address_is_shown_but_never_a_link(people):
    found = finding(url="javascript:alert(document.cookie)")

    response = verified_client(people["bawaslu"]).get(reverse("patrol:detail", args=[found.pk]))

    page = response.content.decode()
    assert 'href="javascript:' not in page
    assert "javascript:alert(document.cookie)" in page  # still visible as text, for the record
