"""Sentence-level training data: one annotated sentence per JSONL line (``docs/training-data.md``).

    {"id": "s01-0001", "text": "Rebels shelled the airport in Goma on Sunday.",
     "events": [{"trigger": "shelled", "type": "ASSAULT", "mode": "heavy-weapons", "modality": "asserted",
                 "source": "Rebels", "source_state": "COD", "target": "the airport", "target_state": "COD"}],
     "tags": ["wire"]}

A sentence with ``"events": []`` is a negative example (it mentions no act of the 16 types).
Sentences written for proposals (``data/train/proposals/``) carry ``"proposals"`` instead: each
with its ``kind``, ``cue`` and the holder's and addressee's words and states (section 7 of
``docs/annotation.md``); ``"proposals": []`` is a negative example.
Texts are quoted, as in the article corpus; loading anchors triggers and argument words and
reports every problem with its file and line:

    python -m parley.evaluation.sentences check data/train/sentences/*.jsonl
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from parley.evaluation.corpus import MODALITIES, MODES, STATE_CODE
from parley.kb.ontology import PLOVER_TYPES


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class SentenceEvent:
    type: str
    mode: str | None
    modality: str
    trigger: Span
    source: Span | None
    target: Span | None
    source_state: str | None
    target_state: str | None


PROPOSAL_KINDS = ("demand", "offer", "precondition", "conditional_offer", "unconditional")


@dataclass(frozen=True)
class SentenceProposal:
    kind: str
    cue: Span
    holder: Span | None
    holder_state: str | None
    addressee_state: str | None


@dataclass
class TrainingSentence:
    id: str
    text: str
    events: list[SentenceEvent] = field(default_factory=list)
    proposals: list[SentenceProposal] = field(default_factory=list)
    tags: tuple[str, ...] = ()
    origin: str = ""


def _find(text: str, words: str, nth: int = 1) -> Span | None:
    pos = -1
    for _ in range(max(1, nth)):
        pos = text.find(words, pos + 1)
        if pos < 0:
            return None
    return Span(pos, pos + len(words))


def _anchored(
    text: str, item: dict, key: str, where: str, problems: list[str], nth: str = "", required: bool = False
) -> Span | None:
    """The words ``item[key]`` in ``text`` (their ``nth``-th occurrence, default ``{key}_nth``), or None;
    words that are not in the text, or required words that are missing, are reported."""
    words = item.get(key)
    span = _find(text, words, int(item.get(nth or f"{key}_nth", 1))) if words else None
    if span is None and (words or required):
        problems.append(f"{where}: {key} {words!r} is not in the text")
    return span


def _check_state(item: dict, role: str, where: str, problems: list[str]) -> None:
    state = item.get(f"{role}_state")
    if state is not None and not STATE_CODE.match(str(state)):
        problems.append(f"{where}: {role}_state {state!r} is not ISO alpha-3, IGO-X or GRP-X")


def parse_line(data: object, where: str, problems: list[str]) -> TrainingSentence | None:
    if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data.get("id"):
        problems.append(f"{where}: each line is an object with 'id' and 'text'")
        return None
    text: str = data["text"]
    out = TrainingSentence(id=str(data["id"]), text=text, tags=tuple(data.get("tags") or ()), origin=where)
    for n, ev in enumerate(data.get("events") or [], start=1):
        ewhere = f"{where} event {n}"
        etype, mode, modality = ev.get("type"), ev.get("mode"), ev.get("modality", "asserted")
        if etype not in PLOVER_TYPES:
            problems.append(f"{ewhere}: type {etype!r} is not a PLOVER type")
            continue
        if mode is not None and mode not in MODES.get(etype, ()):
            problems.append(f"{ewhere}: mode {mode!r} is not a mode of {etype}")
            mode = None
        if modality not in MODALITIES:
            problems.append(f"{ewhere}: modality {modality!r} is not one of {', '.join(MODALITIES)}")
            continue
        trigger = _anchored(text, ev, "trigger", ewhere, problems, nth="nth", required=True)
        if trigger is None:
            continue
        spans: dict[str, Span | None] = {}
        for role in ("source", "target"):
            spans[role] = _anchored(text, ev, role, ewhere, problems)
            _check_state(ev, role, ewhere, problems)
        out.events.append(
            SentenceEvent(
                type=etype, mode=mode, modality=modality, trigger=trigger,
                source=spans["source"], target=spans["target"],
                source_state=ev.get("source_state"), target_state=ev.get("target_state"),
            )
        )  # fmt: skip
    for n, prop in enumerate(data.get("proposals") or [], start=1):
        pwhere = f"{where} proposal {n}"
        if prop.get("kind") not in PROPOSAL_KINDS:
            problems.append(f"{pwhere}: kind {prop.get('kind')!r} is not one of {', '.join(PROPOSAL_KINDS)}")
            continue
        cue = _anchored(text, prop, "cue", pwhere, problems, required=True)
        if cue is None:
            continue
        holder = _anchored(text, prop, "holder", pwhere, problems)
        for role in ("holder", "addressee"):
            _check_state(prop, role, pwhere, problems)
        for part in ("condition", "then", "addressee"):
            if prop.get(part) and prop[part] not in text:
                problems.append(f"{pwhere}: {part} {prop[part]!r} is not in the text")
        out.proposals.append(
            SentenceProposal(prop["kind"], cue, holder, prop.get("holder_state"), prop.get("addressee_state"))
        )
    return out


def load_sentences(path: str | Path, problems: list[str]) -> list[TrainingSentence]:
    out = []
    seen: set[str] = set()
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: malformed JSON ({exc.msg})")
                continue
            sent = parse_line(data, where, problems)
            if sent is None:
                continue
            if sent.id in seen:
                problems.append(f"{where}: duplicate id {sent.id!r}")
            seen.add(sent.id)
            out.append(sent)
    return out


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check":
        print("usage: python -m parley.evaluation.sentences check FILE...", file=sys.stderr)
        return 2
    problems: list[str] = []
    sentences = [s for name in argv[1:] for s in load_sentences(name, problems)]
    for p in problems:
        print(p)
    events = sum(len(s.events) for s in sentences)
    proposals = sum(len(s.proposals) for s in sentences)
    negatives = sum(1 for s in sentences if not s.events and not s.proposals)
    print(
        f"{len(sentences)} sentences, {events} events, {proposals} proposals, {negatives} with neither;"
        f" {len(problems)} problem(s)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
