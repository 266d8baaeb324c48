"""Demands, offers and preconditions: who wants what first.

Cue patterns ("X before Y", "Y only once X", "X is the first step",
"without preconditions", "contingent upon X") find the two sides of a
sequencing claim in a sentence; the parse finds who holds the position.
Each side is mapped to an issue of the vocabulary in ``kb/data/issues.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

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


def _clause_before(text: str, pos: int) -> str:
    head = text[:pos].rstrip(" ,;:")
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def _clause_after(text: str, pos: int) -> str:
    tail = text[pos:]
    m = _CLAUSE_BREAK.search(tail)
    return tail[: m.start()] if m else tail


def find_proposal_spans(sentence: str) -> list[ProposalSpan]:
    out: list[ProposalSpan] = []
    for m in _UNCONDITIONAL.finditer(sentence):
        then = _clause_before(sentence, m.start())
        out.append(ProposalSpan("unconditional", m.group(0), then, m.group(0), m.start(), None, issue_of(then)))
    for m in _CONDITIONAL.finditer(sentence):
        offered = _clause_before(sentence, m.start())
        condition = _clause_after(sentence, m.end())
        out.append(
            ProposalSpan(
                "conditional_offer", condition, offered, m.group(0), m.start(), issue_of(condition), issue_of(offered)
            )
        )
    for m in _PRECONDITION_FOR.finditer(sentence):
        first = _clause_before(sentence, m.start())
        then = _clause_after(sentence, m.end())
        out.append(ProposalSpan("precondition", first, then, m.group(0), m.start(), issue_of(first), issue_of(then)))
    for m in _BEFORE.finditer(sentence):
        first = _clause_before(sentence, m.start())
        then = _clause_after(sentence, m.end())
        fi, ti = issue_of(first), issue_of(then)
        if fi and ti and fi != ti:
            out.append(ProposalSpan("precondition", first, then, m.group(0), m.start(), fi, ti))
    for m in _ONLY_ONCE.finditer(sentence):
        # "Y only once X": X is the condition, Y what waits for it.
        cue_word = re.search(r"\b(?:once|after|when|if|until|unless)\b", m.group(0), re.I)
        assert cue_word is not None
        split = m.start() + cue_word.start()
        then = _clause_before(sentence, split)
        first = _clause_after(sentence, m.start() + cue_word.end())
        fi, ti = issue_of(first), issue_of(then)
        if fi and ti and fi != ti:
            out.append(ProposalSpan("precondition", first, then, m.group(0), split, fi, ti, True))
    for m in _FIRST.finditer(sentence):
        first = _clause_before(sentence, m.start())
        fi = issue_of(first)
        if fi:
            out.append(ProposalSpan("precondition", first, None, m.group(0), m.start(), fi, None))
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
