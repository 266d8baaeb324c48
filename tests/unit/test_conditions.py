"""The learned condition cues (coding/conditions.py) and their training data."""

import json
from pathlib import Path

import numpy as np
import pytest

from parley.coding.conditions import KINDS, conditions_model, find_cues
from parley.evaluation.sentences import load_sentences
from parley.nlp.pipeline import full_pipeline
from parley.training.conditions import FLOORS, train_conditions, written_cue_sentences

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def nlp():
    return full_pipeline()


def _cues(nlp, text):
    doc = nlp(text)
    return [(doc[c.start : c.end].text, c.kind) for c in find_cues(doc)]


@pytest.mark.parametrize(
    "text",
    [
        "The delegation landed in Doha two hours before the talks began.",
        "Reporters asked if the ministry would comment on the arrests.",
        "Three soldiers remain in critical condition after the blast near the border.",
        "The rebels held the town until the army retook it in March.",
        "The law requires a two-thirds majority in the senate to change the constitution.",
    ],
)
def test_everyday_uses_of_condition_words_are_no_cues(nlp, text):
    assert conditions_model() is not None, "parley train writes coding/models/conditions.npz"
    assert _cues(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Pyongyang will return to the negotiating table only if Washington lifts the sanctions.", "if"),
        ("Kyiv said a full withdrawal of Russian troops must precede any talks on a settlement.", "precede"),
        ("The union will call off the strike as long as the government honours the wage deal.", "long"),
        (
            "Hanoi will free the detained sailors in exchange for the return of its fishing boats, a spokesman said.",
            "exchange",
        ),
    ],
)
def test_conditions_are_found_with_a_kind(nlp, text, word):
    cues = _cues(nlp, text)
    assert len(cues) == 1
    words, kind = cues[0]
    assert word in words and kind in KINDS


def test_a_coded_condition_has_its_holder_and_its_two_sides(code_text):
    coded = code_text("Seoul will resume aid to the North only after Pyongyang returns the abducted fishermen.")
    (prop,) = [p for p in coded.proposals if p.kind in KINDS]
    assert prop.holder == "KOR"
    assert prop.first_text == "Pyongyang returns the abducted fishermen"
    assert prop.then_text == "Seoul will resume aid to the North"


def test_the_checker_names_the_line_of_a_cue_not_in_the_text(tmp_path):
    path = tmp_path / "bad.jsonl"
    line = {
        "id": "x-1",
        "text": "Iran will talk if sanctions end.",
        "proposals": [{"kind": "precondition", "cue": "unless"}],
    }
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    problems: list[str] = []
    load_sentences(path, problems)
    assert problems == [f"{path}:1 proposal 1: cue 'unless' is not in the text"]


def test_training_is_reproducible_and_picks_a_floor(nlp):
    sentences = written_cue_sentences([REPO / "data/train/proposals/p01.jsonl"])[:120]
    first, floor, report = train_conditions(sentences[:100], [], sentences[100:], nlp)
    again, _, _ = train_conditions(sentences[:100], [], sentences[100:], nlp)
    assert np.array_equal(first.weights, again.weights)
    assert floor in FLOORS and report["floor"] == floor
    assert report["cues"] > 20 and report["train_cv_cues"][str(floor)]["f1"] > 0.5
