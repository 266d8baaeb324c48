"""``parley watch``: keep ingesting a growing folder or JSONL feed, and resume after a crash.

Each watched input keeps a checkpoint in the store (``watch_state``). A document is stored (one
transaction) before its checkpoint moves, so a crash between the two only means the input is read
again on restart, and the content hash makes that second read a no-op: no loss, no duplicates.

Plain files (a folder's ``.txt``, ``.html``, ``.jsonl.gz``...): the checkpoint is the file's
``size:mtime``. A file is ingested only once it is complete, which a poll cannot see directly, so
the rule is: a new or changed file is taken when its size and mtime are the same at two consecutive
polls of one watcher (remembered in memory, not in the store), or at once when its mtime is at least
``settle`` seconds old (a finished file: ``watch --once`` on a folder of them needs one pass). After
a restart, a file still settling is seen once and taken at the second poll. ``watch --once`` waits
``settle`` seconds and polls once more when a file was still settling, so what was written just
before it ran is not left out; a file still changing then waits for the next run. A writer that
pauses longer than the poll interval can still be caught mid-file: write to a hidden name (leading
dot, never watched) and rename, or poll less often.

JSONL feeds (``.jsonl``, ``.ndjson``): the checkpoint is the byte offset after the last complete
line, with a fingerprint of the file at that point (``device:inode:sha256`` of the first and last
4 KB before the offset). A line still being written (no newline yet) waits for the next poll. A feed
shorter than its offset (truncated), or whose fingerprint no longer matches (rotated: a new file at
the path, or rewritten in place), is read again from the start; lines already stored are skipped by
their hash. Lines appended to a rotated-away file after the last poll are not followed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from parley.ingest.errors import InputProblem
from parley.ingest.sources import DEFAULT_MAX_BYTES, JSONL_SUFFIXES, read_file, read_jsonl
from parley.kb.actors import ActorKB
from parley.models import RawDocument
from parley.pipeline import IngestReport, ingest_documents
from parley.store.base import Store

OnItem = Callable[[str, str], None]
DEFAULT_SETTLE = 2.0
_FINGERPRINT_BYTES = 4096


def poll_once(
    specs: Iterable[str],
    store: Store,
    kb: ActorKB,
    published: dt.date | None = None,
    on_item: OnItem | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    settle: float = DEFAULT_SETTLE,
    settling: dict[str, str] | None = None,
) -> IngestReport:
    """One pass over every watched input: what is new since the checkpoints.

    ``settling`` is the watcher's memory of files seen changed but not yet taken (path ->
    ``size:mtime``); pass the same dict to every poll. It is rewritten to hold the files still
    settling after this pass. Without it only files ``settle`` seconds old are taken.
    """
    seen = settling if settling is not None else {}
    still: dict[str, str] = {}
    total = IngestReport()
    for spec in specs:
        root = Path(spec)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if path.name.startswith("."):
                continue
            try:
                if path.suffix.lower() in JSONL_SUFFIXES:
                    _merge(total, _poll_feed(path, store, kb, published, on_item))
                    continue
                stat = path.stat()
            except FileNotFoundError:
                continue  # removed between the listing and now
            source = str(path)
            signature = f"{stat.st_size}:{stat.st_mtime_ns}"
            if store.watch_state(source)[1] == signature:
                continue
            finished = time.time() - stat.st_mtime >= settle
            if not finished and seen.get(source) != signature:
                still[source] = signature  # new or still growing: look again next poll
                continue
            _merge(total, ingest_documents(read_file(path, max_bytes), store, kb, published, on_item))
            store.set_watch_state(source, 0, signature)
    seen.clear()
    seen.update(still)  # forget files that were taken or have gone
    return total


def _poll_feed(
    path: Path, store: Store, kb: ActorKB, published: dt.date | None, on_item: OnItem | None
) -> IngestReport:
    report = IngestReport()
    source = str(path)
    offset, signature = store.watch_state(source)
    # One open handle for the checks and the reads, so a rotation in between cannot mix two files.
    with path.open("rb") as fh:
        if offset:
            size = os.fstat(fh.fileno()).st_size
            if size < offset or (signature is not None and _fingerprint(fh, offset) != signature):
                offset = 0  # truncated or replaced: start over, stored lines are skipped by hash
                store.set_watch_state(source, 0, None)
            elif signature is None:
                # A checkpoint from before fingerprints: trust it, and fingerprint it from now on.
                store.set_watch_state(source, offset, _fingerprint(fh, offset))
        lineno = fh.read(offset).count(b"\n") if offset else 0
        fh.seek(offset)
        while True:
            line = fh.readline()
            if not line or not line.endswith(b"\n"):
                break  # end of feed, or a line still being written
            lineno += 1
            text = line.decode("utf-8", errors="replace")
            items = [_renumber(i, path, lineno) for i in read_jsonl([text], source)]
            _merge(report, ingest_documents(items, store, kb, published, on_item))
            end = fh.tell()
            store.set_watch_state(source, end, _fingerprint(fh, end))
    return report


def _fingerprint(fh: BinaryIO, offset: int) -> str:
    """Which file, and which bytes before ``offset``: a rotation or a rewrite changes it."""
    stat = os.fstat(fh.fileno())
    here = fh.tell()
    width = min(offset, _FINGERPRINT_BYTES)
    digest = hashlib.sha256()
    fh.seek(0)
    digest.update(fh.read(width))
    fh.seek(offset - width)
    digest.update(fh.read(width))
    fh.seek(here)
    return f"{stat.st_dev}:{stat.st_ino}:{digest.hexdigest()[:32]}"


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
    *,
    settle: float = DEFAULT_SETTLE,
) -> None:
    """Poll until killed, or until ``stop`` is set (the server's watcher thread)."""
    settling: dict[str, str] = {}

    def wait(seconds: float) -> bool:
        """Sleep; True when told to stop."""
        if stop is not None:
            return stop.wait(seconds)
        time.sleep(seconds)
        return False

    while True:
        report = poll_once(specs, store, kb, published, on_item, settle=settle, settling=settling)
        if on_poll:
            on_poll(report)
        if once:
            # Files written just before: one more look once they have had time to settle.
            if settling and not wait(settle):
                report = poll_once(specs, store, kb, published, on_item, settle=settle, settling=settling)
                if on_poll:
                    on_poll(report)
            return
        if wait(interval):
            return
