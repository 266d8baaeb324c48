"""Train the mention sense (:mod:`parley.coding.mention_sense`) on the coder's own names.

The coder codes every article of the train split of the real-news corpus, logging each name it
decides the sense of; a name is ``actor`` when an annotated mention of its article overlaps it,
else ``place``. Names in headlines are left out: the guidelines skip them, so their annotation
says nothing about the name. A logistic regression is fitted with a fixed seed; its floor is chosen
by 5-fold cross-validation over the train articles; dev is coded once more only to report
accuracy and the precision of the names kept at each floor.

The story sense is trained the same way on the decisions of the coder's ``story_sense``: the people and organisations
no actor matched, ``actor`` when an annotated mention overlaps them, else ``none``; and the description sense on
those of its ``description_sense``: the definite noun phrases no mention covers ("the company", "the decision").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from parley.coding.document import DocumentCoder
from parley.coding.linear import LinearModel
from parley.coding.mention_sense import ACTOR, NO_ACTOR, PLACE, Decision, Sense
from parley.evaluation.articles import _overlap, _sentence_spans, code_article, located_mentions
from parley.evaluation.corpus import GoldArticle
from parley.kb.actors import load_kb
from parley.nlp.sentences import is_heading
from parley.training.triggers import Examples, fit

# The floors compared by cross-validation on the train articles (dev only reports them).
FLOORS = (0.2, 0.3, 0.4, 0.5, 0.6)


def _logged_examples(articles: Sequence[GoldArticle], coder: DocumentCoder, which: str, other: str) -> Examples:
    """(features, actor or ``other``) of every decision of the coder's sense ``which`` (``sense`` or
    ``story_sense``) in the articles."""
    out = Examples([], [])
    decisions: list[Decision] = []
    sense: Sense = getattr(coder, which)
    sense.log = decisions
    try:
        for article in articles:
            decisions.clear()
            coded = code_article(article, coder)
            body = coded.document.body
            gold = [span for span, _ in located_mentions(article, _sentence_spans(article, body), body)[0]]
            for feats, sent_idx, start, end in decisions:
                if is_heading(coded.sentences[sent_idx].text):
                    continue
                out.features.append(feats)
                out.labels.append(ACTOR if any(_overlap(g, (start, end)) > 0 for g in gold) else other)
    finally:
        sense.log = None
    return out


def sense_examples(articles: Sequence[GoldArticle], coder: DocumentCoder) -> Examples:
    """(features, actor or place) of every name the coder decides the sense of in the articles."""
    return _logged_examples(articles, coder, "sense", PLACE)


def story_examples(articles: Sequence[GoldArticle], coder: DocumentCoder) -> Examples:
    """(features, actor or none) of every person or organisation no actor matched in the articles."""
    return _logged_examples(articles, coder, "story_sense", NO_ACTOR)


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


def _report(
    model: LinearModel, data: Examples, dev_data: Examples, floor: float, floors: Sequence[float], c: float
) -> dict[str, Any]:
    """The fitted sense at the chosen floor on train, and at every floor on dev (reported, not chosen on)."""
    dev_actor = np.array([label == ACTOR for label in dev_data.labels])
    by_floor = {}
    for f in floors:
        precision, kept = _kept_precision(model, dev_data, f)
        by_floor[str(f)] = {
            "accuracy": _accuracy(model, dev_data, f),
            "kept_precision": precision,
            "kept": kept,
            "actors_kept": int((dev_actor & (_p_actor(model, dev_data.features) >= f)).sum()),
        }
    return {
        "floor": floor,
        "c": c,
        "features": len(model.vocabulary),
        "train_names": len(data.labels),
        "train_actors": int(sum(label == ACTOR for label in data.labels)),
        "train_accuracy": _accuracy(model, data, floor),
        "dev_names": len(dev_data.labels),
        "dev_actors": int(dev_actor.sum()),
        "dev_accuracy": _accuracy(model, dev_data, floor),
        "dev_precision_keep_all": round(float(dev_actor.mean()) if len(dev_actor) else 0.0, 4),
        "dev_precision_at_floor": by_floor[str(floor)]["kept_precision"],
        "dev_by_floor": by_floor,
    }


def _joined(parts: Sequence[Examples]) -> Examples:
    return Examples([f for d in parts for f in d.features], [label for d in parts for label in d.labels])


def _train_sense(
    train: Sequence[GoldArticle],
    dev: Sequence[GoldArticle],
    which: str,
    other: str,
    c: float,
    seed: int,
    coder: DocumentCoder | None,
) -> tuple[LinearModel, dict[str, Any]]:
    """Either sense (the coder's attribute ``which``), from its decisions. The floor is the one with the best
    accuracy of models fitted without a fifth of the train articles, on that fifth (ties: the
    floor nearest 0.5); the coder reads it from the report."""
    coder = coder or DocumentCoder(load_kb())
    by_article = [_logged_examples([article], coder, which, other) for article in train]
    data = _joined(by_article)
    model = fit(data, c=c, min_count=2, seed=seed)
    by_floor = _cross_validated(by_article, c, seed, FLOORS)
    floor = max(FLOORS, key=lambda f: (by_floor[str(f)], -abs(f - 0.5)))
    report = _report(model, data, _logged_examples(dev, coder, which, other), floor, FLOORS, c)
    report["train_cv_accuracy_by_floor"] = by_floor
    return model, report


# Each sense the coder has (its attribute) and the label of a name that is no actor.
OTHER_LABEL = {"sense": PLACE, "story_sense": NO_ACTOR, "description_sense": NO_ACTOR}


def train_sense(
    which: str,
    train: Sequence[GoldArticle],
    dev: Sequence[GoldArticle],
    c: float = 0.3,
    seed: int = 0,
    coder: DocumentCoder | None = None,
) -> tuple[LinearModel, dict[str, Any]]:
    """The coder's sense ``which``: the mention sense (``sense``:
    :func:`parley.coding.mention_sense.mention_features`), the story sense (``story_sense``) or the
    description sense (``description_sense``: :func:`parley.coding.descriptions.description_features`)."""
    return _train_sense(train, dev, which, OTHER_LABEL[which], c, seed, coder)


def _cross_validated(by_article: Sequence[Examples], c: float, seed: int, floors: Sequence[float]) -> dict[str, float]:
    """Accuracy at each floor of models fitted on four fifths of the train articles, on the fifth left out."""
    folds = 5
    p_actor: list[np.ndarray] = []
    actor: list[bool] = []
    for k in range(folds):
        held = [d for i, d in enumerate(by_article) if i % folds == k]
        rest = [d for i, d in enumerate(by_article) if i % folds != k]
        fitted = fit(_joined(rest), c=c, min_count=2, seed=seed)
        p_actor.append(_p_actor(fitted, [f for d in held for f in d.features]))
        actor += [label == ACTOR for d in held for label in d.labels]
    p, y = np.concatenate(p_actor), np.array(actor)
    return {str(floor): round(float(((p >= floor) == y).mean()), 4) for floor in floors}
