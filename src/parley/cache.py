"""The on-disk cache of what is slow to make from parley's data files, and a pause of the garbage
collector while such lasting objects are made.

Each cached thing is keyed by a digest of everything it is made from, so a stale file is never read as
current; a file that cannot be read or written is skipped, never an error.
"""

from __future__ import annotations

import gc
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def cache_dir() -> Path | None:
    """Where parley caches what it makes from its data files: ``PARLEY_CACHE_DIR``, else the user's
    cache folder (``$XDG_CACHE_HOME/parley``, ``~/.cache/parley``); None when ``PARLEY_CACHE=0``."""
    if os.environ.get("PARLEY_CACHE", "1") == "0":
        return None
    explicit = os.environ.get("PARLEY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "parley"


def cache_path(kind: str, key: str, suffix: str) -> Path | None:
    """The cache file of one kind ("mentions", "actors") for a key (a digest of what it is made from)."""
    folder = cache_dir()
    if folder is None:
        return None
    return folder / kind / (hashlib.sha256(key.encode()).hexdigest()[:32] + suffix)


def read_cache(path: Path | None) -> bytes | None:
    """A cache file's bytes, or None when there is none or it cannot be read."""
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_cache(path: Path | None, data: bytes, keep: int | None = None) -> None:
    """Write a cache file whole (a reader never sees half of one); a cache that cannot be written is
    skipped. With ``keep``, only that many files of its kind stay, the newest (large files made from
    each version of the data would otherwise pile up)."""
    if path is None:
        return
    if keep is not None:
        _prune(path.parent, keep - 1)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def _prune(folder: Path, keep: int) -> None:
    try:
        files = sorted(folder.glob("*"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in files[max(keep, 0) :]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while tens of thousands of lasting objects are made (the
    knowledge base, the actor rows, the mention index): the collector would scan them again and
    again, for nothing (they form no cycles), a third of the time it takes to make them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def keep_for_life() -> None:
    """Exempt every object alive now from cyclic garbage collection (``gc.freeze``), once a process has
    loaded what it keeps until it exits (the knowledge base, the models). The collector otherwise
    scans those hundreds of thousands of objects at each full collection, while spaCy loads and while
    documents are coded (0.3 s of the start-up of a one-document ``parley ingest``); in a forked worker
    its scans would also copy the parent's memory pages (the use the ``gc`` docs give for it)."""
    gc.freeze()
