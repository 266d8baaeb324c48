"""The server store: PostgreSQL, a sibling of the DuckDB store behind the same protocol.

The SQL the two stores run is shared (``sql.py``); this module supplies a connection
that speaks psycopg's placeholders, read-only sessions, Alembic migrations in place of
DuckDB's ``CREATE TABLE IF NOT EXISTS``, and COPY for bulk loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import Any

from parley.store.base import StoreError
from parley.store.sql import SQLStore


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


class PostgresStore(SQLStore):
    def __init__(self, url: str, read_only: bool = False) -> None:
        self.path = url
        try:
            if not read_only:
                migrate(url)
            self._pg = _PgConnection(url, read_only)
        except Exception as exc:
            safe = url.split("@")[-1]  # never the password
            raise StoreError(f"cannot open PostgreSQL store at {safe}: {exc}") from exc
        self.con = self._pg

    def _bulk_insert(self, table: str, rows: Sequence[tuple[str | None, ...]]) -> None:
        """Many rows at once through COPY, PostgreSQL's bulk path."""
        cur = self._pg.raw.cursor()
        with cur.copy(f"COPY {table} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def schema_version(self) -> str | None:
        """The Alembic revision the database is at (its migrations are numbered like DuckDB's versions)."""
        row = self.con.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(int(row[0])) if row else None
