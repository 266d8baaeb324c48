"""Train the party ranker (:mod:`parley.coding.parties`) on the coder's own output.

The coder, with the trigger and role models just trained and no ranker, codes every article of
the train split of the real-news corpus; each role of each event it records offers candidates.
Where the article's annotation has an asserted event of the same type in that sentence, a
candidate is ``right`` when its state is the annotated party of that role in one of them; events
of a type the annotators did not record there teach nothing about parties and are left out.
The margin by which a candidate must beat the coder's own party is the one that maximises event
F1 over 5-fold cross-validated scores on train (folds by article), where it beats leaving the
parties alone by at least :data:`GAIN`; dev is coded once more only to report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from parley.coding.document import DocumentCoder
from parley.coding.linear import LinearModel
from parley.coding.parties import RIGHT, Choice, apply, candidate_scores
from parley.evaluation.articles import (
    ActorView,
    _modality,
    _sentence_of,
    _sentence_spans,
    asserted_by_sentence,
    code_article,
    gold_state,
)
from parley.evaluation.corpus import GoldArticle
from parley.kb.actors import ActorKB, load_kb
from parley.models import Event
from parley.training.crossfit import Models, install
from parley.training.triggers import Examples, fit

MARGINS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
NEVER = 1.0  # no candidate beats the coder's own by more than a probability can
GAIN = 0.005  # the ranker is used only where it raises cross-validated F1 by half a point
TOLERANCE = 0.005  # margins whose cross-validated F1 is within half a point of the best are as good


@dataclass
class Article:
    """One coded train article: its events, the ranker's choices and how to score them."""

    gold: GoldArticle
    view: ActorView
    events: list[Event]
    choices: list[Choice]
    spans: list[tuple[int, int] | None]
    examples: Examples = field(default_factory=lambda: Examples([], []))


def coded_articles(articles: Sequence[GoldArticle], kb: ActorKB, models: Models | None = None) -> list[Article]:
    coder = DocumentCoder(kb)
    if models is not None:
        install(coder, models)
    coder.confidence_model = None
    coder.parties.model = None
    out = []
    for gold in articles:
        coder.parties.log = []
        coded = code_article(gold, coder)
        view = ActorView(kb, coded.document.published or gold.published)
        art = Article(gold, view, coded.events, coder.parties.log, _sentence_spans(gold, coded.document.body))
        for choice in art.choices:
            for cand, label in zip(choice.candidates, labels(art, choice), strict=True):
                if label is not None:
                    art.examples.features.append(list(cand.features))
                    art.examples.labels.append(label)
        out.append(art)
    return out


def labels(art: Article, choice: Choice) -> list[str | None]:
    """``right`` / ``wrong`` per candidate; None where the annotators recorded no such act there."""
    idx = _sentence_of(choice.event.trigger_start, art.spans)
    gold = [
        g for g in art.gold.events if g.sent_idx == idx and g.asserted and g.type == choice.event.type
    ] if idx is not None else []  # fmt: skip
    if not gold or _modality(choice.event) != "asserted":
        return [None] * len(choice.candidates)
    states = {gold_state(g.source if choice.role == "source" else g.target) for g in gold}
    return [RIGHT if art.view.state(c.principal) in states else "wrong" for c in choice.candidates]


def right_events(art: Article, events: list[Event]) -> tuple[int, int]:
    """(asserted events coded, of those matching the annotation), matched one to one per sentence."""
    groups = asserted_by_sentence(art.gold, events, art.spans, art.view)
    return sum(len(members) for members, _ in groups), sum(len(right) for _, right in groups)


def _f1(arts: Sequence[Article], scored: Sequence[list[list[float]]], margin: float) -> float:
    pred = tp = annotated = 0
    for art, scores in zip(arts, scored, strict=True):
        n, right = right_events(art, apply(art.events, art.choices, scores, margin))
        pred, tp, annotated = pred + n, tp + right, annotated + sum(1 for g in art.gold.events if g.asserted)
    return 2 * tp / max(pred + annotated, 1)


def _examples(arts: Sequence[Article]) -> Examples:
    return Examples([f for a in arts for f in a.examples.features], [y for a in arts for y in a.examples.labels])


def choose_margin(arts: Sequence[Article], c: float, seed: int, folds: int = 5) -> tuple[float, dict[str, float]]:
    order = np.random.default_rng(seed).permutation(len(arts))
    scored: list[list[list[float]]] = [[] for _ in arts]
    for k in range(folds):
        held = set(int(i) for i in order[k::folds])
        model = fit(_examples([a for i, a in enumerate(arts) if i not in held]), c=c, min_count=2, seed=seed)
        for i in held:
            scored[i] = candidate_scores(model, arts[i].choices)
    scores = {str(m): round(_f1(arts, scored, m), 4) for m in (*MARGINS, NEVER)}
    # The widest margin within TOLERANCE of the best: closer scores are the folds' noise, and a
    # wider margin overrules the coder less.
    top = max(scores[str(m)] for m in MARGINS)
    best = max(m for m in MARGINS if scores[str(m)] >= top - TOLERANCE)
    if scores[str(best)] - scores[str(NEVER)] < GAIN:
        best = NEVER
    return best, scores


def train_parties(
    train: Sequence[GoldArticle],
    dev: Sequence[GoldArticle],
    models: Models | None = None,
    c: float = 0.3,
    seed: int = 0,
) -> tuple[LinearModel, dict[str, Any]]:
    kb = load_kb()
    arts = coded_articles(train, kb, models)
    margin, cv = choose_margin(arts, c, seed)
    data = _examples(arts)
    model = fit(data, c=c, min_count=2, seed=seed)
    dev_arts = coded_articles(dev, kb, models)
    dev_scores = [candidate_scores(model, a.choices) for a in dev_arts]
    report = {
        "margin": margin,
        "c": c,
        "train_candidates": len(data.labels),
        "train_right": sum(1 for y in data.labels if y == RIGHT),
        "train_cv_f1_by_margin": cv,
        "dev_f1_coder": round(_f1(dev_arts, dev_scores, NEVER), 4),
        "dev_f1_ranked": round(_f1(dev_arts, dev_scores, margin), 4),
    }
    return model, report
