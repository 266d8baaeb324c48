"""The English pipeline as parley loads it gives spaCy's own words, only faster (issue #10 item 5)."""

from __future__ import annotations

import json
from pathlib import Path

import spacy

from parley.evaluation.splits import split_of
from parley.nlp.pipeline import MODEL_PACKAGE, full_pipeline

SHARED = Path(__file__).resolve().parents[3] / "shared"


def _words(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in doc]


def test_remembered_attribute_rules_and_lemmas_leave_every_word_as_spacy_does():
    texts = [(SHARED / "seeds" / name).read_text(encoding="utf-8") for name in
             ("article_korea_dialogue_rejection.txt", "article_peace_treaty_first.txt")]  # fmt: skip
    with (SHARED / "eval" / "wikinews" / "articles.jsonl").open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    texts += [r["text"] for r in rows if split_of(r["id"]) == "train"][:12]
    # The attribute ruler's rules over several words ("ai n't", "gon na", "let 's") and spacing.
    texts += ["He ain't gonna come, let's see; I gotta go.", "  Two  spaces\n\nand a\ttab here."]
    ours = full_pipeline()
    assert ours.get_pipe("attribute_ruler").match.__self__.memo is not None  # the remembered ruler is in
    theirs = spacy.load(MODEL_PACKAGE)
    for text in texts:
        assert _words(ours(text)) == _words(theirs(text))
    # Run twice: answers remembered from the first pass are the same the second time.
    assert all(_words(ours(text)) == _words(theirs(text)) for text in texts[-2:])


def test_remembered_answers_are_forgotten_past_their_limit_and_stay_the_same(monkeypatch):
    from parley.nlp import pipeline

    ours, theirs = full_pipeline(), spacy.load(MODEL_PACKAGE)
    monkeypatch.setattr(pipeline, "MEMO_LIMIT", 5)
    text = "The ministers of both countries met in Geneva and agreed to resume talks next month."
    assert _words(ours(text)) == _words(theirs(text))
    ruler = ours.get_pipe("attribute_ruler").match.__self__
    lemmas = ours.get_pipe("lemmatizer").lemmatize
    assert len(ruler.memo) <= 5 and len(lemmas.memo) <= 5
