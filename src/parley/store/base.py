"""The store protocol every back end implements, and ``open_store`` to choose one.

As httpx does with its transports, the rest of parley talks to a :class:`Store` and never
writes SQL: the embedded DuckDB file (the default) and a PostgreSQL server implement it
side by side (``duckdb_store.py``, ``postgres_store.py``, sharing their SQL in ``sql.py``).
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from parley.kb.actors import ActorKB
    from parley.models import CodedDocument

DEFAULT_STORE = os.environ.get("PARLEY_STORE", "parley.duckdb")

Row = dict[str, Any]


class StoreError(RuntimeError):
    pass


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None  # matches source, target or either agent
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    doc_id: str | None = None
    limit: int | None = None
    text: str | None = None  # words the evidence sentence must contain (case-insensitive, literal)
    offset: int = 0  # rows to skip (paging), in the same order as without it
    min_confidence: float | None = None  # only events the coder is at least this sure of (0..1)


@runtime_checkable
class Store(Protocol):
    """Where coded documents live. Every method is one complete operation: a document is
    written in one transaction, so a crash leaves it either wholly stored or absent."""

    path: str

    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...
    def transaction(self) -> AbstractContextManager[None]: ...

    # writing
    def sync_actors(self, kb: ActorKB) -> None: ...
    def save(self, coded: CodedDocument) -> bool: ...
    def remember_raw(self, raw_sha256: str, doc_id: str, origin: str) -> None: ...
    def set_watch_state(self, source: str, position: int, signature: str | None) -> None: ...

    # reading
    def has_raw(self, raw_sha256: str) -> bool: ...
    def has_document(self, doc_id: str) -> bool: ...
    def events(self, flt: EventFilter | None = None) -> list[Row]: ...
    def count_events(self, flt: EventFilter | None = None) -> int: ...
    def event_columns(self) -> list[str]: ...
    def documents(self) -> list[Row]: ...
    def documents_full(self) -> list[Row]: ...
    def document(self, doc_id: str) -> Row | None: ...
    def mentions(self, doc_id: str | None = None) -> list[Row]: ...
    def proposals(self, doc_id: str | None = None) -> list[Row]: ...
    def quotes(self, doc_id: str | None = None) -> list[Row]: ...
    def actors(self, only_mentioned: bool = True) -> list[Row]: ...
    def watch_state(self, source: str) -> tuple[int, str | None]: ...
    def counts(self) -> dict[str, int]: ...
    def schema_version(self) -> str | None: ...


def write_parquet(rows: list[Row], path: str | os.PathLike[str]) -> int:
    """Write rows (any store's query results) as a Parquet file, through an in-memory DuckDB: no
    pandas or pyarrow needed. Returns the number of rows written."""
    import json
    import tempfile

    import duckdb

    def plain(value: Any) -> Any:
        return value.isoformat() if hasattr(value, "isoformat") else value

    with tempfile.TemporaryDirectory() as tmp:
        lines = Path(tmp) / "rows.jsonl"
        with lines.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps({k: plain(v) for k, v in row.items()}, ensure_ascii=False, default=str) + "\n")
        con = duckdb.connect()
        try:
            if rows:
                source = "read_json_auto(?, format = 'newline_delimited')"
                con.execute(f"COPY (SELECT * FROM {source}) TO ? (FORMAT PARQUET)", [str(lines), str(path)])
            else:
                con.execute("COPY (SELECT NULL AS empty WHERE false) TO ? (FORMAT PARQUET)", [str(path)])
        finally:
            con.close()
    return len(rows)


def open_store(location: str | os.PathLike[str] | None = None, read_only: bool = False) -> Store:
    """Open the store at a path, ``duckdb:///path`` or ``postgresql://user:pass@host/db``."""
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
    from parley.store.duckdb_store import DuckDBStore

    return DuckDBStore(loc, read_only=read_only)


__all__ = ["DEFAULT_STORE", "EventFilter", "Row", "Store", "StoreError", "open_store", "write_parquet"]
