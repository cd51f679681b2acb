"""Fitting the stance classifier: from the shipped labelled posts and from supervisors' decisions.

* `shipped_examples()` — ``patrol/data/labelled/train.jsonl``, with the candidates of its fixture
  (``candidates.toml``) turned into placeholders the same way the scan does;
* `decision_examples()` — every archived post of a confirmed finding (partisan) or of one rejected as neutral
  content (not partisan), from `patrol.selectors.training_decisions`;
* `retrain(actor)` — fits on both, measures 5-fold cross-validated precision/recall on them, stores and
  activates the model (`patrol.services.save_stance_model`). ``sinetra patrol retrain`` calls it.
* `active_model()` — the active stored model, or (on a new installation) one fitted on the shipped examples
  once per process.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np
from sklearn.metrics import precision_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from patrol.book import ElectionBook
from patrol.classifier import LABELLED_DIR, PARTISAN_STANCES, TRAINING_FILE, StanceModel, fit, model_text, new_pipeline
from patrol.normalize import normalize
from patrol.scan import acted_on_account
from patrol.schema import PostError, post_from_mapping

FIXTURE_BOOK = LABELLED_DIR / "candidates.toml"


def example_text(book: ElectionBook, text: str, media_text: str, kind: str, target: str = "", day=None) -> str:
    """What the classifier sees for one post (see `patrol.classifier.model_text`)."""
    combined = " ".join(part for part in (normalize(text), normalize(media_text), target) if part)
    elections = book.elections_on(day) if day else book.elections
    mentions = []
    for election in elections or book.elections:
        mentions = book.automaton(election.id, None).find(combined)
        if mentions:
            break
    return model_text(combined, mentions, kind)


@lru_cache(maxsize=1)
def fixture_book() -> ElectionBook:
    return ElectionBook.from_toml(FIXTURE_BOOK)


def labelled_examples(path, book: ElectionBook) -> tuple[list[str], list[int]]:
    from patrol.classifier import read_labelled
    from patrol.scan import local_day

    texts, labels = [], []
    for record in read_labelled(path):
        label = record.pop("label")
        try:
            post = post_from_mapping(record)
        except PostError:
            continue
        account = acted_on_account(post)
        texts.append(example_text(book, post.text, post.media_text, str(post.kind), account, local_day(post.posted_at)))
        labels.append(int(label["stance"] in PARTISAN_STANCES))
    return texts, labels


def shipped_examples() -> tuple[list[str], list[int]]:
    return labelled_examples(TRAINING_FILE, fixture_book())


def decision_examples() -> tuple[list[str], list[int]]:
    from patrol.selectors import training_decisions

    book = ElectionBook.from_database()
    texts, labels = [], []
    for text, media_text, kind, label in training_decisions():
        texts.append(example_text(book, text, media_text, kind))
        labels.append(int(label))
    return texts, labels


def cross_validated(texts: list[str], labels: list[int], folds: int = 5) -> dict:
    """Precision and recall of the partisan class, each example predicted by a model that did not see it."""
    y = np.array(labels)
    folds = max(2, min(folds, int(np.bincount(y).min())))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=7)
    predicted = cross_val_predict(new_pipeline(), texts, y, cv=splitter)
    return {
        "folds": folds,
        "precision": round(float(precision_score(y, predicted, zero_division=0)), 4),
        "recall": round(float(recall_score(y, predicted, zero_division=0)), 4),
    }


def retrain(*, actor=None):
    """Fit on the shipped examples and all decisions, store and activate the model; returns the stored row."""
    from patrol.services import save_stance_model

    texts, labels = shipped_examples()
    extra_texts, extra_labels = decision_examples()
    texts, labels = texts + extra_texts, labels + extra_labels
    metrics = cross_validated(texts, labels)
    metrics.update(shipped=len(labels) - len(extra_labels), decisions=len(extra_labels), partisan=int(sum(labels)))
    model = fit(texts, labels)
    model.metrics = metrics
    row = save_stance_model(actor=actor, blob=model.to_bytes(), examples=len(texts), metrics=metrics)
    forget_models()
    return row


_lock = threading.Lock()
_models: dict[str, StanceModel] = {}


def shipped_model() -> StanceModel:
    """A model fitted on the shipped examples only (once per process)."""
    with _lock:
        if "shipped" not in _models:
            _models["shipped"] = fit(*shipped_examples())
        return _models["shipped"]


def active_model() -> StanceModel:
    from patrol.selectors import active_stance_model

    row = active_stance_model()
    if row is None:
        return shipped_model()
    with _lock:
        if row.sha256 not in _models:
            _models[row.sha256] = StanceModel.from_bytes(bytes(row.blob))
        return _models[row.sha256]


def forget_models() -> None:
    with _lock:
        _models.clear()
    from patrol.scan import forget_context

    forget_context()
