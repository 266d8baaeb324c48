"""Records that flow between pipeline stages.

Plain frozen dataclasses: every stage takes records in and hands new records
out, so stages stay pure and testable on their own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


def stable_id(*parts: object) -> str:
    """A short id that depends only on its parts (events keep theirs across re-ingests)."""
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class RawDocument:
    """One input document before cleaning, as read from a file, stdin or a JSONL line."""

    origin: str  # file path, "path:line" for JSONL, or "<stdin>"
    content: str
    content_type: str  # "text" or "html"
    url: str | None = None
    published: dt.date | None = None
    title: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class CleanDocument:
    """A document after furniture removal: separate fields, body is what gets coded."""

    doc_id: str
    raw_sha256: str
    origin: str
    body: str
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    dateline: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_basis: str = "unknown"  # given | metadata | text | unknown
    removed_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    idx: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A stretch of body text resolved to an actor of the knowledge base."""

    sent_idx: int
    start: int
    end: int
    text: str
    actor_id: str
    # alias | demonym | metonym | coref | ner | fuzzy | introduced | surname | domestic | place |
    # story (placed in the story's state) | described ("the commission" after the Electoral Commission)
    how: str


@dataclass(frozen=True)
class TimeRef:
    """A time expression and what it resolves to against the publication date."""

    sent_idx: int
    start: int
    end: int
    text: str
    value: dt.date | None  # first day covered
    value_end: dt.date | None  # last day covered
    precision: str  # day | month | year | range | unknown
    basis: str  # explicit | relative | unknown


@dataclass(frozen=True)
class Event:
    event_id: str
    doc_id: str
    sent_idx: int
    type: str  # one of the 16 PLOVER types
    source: str | None  # actor id (state or international body level)
    target: str | None
    source_agent: str | None = None  # more specific organ or person who acted
    target_agent: str | None = None
    source_text: str | None = None  # the words, when the actor is not in the knowledge base
    target_text: str | None = None
    mode: str | None = None
    cameo: str | None = None  # CAMEO event code beside the PLOVER type (kb/cameo.py)
    source_sector: str | None = None  # government, military, police, ... (kb/sectors.py)
    target_sector: str | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted | hypothetical | predicted | wished | conditional | intended
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_text: str | None = None
    date_basis: str = "unknown"  # explicit | relative | reporting | unknown
    trigger: str = ""
    start: int = 0  # evidence: character offsets into the document body
    end: int = 0
    trigger_start: int = 0
    trigger_end: int = 0
    sentence: str = ""
    quote: str | None = None
    speaker: str | None = None
    chain: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    implicit: tuple[str, ...] = ()  # roles with no words of their own, taken from context (coding/implicit.py)
    confidence: float | None = None  # learned chance the record is right (coding/confidence.py)


@dataclass(frozen=True)
class Proposal:
    """A demand, offer or precondition: who asks whom for what, in which order."""

    proposal_id: str
    doc_id: str
    sent_idx: int
    kind: str  # precondition | unconditional | conditional_offer | demand
    holder: str | None
    addressee: str | None
    first: str | None  # issue that must come first (or the condition)
    then: str | None  # issue that follows (None: "everything else")
    first_text: str
    then_text: str | None
    cue: str
    start: int
    end: int
    sentence: str
    holder_agent: str | None = None


@dataclass(frozen=True)
class Quote:
    quote_id: str
    doc_id: str
    sent_idx: int
    text: str
    start: int
    end: int
    speaker: str | None
    chain: tuple[str, ...]
    sentence: str
    # The words that name the speaker ("Hatice Cengiz", "Sanders"): who said it even when parley
    # can place them only in a state, or not at all.
    speaker_text: str = ""


@dataclass
class CodedDocument:
    """Everything parley extracted from one document."""

    document: CleanDocument
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    time_refs: list[TimeRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
