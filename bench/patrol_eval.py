"""Precision and recall of the patrol finding decision on a held-out labelled set; prints JSON.

    .venv/bin/python bench/patrol_eval.py                      # the shipped held-out set
    .venv/bin/python bench/patrol_eval.py --data other.jsonl --registry other_registry.csv --candidates c.toml

The question measured is the issue's: "is this an ASN showing partisan support (or attack)?" — a post counts as
predicted positive when the pipeline (`patrol.scan.assess_batch`) returns an assessment with ``is_finding``.
The classifier is fitted on ``patrol/data/labelled/train.jsonl`` only; the held-out file was written
independently and is never trained on. No database is used: candidates come from the fixture TOML, registered
accounts from the registry CSV (platform,handle,nip,name,region_code,agency,position).

Goal (issue 6): precision >= 0.90 at recall >= 0.80.
"""

import argparse
import csv
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinetra.settings")

LABELLED = ROOT / "patrol" / "data" / "labelled"


def registry_from_csv(path: Path):
    from patrol.linkage import Registry

    accounts, people = [], []
    with path.open(encoding="utf-8") as stream:
        for number, row in enumerate(csv.DictReader(stream), start=1):
            accounts.append((row["platform"], row["handle"], number, row["nip"], row["region_code"]))
            people.append((number, row["nip"], row["name"], row["region_code"], row["agency"], row["position"]))
    return Registry.from_rows(accounts, people)


def measure(records, context):
    from patrol.scan import assess_batch
    from patrol.schema import PostError, post_from_mapping

    counts = Counter()
    errors = []
    started = time.perf_counter()
    for record in records:
        label = record.pop("label")
        try:
            post = post_from_mapping(record)
        except PostError as error:
            counts["invalid"] += 1
            errors.append({"post_id": record.get("post_id"), "error": error.reason})
            continue
        found = [a for a in assess_batch([(post, record)], context) if a.is_finding]
        predicted, actual = bool(found), bool(label["finding"])
        counts[(predicted, actual)] += 1
        if predicted != actual:
            scores = assess_batch([(post, record)], context)
            errors.append(
                {
                    "post_id": post.post_id,
                    "expected": actual,
                    "label": label,
                    "text": post.text[:160],
                    "bio": post.author_bio[:80],
                    "assessment": [
                        {"stance": a.stance, "rule": a.rule_score, "model": a.model_score, "score": a.score}
                        for a in scores
                    ],
                }
            )
    elapsed = time.perf_counter() - started
    tp, fp, fn, tn = counts[(True, True)], counts[(True, False)], counts[(False, True)], counts[(False, False)]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "posts": tp + fp + fn + tn,
        "positives": tp + fn,
        "true_positive": tp,
        "false_positive": fp,
        "false_negative": fn,
        "true_negative": tn,
        "invalid": counts["invalid"],
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "seconds": round(elapsed, 2),
    }, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=LABELLED / "heldout.jsonl")
    parser.add_argument("--registry", type=Path, default=LABELLED / "heldout_registry.csv")
    parser.add_argument("--candidates", type=Path, default=LABELLED / "candidates.toml")
    parser.add_argument("--errors", type=Path, help="write the misjudged posts here (JSONL)")
    args = parser.parse_args()

    import django

    django.setup()
    from patrol.book import ElectionBook
    from patrol.classifier import read_labelled
    from patrol.scan import ScanContext
    from patrol.training import cross_validated, shipped_examples, shipped_model

    started = time.perf_counter()
    model = shipped_model()
    trained_in = time.perf_counter() - started
    context = ScanContext(ElectionBook.from_toml(args.candidates), registry_from_csv(args.registry), model)
    result, errors = measure(list(read_labelled(args.data)), context)
    texts, labels = shipped_examples()
    output = {
        "benchmark": "patrol_eval",
        "data": str(args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data),
        "goal": {"precision": 0.90, "recall": 0.80},
        "met": result["precision"] >= 0.90 and result["recall"] >= 0.80,
        **result,
        "training": {"examples": len(texts), "partisan": sum(labels), "seconds": round(trained_in, 2)},
        "classifier_cross_validated": cross_validated(texts, labels),
    }
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as stream:
            for error in errors:
                stream.write(json.dumps(error, ensure_ascii=False, default=str) + "\n")
    print(json.dumps(output, indent=2))


if __name__ == "__main__":
    main()
