import json

import pytest
from django.test import Client

from accounts.tests.factories import verified_client
from elections.tests.factories import CandidateFactory
from patrol import scan, services
from patrol.models import Finding
from patrol.tests.factories import finding
from registry.tests.factories import ASNFactory, SocialAccountFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
URL = "/api/v1/patrol/posts"
NIP = "198001012005011001"


@pytest.fixture
def collector(people):
    """A registered ASN with an Instagram account, a Pilkada candidate of Kota Bandar Lampung, and a key."""
    asn = ASNFactory(nip=NIP, name="Budi Santoso", agency=people["agency"])
    SocialAccountFactory(asn=asn, platform="instagram", handle="budi.santoso")
    CandidateFactory(name="Rahmat Mirzani Djausal", running_mate="Deddy Amarullah", acronym="Rido", ballot_number=1,
                     nicknames=["Rido"])  # fmt: skip
    scan.forget_context()
    yield services.create_collector_key(actor=people["admin"], name="kolektor-uji")
    scan.forget_context()


def post(n: int = 1, **overrides) -> dict:
    return {
        "platform": "instagram", "post_id": str(n), "author_handle": "budi.santoso", "kind": "post",
        "text": "Ayo coblos Rido nomor 1! Rido pasti menang", "posted_at": "2024-10-21T09:30:00+07:00",
        "url": f"https://www.instagram.com/p/{n}/", **overrides,
    }  # fmt: skip


def send(secret: str | None, body, **headers):
    if secret is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return Client().post(URL, data, content_type="application/json", **headers)


def test_collector_posts_become_findings_and_rejects_are_listed(collector):
    key, secret = collector
    body = {"posts": [post(1), {"platform": "instagram", "author_handle": "x", "kind": "post"}, post(2)]}

    first = send(secret, body)
    again = send(secret, {"posts": [post(3)]})

    found = Finding.objects.get()
    assert first.status_code == 200
    assert first.json() == {
        "accepted": 2,
        "rejected": [{"index": 1, "reason": "missing field: post_id"}],
        "findings": [{"key": f"{NIP}|DSP-06|2024-10-21", "id": found.pk, "created": True}],
    }
    assert again.json()["findings"] == [{"key": found.key, "id": found.pk, "created": False}]
    assert (found.posts.count(), found.posts.first().source, found.region_id) == (3, "api:kolektor-uji", "18.71")
    key.refresh_from_db()
    assert key.last_used_at is not None


@pytest.mark.parametrize("auth", [None, "salah", "bukan-kunci-sama-sekali"])
def test_posts_need_a_valid_collector_key(collector, auth):
    response = send(auth, {"posts": [post()]})
    error = response.json()["error"]
    assert (response.status_code, error["code"]) == (401, "unauthenticated")
    assert error["messages"] == {
        "id": "Kunci kolektor tidak dikenal atau sudah dicabut.",
        "en": "Unknown or revoked collector key.",
    }
    assert Finding.objects.count() == 0


def test_revoked_key_is_refused(collector, people):
    key, secret = collector
    services.revoke_collector_key(key, actor=people["admin"])
    assert send(secret, {"posts": [post()]}).status_code == 401


def test_more_than_1000_posts_is_refused_whole(collector):
    _key, secret = collector
    response = send(secret, {"posts": [post(n) for n in range(1001)]})
    assert response.status_code == 413
    assert response.json()["error"]["messages"] == {
        "id": "Terlalu banyak: paling banyak 1000 unggahan per permintaan.",
        "en": "Too many: at most 1000 posts per request.",
    }
    assert Finding.objects.count() == 0


@pytest.mark.parametrize(
    "body", ["bukan json", "[]", json.dumps({"posts": "x"}), json.dumps({"posts": [1, 2]}), json.dumps({})]
)
def test_malformed_bodies_are_4xx_with_both_languages(collector, body):
    _key, secret = collector
    response = send(secret, body)
    error = response.json()["error"]
    assert (response.status_code, error["code"]) == (422, "invalid")
    assert error["messages"]["id"] == "Data tidak valid."
    assert error["messages"]["en"] != error["messages"]["id"]


def test_body_larger_than_the_upload_limit_is_413(collector, settings):
    _key, secret = collector
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = send(secret, {"posts": [post(n) for n in range(20)]})
    assert response.status_code == 413


def test_staff_list_their_visible_findings(people):
    mine = finding(nip=NIP)
    finding(nip="198001012005011002", region_code="32.76")

    listed = verified_client(people["bawaslu"]).get("/api/v1/patrol/findings").json()["items"]
    filtered = verified_client(people["bawaslu"]).get("/api/v1/patrol/findings?status=ditolak").json()["items"]
    bad = verified_client(people["bawaslu"]).get("/api/v1/patrol/findings?status=apa")

    assert [(item["id"], item["act"], item["post_count"]) for item in listed] == [(mine.pk, "DSP-06", 1)]
    assert (filtered, bad.status_code) == ([], 422)
    assert verified_client(people["authority"]).get("/api/v1/patrol/findings").json()["items"] == []
    assert Client().get("/api/v1/patrol/findings").status_code == 401
