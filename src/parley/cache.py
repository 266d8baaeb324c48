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


def write_cache(path: Path | None, data: bytes) -> None:
    """Write a cache file whole (a reader never sees half of one); a cache that cannot be written is skipped."""
    if path is None:
        return
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
