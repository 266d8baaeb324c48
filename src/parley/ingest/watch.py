"""``parley watch``: keep ingesting a growing folder or JSONL feed, and resume after a crash.

Each watched input keeps a checkpoint in the store (``watch_state``): a file's
size and mtime, or, for a JSONL feed, the byte offset after the last complete
line. A document is stored (one transaction) before its checkpoint moves, so
a crash between the two only means the line is read again on restart, and
the content hash makes that second read a no-op: no loss, no duplicates. A
line still being written (no newline yet) waits for the next poll.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from parley.ingest.errors import InputProblem
from parley.ingest.sources import DEFAULT_MAX_BYTES, JSONL_SUFFIXES, read_file, read_jsonl
from parley.kb.actors import ActorKB
from parley.models import RawDocument
from parley.pipeline import IngestReport, ingest_documents
from parley.store.base import Store

OnItem = Callable[[str, str], None]


def _signature(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def poll_once(
    specs: Iterable[str],
    store: Store,
    kb: ActorKB,
    published: dt.date | None = None,
    on_item: OnItem | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestReport:
    """One pass over every watched input: what is new since the checkpoints."""
    total = IngestReport()
    for spec in specs:
        root = Path(spec)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if not path.exists() or path.name.startswith("."):
                continue
            if path.suffix.lower() in JSONL_SUFFIXES:
                _merge(total, _poll_feed(path, store, kb, published, on_item))
                continue
            signature = _signature(path)
            if store.watch_state(str(path))[1] == signature:
                continue
            _merge(total, ingest_documents(read_file(path, max_bytes), store, kb, published, on_item))
            store.set_watch_state(str(path), 0, signature)
    return total


def _poll_feed(
    path: Path, store: Store, kb: ActorKB, published: dt.date | None, on_item: OnItem | None
) -> IngestReport:
    report = IngestReport()
    offset, _ = store.watch_state(str(path))
    with path.open("rb") as fh:
        fh.seek(offset)
        lineno_base = _count_lines(path, offset)
        while True:
            line = fh.readline()
            if not line or not line.endswith(b"\n"):
                break  # end of feed, or a line still being written
            lineno_base += 1
            text = line.decode("utf-8", errors="replace")
            items = list(read_jsonl([text], f"{path}"))
            items = [_renumber(i, path, lineno_base) for i in items]
            _merge(report, ingest_documents(items, store, kb, published, on_item))
            store.set_watch_state(str(path), fh.tell(), None)
    return report


def _count_lines(path: Path, offset: int) -> int:
    if offset == 0:
        return 0
    with path.open("rb") as fh:
        return fh.read(offset).count(b"\n")


def _renumber(item: RawDocument | InputProblem, path: Path, lineno: int) -> RawDocument | InputProblem:
    return replace(item, origin=f"{path}:{lineno}")


def _merge(into: IngestReport, other: IngestReport) -> None:
    into.stored += other.stored
    into.unchanged += other.unchanged
    into.problems += other.problems


def watch(
    specs: list[str],
    store: Store,
    kb: ActorKB,
    interval: float = 2.0,
    once: bool = False,
    published: dt.date | None = None,
    on_item: OnItem | None = None,
    on_poll: Callable[[IngestReport], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Poll until killed, or until ``stop`` is set (the server's watcher thread)."""
    while True:
        report = poll_once(specs, store, kb, published, on_item)
        if on_poll:
            on_poll(report)
        if once:
            return
        if stop is not None:
            if stop.wait(interval):
                return
        else:
            time.sleep(interval)
