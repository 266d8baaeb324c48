"""The figures parley publishes: every gold set, one split at a time, figures only (never errors).

``python scripts/measure.py`` writes ``data/figures.json`` (test and dev beside each other) and
the README's table; the suite re-measures the test split and fails if a figure drops by more
than two points. Raising a figure is done by work on train and dev only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from parley.coding.document import DocumentCoder
from parley.evaluation.corpus import REPO, SHARED
from parley.evaluation.splits import select
from parley.kb.actors import load_kb

# (gold set, figure name, higher is better) -- the figures the README reports and the suite guards.
GUARDED: tuple[tuple[str, str, bool], ...] = (
    ("wikinews", "events_precision", True),
    ("wikinews", "events_recall", True),
    ("wikinews", "events_f1", True),
    ("wikinews", "events_actor_level_f1", True),
    ("wikinews", "event_types_f1", True),
    ("wikinews", "false_assertion_rate", False),
    ("wikinews", "eventful_sentences_missed", False),
    ("wikinews", "quotes_found", True),
    ("wikinews", "quotes_attributed_person", True),
    ("wikinews", "mentions_f1", True),
    ("plover-gold-dev", "type_accuracy", True),
    ("plover-gold-dev", "main_triple_f1", True),
    ("petrarch-unit-tests", "type_accuracy", True),
    ("petrarch-unit-tests", "main_triple_f1", True),
    ("parley-gold", "events_f1", True),
)


def _real_news(name: str, coder: DocumentCoder, split: str, shared: Path) -> dict[str, Any]:
    from parley.evaluation.articles import evaluate_articles
    from parley.evaluation.corpus import articles_for, load_corpus

    folder = REPO / "data/gold" / name
    corpus = select(load_corpus(folder, articles_for(folder, shared)), split, lambda d: d.id)
    r = evaluate_articles(corpus, coder).as_dict()
    ev = r["events"]["overall"]
    return {
        "articles": r["articles"],
        "gold_events": ev["tp"] + ev["fn"],
        "events_precision": ev["precision"],
        "events_recall": ev["recall"],
        "events_f1": ev["f1"],
        "events_actor_level_f1": r["events_actor_level"]["overall"]["f1"],
        "events_with_date_f1": r["events_with_date"]["overall"]["f1"],
        "events_any_modality_f1": r["events_any_modality"]["overall"]["f1"],
        "event_types_f1": r["event_types"]["overall"]["f1"],
        "false_assertion_rate": r["false_assertions"]["rate"],
        "eventful_sentences_missed": r["eventful_sentences_missed"]["rate"],
        "dated_right": r["dated_right"]["rate"],
        "quotes_found": r["quotes"]["recall"],
        "quotes_precision": r["quotes"]["precision"],
        "quote_speaker_person": r["quote_speaker_person"]["rate"],
        # Right speaker over every gold quotation: unlike the rate over found ones, finding more cannot lower it.
        "quotes_attributed_person": round(
            r["quote_speaker_person"]["hits"] / max(1, r["quotes"]["tp"] + r["quotes"]["fn"]), 4
        ),
        "quote_speaker_state": r["quote_speaker_state"]["rate"],
        "quote_chain": r["quote_chain"]["rate"],
        "mentions_precision": r["mentions"]["precision"],
        "mentions_recall": r["mentions"]["recall"],
        "mentions_f1": r["mentions"]["f1"],
        "proposals_f1": r["proposals"]["f1"],
        "preconditions_f1": r["preconditions"]["f1"],
        # 95% bootstrap intervals, resampling the articles (evaluation/intervals.py): how far each
        # headline figure could move on another sample of articles like these.
        "intervals": r["intervals"],
    }


def _plover(coder: DocumentCoder, split: str, shared: Path) -> dict[str, Any]:
    from parley.evaluation.plover_gold import evaluate_plover, load_records

    records = select(load_records(shared / "eval/plover-gold/PLOVER_GSR_CAMEO.dev.json"), split, lambda r: r["id"])
    r = evaluate_plover(records, coder).as_dict()
    return {
        "records": r["event_type"]["total"],
        "type_accuracy": r["event_type"]["accuracy"],
        "uncoded": r["event_type"]["uncoded"],
        "main_triple_f1": r["main_event_triples"]["overall"]["f1"],
        "all_triple_f1": r["triples"]["overall"]["f1"],
    }


def _petrarch_coder(shared: Path) -> DocumentCoder:
    """Their fictional states resolve only through their own actor dictionary, loaded as an extension."""
    from parley.evaluation.cameo import write_extension

    return DocumentCoder(load_kb([write_extension(shared / "eval/petrarch-unit-tests/PETR.Validate.actors.txt")]))


def _petrarch(coder: DocumentCoder, split: str, shared: Path) -> dict[str, Any]:
    from parley.evaluation.cameo import evaluate_cameo, load_cameo_records

    records = load_cameo_records(shared / "eval/petrarch-unit-tests/PETR.UnitTest.records.xml")
    r = evaluate_cameo(select(records, split, lambda r: str(r.get("id") or "")), _petrarch_coder(shared)).as_dict()
    return {
        "records": r["event_type"]["total"],
        "type_accuracy": r["event_type"]["accuracy"],
        "main_triple_f1": r["main_event_triples"]["overall"]["f1"],
        "all_triple_f1": r["triples"]["overall"]["f1"],
    }


def _parley_gold(coder: DocumentCoder, split: str, shared: Path) -> dict[str, Any]:
    from parley.evaluation.gold import evaluate_gold, load_gold

    records = select(load_gold(REPO / "tests/gold/gold.jsonl"), split, lambda r: str(r.get("id", "")))
    r = evaluate_gold(records, coder).as_dict()
    return {"records": r["documents"], "events_f1": r["events"]["overall"]["f1"]}


MEASURES: dict[str, Callable[[DocumentCoder, str, Path], dict[str, Any]]] = {
    "wikinews": partial(_real_news, "wikinews"),
    "pages": partial(_real_news, "pages"),
    "plover-gold-dev": _plover,
    "petrarch-unit-tests": _petrarch,
    "parley-gold": _parley_gold,
}


def measure(split: str, shared: Path = SHARED, sets: tuple[str, ...] = tuple(MEASURES)) -> dict[str, dict[str, Any]]:
    coder = DocumentCoder(load_kb())
    return {name: MEASURES[name](coder, split, shared) for name in sets}


def regressions(
    current: dict[str, dict[str, Any]], recorded: dict[str, dict[str, Any]], margin: float = 0.02
) -> list[str]:
    """Guarded figures that dropped by more than ``margin`` (or rose, for error rates)."""
    out = []
    for gold_set, name, higher in GUARDED:
        if gold_set not in current or gold_set not in recorded:
            continue
        now, then = current[gold_set][name], recorded[gold_set][name]
        if (higher and now < then - margin) or (not higher and now > then + margin):
            out.append(f"{gold_set} {name}: {now} (recorded {then})")
    return out
