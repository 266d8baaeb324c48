"""The published figures: the test split of every gold set must not drop by more than two points.

data/figures.json holds the figures the README reports (written by scripts/measure.py); this
re-measures the test split only, and prints no error of it (the split is locked).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from parley.cli.main import app
from parley.evaluation.figures import GUARDED, measure, regressions
from tests.conftest import REPO, SHARED

FIGURES = REPO / "data" / "figures.json"
needs_shared = pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared/eval not present")


@needs_shared
def test_test_split_figures_hold():
    recorded = json.loads(FIGURES.read_text(encoding="utf-8"))
    assert {g for g, _, _ in GUARDED} <= set(recorded["test"]) and set(recorded["dev"]) == set(recorded["test"])
    assert regressions(measure("test"), recorded["test"]) == []


def test_regressions_flags_drops_and_rising_error_rates():
    then = {"wikinews": {name: 0.5 for g, name, _ in GUARDED if g == "wikinews"}}
    now = json.loads(json.dumps(then))
    now["wikinews"]["events_f1"] = 0.485  # within two points
    assert regressions(now, then) == []
    now["wikinews"]["events_f1"] = 0.45
    now["wikinews"]["false_assertion_rate"] = 0.55
    assert sorted(regressions(now, then)) == [
        "wikinews events_f1: 0.45 (recorded 0.5)",
        "wikinews false_assertion_rate: 0.55 (recorded 0.5)",
    ]


@needs_shared
@pytest.mark.parametrize(
    "gold",
    [
        "data/gold/wikinews",
        "../shared/eval/plover-gold/PLOVER_GSR_CAMEO.dev.json",
        "../shared/eval/petrarch-unit-tests/PETR.UnitTest.records.xml",
        "tests/gold/gold.jsonl",
    ],
)
@pytest.mark.parametrize("split", ["train", "dev", "test"])
def test_eval_runs_on_every_gold_and_split(gold, split):
    result = CliRunner().invoke(app, ["eval", str(REPO / gold), "--split", split, "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["split"] == split
