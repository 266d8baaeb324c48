"""Write data/splits/splits.json: the train/dev/test split of every gold set the project has.

The split of a record is a function of its id (parley.evaluation.splits.split_of); this file
records the outcome so that anyone can see, and a test can check, which records are locked in
the test split. Run it again after adding a gold set: existing assignments never move.

    python scripts/make_splits.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from parley.evaluation.cameo import load_cameo_records
from parley.evaluation.corpus import load_articles
from parley.evaluation.gold import load_gold
from parley.evaluation.plover_gold import load_records
from parley.evaluation.splits import assign

ROOT = Path(__file__).resolve().parents[1]


def gold_sets(shared: Path) -> dict[str, list[str]]:
    return {
        "wikinews": sorted(load_articles(shared / "eval/wikinews/articles.jsonl")),
        "plover-gold-dev": sorted(r["id"] for r in load_records(shared / "eval/plover-gold/PLOVER_GSR_CAMEO.dev.json")),
        "petrarch-unit-tests": sorted(
            r["id"] for r in load_cameo_records(shared / "eval/petrarch-unit-tests/PETR.UnitTest.records.xml")
        ),
        "parley-gold": sorted(r["id"] for r in load_gold(ROOT / "tests/gold/gold.jsonl")),
        # The web pages annotated so far (data/gold/pages), by the ids their files name.
        "pages": sorted(
            json.loads(p.read_text(encoding="utf-8"))["id"] for p in (ROOT / "data/gold/pages").glob("*.json")
        ),
    }


def build(shared: Path) -> dict[str, object]:
    return {
        "method": "sha256(id) first 32 bits mod 100: <60 train, <80 dev, else test (parley.evaluation.splits)",
        "locked": "test: never read its texts or errors while changing rules, lexicons, thresholds or models",
        "sets": {name: assign(ids) for name, ids in gold_sets(shared).items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "data/splits/splits.json")
    args = parser.parse_args()
    data = build(args.shared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    for name, parts in data["sets"].items():  # type: ignore[union-attr]
        print(name, {k: len(v) for k, v in parts.items()})


if __name__ == "__main__":
    main()
