"""How far to trust a coded event: a learned confidence, and the floor below which it is dropped.

The coder's steps (trigger, roles, context fills, the story's state) each err in ways its output
shows: a role filled from context, a source that is also the target, a party the knowledge base
does not know, a sentence crowded with other events. A logistic regression
over such features of the finished event (not its words, which the trigger model has already
read) estimates the chance that an analyst's record has the same (type, source state, target
state) in the same sentence. ``parley train`` fits it on the coder's own output over the train
split of the real-news corpus, labelled by that corpus, and picks the floor that maximises event
F1 in cross-validation on train; the dev split is only for reporting. Below the floor an event is
dropped unless its sentence would be left with none (:func:`kept`).

Every event keeps its ``confidence`` (store, API, exports) so users can ask for a stricter floor
(``parley events --min-confidence``) and rank evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import replace
from functools import lru_cache

from parley.coding.linear import LinearModel, packaged, packaged_report
from parley.kb.actors import ActorKB
from parley.models import Event

MODEL_FILE = "confidence.npz"
REPORT_FILE = "confidence.json"
CORRECT = "right"


def _kind(kb: ActorKB, actor_id: str | None) -> str:
    if not actor_id:
        return "none"
    actor = kb.get(actor_id)
    return actor.kind if actor is not None else "unknown"


def features(event: Event, kb: ActorKB, in_sentence: int) -> list[str]:
    """Binary features of one finished event; ``in_sentence`` is how many events its sentence has."""
    src, tgt = event.source_agent or event.source, event.target_agent or event.target
    feats = [
        f"type={event.type}",
        f"source={'yes' if event.source else 'none'}",
        f"target={'yes' if event.target else 'none'}",
        f"pair={'yes' if event.source else 'none'}_{'yes' if event.target else 'none'}",
        f"self={int(event.source is not None and event.source == event.target)}",
        f"implicit={len(event.implicit)}",
        f"type_implicit={event.type}_{len(event.implicit)}",
        f"source_words={int(bool(event.source_text))}",
        f"target_words={int(bool(event.target_text))}",
        f"source_kind={_kind(kb, src)}",
        f"target_kind={_kind(kb, tgt)}",
        f"source_agent={int(bool(event.source_agent))}",
        f"target_agent={int(bool(event.target_agent))}",
        f"quoted={int(event.quote is not None)}",
        f"mode={int(event.mode is not None)}",
        f"in_sentence={min(in_sentence, 6)}",
        f"trigger_words={min(len(event.trigger.split()), 4)}",
        f"sentence_words={min(len(event.sentence.split()) // 10, 6)}",
        f"date={event.date_basis}",
        f"modality={'negated' if event.negated else event.modality}",
    ]
    feats += [f"implicit_role={role}" for role in event.implicit]
    return feats


def event_features(events: list[Event], kb: ActorKB) -> list[list[str]]:
    per_sentence = Counter(e.sent_idx for e in events)
    return [features(e, kb, per_sentence[e.sent_idx]) for e in events]


@lru_cache(maxsize=1)
def packaged_model() -> LinearModel | None:
    return packaged(MODEL_FILE)


@lru_cache(maxsize=1)
def packaged_floor() -> float:
    """The floor ``parley train`` chose (0: keep everything, before the first training)."""
    report = packaged_report(REPORT_FILE)
    return float(report["floor"]) if report is not None else 0.0


def kept(confidences: Sequence[float], sentences: Sequence[Hashable], floor: float) -> list[bool]:
    """Which events stay: those at or above ``floor``, and in a sentence left with none, its likeliest.

    A sentence's act is usually there when its parties are wrong (what a low confidence mostly
    flags), so the sentence keeps one event: dropping them all cost the PLOVER records their
    main event and left more eventful sentences empty.
    """
    best: dict[Hashable, int] = {}
    covered = {s for c, s in zip(confidences, sentences, strict=True) if c >= floor}
    for n, (c, s) in enumerate(zip(confidences, sentences, strict=True)):
        if s not in covered and (s not in best or c > confidences[best[s]]):
            best[s] = n
    chosen = set(best.values())
    return [c >= floor or n in chosen for n, c in enumerate(confidences)]


def with_confidence(events: list[Event], kb: ActorKB, model: LinearModel | None, floor: float) -> list[Event]:
    """Events with their confidence set, those below ``floor`` left out (see :func:`kept`)."""
    if model is None or not events:
        return events
    p = [round(float(c), 3) for c in model.probabilities(event_features(events, kb))[:, model.classes.index(CORRECT)]]
    keep = kept(p, [e.sent_idx for e in events], floor)
    return [replace(e, confidence=c) for e, c, k in zip(events, p, keep, strict=True) if k]
