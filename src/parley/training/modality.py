"""Train the modality classifier (:mod:`parley.coding.modality`).

Every annotated event of a training sentence (the written sentences and the train split of the
real-news corpus; the PLOVER records mark no modality) is an example: its trigger is read as the
coder reads it (:func:`parley.coding.triggers.trigger_at`), labelled with the annotated modality.
The dev split's annotated triggers report the classifier beside the rules it learns from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from parley.coding.events import modality, negated
from parley.coding.linear import LinearModel
from parley.coding.modality import ASSERTED, NEGATED, features
from parley.coding.triggers import trigger_at
from parley.evaluation.sentences import TrainingSentence
from parley.kb.ontology import Ontology, load_ontology
from parley.training.roles import head_in
from parley.training.triggers import Examples, fit


def modality_examples(
    sentences: Sequence[TrainingSentence], docs: Sequence[Doc], onto: Ontology
) -> tuple[Examples, list[str]]:
    """The examples and, for each, the rules' answer (to report the classifier beside them)."""
    out, rules = Examples([], []), []
    for sentence, doc in zip(sentences, docs, strict=True):
        if "roles-only" in sentence.tags:
            continue
        for ev in sentence.events:
            word = head_in(doc, ev.trigger)
            if word is None:
                continue
            trig = trigger_at(word, ev.type)
            rule, neg = modality(trig, onto), negated(trig, onto)
            out.features.append(features(trig, onto, rule, neg))
            out.labels.append(ev.modality)
            rules.append(NEGATED if neg else rule)
    return out, rules


def _report(gold: Sequence[str], guess: Sequence[str]) -> dict[str, Any]:
    """Accuracy over the seven modalities, and the asserted guesses the annotation does not assert
    (what ``parley eval`` counts as false assertions) and the asserted acts guessed otherwise."""
    n = len(gold)
    return {
        "triggers": n,
        "accuracy": round(sum(g == p for g, p in zip(gold, guess, strict=True)) / n, 3) if n else 0.0,
        "false_asserted": sum(p == ASSERTED != g for g, p in zip(gold, guess, strict=True)),
        "asserted_lost": sum(g == ASSERTED != p for g, p in zip(gold, guess, strict=True)),
    }


def train_modality(
    sentences: Sequence[TrainingSentence],
    docs: Sequence[Doc],
    dev_sentences: Sequence[TrainingSentence],
    dev_docs: Sequence[Doc],
    c: float = 1.0,
    seed: int = 0,
) -> tuple[LinearModel | None, dict[str, Any]]:
    """The model and a report; no model where the examples have one modality only (a handful of
    sentences): the rules decide there."""
    onto = load_ontology()
    data, _ = modality_examples(sentences, docs, onto)
    if len(set(data.labels)) < 2:
        return None, {"examples": len(data.labels), "labels": dict(Counter(data.labels))}
    model = fit(data, c=c, seed=seed)
    dev, rules = modality_examples(dev_sentences, dev_docs, onto)
    guess = [model.classes[i] for i in model.scores(dev.features).argmax(axis=1)] if dev.labels else []
    report = {
        "examples": len(data.labels),
        "labels": dict(Counter(data.labels).most_common()),
        "features": len(model.vocabulary),
        "c": c,
        "dev": _report(dev.labels, guess),
        "dev_rules": _report(dev.labels, rules),
    }
    return model, report
