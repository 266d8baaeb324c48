"""Which names and pronouns are actor mentions: the learned mention sense and the personal pronouns."""

from __future__ import annotations

import numpy as np

from parley.coding.mention_sense import is_actor, sense_model
from parley.evaluation.corpus import anchor
from parley.training.mention_sense import sense_examples, train_mention_sense


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
    assert coder.sense_log is None  # the hook is off again
    first, report = train_mention_sense([gold] * 3, [gold], coder=coder)
    second, _ = train_mention_sense([gold] * 3, [gold], coder=coder)
    assert first.vocabulary == second.vocabulary and np.array_equal(first.weights, second.weights)
    assert report["train_names"] == 9 and report["dev_names"] == 3
