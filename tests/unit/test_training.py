"""The trainable trigger classifier: labelling, fitting, saving and reading back, and its use by the coder."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from parley.coding.triggers import NONE, model_triggers, packaged_model, read_model
from parley.evaluation.sentences import parse_line
from parley.nlp.pipeline import full_pipeline
from parley.training.triggers import examples, fit, label_doc

LINES = [
    {"id": "t1", "text": "Rebels shelled the airport on Sunday.",
     "events": [{"trigger": "shelled", "type": "ASSAULT", "source": "Rebels", "target": "the airport"}]},
    {"id": "t2", "text": "Police arrested forty protesters in the capital.",
     "events": [{"trigger": "arrested", "type": "COERCE", "source": "Police", "target": "forty protesters"}]},
    {"id": "t3", "text": "The army carried out an air strike on the village.",
     "events": [{"trigger": "carried out an air strike", "type": "ASSAULT", "source": "The army"}]},
    {"id": "t4", "text": "The minister said the economy was growing.", "events": []},
]  # fmt: skip


def _sentences():
    problems: list[str] = []
    out = [parse_line(line, f"line {n}", problems) for n, line in enumerate(LINES)]
    assert problems == []
    return out


def test_the_head_of_a_trigger_span_carries_the_label():
    sentences = _sentences()
    nlp = full_pipeline()
    labelled = {s.id: [(t.text, lab) for t, lab in label_doc(nlp(s.text), s)] for s in sentences}
    assert ("shelled", "ASSAULT") in labelled["t1"]
    # "carried out an air strike": the verb heads the span; the nouns inside it are left out.
    assert ("carried", "ASSAULT") in labelled["t3"]
    assert all(word not in ("air", "strike") for word, _ in labelled["t3"])
    assert all(lab == NONE for _, lab in labelled["t4"])


def test_fit_save_and_read_back_give_the_same_scores(tmp_path):
    data = examples(_sentences() * 3)
    model = fit(data, min_count=1)
    path = tmp_path / "m.npz"
    model.save(path)
    again = read_model(path)
    assert again.classes == model.classes and set(again.classes) >= {NONE, "ASSAULT", "COERCE"}
    assert np.allclose(again.scores(data.features), model.scores(data.features), atol=1e-4)
    doc = full_pipeline()("Soldiers shelled the town.")
    assert [(t.word.text, t.type) for t in model_triggers(doc, again, threshold=0.9)] == [("shelled", "ASSAULT")]


def test_packaged_model_is_the_one_train_reports():
    model = packaged_model()
    assert model is not None and NONE in model.classes and len(model.classes) == 17
    from parley.coding import triggers

    report = json.loads((Path(triggers.__file__).parent / "models" / "triggers.json").read_text())
    assert report["features"] == len(model.vocabulary)
    assert report["dev_tokens"]["precision"] > 0.4  # figures of the dev split, never the test split


def test_role_classifier_reads_subject_object_and_passive_agent():
    from parley.coding.roles import assign_roles
    from parley.coding.roles import packaged_model as roles_model

    model = roles_model()
    assert model is not None and set(model.classes) == {"source", "target", "none"}
    nlp = full_pipeline()

    def roles(text: str, verb: str, etype: str) -> tuple[str | None, str | None]:
        doc = nlp(text)
        trig = next(t for t in doc if t.text == verb)
        src, tgt = assign_roles(trig, trig, etype, doc, lambda t: "state" if t.ent_type_ == "GPE" else "other", model)
        return (src.text if src else None, tgt.text if tgt else None)

    assert roles("Armenia accused Azerbaijan of shelling border villages.", "accused", "ACCUSE") == (
        "Armenia",
        "Azerbaijan",
    )
    assert roles("Two diplomats were expelled by Estonia on Monday.", "expelled", "SANCTION")[0] == "Estonia"
    # A conjoined clause keeps its own arguments.
    src, tgt = roles("Egypt condemned the raid and urged Hamas to free the hostages.", "condemned", "ACCUSE")
    assert src == "Egypt" and tgt != "Hamas"


def test_role_examples_label_the_heads_of_the_annotated_words():
    from parley.training.roles import role_examples

    sentences = _sentences()[:2]
    docs = [full_pipeline()(s.text) for s in sentences]
    data = role_examples(sentences, docs)
    feats_of = {
        label: [f for f, lab in zip(data.features, data.labels, strict=True) if lab == label] for label in data.labels
    }
    assert len(feats_of["source"]) == 2 and len(feats_of["target"]) == 2
    assert all("cdep=nsubj" in f for f in feats_of["source"])
    assert all("cdep=dobj" in f for f in feats_of["target"])


def test_packaged_models_were_trained_on_the_data_in_the_repo():
    """`parley train` must rebuild what ships: the data it would read now is the data the models saw."""
    from parley.coding import triggers
    from parley.training.data import training_sentences
    from tests.conftest import SHARED

    if not (SHARED / "eval" / "wikinews" / "articles.jsonl").exists():
        pytest.skip("../shared/eval/wikinews not present")
    report = json.loads((Path(triggers.__file__).parent / "models" / "triggers.json").read_text())
    assert report["sentences"] == len(training_sentences())
