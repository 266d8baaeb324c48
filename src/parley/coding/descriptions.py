"""Actors named by a definite description: "the company", "the doctors", "the suspect".

News names an actor once and then describes it ("WeWork ... The company shelved its plans"), or
only describes it ("the doctors said", "the whistleblower's complaint"). The annotation guidelines
(docs/annotation.md §2) count such a description as a mention of the actor, placed in its state;
most are of the state the story is about, as domestic agents are. Most definite noun phrases name
no actor ("the decision", "the country's economy", "the hospital" as a place), so which ones do is
learned: a logistic regression over the head word, its Phoenix agent sector, its ending, and its
place in the parse (subject of a speech verb, object, possessive), fitted by ``parley train`` on
the candidates of the train articles labelled by their annotations (training/mention_sense.py),
like the story sense of names. A head word the train articles never showed is judged by its
sector, ending and parse alone.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Doc, Span

from parley.coding.attribution import SPEECH_VERBS
from parley.coding.linear import LinearModel, packaged
from parley.coding.mention_sense import Sense, trained_floor
from parley.kb.sectors import sector_of_words

MODEL_FILE = "description_sense.npz"
REPORT_FILE = "description_sense.json"
# The probability of "actor" below which a description is no mention, when no trained report gives
# the floor ``parley train`` chose by cross-validation.
FLOOR = 0.5
# Words inside a description that make it something other than an actor of the story: "the same
# people", "the other side" refer to no one in particular; "the first girl" is still one.
_VAGUE = frozenset({"same", "other", "whole", "entire", "rest", "latter", "former", "next", "last"})


def definite_descriptions(doc: Doc, taken: set[int]) -> list[Span]:
    """Lower-case noun phrases opened by "the" ("the company", "the two women", "the disgraced
    financier"), from the article to their head noun; none with a capitalised word (a name, placed
    by it: "the Nigerian Senate") or a word of ``taken`` (token indices of names already matched)."""
    out = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.dep_ in ("compound", "nmod") or not tok.is_lower:
            continue
        lefts = list(tok.lefts)
        if not lefts or lefts[0].lower_ != "the" or lefts[0].dep_ != "det":
            continue
        span = doc[lefts[0].i : tok.i + 1]
        inner = span[1:]
        if any(t.i in taken for t in span) or any(not (t.is_lower or t.like_num or t.is_punct) for t in inner):
            continue
        if any(t.lower_ in _VAGUE for t in inner) or any(t.dep_ == "poss" for t in inner[:-1]):
            continue
        out.append(span)
    return out


def description_features(span: Span, named: Container[str], described: Container[str]) -> list[str]:
    """Binary features of one definite description (``span``: "the" to its head noun); ``named``: the
    lower-case words of the organisations the article named before, ``described``: the head words of
    its descriptions before."""
    doc = span.doc
    head_tok = span[-1]
    head = head_tok.head
    word = head_tok.lower_
    after = doc[span.end] if span.end < len(doc) else None
    sector = sector_of_words(word)
    feats = [
        f"last={word}",
        f"lemma={head_tok.lemma_.lower()}",
        f"sector={sector or 'none'}",
        f"ending={word[-3:]}",
        f"plural={head_tok.tag_ == 'NNS'}",
        f"dep={head_tok.dep_}",
        f"sector_dep={sector or 'none'}_{head_tok.dep_}",
        f"words={min(len(span), 4)}",
        f"after={after.lower_ if after is not None and after.is_alpha else 'other'}",
    ]
    if any(t.like_num for t in span):
        feats.append("number")
    if len(span) > 2:
        feats.append("modified")
    if head.i != head_tok.i:
        feats += [f"head={head.lemma_.lower()}", f"dep_head={head_tok.dep_}_{head.lemma_.lower()}"]
    if head_tok.dep_ == "pobj" and head.dep_ == "prep":
        feats += [f"prep={head.lower_}", f"prep_of={head.head.lemma_.lower()}"]
    if head_tok.dep_ == "poss" or (after is not None and after.lower_ in ("'s", "\u2019s", "'")):
        feats.append("possessive")
    if head_tok.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        feats.append(f"subject_of={head.lemma_.lower()}")
        if head.lemma_.lower() in SPEECH_VERBS:
            feats += ["speaks", f"sector_speaks={sector or 'none'}"]
    if any(c.dep_ in ("acl", "relcl", "prep") for c in head_tok.rights):
        feats.append("post_modified")  # "the company that ...", "the president of Harvard"
    if span.start == 0:
        feats.append("first_word")
    if word in named or head_tok.lemma_.lower() in named:
        feats += ["named_before", f"sector_named_before={sector or 'none'}"]
    if word in described:
        feats.append("described_before")
    return feats


def name_words(doc: Doc, bodies: list[tuple[str, str]]) -> dict[str, str]:
    """Lower-case words of the organisations a sentence names, with the actor of each: the names
    matched to bodies (``bodies``: text and actor id), and the parser's ORG names no actor matched
    (actor "")."""
    words = {w.lower(): "" for ent in doc.ents if ent.label_ == "ORG" for w in ent.text.split()}
    return words | {w.lower(): actor for text, actor in bodies for w in text.split()}


def description_model() -> LinearModel | None:
    """The packaged description sense, or None before ``parley train`` first wrote it."""
    return packaged(MODEL_FILE)


def description_sense() -> Sense:
    """Without a trained model no description is a mention: most definite noun phrases name no actor."""
    return Sense(description_model(), trained_floor(REPORT_FILE, FLOOR), default=False)
