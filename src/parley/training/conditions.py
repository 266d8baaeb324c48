"""Train the condition cues (:mod:`parley.coding.conditions`).

Examples are the candidate words (``CUE_WORDS``) of two sources: the written proposal sentences
(``data/train/proposals/*.jsonl``, about a third of them negatives) and every body sentence of
the train split of the real-news corpus (the annotation lists every proposal, so the others are
true negatives in real wording). A candidate inside the cue of an annotated precondition,
conditional offer or unconditional offer takes that kind; every other candidate is ``none``.
The floor is chosen by cross-validation on the train articles, coded end to end
(:func:`train_conditions`); the dev split only reports.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.language import Language

if TYPE_CHECKING:
    from parley.coding.document import DocumentCoder

from parley.coding.conditions import KINDS, NONE, candidates, cue_features
from parley.coding.linear import LinearModel
from parley.evaluation.corpus import GoldArticle
from parley.evaluation.sentences import load_sentences
from parley.nlp.sentences import is_heading, split_sentences
from parley.training.triggers import Examples, fit

FLOORS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


@dataclass(frozen=True)
class CueSentence:
    id: str
    text: str
    cues: tuple[tuple[int, int, str], ...]  # (start, end, kind) character spans in ``text``
    article: str | None = None  # the real-news article it is from; None for a written sentence


def written_cue_sentences(paths: Iterable[Path]) -> list[CueSentence]:
    problems: list[str] = []
    out = []
    for path in sorted(paths):
        for s in load_sentences(path, problems):
            cues = tuple((p.cue.start, p.cue.end, p.kind) for p in s.proposals if p.kind in KINDS)
            out.append(CueSentence(s.id, s.text, cues))
    if problems:
        raise ValueError("proposal sentences have problems:\n" + "\n".join(problems[:20]))
    return out


def article_cue_sentences(articles: Sequence[GoldArticle]) -> list[CueSentence]:
    """Every body sentence of the articles, with the cues of their annotated conditions."""
    out = []
    for article in articles:
        spans = []
        for prop in article.proposals:
            if prop.kind not in KINDS or not prop.cue:
                continue
            gold = article.sentences[prop.sent_idx]
            # The cue as whole words ("if" is not the one inside "significant").
            m = re.search(rf"(?<!\w){re.escape(prop.cue)}(?!\w)", gold.text, re.I)
            if m is not None:
                spans.append((gold.start + m.start(), gold.start + m.end(), prop.kind))
        for sent in split_sentences(article.text):
            if is_heading(sent.text):
                continue
            cues = tuple((a - sent.start, b - sent.start, k) for a, b, k in spans if sent.start <= a < sent.end)
            out.append(CueSentence(f"{article.id}#{sent.idx}", sent.text, cues, article.id))
    return out


def cue_examples(sentences: Sequence[CueSentence], nlp: Language) -> tuple[Examples, list[int]]:
    """The examples and, for each, the index of its sentence (cross-validation folds by sentence)."""
    data = Examples([], [])
    groups: list[int] = []
    for n, (sent, doc) in enumerate(zip(sentences, nlp.pipe(s.text for s in sentences), strict=True)):
        for tok in candidates(doc):
            label = next((k for a, b, k in sent.cues if a <= tok.idx < b), NONE)
            data.features.append(cue_features(tok))
            data.labels.append(label)
            groups.append(n)
    return data, groups


def _scores(labels: Sequence[str], positive: np.ndarray) -> dict[str, float]:
    gold = np.array([label != NONE for label in labels], dtype=bool)
    tp = float((gold & positive).sum())
    p = tp / positive.sum() if positive.sum() else 0.0
    r = tp / gold.sum() if gold.sum() else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def _positive(model: LinearModel, feats: list[list[str]], floor: float) -> np.ndarray:
    probs = model.probabilities(feats)
    none = model.classes.index(NONE)
    return np.asarray((1.0 - probs[:, none]) >= floor)


def _subset(data: Examples, rows: Sequence[int]) -> Examples:
    return Examples([data.features[i] for i in rows], [data.labels[i] for i in rows])


def _cue_cv(data: Examples, groups: list[int], c: float, seed: int) -> dict[float, np.ndarray]:
    """Cross-validated cue decisions at every floor (5 folds by sentence)."""
    fold = np.array(groups) % 5
    held: dict[float, np.ndarray] = {f: np.zeros(len(data.labels), dtype=bool) for f in FLOORS}
    for k in range(5):
        inside = [i for i in range(len(data.labels)) if fold[i] != k]
        out = [i for i in range(len(data.labels)) if fold[i] == k]
        model = fit(_subset(data, inside), c=c, seed=seed)
        for f in FLOORS:
            held[f][out] = _positive(model, [data.features[i] for i in out], f)
    return held


def _article_cv(
    data: Examples,
    sources: Sequence[str | None],
    articles: Sequence[GoldArticle],
    c: float,
    seed: int,
    coder: DocumentCoder | None = None,
) -> dict[str, dict[str, float]]:
    """Precondition scores as ``parley eval`` counts them (same sentence, same holder state) over the
    articles, each coded with a model fitted without its fold (5 folds by article id), at every floor,
    the classifier judging every cue it has a word for. ``sources``: the article of each example
    (None for the written sentences, which every fold learns from)."""
    from parley.coding.document import DocumentCoder
    from parley.evaluation.articles import evaluate_articles
    from parley.evaluation.metrics import Score
    from parley.kb.actors import load_kb

    coder = coder or DocumentCoder(load_kb())
    # The classifier's own contribution: the rules were read on these articles, and beside them
    # any floor would look as good as the rules' fit to their own examples.
    coder.conditions_mode = "model"
    totals = {f: Score() for f in FLOORS}
    for k in range(5):
        held = [a for a in articles if zlib.crc32(a.id.encode()) % 5 == k]
        if not held:
            continue
        inside = [i for i, a in enumerate(sources) if a is None or zlib.crc32(a.encode()) % 5 != k]
        coder.conditions_model = fit(_subset(data, inside), c=c, seed=seed)
        for f in FLOORS:
            coder.conditions_floor = f
            score = evaluate_articles(held, coder).preconditions
            totals[f].tp += score.tp
            totals[f].fp += score.fp
            totals[f].fn += score.fn
    return {str(f): score.as_dict() for f, score in totals.items()}


def train_conditions(
    written: Sequence[CueSentence],
    train_articles: Sequence[GoldArticle],
    dev: Sequence[CueSentence],
    nlp: Language,
    c: float = 1.0,
    seed: int = 0,
    coder: DocumentCoder | None = None,
) -> tuple[LinearModel, float, dict[str, Any]]:
    """The model, its floor and a report (cross-validation on train, cue scores on dev).

    The floor maximises the cross-validated precondition F1 over the train articles, as ``parley
    eval`` counts it: the written sentences are dense with conditions and real news is not, so a
    floor chosen on cue scores over both fires on too many "if"s and "before"s of an article. With
    no article to code, the floor maximises the cross-validated cue F1."""
    train = [*written, *article_cue_sentences(train_articles)]
    data, groups = cue_examples(train, nlp)
    held = _cue_cv(data, groups, c, seed)
    cues = {str(f): _scores(data.labels, held[f]) for f in FLOORS}
    report: dict[str, Any] = {"train_cv_cues": cues}
    chosen = cues
    if any(p.kind in KINDS for a in train_articles for p in a.proposals):
        sources = [train[g].article for g in groups]
        chosen = report["train_cv_articles"] = _article_cv(data, sources, train_articles, c, seed, coder)
    floor = max(FLOORS, key=lambda f: (chosen[str(f)]["f1"], -abs(f - 0.5)))
    model = fit(data, c=c, seed=seed)
    dev_data, _ = cue_examples(dev, nlp)
    report = {
        "train_sentences": len(train),
        "examples": len(data.labels),
        "cues": sum(1 for label in data.labels if label != NONE),
        "features": len(model.vocabulary),
        "c": c,
        "floor": floor,
        **report,
        "dev_cues": sum(1 for label in dev_data.labels if label != NONE),
        "dev": _scores(dev_data.labels, _positive(model, dev_data.features, floor)) if dev_data.labels else {},
    }
    return model, floor, report
