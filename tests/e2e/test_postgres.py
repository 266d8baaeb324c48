"""The PostgreSQL store behind the same interface as DuckDB, against a real server.

PARLEY_TEST_PG_URL names a server where the user may create databases
(scripts/test.sh starts one on loopback). Each test run gets a database of its
own. Without a server the tests are skipped with that reason, except in CI,
where a missing server is a failure.
"""

from __future__ import annotations

import json
import os
import uuid

import pytest
from typer.testing import CliRunner

from parley.cli.main import app
from tests.conftest import EXAMPLES

PG_URL = os.environ.get("PARLEY_TEST_PG_URL")
runner = CliRunner()


def test_ci_has_a_server():
    if os.environ.get("CI"):
        assert PG_URL, "CI must provide PostgreSQL (scripts/test.sh installs and starts it)"


@pytest.fixture(scope="module")
def pg_url():
    if not PG_URL:
        pytest.skip("no PostgreSQL server: set PARLEY_TEST_PG_URL (scripts/test.sh starts one when run as root)")
    import psycopg

    name = f"parley_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = PG_URL.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _comparable(rows: list[dict]) -> list[tuple]:
    return sorted((r["event_id"], r["type"], r["source"], r["target"], r["date"], r["sentence"]) for r in rows)


def test_same_results_as_duckdb_and_idempotent(pg_url, tmp_path):
    duck = str(tmp_path / "d.duckdb")
    _run("ingest", str(EXAMPLES), "--store", duck)
    _run("ingest", str(EXAMPLES), "--store", pg_url)
    again = _run("ingest", str(EXAMPLES), "--store", pg_url)
    assert "0 stored" in again
    password = pg_url.split("://", 1)[1].split("@", 1)[0].partition(":")[2]
    assert password and password not in again and ":***@" in " ".join(again.split())  # never printed
    pg_events = json.loads(_run("events", "--store", pg_url, "--json"))
    duck_events = json.loads(_run("events", "--store", duck, "--json"))
    assert pg_events and _comparable(pg_events) == _comparable(duck_events)
    assert json.loads(_run("proposals", "--store", pg_url, "--json"))
    filtered = json.loads(_run("events", "--store", pg_url, "--actor", "India", "--type", "REJECT", "--json"))
    # Literal % and _ in a search, on PostgreSQL too.
    from parley.store import open_store
    from parley.store.base import EventFilter

    with open_store(pg_url, read_only=True) as st, open_store(duck, read_only=True) as ref:
        assert st.events(EventFilter(text="_")) == [] and st.events(EventFilter(text="%")) == []
        # The same protocol answers the same on both back ends: schema version, counts, pages.
        assert st.schema_version() == ref.schema_version() == "6"
        assert st.count_events() == ref.count_events() == len(pg_events)
        page = [e["event_id"] for e in st.events(EventFilter(limit=5, offset=5))]
        assert page == [e["event_id"] for e in ref.events(EventFilter(limit=5, offset=5))] and len(page) == 5
    # India's rejection of China's proposal, and China's "will not accept unilateral demands", whose
    # addressee (India) is named only as "Indian forces" later in the sentence (an implicit target).
    assert sorted((e["source"], e["target"]) for e in filtered) == [("CHN", "IND"), ("IND", "CHN")]


def test_the_test_role_is_no_superuser_and_has_a_fresh_password(pg_url):
    import psycopg

    with psycopg.connect(pg_url) as con:
        row = con.execute("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user").fetchone()
    assert row == (False, False)
    # scripts/test.sh makes a random password per run; the old fixed one must not be in use.
    assert pg_url.split("://", 1)[1].split("@", 1)[0].partition(":")[2] not in ("", "parley", "parley_test")


def test_migrations_and_rollback(pg_url, kb, coder):
    import psycopg

    from parley.models import RawDocument
    from parley.store import open_store
    from parley.text.clean import clean_document

    with psycopg.connect(pg_url) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0006"
        columns = {
            r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'events'")
        }
        assert {"cameo", "source_sector", "target_sector", "confidence"} <= columns
    store = open_store(pg_url)
    before = store.counts()
    coded = coder.code(clean_document(RawDocument("x", "Chile urged Peru to reopen the border.", "text")))
    original = store._insert

    def failing(table, rows):
        if table == "events":
            raise RuntimeError("connection lost")
        original(table, rows)

    store._insert = failing  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        store.save(coded)
    store._insert = original  # type: ignore[method-assign]
    assert store.counts() == before and not store.has_document(coded.document.doc_id)
    assert store.save(coded) and store.counts()["documents"] == before["documents"] + 1
    store.close()
    reader = open_store(pg_url, read_only=True)
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        reader.remember_raw("0" * 64, "doc", "a write through a read-only store")
    reader.close()
