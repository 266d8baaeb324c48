"""Ingest: inputs -> clean -> code -> store, streaming one document at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from parley.coding.document import DocumentCoder
from parley.ingest.errors import InputProblem
from parley.ingest.sources import DEFAULT_MAX_BYTES, iter_inputs
from parley.kb.actors import ActorKB
from parley.models import RawDocument
from parley.store.duckdb_store import DuckDBStore
from parley.text.clean import clean_document, raw_digest


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)  # doc ids newly stored
    unchanged: list[str] = field(default_factory=list)  # origins whose content was already stored
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return len(self.stored) + len(self.unchanged) + len(self.problems)


def ingest_documents(
    items: Iterable[RawDocument | InputProblem],
    store: DuckDBStore,
    kb: ActorKB,
    published: dt.date | None = None,
    on_item: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Process inputs one by one; a bad input is reported and the batch goes on."""
    report = IngestReport()
    coder = DocumentCoder(kb)
    store.sync_actors(kb)
    for raw in valid_inputs(items, report, published, on_item):
        status = _ingest_one(raw, store, coder, report)
        if on_item:
            on_item(raw.origin, status)
    return report


def valid_inputs(
    items: Iterable[RawDocument | InputProblem],
    report: IngestReport,
    published: dt.date | None = None,
    on_item: Callable[[str, str], None] | None = None,
) -> Iterator[RawDocument]:
    """Raw documents to process (with the fallback publication date); problems go to the report."""
    for item in items:
        if isinstance(item, InputProblem):
            report.problems.append(item)
            if on_item:
                on_item(item.origin, "problem")
            continue
        yield item if published is None or item.published else replace(item, published=published)


def _ingest_one(raw: RawDocument, store: DuckDBStore, coder: DocumentCoder, report: IngestReport) -> str:
    if store.has_raw(raw_digest(raw)):
        report.unchanged.append(raw.origin)
        return "unchanged"
    try:
        clean = clean_document(raw)
    except ValueError as exc:
        report.problems.append(InputProblem(raw.origin, str(exc)))
        return "problem"
    if store.has_document(clean.doc_id):
        _remember_raw(store, clean.raw_sha256, clean.doc_id, raw.origin)
        report.unchanged.append(raw.origin)
        return "unchanged"
    try:
        coded = coder.code(clean)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
        report.problems.append(InputProblem(raw.origin, f"coding failed: {type(exc).__name__}: {exc}"))
        return "problem"
    if store.save(coded):
        report.stored.append(clean.doc_id)
        return "stored"
    report.unchanged.append(raw.origin)
    return "unchanged"


def _remember_raw(store: DuckDBStore, raw_sha256: str, doc_id: str, origin: str) -> None:
    store.con.execute("INSERT INTO raw_inputs VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [raw_sha256, doc_id, origin])


def ingest_paths(
    specs: Iterable[str],
    store: DuckDBStore,
    kb: ActorKB,
    published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_item: Callable[[str, str], None] | None = None,
) -> IngestReport:
    return ingest_documents(iter_inputs(specs, max_bytes), store, kb, published, on_item)
