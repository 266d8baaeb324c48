"""The server store: PostgreSQL behind the same interface as the DuckDB store.

The SQL the two stores run is the same; this module supplies a connection
that speaks psycopg's placeholders, read-only sessions, and Alembic
migrations in place of DuckDB's ``CREATE TABLE IF NOT EXISTS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import Any

from parley.store.duckdb_store import DuckDBStore


class _PgConnection:
    """The slice of DuckDB's connection API the store uses, on top of psycopg."""

    def __init__(self, url: str, read_only: bool) -> None:
        import psycopg

        self.raw = psycopg.connect(url, autocommit=True)
        if read_only:
            self.raw.execute("SET default_transaction_read_only = on")

    @staticmethod
    def _sql(query: str) -> str:
        return query.replace("%", "%%").replace("?", "%s")

    def execute(self, query: str, params: Sequence[Any] | None = None) -> Any:
        cur = self.raw.cursor()
        cur.execute(self._sql(query), list(params) if params is not None else None)
        return cur

    def executemany(self, query: str, rows: Sequence[Sequence[Any]]) -> Any:
        cur = self.raw.cursor()
        cur.executemany(self._sql(query), rows)
        return cur

    def close(self) -> None:
        self.raw.close()


def migrate(url: str) -> None:
    """Bring the database to the latest schema with Alembic."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("parley.store") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("postgresql://", "postgresql+psycopg://", 1))
    command.upgrade(cfg, "head")


class PostgresStore(DuckDBStore):
    def _bulk_insert(self, table: str, rows: Sequence[tuple[str | None, ...]]) -> None:
        """Many rows at once through COPY, PostgreSQL's bulk path."""
        cur = self.con.raw.cursor()  # type: ignore[attr-defined]
        with cur.copy(f"COPY {table} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def __init__(self, url: str, read_only: bool = False) -> None:  # noqa: D107 - same contract as DuckDBStore
        self.path = url
        try:
            if not read_only:
                migrate(url)
            self.con = _PgConnection(url, read_only)  # type: ignore[assignment]
        except Exception as exc:
            from parley.store.base import StoreError

            safe = url.split("@")[-1]
            raise StoreError(f"cannot open PostgreSQL store at {safe}: {exc}") from exc
