"""Adapter: the PLOVER gold-standard records (JSON list, OEDA, CC BY-SA 4.0).

Each record is one sentence with ``event`` (an older PLOVER draft's name),
``source`` and ``target`` lists of ``{actorText, code}`` (ISO alpha-3 or IGO).
Reported: event-type accuracy (the sentence's main event -- the one parley
codes first, nearest the root of the parse -- against the gold type) and F1
of (type, source country, target country) triples, once over every event
parley codes in the sentence and once over the main event only, since the
gold codes one event per sentence. INVESTIGATE has no counterpart among the 16 types; it is counted
apart.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.coding.document import DocumentCoder
from parley.evaluation.metrics import LabelledScore
from parley.kb.actors import ActorKB, iso_code
from parley.kb.ontology import load_ontology
from parley.models import RawDocument
from parley.text.clean import clean_document


@dataclass
class TypeAccuracy:
    correct: int = 0
    total: int = 0
    uncoded: int = 0
    confusion: Counter[tuple[str, str | None]] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.accuracy, 4),
            "correct": self.correct,
            "total": self.total,
            "uncoded": self.uncoded,
            "top_confusions": [{"gold": g, "predicted": p, "count": n} for (g, p), n in self.confusion.most_common(10)],
        }


@dataclass
class PloverReport:
    types: TypeAccuracy = field(default_factory=TypeAccuracy)
    triples: LabelledScore = field(default_factory=LabelledScore)
    main_triples: LabelledScore = field(default_factory=LabelledScore)
    investigate: int = 0
    investigate_coded_as: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "event_type": self.types.as_dict(),
            "triples": self.triples.as_dict(),
            "main_event_triples": self.main_triples.as_dict(),
            "investigate_records": self.investigate,
            "investigate_coded_as": dict(self.investigate_coded_as),
        }


def _country(kb: ActorKB, code: str | None) -> str | None:
    """Gold codes are ISO alpha-3 (or CAMEO-era codes such as JAP) or "IGO"; ours are state ids or IGO-*."""
    if not code:
        return None
    return "IGO" if code.startswith("IGO") else iso_code(code)


def _ours(kb: ActorKB, actor: str | None) -> str | None:
    if actor is None:
        return None
    return "IGO" if actor.startswith("IGO") else actor


class PloverFormatError(ValueError):
    """The file is not a JSON list of records; the message names the file."""


def _actors(value: Any) -> list[dict[str, Any]] | None:
    """A record's source or target as a list of actor objects; None when it is malformed."""
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list) and all(isinstance(a, dict) for a in value):
        return value
    return None


def load_records(path: str | Path, problems: list[str] | None = None) -> list[dict[str, Any]]:
    """The coded sentences of a PLOVER gold file; malformed records are reported in ``problems`` and skipped."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PloverFormatError(f"{path}: not a readable JSON file ({exc})") from exc
    if not isinstance(data, list):
        raise PloverFormatError(f"{path}: expected a JSON list of records")
    out = []
    for n, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            _report(problems, f"{path}: record {n}: not a JSON object; skipped")
            continue
        if not record.get("event") or record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        fixed = dict(record)
        for role in ("source", "target"):
            actors = _actors(record.get(role))
            if actors is None:
                where, bad = record.get("id", n), record.get(role)
                _report(problems, f"{path}: record {where}: {role} is {bad!r}, not a list of actors; skipped")
                break
            fixed[role] = actors
        else:
            out.append(fixed)
    return out


def _report(problems: list[str] | None, message: str) -> None:
    if problems is not None:
        problems.append(message)


def evaluate_plover(records: list[dict[str, Any]], coder: DocumentCoder) -> PloverReport:
    onto = load_ontology()
    report = PloverReport()
    for record in records:
        gold_type = onto.from_legacy(record["event"])
        raw = RawDocument(origin=record.get("id", "?"), content=record["text"], content_type="text")
        coded = coder.code(clean_document(raw))
        first = coded.events[0].type if coded.events else None
        if gold_type == "INVESTIGATE":
            report.investigate += 1
            report.investigate_coded_as[first or "(none)"] += 1
            continue
        report.types.total += 1
        if first == gold_type:
            report.types.correct += 1
        else:
            report.types.confusion[(gold_type, first)] += 1
        if first is None:
            report.types.uncoded += 1
        sources = [_country(coder.kb, a.get("code")) for a in record.get("source") or [{}]]
        targets = [_country(coder.kb, a.get("code")) for a in record.get("target") or [{}]]
        if len(set(sources)) > 1 and targets == [None]:
            # "A and B agreed": the gold lists both as sources with no target; parley codes A->B and B->A.
            gold = list({(gold_type, s, t) for s in sources for t in sources if s != t})
        else:
            gold = list({(gold_type, s, t) for s in sources for t in targets})
        pred = list({(e.type, _ours(coder.kb, e.source), _ours(coder.kb, e.target)) for e in coded.events})
        report.triples.add(gold, pred)
        main = [e for e in coded.events if e.trigger_start == coded.events[0].trigger_start] if coded.events else []
        report.main_triples.add(
            gold, list({(e.type, _ours(coder.kb, e.source), _ours(coder.kb, e.target)) for e in main})
        )
    return report
