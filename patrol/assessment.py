"""What the patrol pipeline says about one post: the record that becomes (part of) a finding.

`patrol.scan.assess` produces an `Assessment` for every post whose author is linked to an ASN and whose
content concerns an election; `is_finding` says whether it passes the finding decision (an ASN showing
partisan support for, or an attack on, a candidate or party). The same record is written to
``findings.jsonl`` by ``sinetra patrol scan`` and stored by ``patrol.services.record_assessments``.

A finding groups assessments by ``key`` = (who, act, day): one finding per ASN per act per day.
``who`` is the NIP when the registry names the ASN, else ``platform:@handle``; ``day`` is the local date
(Asia/Jakarta) of the post.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any


def canonical_json(raw: Any) -> str:
    """The post as received, serialised stably (sorted keys, no spaces): what its evidence hash covers."""
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def evidence_hash(raw: Any) -> str:
    return hashlib.sha256(canonical_json(raw).encode()).hexdigest()


@dataclass(frozen=True)
class Assessment:
    # the post (as received, for the archive) and where it was read
    platform: str
    post_id: str
    url: str
    author_handle: str
    author_name: str
    kind: str
    text: str
    media_text: str
    posted_at: datetime
    raw: dict[str, Any]
    raw_sha256: str
    captured_at: datetime
    source: str
    # who: the ASN link
    asn_id: int | None
    nip: str
    link_method: str  # account | bio | name
    link_confidence: float
    link_evidence: str
    region_code: str  # work region of the linked ASN ("" when unknown)
    # what: election, targets and the stance
    election_slug: str
    contest_id: int | None
    candidate_id: int | None
    targets: tuple[str, ...]  # labels of the candidates/parties named ("Ridwan Kamil (Gubernur DKI Jakarta)")
    terms: tuple[str, ...]  # the words that named them ("rido", "nomor 1")
    stance: str  # support | attack | neutral | none
    rule_score: float
    model_score: float
    score: float
    reasons: tuple[str, ...]
    act_code: str  # ETK-04 / DSP-06 / ETK-05 / DSP-07, "" when not partisan
    day: date
    is_finding: bool
    explanation: tuple[str, ...] = field(default=())

    @property
    def who(self) -> str:
        return self.nip or f"{self.platform}:@{self.author_handle}"

    @property
    def key(self) -> str:
        return f"{self.who}|{self.act_code}|{self.day.isoformat()}"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["key"] = self.key
        data["posted_at"] = self.posted_at.isoformat()
        data["captured_at"] = self.captured_at.isoformat()
        data["day"] = self.day.isoformat()
        for name in ("targets", "terms", "reasons", "explanation"):
            data[name] = list(data[name])
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Assessment:
        values = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        values["posted_at"] = datetime.fromisoformat(data["posted_at"])
        values["captured_at"] = datetime.fromisoformat(data["captured_at"])
        values["day"] = date.fromisoformat(data["day"])
        for name in ("targets", "terms", "reasons", "explanation"):
            values[name] = tuple(data.get(name, ()))
        return cls(**values)
