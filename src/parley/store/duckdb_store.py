"""The embedded store: one DuckDB file, every document written in one transaction."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import duckdb

from parley.store.base import StoreError
from parley.store.sql import SQLStore

SCHEMA_VERSION = "5"
# (table, column, type) added after version 1, in the order they were added (PostgreSQL: migrations/).
ADDED_COLUMNS = (
    ("events", "cameo", "VARCHAR"),
    ("events", "source_sector", "VARCHAR"),
    ("events", "target_sector", "VARCHAR"),
    ("quotes", "speaker_text", "VARCHAR"),
    ("events", "implicit", "VARCHAR[]"),
)


class DuckDBStore(SQLStore):
    def __init__(self, path: str, read_only: bool = False) -> None:
        self.path = path
        try:
            self.con = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        if not read_only:
            self._migrate()

    def _migrate(self) -> None:
        sql = (resources.files("parley.store") / "schema.sql").read_text(encoding="utf-8")
        self.con.execute(sql)
        # Columns added after version 1 (stores made by earlier releases lack them).
        for table, column, kind in ADDED_COLUMNS:
            self.con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
        self.con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [SCHEMA_VERSION],
        )

    def _bulk_insert(self, table: str, rows: Sequence[tuple[str | None, ...]]) -> None:
        """Through a temporary CSV file that DuckDB reads natively: some 30 times faster than INSERTs."""
        if not rows:
            return
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{table}.csv"
            with path.open("w", encoding="utf-8", newline="") as fh:
                csv.writer(fh).writerows(rows)
            width = len(rows[0])
            columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
            self.con.execute(
                f"INSERT INTO {table} SELECT * FROM read_csv(?, header = false, columns = {columns}, quote = '\"', "
                "escape = '\"', nullstr = '')",
                [str(path)],
            )
