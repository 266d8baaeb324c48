"""Sequencing disputes: two actors who want the same things in opposite orders."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

ANYTHING_ELSE = "*"


@dataclass(frozen=True)
class Ordering:
    holder: str
    first: str
    then: str  # ANYTHING_ELSE for "X comes first"
    proposal_id: str
    sentence: str


@dataclass(frozen=True)
class SequencingConflict:
    a: Ordering
    b: Ordering

    def describe(self) -> str:
        def side(o: Ordering) -> str:
            then = "everything else" if o.then == ANYTHING_ELSE else o.then
            return f"{o.holder}: {o.first} before {then}"

        return f"{side(self.a)}  <->  {side(self.b)}"


def orderings(proposals: Iterable[Mapping[str, Any]]) -> list[Ordering]:
    out = []
    for p in proposals:
        if (
            p.get("kind") not in ("precondition", "conditional_offer")
            or not p.get("holder")
            or not p.get("first_issue")
        ):
            continue
        then = p.get("then_issue") or ANYTHING_ELSE
        if then == p["first_issue"]:
            continue
        out.append(Ordering(p["holder"], p["first_issue"], then, p["proposal_id"], p.get("sentence") or ""))
    return out


def conflicts(proposals: Iterable[Mapping[str, Any]]) -> list[SequencingConflict]:
    """Pairs of orderings by different actors that cannot both hold.

    X-before-Y against Y-before-X; and "X first" against anyone's Z-before-X.
    """
    items = orderings(proposals)
    out: list[SequencingConflict] = []
    seen: set[tuple[str, str]] = set()
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a.holder == b.holder:
                continue
            clash = (
                (a.first == b.then and b.first == a.then)
                or (a.then == ANYTHING_ELSE and b.then == a.first and b.first != a.first)
                or (b.then == ANYTHING_ELSE and a.then == b.first and a.first != b.first)
            )
            key = tuple(sorted((a.proposal_id, b.proposal_id)))
            if clash and key not in seen:
                seen.add(key)  # type: ignore[arg-type]
                out.append(SequencingConflict(a, b))
    return out
