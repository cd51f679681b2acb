"""The learned half of the partisanship decision: a text classifier for "this content takes a side".

The explicit rules of `patrol.partisanship` know support verbs and calls to vote next to a registry
candidate; they miss what the registry does not know (a regent race not yet imported, a jersey number, a
turn of phrase) and are fooled by neutral sentences that use their words. A TF-IDF model over word and
character n-grams with logistic regression, trained on labelled posts, covers both sides. The combination
is in `patrol.scan.decide`.

What the model sees (`model_text`): the normalised text, the media text and the post kind, with every
registry mention replaced by a placeholder ("xcalonx", "xpartaix", "xakunx", "xtagarx", "xnomorx") so it
learns how people talk about *a* candidate, not about the candidates of the training data.

Training data (`training_examples`):
* ``patrol/data/labelled/train.jsonl`` — hand-written and hand-labelled posts, shipped with the code;
* supervisors' decisions on findings (`patrol.selectors.training_decisions`): confirmed → partisan, rejected as
  neutral content → not partisan. ``sinetra patrol retrain`` fits a new model on both and activates it.

The held-out file ``heldout.jsonl`` is never used for training (see bench/patrol_eval.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from patrol.automaton import CANDIDATE, Mention

LABELLED_DIR = Path(__file__).resolve().parent / "data" / "labelled"
TRAINING_FILE = LABELLED_DIR / "train.jsonl"
PARTISAN_STANCES = frozenset({"support", "attack"})

_PLACEHOLDERS = {
    "account": "xakunx",
    "name_handle": "xakunx",
    "hashtag": "xtagarx",
    "ballot_number": "xnomorx",
    "party_name": "xpartaix",
    "party_abbreviation": "xpartaix",
}
_BALLOT = re.compile(r"\bnomor (?:urut )?\d+\b")


def model_text(normalised_text: str, mentions: Iterable[Mention], kind: str) -> str:
    """The text as the model sees it: mentions as placeholders, ballot numbers generic, the kind as a word."""
    pieces = []
    reached = 0
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.start < reached:
            continue
        placeholder = _PLACEHOLDERS.get(mention.kind)
        if placeholder is None:
            placeholder = "xcalonx" if mention.target.kind == CANDIDATE else "xpartaix"
        pieces.append(normalised_text[reached : mention.start])
        pieces.append(placeholder)
        reached = mention.end
    pieces.append(normalised_text[reached:])
    return f"xjenis{kind}x " + _BALLOT.sub("xnomorx", "".join(pieces))


def new_pipeline() -> Pipeline:
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, token_pattern=r"\S+")),  # noqa: S106
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), min_df=2, sublinear_tf=True)),
        ]
    )
    model = LogisticRegression(C=4.0, class_weight="balanced", max_iter=5000)
    return Pipeline([("features", features), ("model", model)])


@dataclass
class StanceModel:
    """A fitted pipeline and what it was fitted on; `partisan_probability` is the only thing callers use."""

    pipeline: Pipeline
    examples: int
    metrics: dict = field(default_factory=dict)

    def partisan_probability(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0)
        return self.pipeline.predict_proba(texts)[:, 1]

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        pickle.dump(self, buffer, protocol=pickle.HIGHEST_PROTOCOL)
        return buffer.getvalue()

    @staticmethod
    def from_bytes(blob: bytes) -> StanceModel:
        # Only blobs this code wrote to our own database are loaded (patrol.models.StanceModelVersion).
        return pickle.loads(blob)  # noqa: S301

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.to_bytes()).hexdigest()[:12]


def fit(texts: list[str], labels: list[int]) -> StanceModel:
    if len(set(labels)) < 2:
        raise ValueError("training needs partisan and non-partisan examples")
    pipeline = new_pipeline()
    pipeline.fit(texts, labels)
    return StanceModel(pipeline, len(texts))


def read_labelled(path: Path) -> Iterator[dict]:
    """The records of a labelled JSONL file (post schema fields plus ``label``)."""
    with Path(path).open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield json.loads(line)
