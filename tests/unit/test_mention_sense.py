"""Which names and pronouns are actor mentions: the learned mention sense and the personal pronouns."""

from __future__ import annotations

import numpy as np

from parley.coding.document import DocumentCoder
from parley.coding.mention_sense import is_actor, sense_model
from parley.evaluation.corpus import anchor
from parley.models import RawDocument
from parley.text.clean import clean_document
from parley.training.mention_sense import (
    FLOORS,
    sense_examples,
    story_examples,
    train_sense,
)


def _hows(coded, text: str) -> list[str]:
    return [m.how for m in coded.mentions if m.text == text]


def test_a_state_the_sentence_names_only_as_a_place_is_no_actor_mention(code_text):
    assert sense_model() is not None
    assert _hows(code_text("Protests continued across Iraq on Friday."), "Iraq") == ["place"]
    assert _hows(code_text("A bomb exploded in Baghdad on Monday, killing five people."), "Baghdad") == ["place"]
    assert _hows(code_text("Iraq said it would close its border with Syria."), "Iraq") == ["alias"]
    # A state's name as the home of an agent is an actor; as the home of a thing it is not.
    coded = code_text("Chile's government said U.S. troops had crossed into Peru, breaking U.S. law.")
    assert _hows(coded, "U.S.") == ["alias", "place"]
    assert _hows(code_text("Chilean police arrested dozens of protesters."), "Chilean") == ["demonym"]


def test_without_a_model_every_name_is_an_actor():
    assert is_actor(["how=alias", "kind=state", "prep=in"], None)


def test_it_resolves_but_only_personal_pronouns_are_mentions(code_text):
    coded = code_text(
        "Russian President Vladimir Putin arrived in Ankara on Monday. He criticized Turkey, and Russia said "
        "it would impose sanctions on Ankara."
    )
    assert [(m.text, m.actor_id) for m in coded.mentions if m.text == "He"] == [("He", "P-PUTIN")]
    assert not [m for m in coded.mentions if m.text == "it"]
    threat = [e for e in coded.events if e.type == "THREATEN"]
    assert [(e.source, e.target) for e in threat] == [("RUS", "TUR")]  # "it" still resolves for the event


ARTICLE = {
    "id": "sense-test",
    "published": "2021-05-07",
    "text": "Iraq said it would close its border with Syria. Protests continued across Iraq on Friday.",
}
ANNOTATION = {
    "id": "sense-test",
    "sentences": [
        {"text": "Iraq said it would close its border with Syria.",
         "mentions": [{"text": "Iraq", "name": None, "state": "IRQ", "sector": "state", "kind": "state"}]},
        {"text": "Protests continued across Iraq on Friday.",
         "mentions": [{"text": "Protests", "name": None, "state": "IRQ", "sector": "protesters", "kind": "group"}]},
    ],
}  # fmt: skip


def test_names_are_labelled_by_the_annotation_and_training_is_deterministic(coder):
    gold = anchor(ANNOTATION, ARTICLE)
    assert gold.problems == []
    data = sense_examples([gold], coder)
    assert data.labels == ["actor", "place", "place"]  # Iraq said; Syria, a border's; across Iraq
    assert coder.sense.log is None  # the hook is off again
    first, report = train_sense("sense", [gold] * 3, [gold], coder=coder)
    second, _ = train_sense("sense", [gold] * 3, [gold], coder=coder)
    assert first.vocabulary == second.vocabulary and np.array_equal(first.weights, second.weights)
    assert report["train_names"] == 9 and report["dev_names"] == 3


STORY = (
    "Chile's government announced new curfews on Tuesday. Interior minister Maria Lopez said the curfew would "
    "start at 22:00 local time (0100 UTC). Chile's police later wrote on Twitter that the measures had been "
    "extended. Lopez said Chile would review the decision next week."
)


def test_a_story_placed_name_is_a_mention_only_when_it_names_an_actor(coder, code_text):
    assert coder.story_sense.model is not None
    coded = code_text(STORY)
    story = [(m.text, m.actor_id) for m in coded.mentions if m.how == "story"]
    assert ("Maria Lopez", "CHL") in story and ("Lopez", "CHL") in story  # a person who speaks, named again
    assert not [m for m in coded.mentions if m.text in ("UTC", "Twitter")]  # a time zone, a website


def test_without_a_story_model_every_story_placed_name_is_a_mention(kb):
    bare = DocumentCoder(kb)
    bare.story_sense.model = None
    coded = bare.code(clean_document(RawDocument(origin="<test>", content=STORY, content_type="text")))
    hows = {m.text: m.how for m in coded.mentions}
    assert hows["UTC"] == "story" and hows["Twitter"] == "story" and hows["Maria Lopez"] == "story"


STORY_ARTICLE = {"id": "story-sense-test", "published": "2021-05-07", "text": STORY}
STORY_ANNOTATION = {
    "id": "story-sense-test",
    "sentences": [
        {"text": "Chile's government announced new curfews on Tuesday.",
         "mentions": [{"text": "Chile's government", "name": None, "state": "CHL", "sector": "government",
                       "kind": "state"}]},
        {"text": "Interior minister Maria Lopez said the curfew would start at 22:00 local time (0100 UTC).",
         "mentions": [{"text": "Interior minister Maria Lopez", "name": "Maria Lopez", "state": "CHL",
                       "sector": "government", "kind": "person"}]},
        {"text": "Chile's police later wrote on Twitter that the measures had been extended.",
         "mentions": [{"text": "Chile's police", "name": None, "state": "CHL", "sector": "police",
                       "kind": "state"}]},
        {"text": "Lopez said Chile would review the decision next week.",
         "mentions": [{"text": "Lopez", "name": "Maria Lopez", "state": "CHL", "sector": "government",
                       "kind": "person"},
                      {"text": "Chile", "name": None, "state": "CHL", "sector": "state", "kind": "state"}]},
    ],
}  # fmt: skip


def test_story_placed_names_are_labelled_by_the_annotation_and_training_is_deterministic(coder):
    gold = anchor(STORY_ANNOTATION, STORY_ARTICLE)
    assert gold.problems == []
    data = story_examples([gold], coder)
    last = [next(f for f in feats if f.startswith("last=")) for feats in data.features]
    labelled = list(zip(last, data.labels, strict=True))
    assert coder.story_sense.log is None  # the hook is off again
    assert {label for name, label in labelled if name == "last=lopez"} == {"actor"}
    assert {label for name, label in labelled if name in ("last=utc", "last=twitter")} == {"none"}
    first, report = train_sense("story_sense", [gold] * 5, [gold], coder=coder)
    second, _ = train_sense("story_sense", [gold] * 5, [gold], coder=coder)
    assert first.vocabulary == second.vocabulary and np.array_equal(first.weights, second.weights)
    assert report["train_names"] == 5 * len(data.labels) and report["dev_names"] == len(data.labels)
    by_floor = report["train_cv_accuracy_by_floor"]
    assert set(by_floor) == {str(f) for f in FLOORS}
    # The floor is chosen by cross-validation on the train articles, never on dev.
    assert by_floor[str(report["floor"])] == max(by_floor.values())
