"""Choose a store from a path or URL: ``parley.duckdb``, ``duckdb:///path``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parley.store.duckdb_store import DuckDBStore

DEFAULT_STORE = os.environ.get("PARLEY_STORE", "parley.duckdb")


class StoreError(RuntimeError):
    pass


def write_parquet(rows: list[dict[str, Any]], path: str | os.PathLike[str]) -> int:
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
