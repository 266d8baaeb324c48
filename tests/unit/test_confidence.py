"""The learned event confidence: fitting, the floor chosen in cross-validation, and its use by the coder."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from parley.coding import confidence
from parley.coding.confidence import CORRECT, features, kept, packaged_floor, packaged_model, with_confidence
from parley.models import Event
from parley.training.confidence import Labelled, choose_floor
from parley.training.triggers import Examples, fit

EVENT = Event(
    event_id="e1", doc_id="d1", sent_idx=0, type="ASSAULT", source="RUS", target="UKR",
    source_text="Russian forces", target_text="Kharkiv", trigger="shelled", sentence="Russian forces shelled Kharkiv.",
)  # fmt: skip
# The same act with both parties taken from context and the source also the target.
GUESSED = replace(EVENT, event_id="e2", source="UKR", source_text=None, target_text=None, implicit=("source", "target"))


def _data(n_right: int, n_wrong: int) -> Labelled:
    right = features(EVENT, _NoKB(), 1)
    wrong = features(GUESSED, _NoKB(), 1)
    labels = [CORRECT] * n_right + ["wrong"] * n_wrong
    # Each right event shares its sentence with one wrong one, so the sentence rule of `kept` never applies.
    sentences = [("a", n) for n in range(n_right)] + [("a", n % n_right) for n in range(n_wrong)]
    return Labelled(Examples([right] * n_right + [wrong] * n_wrong, labels), sentences, 40)


class _NoKB:
    def get(self, actor_id: str) -> None:
        return None


def test_a_binary_fit_scores_the_right_class_and_the_floor_drops_what_it_learned_is_wrong():
    data = _data(30, 30)
    model = fit(data.examples, c=1.0, min_count=1)
    assert set(model.classes) == {CORRECT, "wrong"}
    p = model.probabilities([features(EVENT, _NoKB(), 1), features(GUESSED, _NoKB(), 1)])[
        :, model.classes.index(CORRECT)
    ]
    assert p[0] > 0.9 > 0.1 > p[1]
    left = with_confidence([EVENT, GUESSED], _NoKB(), model, floor=0.5)  # type: ignore[arg-type]
    assert [e.event_id for e in left] == ["e1"] and left[0].confidence is not None and left[0].confidence > 0.9
    # Floor 0 keeps every event and still scores it.
    assert [e.confidence is not None for e in with_confidence([EVENT, GUESSED], _NoKB(), model, 0.0)] == [True, True]  # type: ignore[arg-type]


def test_a_sentence_keeps_its_likeliest_event_when_all_are_below_the_floor():
    confidences = [0.05, 0.08, 0.5, 0.02, 0.3]
    sentences = [1, 1, 2, 2, 3]
    assert kept(confidences, sentences, floor=0.4) == [False, True, True, False, True]
    assert kept(confidences, sentences, floor=0.0) == [True] * 5


def test_the_floor_is_the_cross_validated_best_for_f1():
    # 30 right and 30 wrong events, 40 annotated: keeping all gives F1 2*30/(60+40) = 0.6; dropping
    # the wrong ones gives 2*30/(30+40) = 0.857, which any floor between the two classes reaches.
    floor, scores = choose_floor(_data(30, 30), c=1.0, seed=0)
    assert scores["0.0"] == pytest.approx(0.6)
    assert scores[str(floor)] == pytest.approx(60 / 70, abs=1e-3) and floor > 0


def test_the_packaged_model_and_floor_are_those_train_reported(code_text):
    model = packaged_model()
    assert model is not None and set(model.classes) == {CORRECT, "wrong"}
    report = json.loads((Path(confidence.__file__).parent / "models" / "confidence.json").read_text())
    assert packaged_floor() == report["floor"] and 0 <= report["floor"] < 0.5
    # Figures of the train (cross-validated) and dev splits only, never the test split.
    assert report["dev_f1_at_floor"] >= report["dev_f1_all"]
    coded = code_text("Russian forces shelled Kharkiv on Monday, the Ukrainian military said.")
    assault = [e for e in coded.events if e.type == "ASSAULT"]
    assert assault and all(report["floor"] <= (e.confidence or 0) <= 1 for e in coded.events)
