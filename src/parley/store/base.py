"""Choose a store from a path or URL: ``parley.duckdb``, ``duckdb:///path``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parley.store.duckdb_store import DuckDBStore

DEFAULT_STORE = os.environ.get("PARLEY_STORE", "parley.duckdb")


class StoreError(RuntimeError):
    pass


def open_store(location: str | os.PathLike[str] | None = None, read_only: bool = False) -> DuckDBStore:
    """Open the store at a path, ``duckdb:///path`` or ``postgresql://user:pass@host/db``."""
    from parley.store.duckdb_store import DuckDBStore

    loc = str(location or DEFAULT_STORE)
    if loc.startswith("duckdb://"):
        loc = loc[len("duckdb://") :]
        if loc.startswith("/") and loc[1:2] == "/":
            loc = loc[1:]
    elif loc.startswith(("postgresql://", "postgres://")):
        from parley.store.postgres_store import PostgresStore

        return PostgresStore(loc.replace("postgres://", "postgresql://", 1), read_only=read_only)
    elif "://" in loc:
        scheme = loc.split("://", 1)[0]
        raise StoreError(f"store URL scheme {scheme!r} is not supported; use a path, duckdb:///path or postgresql://")
    if loc != ":memory:":
        Path(loc).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return DuckDBStore(loc, read_only=read_only)
