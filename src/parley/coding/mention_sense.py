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

The story sense (:func:`story_features`, ``story_sense.npz``) decides the same for the names no
actor matched: the parser's PERSON and ORG names that the coder takes to be of the story's state
(``how = "story"``). "Maria Lopez said ..." is an actor; "on Twitter", "at 14:00 UTC", "COVID-19"
and "Walmart stores" are not, nor are most people the guidelines leave out. A second logistic
regression over the name's shape (capitals, digits, its words, a title before it) and its parse
(dependency, head, preposition, a possessive, a speech verb it is the subject of) estimates the
chance that an analyst records the name; below :data:`STORY_FLOOR` the coder records no mention.
It decides which mentions are recorded: the person still resolves for events, and quotation
speakers are placed as before except where their introduction is read from the recorded mentions
(on train and dev no speaker changed).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from parley.coding.attribution import SPEECH_VERBS
from parley.coding.linear import LinearModel, packaged, packaged_report
from parley.kb.actors import ActorKB
from parley.kb.sectors import sector_of
from parley.nlp.mentions import RawMatch

MODEL_FILE = "mention_sense.npz"
REPORT_FILE = "mention_sense.json"
ACTOR = "actor"
PLACE = "place"
# The probability of "actor" below which a name is only a place, when no trained report gives the
# floor ``parley train`` chose by cross-validation on the train articles (training/mention_sense.py).
FLOOR = 0.3

STORY_MODEL_FILE = "story_sense.npz"
STORY_REPORT_FILE = "story_sense.json"
NO_ACTOR = "none"
# The probability of "actor" below which a story-placed name is no mention, likewise.
STORY_FLOOR = 0.5
# Where a story-placed name comes from: a person the parse placed in the story's state ("person"), a
# surname of such a person named again ("surname"), a PERSON or ORG name nobody placed ("unplaced").
STORY_SOURCES = ("person", "surname", "unplaced")
_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "president", "premier", "minister",
    "king", "queen", "prince", "princess", "general", "gen", "leader", "chairman", "chancellor", "secretary",
    "governor", "senator", "judge", "mayor", "spokesman", "spokeswoman", "spokesperson", "director", "chief",
    "professor", "prof", "rep", "sen", "ambassador", "commander", "officer", "captain", "colonel", "pope",
})  # fmt: skip


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


def _near(tok_text: str) -> str:
    """A neighbouring word, punctuation kept ("(2100 UTC)", "the WHO's")."""
    if tok_text.isalpha():
        return tok_text.lower()
    return "digit" if any(c.isdigit() for c in tok_text) else (tok_text if len(tok_text) == 1 else "other")


def story_features(span: Span, source: str) -> list[str]:
    """Binary features of one name no actor matched (``span``: its tokens in the parsed sentence;
    ``source``: one of :data:`STORY_SOURCES`)."""
    doc = span.doc
    root = span.root
    head = root.head
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    label = root.ent_type_ or "none"
    text = span.text
    feats = [
        f"source={source}",
        f"ent={label}",
        f"dep={root.dep_}",
        f"ent_dep={label}_{root.dep_}",
        f"words={min(len(span), 3)}",
        f"before={_near(before.text) if before is not None else '<s>'}",
        f"after={_near(after.text) if after is not None else '</s>'}",
        f"last={span[-1].lower_}",
    ]
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        feats.append("all_caps")
    if any(c.isdigit() for c in text):
        feats.append("digit")
    if any(t.is_lower for t in span):
        feats.append("lower_word")  # "Ministry of Health", "the Voice of America"
    if before is not None and before.lower_.rstrip(".") in _TITLES:
        feats += ["title_before", f"{label}_title_before"]
    if head.i != root.i:
        feats += [f"head={head.lemma_.lower()}", f"head_pos={head.pos_}", f"dep_head={root.dep_}_{head.lemma_.lower()}"]
    if root.dep_ == "pobj" and head.dep_ == "prep":
        feats += [f"prep={head.lower_}", f"ent_prep={label}_{head.lower_}", f"prep_of={head.head.lemma_.lower()}"]
    if root.dep_ == "poss" or (after is not None and after.lower_ in ("'s", "\u2019s", "'")):
        feats.append("possessive")
    if root.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        feats.append(f"subject_of={head.lemma_.lower()}")
        if head.lemma_.lower() in SPEECH_VERBS:
            feats += ["speaks", f"{label}_speaks"]
    if root.dep_ in ("compound", "nmod", "amod") and head.pos_ in ("NOUN", "PROPN") and head.i >= span.end:
        feats.append("modifier")
    if any(c.dep_ == "appos" for c in root.children) or root.dep_ == "appos":
        feats.append("apposition")
    if span.start == 0:
        feats.append("first_word")
    return feats


def story_model() -> LinearModel | None:
    """The packaged story sense, or None before ``parley train`` first wrote it."""
    return packaged(STORY_MODEL_FILE)


def sense_model() -> LinearModel | None:
    """The packaged model, or None before ``parley train`` first wrote it."""
    return packaged(MODEL_FILE)


def trained_floor(report_file: str, default: float) -> float:
    """The floor ``parley train`` chose by cross-validation, written beside the model."""
    report = packaged_report(report_file)
    return float(report.get("floor", default)) if report is not None else default


def sense_floor() -> float:
    return trained_floor(REPORT_FILE, FLOOR)


def story_floor() -> float:
    return trained_floor(STORY_REPORT_FILE, STORY_FLOOR)


def actor_probability(feats: list[str], model: LinearModel) -> float:
    return float(model.probabilities([feats])[0, model.classes.index(ACTOR)])


def is_actor(feats: list[str], model: LinearModel | None, floor: float = FLOOR) -> bool:
    """Whether the name stands for an actor; every name does when no model is present."""
    return model is None or actor_probability(feats, model) >= floor


Decision = tuple[list[str], int, int, int]  # features, sentence, start, end (document offsets)


@dataclass
class Sense:
    """One learned yes/no on names (the mention sense or the story sense): its model, the floor
    ``parley train`` chose, and, while training, the log that receives every decision."""

    model: LinearModel | None
    floor: float
    log: list[Decision] | None = None
    # The answer without a model (before ``parley train`` first wrote one).
    default: bool = True

    def judge(self, feats: list[str], sent_idx: int, start: int, end: int) -> bool:
        return self.judge_many([feats], sent_idx, [(start, end)])[0]

    def judge_many(self, feats: list[list[str]], sent_idx: int, spans: list[tuple[int, int]]) -> list[bool]:
        """Whether each of several names of one sentence is an actor, with one call to the model."""
        if self.log is not None:
            self.log.extend((f, sent_idx, start, end) for f, (start, end) in zip(feats, spans, strict=True))
        if self.model is None or not feats:
            return [self.default] * len(feats)
        p = self.model.probabilities(feats)[:, self.model.classes.index(ACTOR)]
        return [bool(x >= self.floor) for x in p]


def mention_sense() -> Sense:
    return Sense(sense_model(), sense_floor())


def story_sense() -> Sense:
    return Sense(story_model(), story_floor())
