"""`sinetra patrol scan` and `sinetra patrol retrain` as an operator runs them."""

import json

import pytest
from django.core.management import CommandError, call_command

from elections.tests.factories import CandidateFactory, ContestFactory, ElectionFactory
from patrol import training
from patrol.models import Finding, StanceModelVersion
from patrol.scan import forget_context
from registry.tests.factories import ASNFactory, SocialAccountFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NIP = "198001012005011001"


@pytest.fixture
def posts(tmp_path):
    """An ASN of Kota Bandar Lampung with a registered account, the city's mayoral race, and a file of posts."""
    contest = ContestFactory(election=ElectionFactory())
    CandidateFactory(contest=contest, ballot_number=1, name="Budi Santoso", running_mate="Sari Wulandari")
    CandidateFactory(contest=contest, ballot_number=2, name="Hendra Wijaya", running_mate="Ratna Kusuma",
                     nicknames=["Bang Hendra"])  # fmt: skip
    SocialAccountFactory(asn=ASNFactory(nip=NIP), handle="hasan.asn")
    base = {"platform": "instagram", "author_handle": "hasan.asn", "kind": "post",
            "posted_at": "2024-11-10T09:00:00+07:00"}  # fmt: skip
    rows = [
        base | {"post_id": "1", "text": "Ayo coblos nomor 2, Bang Hendra pasti menang!"},
        base | {"post_id": "2", "text": "Bang Hendra nomor 2 paling peduli warga, pilih dia!"},
        base | {"post_id": "3", "text": "Ayo datang ke TPS tanggal 27 November, gunakan hak pilih kalian!"},
        base | {"post_id": "4", "author_handle": "warga", "text": "Ayo coblos nomor 2, Bang Hendra pasti menang!"},
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows) + "{broken\n", encoding="utf-8")
    forget_context()
    training.forget_models()
    return path


def _scan(*args, capsys) -> dict:
    call_command("patrol", "scan", *map(str, args), "--workers", "1")
    return json.loads(capsys.readouterr().out)


def test_scan_writes_findings_and_prints_a_json_summary(posts, tmp_path, capsys):
    out, rejects = tmp_path / "findings.jsonl", tmp_path / "rejects.jsonl"

    report = _scan(posts, "--out", out, "--rejects", rejects, capsys=capsys)

    [written] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {k: report[k] for k in ("posts", "rejected", "assessed", "findings")} == {
        "posts": 4, "rejected": 1, "assessed": 3, "findings": 1,
    }  # fmt: skip
    assert (written["key"], sorted(p["post_id"] for p in written["posts"])) == (f"{NIP}|DSP-06|2024-11-10", ["1", "2"])
    assert written["targets"] == ["02. Hendra Wijaya – Ratna Kusuma (Wali Kota Bandar Lampung)"]
    assert json.loads(rejects.read_text(encoding="utf-8"))["line"] == 5
    assert Finding.objects.count() == 0  # without --save nothing is stored


def test_scan_save_stores_findings_once_however_often_it_runs(posts, capsys):
    first = _scan(posts, "--save", capsys=capsys)
    second = _scan(posts, "--save", capsys=capsys)

    found = Finding.objects.get()
    assert (first["saved"], second["saved"]) == (
        {"created": 1, "updated": 0, "posts_added": 2},
        {"created": 0, "updated": 1, "posts_added": 0},
    )
    assert (found.key, found.nip, found.posts.count()) == (f"{NIP}|DSP-06|2024-11-10", NIP, 2)
    assert found.candidate.name == "Hendra Wijaya"


def test_scan_without_out_or_save_refuses_in_indonesian(posts):
    with pytest.raises(CommandError, match="Sebutkan --out BERKAS dan/atau --save"):
        call_command("patrol", "scan", str(posts))


def test_scan_of_a_missing_file_refuses(tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("patrol", "scan", str(tmp_path / "hilang.jsonl"), "--out", str(tmp_path / "f.jsonl"))


def test_scan_with_zero_workers_refuses(posts, tmp_path):
    with pytest.raises(CommandError, match="--workers harus 1 atau lebih"):
        call_command("patrol", "scan", str(posts), "--out", str(tmp_path / "f.jsonl"), "--workers", "0")


@pytest.mark.slow
def test_retrain_prints_the_stored_models_metrics(capsys):
    training.forget_models()

    call_command("patrol", "retrain")

    printed = json.loads(capsys.readouterr().out)
    stored = StanceModelVersion.objects.get(is_active=True)
    assert (printed["model"], printed["examples"], printed["decisions"]) == (stored.pk, stored.examples, 0)
    assert printed["precision"] == stored.metrics["precision"] > 0.5
    training.forget_models()
