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
- ``contradicting_reports`` (across documents, :func:`contradicting_reports`): one
  act (type, source, target, day) stated as done in one place and as not done in
  another.

A finding rests only on actors the text names: a person or state resolved from a
pronoun, or a role filled from context, is too often parley's own mistake, and a
check built on it reports that mistake as the article's. Each finding carries a
``confidence`` (0-1) that says how much the evidence behind it can bear.
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
    confidence: float = 0.5
    # The other statement of a contradiction: (doc_id, sentence, start, end, record_id).
    other: tuple[str, str, int, int, str | None] | None = None


def named_in_sentence(agent: str | None, rec: Mapping[str, Any], mentions: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the record's sentence names ``agent`` itself (not a pronoun or an inference)."""
    return agent is not None and any(
        m.get("actor_id") == agent and m.get("how") != "coref" and m.get("sent_idx") == rec.get("sent_idx")
        for m in mentions
    )


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
        if not kb.is_person(agent) or not named_in_sentence(agent, rec, mentions):
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
                    # The act's own explicit date is firmer than the story's date.
                    0.9 if rec.get("date") and rec.get("date_basis") == "explicit" else 0.6,
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
                    0.7,
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
                        0.9,
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
                    0.5,  # a story may recall old events only
                )
            )
    return findings


def contradicting_reports(events: Sequence[Mapping[str, Any]], mentions: Sequence[Mapping[str, Any]]) -> list[Finding]:
    """One act stated as done and as not done: the same type, source, target and day, asserted in one
    sentence and negated in another, both with a source (and target) the sentence names and a day the
    text states. Hypothetical or intended acts are no statements of fact and never count."""
    named: dict[str, set[tuple[str, int]]] = {}
    for m in mentions:
        if m.get("how") != "coref" and m.get("actor_id"):
            named.setdefault(m["actor_id"], set()).add((m["doc_id"], m["sent_idx"]))

    def stated(e: Mapping[str, Any], role: str) -> bool:
        return e.get(role) is None or (e["doc_id"], e["sent_idx"]) in named.get(
            e.get(role + "_agent") or e[role], set()
        )

    groups: dict[tuple[Any, ...], dict[bool, list[Mapping[str, Any]]]] = {}
    for e in events:
        day = e.get("date")
        if (
            e.get("modality", "asserted") != "asserted"
            or day is None
            or e.get("date_end") not in (None, day)
            or e.get("date_basis") not in ("explicit", "relative")
            or "source" in (e.get("implicit") or ())
            or "target" in (e.get("implicit") or ())
            or not (e.get("source") and stated(e, "source") and stated(e, "target"))
        ):
            continue
        key = (e["type"], e["source"], e.get("target"), day)
        groups.setdefault(key, {}).setdefault(bool(e.get("negated")), []).append(e)
    findings = []
    for (kind, _, _, day), sides in groups.items():
        if True in sides and False in sides:
            done, denied = sides[False][0], sides[True][0]
            who = done.get("source_text") or done["source"]
            findings.append(
                Finding(
                    "contradicting_reports",
                    done["doc_id"],
                    f"{kind} by {who} on {day} is stated as done here and as not done in “{denied['sentence'][:120]}”",
                    done["sentence"],
                    done["start_char"],
                    done["end_char"],
                    done["event_id"],
                    # Two documents (two outlets, or a report and a denial) disagree more credibly than one
                    # article quoting both sides, which is reporting a dispute rather than contradicting itself.
                    0.8 if done["doc_id"] != denied["doc_id"] else 0.6,
                    (
                        denied["doc_id"],
                        denied["sentence"],
                        denied["start_char"],
                        denied["end_char"],
                        denied["event_id"],
                    ),
                )
            )
    return findings
