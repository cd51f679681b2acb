"""Assessments as the pipeline would produce them, and findings stored from them through the real service."""

import datetime
import itertools

from patrol.assessment import Assessment, evidence_hash
from patrol.services import record_assessments

_post_ids = itertools.count(1)
JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


def assessment(**overrides) -> Assessment:
    """A partisan share by an ASN of Kota Bandar Lampung for a Pilkada 2024 candidate (a finding, DSP-06)."""
    post_id = overrides.pop("post_id", str(next(_post_ids)))
    posted_at = overrides.pop("posted_at", datetime.datetime(2024, 10, 21, 9, 30, tzinfo=JAKARTA))
    platform = overrides.get("platform", "instagram")
    handle = overrides.get("author_handle", "budi.santoso")
    text = overrides.get("text", "Ayo coblos nomor 1, Rido pasti menang! #rido2024")
    raw = overrides.pop("raw", None) or {
        "platform": platform, "post_id": post_id, "author_handle": handle, "kind": "share", "text": text,
        "posted_at": posted_at.isoformat(), "url": f"https://www.instagram.com/p/{post_id}/",
    }  # fmt: skip
    values = {
        "platform": platform,
        "post_id": post_id,
        "url": f"https://www.instagram.com/p/{post_id}/",
        "author_handle": handle,
        "author_name": "Budi Santoso, S.Pd.",
        "kind": "share",
        "text": text,
        "media_text": "poster paslon nomor 1",
        "posted_at": posted_at,
        "raw": raw,
        "raw_sha256": evidence_hash(raw),
        "captured_at": posted_at + datetime.timedelta(hours=2),
        "source": "tangkapan.jsonl",
        "asn_id": None,
        "nip": "198001012005011001",
        "link_method": "account",
        "link_confidence": 0.98,
        "link_evidence": "akun instagram @budi.santoso terdaftar di registri",
        "region_code": "18.71",
        "election_slug": "pilkada-2024",
        "contest_id": None,
        "candidate_id": None,
        "targets": ("Rido (Wali Kota Bandar Lampung)",),
        "terms": ("rido", "nomor 1"),
        "stance": "support",
        "rule_score": 0.8,
        "model_score": 0.9,
        "score": 0.85,
        "reasons": ("ajakan memilih: coblos", "menyebut nomor urut"),
        "act_code": "DSP-06",
        "day": posted_at.astimezone(JAKARTA).date(),
        "is_finding": True,
        "explanation": ("ASN membagikan ajakan memilih calon.",),
    }
    values.update(overrides)
    return Assessment(**values)


def finding(**overrides):
    """One finding stored with `record_assessments` from one assessment; returns the Finding."""
    from patrol.models import Finding

    item = assessment(**overrides)
    record_assessments([item], source=item.source)
    return Finding.objects.get(key=item.key)
