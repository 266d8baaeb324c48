"""How far a figure measured on a few dozen articles can be trusted: bootstrap intervals by article.

A test split of 24 articles gives one number per figure, but the articles are a sample: a release
that moves event F1 from 0.267 to 0.274 may have changed nothing that another 24 articles would
show. Resampling the articles with replacement (their events, mentions and quotations go with
them, since errors cluster by article) gives a 95% percentile interval for each figure, and,
for two runs over the same articles, an interval for their difference and how often the second
run comes out ahead.

Everything here works on per-article counts (:class:`ArticleCounts`), which ``parley eval --json``
writes under ``per_article``; ``parley compare`` reads two such files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np

REPS = 2000
SEED = 0
LEVEL = 0.95


@dataclass(frozen=True)
class ArticleCounts:
    """What one article adds to the headline figures."""

    article: str
    events_tp: int = 0
    events_fp: int = 0
    events_fn: int = 0
    mentions_tp: int = 0
    mentions_fp: int = 0
    mentions_fn: int = 0
    speaker_hits: int = 0
    speaker_total: int = 0
    dated_hits: int = 0
    dated_total: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArticleCounts:
        names = {f.name for f in fields(cls)}
        unknown = set(data) - names
        if unknown or "article" not in data:
            raise ValueError(f"not per-article counts: unexpected {sorted(unknown)}" if unknown else "no 'article'")
        return cls(str(data["article"]), **{k: int(v) for k, v in data.items() if k != "article"})


_COLUMNS = tuple(f.name for f in fields(ArticleCounts) if f.name != "article")


def _matrix(counts: Sequence[ArticleCounts]) -> np.ndarray:
    return np.array([[getattr(c, name) for name in _COLUMNS] for c in counts], dtype=float).reshape(-1, len(_COLUMNS))


def _col(totals: np.ndarray, name: str) -> np.ndarray:
    return totals[..., _COLUMNS.index(name)]


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)  # 0 where nothing was counted


def _f1(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    return _ratio(2 * tp, 2 * tp + fp + fn)  # the harmonic mean of precision and recall, as counts


def figures(totals: np.ndarray) -> dict[str, np.ndarray]:
    """The headline figures from summed counts (any leading shape: one run or many resamples)."""
    tp, fp, fn = (_col(totals, f"events_{k}") for k in ("tp", "fp", "fn"))
    mtp, mfp, mfn = (_col(totals, f"mentions_{k}") for k in ("tp", "fp", "fn"))
    return {
        "events_precision": _ratio(tp, tp + fp),
        "events_recall": _ratio(tp, tp + fn),
        "events_f1": _f1(tp, fp, fn),
        "mentions_f1": _f1(mtp, mfp, mfn),
        "quote_speaker_person": _ratio(_col(totals, "speaker_hits"), _col(totals, "speaker_total")),
        "dated_right": _ratio(_col(totals, "dated_hits"), _col(totals, "dated_total")),
    }


def _picks(articles: int, reps: int, seed: int) -> np.ndarray:
    """Which articles each resample draws, with replacement: (reps, articles) row indices."""
    return np.random.default_rng(seed).integers(0, articles, size=(reps, articles))


def _bounds(values: np.ndarray) -> list[float]:
    tail = (1 - LEVEL) / 2 * 100
    lo, hi = np.percentile(values, [tail, 100 - tail])
    return [round(float(lo), 4), round(float(hi), 4)]


def intervals(counts: Sequence[ArticleCounts], reps: int = REPS, seed: int = SEED) -> dict[str, list[float]]:
    """A 95% bootstrap interval, resampling articles, for each headline figure; {} for fewer than two articles."""
    if len(counts) < 2:
        return {}
    matrix = _matrix(counts)
    resampled = figures(matrix[_picks(len(counts), reps, seed)].sum(axis=1))
    return {name: _bounds(values) for name, values in resampled.items()}


def compare(
    before: Sequence[ArticleCounts], after: Sequence[ArticleCounts], reps: int = REPS, seed: int = SEED
) -> dict[str, dict[str, Any]]:
    """Paired bootstrap of two runs over the same articles: each figure before and after, the
    difference, its 95% interval, and the share of resamples in which ``after`` is ahead
    (ties count half). Articles are paired by id; both runs must cover the same ones."""
    a, b = {c.article: c for c in before}, {c.article: c for c in after}
    if set(a) != set(b):
        only = sorted(set(a) ^ set(b))
        raise ValueError(f"the two runs cover different articles ({len(only)} differ, e.g. {only[0]})")
    if len(a) < 2:
        raise ValueError("a comparison needs at least two articles")
    ids = sorted(a)
    ma, mb = _matrix([a[i] for i in ids]), _matrix([b[i] for i in ids])
    point_a, point_b = figures(ma.sum(axis=0)), figures(mb.sum(axis=0))
    picks = _picks(len(ids), reps, seed)  # the same draws for both runs: that is the pairing
    fa, fb = figures(ma[picks].sum(axis=1)), figures(mb[picks].sum(axis=1))
    out: dict[str, dict[str, Any]] = {}
    for name in point_a:
        diff = fb[name] - fa[name]
        out[name] = {
            "before": round(float(point_a[name]), 4),
            "after": round(float(point_b[name]), 4),
            "difference": round(float(point_b[name] - point_a[name]), 4),
            "interval": _bounds(diff),
            "after_ahead": round(float((diff > 0).mean() + 0.5 * (diff == 0).mean()), 3),
        }
    return out


def read_counts(report: Mapping[str, Any], origin: str = "report") -> list[ArticleCounts]:
    """The per-article counts of a ``parley eval --json`` report."""
    rows = report.get("per_article")
    if not isinstance(rows, list):
        raise ValueError(f"{origin}: no per_article counts (write it with parley eval --json)")
    try:
        return [ArticleCounts.from_dict(row) for row in rows]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{origin}: {exc}") from exc
