"""Ingest: inputs -> clean -> code -> store, streaming in windows of documents that share a parse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from parley.coding.document import DocumentCoder
from parley.ingest.errors import InputProblem
from parley.ingest.sources import DEFAULT_MAX_BYTES, iter_inputs
from parley.kb.actors import ActorKB
from parley.models import CleanDocument, CodedDocument, RawDocument
from parley.store.base import Store
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
    store: Store,
    kb: ActorKB,
    published: dt.date | None = None,
    on_item: Callable[[str, str], None] | None = None,
    window: int = 16,
) -> IngestReport:
    """Process inputs in windows of ``window`` documents that share one batched parse.

    A bad input is reported and the batch goes on; each document is still stored in its own
    transaction, in input order.
    """
    report = IngestReport()
    coder = DocumentCoder(kb)
    store.sync_actors(kb)
    pending: list[tuple[RawDocument, CleanDocument]] = []

    def flush() -> None:
        for (raw, _), outcome in zip(pending, _code_window(coder, [c for _, c in pending]), strict=True):
            if isinstance(outcome, Exception):
                report.problems.append(InputProblem(raw.origin, f"coding failed: {type(outcome).__name__}: {outcome}"))
                status = "problem"
            elif store.save(outcome):
                report.stored.append(outcome.document.doc_id)
                status = "stored"
            else:
                report.unchanged.append(raw.origin)
                status = "unchanged"
            if on_item:
                on_item(raw.origin, status)
        pending.clear()

    for raw in valid_inputs(items, report, published, on_item):
        clean, status = _clean_new(raw, store, report)
        if clean is None:
            if on_item:
                on_item(raw.origin, status)
            continue
        if any(c.doc_id == clean.doc_id for _, c in pending):
            report.unchanged.append(raw.origin)  # the same content twice in one window
            if on_item:
                on_item(raw.origin, "unchanged")
            continue
        pending.append((raw, clean))
        if len(pending) >= window:
            flush()
    if pending:
        flush()
    return report


def _code_window(coder: DocumentCoder, docs: list[CleanDocument]) -> list[CodedDocument | Exception]:
    """Code documents with one batched parse; if that fails, one by one so only the bad one is lost."""
    try:
        return list(coder.code_many(docs, window=len(docs)))
    except Exception:  # noqa: BLE001 - find the document that failed
        out: list[CodedDocument | Exception] = []
        for doc in docs:
            try:
                out.append(coder.code(doc))
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
                out.append(exc)
        return out


def _clean_new(raw: RawDocument, store: Store, report: IngestReport) -> tuple[CleanDocument | None, str]:
    """The cleaned document to code, or None with the status when it is already stored or cannot be cleaned."""
    if store.has_raw(raw_digest(raw)):
        report.unchanged.append(raw.origin)
        return None, "unchanged"
    try:
        clean = clean_document(raw)
    except ValueError as exc:
        report.problems.append(InputProblem(raw.origin, str(exc)))
        return None, "problem"
    if store.has_document(clean.doc_id):
        store.remember_raw(clean.raw_sha256, clean.doc_id, raw.origin)
        report.unchanged.append(raw.origin)
        return None, "unchanged"
    return clean, "new"


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


def ingest_paths(
    specs: Iterable[str],
    store: Store,
    kb: ActorKB,
    published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_item: Callable[[str, str], None] | None = None,
) -> IngestReport:
    return ingest_documents(iter_inputs(specs, max_bytes), store, kb, published, on_item)
