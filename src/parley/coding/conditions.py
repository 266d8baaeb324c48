"""Conditions: the words that make one act wait on another, found by a learned classifier.

A negotiating position often has an order in it: "talks only after the sanctions are lifted"
(a precondition), "we will withdraw if they disarm" (a conditional offer), "talks without
preconditions" (unconditional). The words that carry it are few ("if", "unless", "before",
"until", "once", "only", "condition", "prerequisite", "require", "in exchange for", "as long
as", ...), but most of their uses carry no position ("if" in a question, "before" in a date,
"require" of a law). A logistic regression over each such word's parse and neighbours decides
whether it marks a condition and of which kind; ``parley train`` fits it on the written
proposal sentences (``data/train/proposals/``) and the train split of the real-news corpus.

The classifier finds the cue; the two sides (the clauses before and after it) and the holder
(the subject that governs it, :func:`parley.coding.proposals.holder_of`) come from the parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from parley.coding.linear import LinearModel, packaged, packaged_report

MODEL_FILE = "conditions.npz"
REPORT_FILE = "conditions.json"
NONE = "none"
KINDS = ("precondition", "conditional_offer", "unconditional")
FLOOR = 0.5  # probability of a kind, summed over the kinds, above which a word is a cue

# Words that can carry a condition. The list is deliberately wide: the classifier, not the list,
# decides; a cue none of these words is part of is not found at all.
CUE_WORDS = frozenset(
    {"if", "unless", "until", "till", "before", "after", "once", "only", "provided", "providing", "condition",
     "conditions", "conditional", "conditioned", "precondition", "preconditions", "pre-condition",
     "pre-conditions", "prerequisite", "prerequisites", "contingent", "dependent", "depend", "depends",
     "depended", "depending", "hinge", "hinges", "hinged", "predicated", "exchange", "return", "long", "soon",
     "without", "first", "precede", "precedes", "preceded", "require", "requires", "required", "requirement",
     "requirements", "unconditionally", "unconditional", "ahead", "prior", "when", "whenever", "no", "need",
     "needs", "must", "subject", "tied", "linked", "conditioning", "stipulate", "stipulated", "stipulation",
     "pending", "assuming", "moment"}
)  # fmt: skip
# Words that may stand between two candidates of one cue: "without any preconditions".
_JOINING = frozenset({"any", "the", "a", "all", "such"})
_NEGATIONS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "refuse", "refused", "refuses"})


@dataclass(frozen=True)
class ConditionCue:
    start: int  # token index of the cue's first word
    end: int  # token index after its last word
    kind: str
    probability: float


def candidates(doc: Doc) -> list[Token]:
    return [t for t in doc if t.lower_ in CUE_WORDS]


def is_candidate(words: str) -> bool:
    """Whether a cue found by other means has a word the classifier judges."""
    return any(w in CUE_WORDS for w in re.findall(r"[\w-]+", words.lower()))


def _word(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ("<s>" if i < 0 else "</s>")


def cue_features(tok: Token) -> list[str]:
    """What the classifier reads of one candidate word: the word and its neighbours, its place in the
    parse, and whether negation or a modal stands before or after it (offers and refusals carry one)."""
    doc, i, w = tok.doc, tok.i, tok.lower_
    head, gov = tok.head, tok.head.head
    before, after = doc[max(0, i - 12) : i], doc[i + 1 : i + 13]
    neg_before = any(t.dep_ == "neg" or t.lower_ in _NEGATIONS for t in before)
    modal_before = any(t.tag_ == "MD" for t in before)
    modal_after = any(t.tag_ == "MD" for t in after)
    only = any(t.lower_ == "only" for t in doc[max(0, i - 4) : i])
    feats = [
        "bias", f"w={w}", f"dep={tok.dep_}", f"w|dep={w}|{tok.dep_}", f"w|pos={w}|{tok.pos_}",
        f"p1={_word(doc, i - 1)}|{w}", f"p2={_word(doc, i - 2)} {_word(doc, i - 1)}|{w}",
        f"n1={w}|{_word(doc, i + 1)}", f"n2={w}|{_word(doc, i + 1)} {_word(doc, i + 2)}",
        f"head={head.lemma_.lower()}", f"w|head={w}|{head.lemma_.lower()}", f"w|headtag={w}|{head.tag_}",
        f"w|headdep={w}|{head.dep_}", f"w|gov={w}|{gov.lemma_.lower()}", f"gov={gov.lemma_.lower()}",
        f"w|neg-before={w}|{neg_before}", f"w|modal-before={w}|{modal_before}", f"w|modal-after={w}|{modal_after}",
        f"neg-before={neg_before}", f"modal-before={modal_before}", f"modal-after={modal_after}",
        f"w|only={w}|{only}", f"w|first={w}|{i == 0 or doc[i - 1].is_punct}",
    ]  # fmt: skip
    # The clause the cue opens: has it a subject of its own ("if they disarm") or none ("if necessary")?
    clause = head if tok.dep_ == "mark" else None
    if clause is not None:
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        feats.append(f"w|clause-subj={w}|{subj.pos_ if subj is not None else 'none'}")
        feats.append(f"w|clause-tag={w}|{clause.tag_}")
    if head.ent_type_ in ("DATE", "TIME") or tok.ent_type_ in ("DATE", "TIME"):
        feats.append(f"w|date={w}")
    # What the cue governs: "until 2020", "before the court" (a date, a place) against "until they
    # withdraw", "before any talks"; the verb of the clause a conjunction opens ("if they disarm").
    for c in tok.children:
        if c.dep_ in ("pobj", "pcomp", "dobj"):
            feats += [f"w|obj={w}|{c.lemma_.lower()}", f"w|obj-ent={w}|{c.ent_type_ or c.pos_}"]
    if tok.dep_ == "mark":
        feats.append(f"w|clause-verb={w}|{head.lemma_.lower()}")
    return feats


@lru_cache(maxsize=1)
def conditions_model() -> LinearModel | None:
    return packaged(MODEL_FILE)


def conditions_floor() -> float:
    """The floor ``parley train`` chose by cross-validation, written beside the model."""
    report = packaged_report(REPORT_FILE)
    return float(report.get("floor", FLOOR)) if report is not None else FLOOR


def _extent(tok: Token) -> tuple[int, int]:
    """The cue's words around the candidate: "on condition that", "in exchange for", "only after",
    "as long as", "a prerequisite for"."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start - 1].lower_ in ("only", "on", "in", "as", "so", "a", "the", "prior", "well"):
        start -= 1
    while end < len(doc) and doc[end].lower_ in ("that", "for", "to", "on", "upon", "of", "as", "long", "if"):
        end += 1
        if doc[end - 1].lower_ in ("for", "to", "on", "upon", "of", "if"):
            break
    return start, end


def find_cues(doc: Doc, model: LinearModel | None = None, floor: float | None = None) -> list[ConditionCue]:
    """The condition cues of a parsed sentence, one per cue: candidates of one cue ("only" and
    "after" in "only after", "without any preconditions") are merged and the likelier kind kept.
    ``floor``: the packaged one unless given."""
    model = model if model is not None else conditions_model()
    floor = floor if floor is not None else conditions_floor()
    cands = candidates(doc)
    if model is None or not cands:
        return []
    probs = model.probabilities([cue_features(t) for t in cands])
    kinds = [k for k in model.classes if k != NONE]
    found: list[ConditionCue] = []
    for tok, row in zip(cands, probs, strict=True):
        p = {k: float(row[model.classes.index(k)]) for k in kinds}
        total = sum(p.values())
        if total < floor:
            continue
        kind = max(p, key=p.__getitem__)
        start, end = _extent(tok)
        if found and (start <= found[-1].end or (start == found[-1].end + 1 and doc[start - 1].lower_ in _JOINING)):
            prev = found[-1]
            best = prev if prev.probability >= total else ConditionCue(prev.start, end, kind, total)
            found[-1] = ConditionCue(min(prev.start, start), max(prev.end, end), best.kind, best.probability)
            continue
        found.append(ConditionCue(start, end, kind, total))
    return found
