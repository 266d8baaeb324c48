"""Stance matrix: each actor's latest stated position on each issue, with its history.

Positions come from events that carry an issue (what a request, offer or
rejection is about) and from proposals:
- REQUEST / AGREE / SUPPORT / COOPERATE / CONCEDE about an issue: ``for``
- REJECT / ACCUSE / THREATEN / SANCTION about an issue: ``against``
- a precondition "X before Y": ``X first`` on X, ``after X`` on Y
- "Y without preconditions": ``for, unconditionally`` on Y
- "Y contingent on X": ``for, if X`` on Y
A negated event turns ``for`` into ``against`` and back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from parley.kb.issues import issue_label

FOR_TYPES = {"REQUEST", "AGREE", "SUPPORT", "COOPERATE", "CONCEDE", "AID"}
AGAINST_TYPES = {"REJECT", "ACCUSE", "THREATEN", "SANCTION"}


@dataclass(frozen=True)
class Position:
    actor: str
    issue: str
    position: str
    day: dt.date | None
    doc_id: str
    sentence: str
    start: int
    end: int
    record_id: str


@dataclass(frozen=True)
class Stance:
    actor: str
    issue: str
    latest: Position
    history: tuple[Position, ...]

    @property
    def changed(self) -> bool:
        return len({p.position for p in self.history}) > 1


def _positions_from_events(events: Iterable[Mapping[str, Any]]) -> Iterable[Position]:
    for ev in events:
        if not ev.get("source") or not ev.get("issues"):
            continue
        if ev["type"] in FOR_TYPES:
            position = "for"
        elif ev["type"] in AGAINST_TYPES:
            position = "against"
        else:
            continue
        if ev.get("negated"):
            position = "against" if position == "for" else "for"
        for issue in ev["issues"]:
            yield Position(
                ev["source"],
                issue,
                position,
                ev.get("date") or ev.get("doc_published"),
                ev["doc_id"],
                ev["sentence"],
                ev["start_char"],
                ev["end_char"],
                ev["event_id"],
            )


def _positions_from_proposals(
    proposals: Iterable[Mapping[str, Any]], published: Mapping[str, Any]
) -> Iterable[Position]:
    for p in proposals:
        holder = p.get("holder")
        if not holder:
            continue
        day = published.get(p["doc_id"])
        common = (day, p["doc_id"], p["sentence"], p["start_char"], p["end_char"], p["proposal_id"])
        first, then = p.get("first_issue"), p.get("then_issue")
        if p["kind"] == "unconditional" and then:
            yield Position(holder, then, "for, unconditionally", *common)
        elif p["kind"] == "conditional_offer" and then:
            yield Position(holder, then, f"for, if {issue_label(first)}", *common)
        elif p["kind"] == "precondition" and first:
            yield Position(holder, first, f"{issue_label(first)} first", *common)
            if then:
                yield Position(holder, then, f"only after {issue_label(first)}", *common)


def stance_matrix(
    events: Iterable[Mapping[str, Any]],
    proposals: Iterable[Mapping[str, Any]] = (),
    published: Mapping[str, Any] | None = None,
) -> list[Stance]:
    """One stance per (actor, issue), latest position last in time (undated positions count as oldest)."""
    grouped: dict[tuple[str, str], list[Position]] = {}
    for pos in [*_positions_from_events(events), *_positions_from_proposals(proposals, published or {})]:
        grouped.setdefault((pos.actor, pos.issue), []).append(pos)
    out = []
    for (actor, issue), positions in sorted(grouped.items()):
        history = tuple(sorted(positions, key=lambda p: (p.day or dt.date.min, p.doc_id, p.start)))
        out.append(Stance(actor, issue, history[-1], history))
    return out
