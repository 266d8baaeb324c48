"""parley's gold annotation format (JSONL) and its evaluation.

One JSON object per line::

    {"id": "g01",
     "text": "NEW DELHI - India on Tuesday rejected China's proposal ...",   # or "html"
     "published": "2024-03-14",                  # optional, ISO date
     "body": "India on Tuesday rejected ...",     # optional: expected clean text (boilerplate eval)
     "events": [{"type": "REJECT", "source": "IND", "target": "CHN",
                 "date": "2024-03-12", "negated": false, "evidence": "rejected"}],
     "proposals": [{"holder": "IRN", "first": "sanctions_relief", "then": "talks"}],
     "mentions": [{"text": "India", "actor": "IND"}]}

``source``/``target`` are actor ids of the knowledge base at state or
international-body level (what parley aggregates to), or null when the actor
is not one (rebels, unnamed attackers). Domestic events follow the CAMEO and
PLOVER convention: "Russian police arrested protesters in Moscow" is RUS -> RUS,
and unnamed groups placed in a country ("rebels in the Ivory Coast") are that
country. ``evidence`` is the trigger word(s) as
they appear in the text. ``then`` may be null for "X comes first".
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.coding.document import DocumentCoder
from parley.evaluation.metrics import LabelledScore, Score, char_overlap
from parley.models import RawDocument
from parley.text.clean import clean_document


class GoldFormatError(ValueError):
    pass


@dataclass
class GoldReport:
    documents: int = 0
    events: LabelledScore = field(default_factory=LabelledScore)  # type + source + target
    events_dated: LabelledScore = field(default_factory=LabelledScore)  # ... + date
    event_types: LabelledScore = field(default_factory=LabelledScore)  # type only, per document
    negation: Score = field(default_factory=Score)
    proposals: Score = field(default_factory=Score)
    actors: Score = field(default_factory=Score)
    boilerplate: list[tuple[float, float, float]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": self.documents,
            "events": self.events.as_dict(),
            "events_with_date": self.events_dated.as_dict(),
            "event_types": self.event_types.as_dict(),
            "negated_events": self.negation.as_dict(),
            "proposals": self.proposals.as_dict(),
            "actors": self.actors.as_dict(),
        }
        if self.boilerplate:
            n = len(self.boilerplate)
            p = sum(b[0] for b in self.boilerplate) / n
            r = sum(b[1] for b in self.boilerplate) / n
            out["boilerplate"] = {
                "documents": n,
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            }
        return out


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    records = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{lineno}: malformed JSON ({exc.msg})") from exc
            if not isinstance(record, dict) or not (record.get("text") or record.get("html")):
                raise GoldFormatError(f"{path}:{lineno}: each line needs a 'text' or 'html' field")
            for ev in record.get("events", []):
                if "type" not in ev:
                    raise GoldFormatError(f"{path}:{lineno}: every event needs a 'type'")
            records.append(record)
    return records


def evaluate_gold(records: list[dict[str, Any]], coder: DocumentCoder) -> GoldReport:
    report = GoldReport()
    for record in records:
        published = dt.date.fromisoformat(record["published"]) if record.get("published") else None
        html = record.get("html")
        raw = RawDocument(
            origin=str(record.get("id", "?")),
            content=html or record["text"],
            content_type="html" if html else "text",
            published=published,
        )
        clean = clean_document(raw)
        coded = coder.code(clean)
        report.documents += 1
        gold_events = record.get("events", [])
        gold = [(e["type"], e.get("source"), e.get("target")) for e in gold_events]
        pred = [(e.type, e.source, e.target) for e in coded.events]
        report.events.add(gold, pred)
        report.events_dated.add(
            [(e["type"], e.get("source"), e.get("target"), e.get("date")) for e in gold_events],
            [(e.type, e.source, e.target, e.date.isoformat() if e.date else None) for e in coded.events],
        )
        report.event_types.add(list({(e[0],) for e in gold}), list({(e[0],) for e in pred}))
        report.negation.add(
            [(e["type"], e.get("source")) for e in gold_events if e.get("negated")],
            [(e.type, e.source) for e in coded.events if e.negated],
        )
        # This format's proposals are sequencing positions (what must come first); demands are
        # scored on the Wikinews corpus, whose annotation has them.
        report.proposals.add(
            [(p.get("holder"), p.get("first"), p.get("then")) for p in record.get("proposals", [])],
            [(p.holder, p.first, p.then) for p in coded.proposals if p.kind != "demand"],
        )
        if "mentions" in record:
            report.actors.add(
                [(m["text"], m["actor"]) for m in record["mentions"]],
                [(m.text, m.actor_id) for m in coded.mentions if m.how != "coref"],
            )
        if "body" in record:
            report.boilerplate.append(char_overlap(clean.body, record["body"]))
    return report
