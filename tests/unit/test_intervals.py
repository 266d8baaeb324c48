"""Bootstrap intervals by article, and the paired comparison of two eval runs (``parley compare``).

The expected intervals are worked out by hand from counts small enough to enumerate every resample.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli.main import app
from parley.evaluation.intervals import ArticleCounts, compare, intervals, read_counts
from tests.conftest import REPO, SHARED

runner = CliRunner()

PERFECT = ArticleCounts("a", events_tp=10, speaker_hits=4, speaker_total=4)
WRONG = ArticleCounts("b", events_fp=10, events_fn=10, speaker_total=4)


def test_one_article_has_no_interval():
    assert intervals([PERFECT]) == {}


def test_identical_articles_give_a_point():
    twin = ArticleCounts("c", events_tp=10, speaker_hits=4, speaker_total=4)
    assert intervals([PERFECT, twin])["events_f1"] == [1.0, 1.0]


def test_interval_spans_what_resampling_the_articles_can_give():
    # Resamples of two articles: both perfect (F1 1, a quarter of them), both wrong (F1 0, a
    # quarter), one of each (tp 10, fp 10, fn 10: F1 0.5). The 2.5% and 97.5% points are 0 and 1.
    got = intervals([PERFECT, WRONG], reps=4000)
    assert got["events_f1"] == [0.0, 1.0]
    assert got["quote_speaker_person"] == [0.0, 1.0]
    assert got["mentions_f1"] == [0.0, 0.0]  # no mention anywhere: 0, not a division by zero


def test_compare_identical_runs_is_a_tie():
    result = compare([PERFECT, WRONG], [PERFECT, WRONG])
    assert result["events_f1"]["difference"] == 0.0
    assert result["events_f1"]["interval"] == [0.0, 0.0]
    assert result["events_f1"]["after_ahead"] == 0.5


def test_compare_sees_a_gain_on_every_resample_that_holds_the_better_article():
    better = ArticleCounts("b", events_tp=5, events_fp=5, events_fn=5, speaker_total=4)
    result = compare([PERFECT, WRONG], [PERFECT, better])
    f1 = result["events_f1"]
    assert f1["before"] == 0.5 and f1["after"] == pytest.approx(0.75)  # tp 15, fp 5, fn 5
    # Resamples holding article b (three quarters) gain; those of a alone (a quarter) tie, which
    # counts half: 0.75 + 0.125.
    assert f1["after_ahead"] == pytest.approx(0.875, abs=0.03)
    assert f1["interval"][0] == 0.0 and f1["interval"][1] > 0.4


def test_compare_refuses_runs_over_different_articles():
    with pytest.raises(ValueError, match="different articles"):
        compare([PERFECT, WRONG], [PERFECT, ArticleCounts("z")])


def test_reports_without_counts_are_refused_by_name():
    with pytest.raises(ValueError, match="old.json: no per_article"):
        read_counts({"events": {}}, "old.json")
    with pytest.raises(ValueError, match="unexpected"):
        read_counts({"per_article": [{"article": "a", "colour": 1}]})


def _wikinews(tmp_path: Path, n: int) -> Path:
    """The first ``n`` articles of the Wikinews corpus's train split, with their gold files."""
    from parley.evaluation.corpus import file_name
    from parley.evaluation.splits import split_of

    gold = tmp_path / "gold"
    gold.mkdir()
    lines = (SHARED / "eval/wikinews/articles.jsonl").read_text(encoding="utf-8").splitlines()
    kept = 0
    articles = tmp_path / "articles.jsonl"
    with articles.open("w", encoding="utf-8") as out:
        for line in lines:
            art = json.loads(line)
            path = REPO / "data/gold/wikinews" / file_name(art["id"])
            if split_of(art["id"]) != "train" or not path.exists():
                continue
            out.write(line + "\n")
            (gold / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
            kept += 1
            if kept == n:
                break
    assert kept == n
    return gold


def test_eval_counts_per_article_add_up_and_compare_reads_them(tmp_path: Path):
    gold = _wikinews(tmp_path, 3)
    result = runner.invoke(app, ["eval", str(gold), "--articles", str(tmp_path / "articles.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    rows = report["per_article"]
    assert len(rows) == 3
    ev = report["events"]["overall"]
    for key in ("tp", "fp", "fn"):
        assert sum(r[f"events_{key}"] for r in rows) == ev[key]
    assert sum(r["mentions_tp"] for r in rows) == report["mentions"]["tp"]
    lo, hi = report["intervals"]["events_f1"]
    assert lo <= ev["f1"] <= hi
    saved = tmp_path / "run.json"
    saved.write_text(result.stdout, encoding="utf-8")
    same = runner.invoke(app, ["compare", str(saved), str(saved), "--json"])
    assert same.exit_code == 0, same.output
    assert json.loads(same.stdout)["events_f1"]["difference"] == 0.0
    bad = runner.invoke(app, ["compare", str(saved), str(gold)])
    assert bad.exit_code == 2
