"""Whether a matched name stands for an actor or only for a place, learned from the gold corpus.

"Iraq said it would ..." names an actor; "protests continued across Iraq", "the Baghdad-Damascus
highway" and "U.S. law" name a place or a thing's home, which the annotation guidelines
(docs/annotation.md §2) do not count as mentions. The coder records such names with
``how = "place"``: they still place people and groups in a state, but make no actor claim (the
evaluation leaves them out of precision, the quotation rules do not take them for speakers).

A logistic regression over the parse around the name (its dependency and head, the preposition
governing it, a possessive, a hyphen, its neighbours, the parser's entity, whether it modifies
a noun naming an agent such as "U.S. troops") estimates the chance that an analyst records the
name as an actor mention. ``parley train`` fits it on the names the coder finds in the train
articles of the real-news corpus, labelled by their annotations; below :data:`FLOOR` a name is
only a place. It replaces a hand rule (a state's name after "in", "across", ...; a modifier of a
noun naming no agent).
"""

from __future__ import annotations

from spacy.tokens import Span

from parley.coding.linear import LinearModel, packaged
from parley.kb.actors import ActorKB
from parley.kb.sectors import sector_of
from parley.nlp.mentions import RawMatch

MODEL_FILE = "mention_sense.npz"
REPORT_FILE = "mention_sense.json"
ACTOR = "actor"
PLACE = "place"
# The probability of "actor" below which a name is only a place (compared on dev: 0.2, 0.3, 0.5).
FLOOR = 0.3


def _word(tok_text: str) -> str:
    return tok_text.lower() if tok_text.isalpha() else ("punct" if not tok_text[:1].isalnum() else "other")


def mention_features(span: Span, match: RawMatch, kb: ActorKB) -> list[str]:
    """Binary features of one matched name (``span``: its tokens in the parsed sentence)."""
    doc = span.doc
    actor = kb.get(match.actor_id)
    kind = actor.kind if actor is not None else "unknown"
    root = span.root
    head = root.head
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    feats = [
        f"how={match.how}",
        f"kind={kind}",
        f"kind_how={kind}_{match.how}",
        f"dep={root.dep_}",
        f"kind_dep={kind}_{root.dep_}",
        f"words={min(len(span), 3)}",
        f"before={_word(before.text) if before is not None else '<s>'}",
        f"after={_word(after.text) if after is not None else '</s>'}",
    ]
    if head.i != root.i:
        feats += [f"head={head.lemma_.lower()}", f"head_pos={head.pos_}", f"dep_head={root.dep_}_{head.lemma_.lower()}"]
        feats.append(f"head_side={'after' if head.i >= span.end else 'before'}")
    if root.dep_ == "pobj" and head.dep_ == "prep":
        feats += [f"prep={head.lower_}", f"kind_prep={kind}_{head.lower_}", f"prep_of={head.head.lemma_.lower()}"]
    possessive = root.dep_ == "poss" or (after is not None and after.lower_ in ("'s", "\u2019s", "'"))
    if possessive:
        feats.append("possessive")
    beside = {t.text for t in (before, after) if t is not None}
    if beside & {"-", "\u2013"} or "-" in span.text:
        feats.append("hyphen")
    # The parser's entity over the name, and whether the name is only part of a longer one
    # ("Columbia University", "the Baghdad International Airport").
    ent = next((e for e in doc.ents if e.start <= root.i < e.end), None)
    feats.append(f"ent={ent.label_ if ent is not None else 'none'}")
    if ent is not None and (ent.start < span.start or ent.end > span.end):
        feats += ["inside_name", f"inside_{ent.label_}"]
    # A modifier of a noun: an agent of the state ("U.S. troops", "the U.S. Attorney") or a thing ("U.S. law").
    if root.dep_ in ("compound", "nmod", "amod") and head.pos_ in ("NOUN", "PROPN") and head.i >= span.end:
        if sector_of(kb, None, None, head.text) is not None:
            feats.append("modifies=agent")
        elif head.ent_type_:
            feats.append("modifies=name")
        else:
            feats += ["modifies=thing", f"kind_modifies={kind}_thing"]
    if root.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        feats.append(f"subject_of={head.lemma_.lower()}")
    if span.start == 0:
        feats.append("first_word")
    return feats


def sense_model() -> LinearModel | None:
    """The packaged model, or None before ``parley train`` first wrote it."""
    return packaged(MODEL_FILE)


def actor_probability(feats: list[str], model: LinearModel) -> float:
    return float(model.probabilities([feats])[0, model.classes.index(ACTOR)])


def is_actor(feats: list[str], model: LinearModel | None, floor: float = FLOOR) -> bool:
    """Whether the name stands for an actor; every name does when no model is present."""
    return model is None or actor_probability(feats, model) >= floor
