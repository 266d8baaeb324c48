"""Consistency checks, each finding linked to the sentence that raises it.

- ``role_out_of_dates``: a person credited with an act when, by the knowledge
  base, they held no role (a president after leaving office). The date used is
  the event's own, else the story date (publication date, else the latest
  explicit date the story gives).
- ``conflicting_attribution``: one document credits the same state's acts to
  different people holding the same title (two presidents at once).
- ``obsolete_name``: a name used after the date it was replaced (Swaziland
  after 2018).
- ``republished``: a story whose dated events all lie more than a year before
  its publication date (old material published again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parley.kb.actors import ActorKB

REPUBLISHED_AFTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class Finding:
    check: str
    doc_id: str
    message: str
    sentence: str
    start: int
    end: int
    record_id: str | None = None


def story_date(doc: Mapping[str, Any], events: Sequence[Mapping[str, Any]]) -> dt.date | None:
    if doc.get("published"):
        return doc["published"]
    # Only a full explicit date ("July 28, 2025") dates the story; "in 1953" is background.
    explicit = [
        e["date"]
        for e in events
        if e.get("date") and e.get("date_basis") == "explicit" and e.get("date_end") in (None, e["date"])
    ]
    return max(explicit) if explicit else None


def _agents(events: Sequence[Mapping[str, Any]], proposals: Sequence[Mapping[str, Any]]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [(e["source_agent"], e) for e in events if e.get("source_agent")]
    out += [(p["holder_agent"], p) for p in proposals if p.get("holder_agent")]
    return out


def check_document(
    kb: ActorKB,
    doc: Mapping[str, Any],
    events: Sequence[Mapping[str, Any]],
    proposals: Sequence[Mapping[str, Any]] = (),
    mentions: Sequence[Mapping[str, Any]] = (),
) -> list[Finding]:
    findings: list[Finding] = []
    when = story_date(doc, events)
    doc_id = doc["doc_id"]

    def record_id(rec: Mapping[str, Any]) -> str | None:
        return rec.get("event_id") or rec.get("proposal_id")

    # role_out_of_dates
    titles: dict[tuple[str, str], dict[str, Mapping[str, Any]]] = {}
    flagged: set[str] = set()
    for agent, rec in _agents(events, proposals):
        if not kb.is_person(agent):
            continue
        day = rec.get("date") or when
        role = kb.role_on(agent, day) if day else None
        nearest = kb.nearest_role(agent, day)
        if day is not None and role is None and nearest is not None and agent not in flagged:
            flagged.add(agent)
            span = f"{nearest.start or '?'} to {nearest.end or 'now'}"
            findings.append(
                Finding(
                    "role_out_of_dates",
                    doc_id,
                    f"{kb.name(agent)} is credited on {day} but was {nearest.title} of {kb.name(nearest.of)} only "
                    f"from {span}",
                    rec["sentence"],
                    rec["start_char"],
                    rec["end_char"],
                    record_id(rec),
                )
            )
        if nearest is not None:
            titles.setdefault((nearest.of, nearest.title), {}).setdefault(agent, rec)
    # conflicting_attribution
    for (principal, title), people in titles.items():
        if len(people) > 1:
            names = " and ".join(kb.name(a) for a in people)
            first = next(iter(people.values()))
            findings.append(
                Finding(
                    "conflicting_attribution",
                    doc_id,
                    f"acts of {kb.name(principal)} are credited to {names}, each as its {title}",
                    first["sentence"],
                    first["start_char"],
                    first["end_char"],
                    record_id(first),
                )
            )
    # obsolete_name
    published = doc.get("published")
    if published:
        for m in mentions:
            former = kb.former_names.get(m["text"])
            if former and former[1] and published > former[1] and m["text"] not in kb.still_common:
                findings.append(
                    Finding(
                        "obsolete_name",
                        doc_id,
                        f"“{m['text']}” was replaced on {former[1]} (now {kb.name(former[0])}); the story is from "
                        f"{published}",
                        m.get("sentence", ""),
                        m["start_char"],
                        m["end_char"],
                        None,
                    )
                )
    # republished
    dated = [e for e in events if e.get("date") and e.get("date_basis") == "explicit"]
    if published and dated:
        newest = max(dated, key=lambda e: e["date"])
        if published - (newest.get("date_end") or newest["date"]) > REPUBLISHED_AFTER:
            findings.append(
                Finding(
                    "republished",
                    doc_id,
                    f"published {published}, but its newest dated event is from {newest['date']}: old material "
                    "published again?",
                    newest["sentence"],
                    newest["start_char"],
                    newest["end_char"],
                    newest["event_id"],
                )
            )
    return findings
