"""`parley ingest --workers 2`: a local Dask cluster codes in parallel; same results, idempotent writes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from parley.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_two_workers_match_one_process(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01" * 50)
    serial, parallel = str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")
    _run("ingest", str(EXAMPLES), "--store", serial)
    result = runner.invoke(app, ["ingest", str(EXAMPLES), str(bad), "--workers", "2", "--store", parallel])
    assert result.exit_code == 2, result.output  # the bad input is skipped, the rest stored
    assert "bad.txt" in result.stderr
    ids = lambda store: sorted(e["event_id"] for e in json.loads(_run("events", "--store", store, "--json")))  # noqa: E731
    assert ids(parallel) == ids(serial) and ids(parallel)
    again = _run("ingest", str(EXAMPLES), "--workers", "2", "--store", parallel)
    assert "0 stored" in again
