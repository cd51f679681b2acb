"""Per-field accuracy of news extraction on a labelled set, and the extraction rate; prints JSON.

    .venv/bin/python bench/news_eval.py                                  # news/data/eval (43 articles)
    .venv/bin/python bench/news_eval.py --data ../shared/corpus/seeds    # the five seeds
    .venv/bin/python bench/news_eval.py --data DIR --errors /tmp/news_errors.jsonl

A labelled set is a folder of pages plus ``expected.json`` in the schema of ``corpus/seeds/expected.json``.
A field counts as right when it equals the expected value exactly (lists in order; ``regions`` also reported
for the main region alone). Goals (issue 7): region 95 %, kind 95 %, event date 90 %, acts 85 %; extraction at
200 articles/s or more on one core (the rate is measured over the whole set, repeated for a few seconds).
"""

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIELDS = (
    "title",
    "published",
    "kind",
    "activity_types",
    "format",
    "event_dates",
    "regions",
    "venue",
    "organisers",
    "people",
    "election",
    "commitments_count",
    "warnings",
    "acts",
    "asn_roles",
    "outcome",
)
GOALS = {"regions": 0.95, "kind": 0.95, "event_dates": 0.90, "acts": 0.85}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "news" / "data" / "eval")
    parser.add_argument("--errors", type=Path, help="write each wrong field here (JSONL)")
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to measure the rate")
    args = parser.parse_args()

    from news.extract import extract

    expected = json.loads((args.data / "expected.json").read_text(encoding="utf-8"))["articles"]
    pages = {name: (args.data / name).read_bytes() for name in expected}
    extract(next(iter(pages.values())))  # load the gazetteer outside the timing

    right, total = Counter(), Counter()
    errors = []
    for name, page in pages.items():
        got = extract(page).to_json()
        for field in FIELDS:
            if field not in expected[name] and field != "warnings":
                continue
            want = expected[name].get(field, [] if field == "warnings" else None)
            have = got.get(field, [] if field == "warnings" else None)
            total[field] += 1
            right[field] += have == want
            if have != want:
                errors.append({"file": name, "field": field, "expected": want, "got": have})
        total["main_region"] += 1
        right["main_region"] += got["regions"][:1] == expected[name]["regions"][:1]

    started, count = time.perf_counter(), 0
    while time.perf_counter() - started < args.seconds:
        for page in pages.values():
            extract(page)
            count += 1
    rate = count / (time.perf_counter() - started)

    accuracy = {field: round(right[field] / total[field], 3) for field in total}
    result = {
        "benchmark": "news_eval",
        "data": str(args.data),
        "articles": len(pages),
        "accuracy": accuracy,
        "goals": GOALS,
        "goals_met": {field: accuracy.get(field, 0) >= goal for field, goal in GOALS.items()},
        "articles_per_second": round(rate),
        "rate_goal": 200,
    }
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as stream:
            for error in errors:
                stream.write(json.dumps(error, ensure_ascii=False, default=str) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
