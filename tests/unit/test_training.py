"""The trainable trigger classifier: labelling, fitting, saving and reading back, and its use by the coder."""

from __future__ import annotations

import json

import numpy as np

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

    report = json.loads((triggers.Path(triggers.__file__).parent / "models" / "triggers.json").read_text())
    assert report["features"] == len(model.vocabulary)
    assert report["dev_tokens"]["precision"] > 0.4  # figures of the dev split, never the test split
