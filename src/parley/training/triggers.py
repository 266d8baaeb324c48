"""Train the trigger classifier (:mod:`parley.coding.triggers`) with scikit-learn.

Each candidate token (verb or noun) of each training sentence is one example: the token that
heads an annotated trigger span (the one nearest the root of the parse) is labelled with the
event's type, the other candidates of that span are left out, and every other candidate is
``O``. A multinomial logistic regression over the parse and dictionary features is fitted with a
fixed seed, features seen fewer than twice are dropped, and the weights are written as plain
arrays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from spacy.tokens import Doc, Token

from parley.coding.triggers import NONE, TriggerModel, candidates, features
from parley.evaluation.metrics import Score
from parley.evaluation.sentences import TrainingSentence
from parley.kb.cameo import load_cameo_lexicon
from parley.kb.ontology import load_ontology
from parley.nlp.pipeline import full_pipeline


@dataclass
class Examples:
    features: list[list[str]]
    labels: list[str]


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def label_doc(doc: Doc, sentence: TrainingSentence) -> list[tuple[Token, str]]:
    """(candidate, label) pairs of one parsed sentence; candidates inside a span but not its head are dropped."""
    cands = candidates(doc)
    inside: set[int] = set()
    heads: dict[int, str] = {}
    for ev in sentence.events:
        toks = [t for t in cands if t.idx < ev.trigger.end and t.idx + len(t.text) > ev.trigger.start]
        if not toks:
            continue
        inside.update(t.i for t in toks)
        head = min(toks, key=lambda t: (_depth(t), t.i))
        heads.setdefault(head.i, ev.type)
    return [(t, heads.get(t.i, NONE)) for t in cands if t.i in heads or t.i not in inside]


def examples(sentences: Sequence[TrainingSentence], docs: Sequence[Doc] | None = None) -> Examples:
    onto, cameo = load_ontology(), load_cameo_lexicon()
    out = Examples([], [])
    parsed = docs if docs is not None else full_pipeline().pipe((s.text for s in sentences), batch_size=64)
    for sentence, doc in zip(sentences, parsed, strict=True):
        if "roles-only" in sentence.tags:
            continue
        for tok, label in label_doc(doc, sentence):
            out.features.append(features(tok, onto, cameo))
            out.labels.append(label)
    return out


def fit(data: Examples, c: float = 1.0, min_count: int = 2, seed: int = 0) -> TriggerModel:
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats in data.features for f in set(feats))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    vocab = {n: i for i, n in enumerate(names)}
    rows, cols = [], []
    for r, feats in enumerate(data.features):
        for f in set(feats):
            if f in vocab:
                rows.append(r)
                cols.append(vocab[f])
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(data.features), len(vocab)))
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    clf.fit(x, data.labels)
    classes = tuple(str(k) for k in clf.classes_)
    weights, intercept = clf.coef_.T.copy(), clf.intercept_.copy()
    if len(classes) == 2:  # one column of logits for the second class: softmax([0, z]) is its sigmoid
        weights = np.hstack([np.zeros_like(weights), weights])
        intercept = np.concatenate([[0.0], intercept])
    return TriggerModel(vocabulary=vocab, classes=classes, weights=weights, intercept=intercept)


def _scores(model: TriggerModel, data: Examples, counts: Callable[[str], bool]) -> dict[str, float]:
    """Precision, recall and F1 over the examples whose gold or predicted label ``counts``."""
    pred = [model.classes[i] for i in model.scores(data.features).argmax(axis=1)]
    score = Score()
    for gold, guess in zip(data.labels, pred, strict=True):
        score.add([gold] if counts(gold) else [], [guess] if counts(guess) else [])
    return {k: v for k, v in score.as_dict().items() if k in ("precision", "recall", "f1")}


def token_scores(model: TriggerModel, data: Examples) -> dict[str, float]:
    """Precision, recall and F1 of typed triggers over candidate tokens (labels other than O)."""
    return _scores(model, data, lambda label: label != NONE)


def label_scores(model: TriggerModel, data: Examples, label: str) -> dict[str, float]:
    """Precision, recall and F1 of one label over the examples (for the role classifier's source and target)."""
    return _scores(model, data, lambda other: other == label)
