"""Train the mention sense (:mod:`parley.coding.mention_sense`) on the coder's own names.

The coder codes every article of the train split of the real-news corpus, logging each name it
decides the sense of; a name is ``actor`` when an annotated mention of its article overlaps it,
else ``place``. Names in headlines are left out: the guidelines skip them, so their annotation
says nothing about the name. A logistic regression is fitted with a fixed seed; dev is coded
once more only to report accuracy and the precision of the names kept at the floor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from parley.coding.document import DocumentCoder
from parley.coding.linear import LinearModel
from parley.coding.mention_sense import ACTOR, FLOOR, PLACE
from parley.evaluation.articles import _overlap, _sentence_spans, code_article, located_mentions
from parley.evaluation.corpus import GoldArticle
from parley.kb.actors import load_kb
from parley.nlp.sentences import is_heading
from parley.training.triggers import Examples, fit

FLOORS = (0.2, 0.3, 0.5)


def sense_examples(articles: Sequence[GoldArticle], coder: DocumentCoder) -> Examples:
    """(features, actor or place) of every name the coder decides the sense of in the articles."""
    out = Examples([], [])
    coder.sense_log = []
    try:
        for article in articles:
            coder.sense_log.clear()
            coded = code_article(article, coder)
            body = coded.document.body
            gold = [span for span, _ in located_mentions(article, _sentence_spans(article, body), body)[0]]
            for feats, sent_idx, start, end in coder.sense_log:
                if is_heading(coded.sentences[sent_idx].text):
                    continue
                out.features.append(feats)
                out.labels.append(ACTOR if any(_overlap(g, (start, end)) > 0 for g in gold) else PLACE)
    finally:
        coder.sense_log = None
    return out


def _p_actor(model: LinearModel, feats: list[list[str]]) -> np.ndarray:
    return model.probabilities(feats)[:, model.classes.index(ACTOR)]


def _accuracy(model: LinearModel, data: Examples, floor: float) -> float:
    p = _p_actor(model, data.features)
    actor = np.array([label == ACTOR for label in data.labels])
    return round(float(((p >= floor) == actor).mean()), 4) if len(actor) else 0.0


def _kept_precision(model: LinearModel, data: Examples, floor: float) -> tuple[float, int]:
    """Share of actors among the names kept as actors at ``floor``, and how many were kept."""
    p = _p_actor(model, data.features)
    actor = np.array([label == ACTOR for label in data.labels])
    keep = p >= floor
    return round(float(actor[keep].mean()) if keep.any() else 0.0, 4), int(keep.sum())


def train_mention_sense(
    train: Sequence[GoldArticle],
    dev: Sequence[GoldArticle],
    c: float = 0.3,
    seed: int = 0,
    coder: DocumentCoder | None = None,
) -> tuple[LinearModel, dict[str, Any]]:
    coder = coder or DocumentCoder(load_kb())
    data = sense_examples(train, coder)
    model = fit(data, c=c, min_count=2, seed=seed)
    dev_data = sense_examples(dev, coder)
    dev_actor = np.array([label == ACTOR for label in dev_data.labels])
    by_floor = {}
    for floor in FLOORS:
        precision, kept = _kept_precision(model, dev_data, floor)
        by_floor[str(floor)] = {
            "accuracy": _accuracy(model, dev_data, floor),
            "kept_precision": precision,
            "kept": kept,
            "actors_kept": int((dev_actor & (_p_actor(model, dev_data.features) >= floor)).sum()),
        }
    report = {
        "floor": FLOOR,
        "c": c,
        "features": len(model.vocabulary),
        "train_names": len(data.labels),
        "train_actors": int(sum(label == ACTOR for label in data.labels)),
        "train_accuracy": _accuracy(model, data, FLOOR),
        "dev_names": len(dev_data.labels),
        "dev_actors": int(dev_actor.sum()),
        "dev_accuracy": _accuracy(model, dev_data, FLOOR),
        "dev_precision_keep_all": round(float(dev_actor.mean()) if len(dev_actor) else 0.0, 4),
        "dev_precision_at_floor": by_floor[str(FLOOR)]["kept_precision"],
        "dev_by_floor": by_floor,
    }
    return model, report
