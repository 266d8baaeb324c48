"""Ingest: inputs -> clean -> code -> store, streaming in windows of documents that share a parse."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from parley.cache import keep_for_life
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
    jobs: int = 1,
) -> IngestReport:
    """Process inputs in windows of ``window`` documents that share one batched parse.

    With ``jobs`` > 1 the windows are coded in that many worker processes (``Coding``) while this
    one cleans, checks and stores. A bad input is reported and the batch goes on; each document is
    still stored in its own transaction, in input order.
    """
    report = IngestReport()
    coding = Coding(DocumentCoder(kb), jobs)
    store.sync_actors(kb)
    pending: list[tuple[RawDocument, CleanDocument]] = []
    waiting: deque[tuple[list[tuple[RawDocument, CleanDocument]], Callable[[], list[CodedDocument | Exception]]]]
    waiting = deque()
    unsaved: set[str] = set()  # doc ids coded or being coded, not stored yet

    def save(docs: list[tuple[RawDocument, CleanDocument]], outcomes: list[CodedDocument | Exception]) -> None:
        for (raw, clean), outcome in zip(docs, outcomes, strict=True):
            unsaved.discard(clean.doc_id)
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

    def flush(final: bool = False) -> None:
        if pending:
            waiting.append((list(pending), coding.submit([c for _, c in pending], final)))
            pending.clear()
        while waiting and (final or len(waiting) > coding.ahead):
            docs, result = waiting.popleft()
            save(docs, result())

    try:
        for raw in valid_inputs(items, report, published, on_item):
            clean, status = _clean_new(raw, store, report)
            if clean is None:
                if on_item:
                    on_item(raw.origin, status)
                continue
            if clean.doc_id in unsaved:
                report.unchanged.append(raw.origin)  # the same content twice before it was stored
                if on_item:
                    on_item(raw.origin, "unchanged")
                continue
            unsaved.add(clean.doc_id)
            pending.append((raw, clean))
            if len(pending) >= window:
                flush()
        flush(final=True)
    except BaseException:
        coding.close(abort=True)  # Ctrl-C or a store error: stop the workers, do not wait for them
        raise
    coding.close()
    return report


# The coder a forked worker process inherits, loaded once in the parent (see ``Coding``).
_WORKER_CODER: DocumentCoder | None = None


def _code_in_worker(docs: list[CleanDocument]) -> list[CodedDocument | Exception]:
    assert _WORKER_CODER is not None
    return _code_window(_WORKER_CODER, docs)


class Coding:
    """Codes windows of documents here (``jobs`` = 1) or in ``jobs`` worker processes forked from this
    one, which inherit the loaded coder (models, knowledge base, parser) instead of loading their own
    as Dask workers do; results come back in the order the windows went out.

    The workers start with the second window: an input of one window is coded here, so a short
    ingest pays for no process. Up to ``ahead`` windows are in flight while this process stores.
    """

    def __init__(self, coder: DocumentCoder, jobs: int = 1) -> None:
        self.coder = coder
        self.jobs = max(1, jobs)
        self.ahead = 2 * self.jobs if self.jobs > 1 else 0
        self.pool: Any = None
        self.held: list[CleanDocument] | None = None  # the first window, until a second one comes
        self._first: Any = None  # the first window's result, once the workers run

    def submit(self, docs: list[CleanDocument], final: bool = False) -> Callable[[], list[CodedDocument | Exception]]:
        if self.jobs == 1 or (self.pool is None and final and self.held is None):
            out = _code_window(self.coder, docs)
            return lambda: out
        if self.pool is None:
            if self.held is None and not final:
                self.held = docs
                return lambda: self._held_result(docs)
            self._start()
        return self.pool.apply_async(_code_in_worker, (docs,)).get

    def _held_result(self, docs: list[CleanDocument]) -> list[CodedDocument | Exception]:
        """The first window's result: from a worker once the workers run, else coded here."""
        if self.pool is None:
            self.held = None
            return _code_window(self.coder, docs)
        out: list[CodedDocument | Exception] = self._first.get()
        return out

    def _start(self) -> None:
        global _WORKER_CODER
        _WORKER_CODER = self.coder
        keep_for_life()  # the workers inherit the coder; the collector would copy its pages into each
        self.pool = multiprocessing.get_context("fork").Pool(self.jobs)
        if self.held is not None:
            self._first = self.pool.apply_async(_code_in_worker, (self.held,))
            self.held = None

    def close(self, abort: bool = False) -> None:
        if self.pool is not None:
            if abort:
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()
            self.pool = None


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
    jobs: int = 1,
) -> IngestReport:
    return ingest_documents(iter_inputs(specs, max_bytes), store, kb, published, on_item, jobs=jobs)
