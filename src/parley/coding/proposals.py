"""Demands, offers and preconditions: who wants what first.

Cue patterns ("X before Y", "Y only once X", "X is the first step",
"without preconditions", "contingent upon X") find the two sides of a
sequencing claim in a sentence; the parse finds who holds the position.
Each side is mapped to an issue of the vocabulary in ``kb/data/issues.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from parley.coding.context import Resolved, SentenceContext, subject_of
from parley.kb.issues import issue_of


@dataclass(frozen=True)
class ProposalSpan:
    kind: str  # precondition | unconditional | conditional_offer
    first_text: str
    then_text: str | None
    cue: str
    cue_start: int  # offset of the cue in the sentence
    first_issue: str | None
    then_issue: str | None
    holder_outside_condition: bool = False  # "Y only once X": X's subject is not the holder


_UNCONDITIONAL = re.compile(
    r"\bwithout (?:any |imposing |setting )?(?:pre-?conditions|conditions|preconditions)\b", re.I
)
_CONDITIONAL = re.compile(
    r"\b(?:contingent|conditional|conditioned|dependent|predicated)\s+(?:up)?on\b|\bon (?:the )?condition (?:that|of)\b"
    r"|\bin exchange for\b|\bin return for\b|\bprovided that\b",
    re.I,
)
_BEFORE = re.compile(r"\b(?:before|prior to|ahead of)\b", re.I)
_ONLY_ONCE = re.compile(
    r"\bonly\b(?:\s+\w+){0,3}?\s+(?:once|after|when|if)\b"
    r"|\b(?:wait|hold off)\s+until\b"
    r"|\bnot\b[^,.;]{0,60}\b(?:until|unless)\b",
    re.I,
)
_FIRST = re.compile(
    r"\b(?:is|was|be|are|as|remains?)\s+(?:the\s+)?(?:very\s+)?[“\"]?(?:first|top|foremost|primary)\s+"
    r"(?:process|step|stage|priority|condition|order of business|task)\b"
    r"|\b(?:must|should|has to|have to|would|will)? ?comes? first\b",
    re.I,
)
_PRECONDITION_FOR = re.compile(r"\bas a (?:pre-?condition|prerequisite) (?:for|to)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s(?:although|while|but|whereas)\s")


def clause_before(text: str, pos: int) -> str:
    head = text[:pos].rstrip(" ,;:")
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def clause_after(text: str, pos: int) -> str:
    tail = text[pos:]
    m = _CLAUSE_BREAK.search(tail)
    return tail[: m.start()] if m else tail


def find_proposal_spans(sentence: str) -> list[ProposalSpan]:
    out: list[ProposalSpan] = []
    for m in _UNCONDITIONAL.finditer(sentence):
        then = clause_before(sentence, m.start())
        out.append(ProposalSpan("unconditional", m.group(0), then, m.group(0), m.start(), None, issue_of(then)))
    for m in _CONDITIONAL.finditer(sentence):
        offered = clause_before(sentence, m.start())
        condition = clause_after(sentence, m.end())
        out.append(
            ProposalSpan(
                "conditional_offer", condition, offered, m.group(0), m.start(), issue_of(condition), issue_of(offered)
            )
        )
    for m in _PRECONDITION_FOR.finditer(sentence):
        first = clause_before(sentence, m.start())
        then = clause_after(sentence, m.end())
        out.append(ProposalSpan("precondition", first, then, m.group(0), m.start(), issue_of(first), issue_of(then)))
    for m in _BEFORE.finditer(sentence):
        first = clause_before(sentence, m.start())
        then = clause_after(sentence, m.end())
        fi, ti = issue_of(first), issue_of(then)
        if fi and ti and fi != ti:
            out.append(ProposalSpan("precondition", first, then, m.group(0), m.start(), fi, ti))
    for m in _ONLY_ONCE.finditer(sentence):
        # "Y only once X": X is the condition, Y what waits for it.
        cue_word = re.search(r"\b(?:once|after|when|if|until|unless)\b", m.group(0), re.I)
        assert cue_word is not None
        split = m.start() + cue_word.start()
        then = clause_before(sentence, split)
        first = clause_after(sentence, m.start() + cue_word.end())
        fi, ti = issue_of(first), issue_of(then)
        if fi and ti and fi != ti:
            out.append(ProposalSpan("precondition", first, then, m.group(0), split, fi, ti, True))
    for m in _FIRST.finditer(sentence):
        first = clause_before(sentence, m.start())
        fi = issue_of(first)
        if fi:
            out.append(ProposalSpan("precondition", first, None, m.group(0), m.start(), fi, None))
    return out


# Real-news phrasing of conditions (issue #12): "would ... if", "unless", "without", "as long as".
# These need a holder the parse resolves; they are not mapped to the issue vocabulary first.
_IF = re.compile(r"\b(?:if|unless|as long as|so long as|only if|provided)\b", re.I)
_OFFER_MODAL = re.compile(
    r"\b(?:would|will|could|can|might|ready|willing|prepared|promised|offered|pledged|vowed)\b", re.I
)
_WITHOUT = re.compile(r"\bwithout\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no|won't|wouldn't|cannot|can't|refuse[sd]?|refusing)\b|n't\b", re.I)


def find_conditions(sentence: str) -> list[ProposalSpan]:
    """Conditional offers ("we could have a dialogue if this bombing stopped") and preconditions
    ("they would not release the body without a DNA sample") in everyday phrasing."""
    out: list[ProposalSpan] = []
    for m in _IF.finditer(sentence):
        offered = clause_before(sentence, m.start())
        condition = clause_after(sentence, m.end())
        if not offered.strip():
            # "If X, we would Y": the offer follows the condition's clause.
            rest = sentence[m.end() :]
            comma = rest.find(",")
            if comma < 0:
                continue
            condition, offered = rest[:comma], rest[comma + 1 :]
        if _OFFER_MODAL.search(offered) and len(condition.split()) >= 2:
            out.append(ProposalSpan("conditional_offer", condition.strip(" ,."), offered.strip(" ,."), m.group(0),
                                    m.start(), issue_of(condition), issue_of(offered)))  # fmt: skip
    for m in _WITHOUT.finditer(sentence):
        refused = clause_before(sentence, m.start())
        condition = clause_after(sentence, m.end())
        if _NEGATED.search(refused) and _OFFER_MODAL.search(refused) and len(condition.split()) >= 2:
            out.append(ProposalSpan("precondition", condition.strip(" ,."), refused.strip(" ,."), m.group(0),
                                    m.start(), issue_of(condition), issue_of(refused)))  # fmt: skip
    return out


_DEMAND_VERBS = frozenset({"urge", "demand", "appeal", "plead", "insist", "request", "seek", "press", "call", "ask"})
# Verbs that ask only with these words after them: "called on/for", "pressed for", "insisted on" ("insisted
# it would" asserts).
_NEEDS = {
    "call": ("on", "for"), "press": ("for",), "plead": ("for", "with"), "appeal": ("for", "to"), "insist": ("on",),
}  # fmt: skip


def demand_cues(doc: Doc) -> list[Token]:
    """Verbs of demanding in a parsed sentence: "called on Y to", "called for", "urged", "demanded",
    "asked Y to", "pleading for", "seeking"."""
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in _DEMAND_VERBS:
            continue
        after = {c.lower_ for c in tok.children if c.dep_ in ("prep", "prt")}
        if lemma in _NEEDS and not after & set(_NEEDS[lemma]):
            continue
        if lemma == "ask" and not (
            after & {"for"}
            or any(c.dep_ in ("xcomp", "ccomp") and any(g.lower_ == "to" for g in c.children) for c in tok.children)
        ):
            continue  # "asked Comey if he was under investigation" asks a question, not for anything
        if lemma == "seek" and not any(c.dep_ in ("dobj", "xcomp") for c in tok.children):
            continue
        out.append(tok)
    return out


def holder_of(cue_token: Token, ctx: SentenceContext, skip_condition: bool = False) -> Resolved | None:
    """Who holds the position: the nearest governing clause whose subject is an actor."""
    current = cue_token
    if skip_condition:
        # Climb out of the condition clause ("once North Korea denuclearizes") first.
        while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
            current = current.head
        current = current.head
    for _ in range(20):
        if current.pos_ in ("VERB", "AUX"):
            subj = subject_of(current)
            ref = ctx.resolve(subj) if subj is not None else None
            if ref is not None:
                return ref
        if current.head.i == current.i:
            return None
        current = current.head
    return None
