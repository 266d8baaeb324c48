"""Measure parley on the dev and test splits of every gold set; write data/figures.json.

Figures only: no errors of any split are printed (use `parley eval --split dev --errors` for
those). The suite re-measures the test split against data/figures.json.

    python scripts/measure.py            # writes data/figures.json and prints a Markdown table
    python scripts/measure.py --check    # compares the test split with data/figures.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from parley import __version__
from parley.evaluation.figures import REPO, SHARED, measure, regressions

OUT = REPO / "data" / "figures.json"


def _cell(value: object, bounds: list[float] | None) -> str:
    """A figure, with its 95% interval over articles where it has one: "0.267 (0.21-0.32)"."""
    return f"{value} ({bounds[0]}-{bounds[1]})" if bounds else str(value)


def table(figures: dict[str, dict[str, dict[str, Any]]]) -> str:
    lines = ["| gold set | figure | test | dev |", "|---|---|---|---|"]
    for gold_set, values in figures["test"].items():
        dev = figures["dev"][gold_set]
        test_spans, dev_spans = values.get("intervals") or {}, dev.get("intervals") or {}
        for name, value in values.items():
            if name != "intervals":
                test_cell, dev_cell = _cell(value, test_spans.get(name)), _cell(dev.get(name), dev_spans.get(name))
                lines.append(f"| {gold_set} | {name} | {test_cell} | {dev_cell} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare the test split with data/figures.json")
    args = parser.parse_args()
    if args.check:
        recorded = json.loads(OUT.read_text(encoding="utf-8"))["test"]
        drops = regressions(measure("test", SHARED), recorded)
        print("\n".join(drops) if drops else "no guarded test figure dropped by more than two points")
        return 1 if drops else 0
    figures = {"test": measure("test", SHARED), "dev": measure("dev", SHARED)}
    data = {"measured": dt.date.today().isoformat(), "parley": __version__, **figures}
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
