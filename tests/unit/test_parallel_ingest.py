"""Coding in worker processes forked from the ingesting one (``parley ingest --jobs``): the store
ends up exactly as when one process codes everything, in the same order, and a document that
comes twice while the first copy is still being coded is stored once."""

from __future__ import annotations

import pytest

from parley.pipeline import ingest_documents
from parley.store import open_store
from tests.conftest import SHARED

ARTICLES = SHARED / "eval" / "wikinews" / "articles.jsonl"


@pytest.fixture(scope="module")
def raws():
    from parley.ingest.sources import iter_inputs

    items = list(iter_inputs([str(ARTICLES)], 50_000_000))[:5]
    return items + items[:1]  # the first article again, while it may still be in a worker


def _stored(tmp_path, name, raws, kb, jobs):
    order: list[tuple[str, str]] = []
    with open_store(str(tmp_path / name)) as store:
        report = ingest_documents(raws, store, kb, window=1, jobs=jobs, on_item=lambda o, s: order.append((o, s)))
        events = sorted((e["event_id"], e["type"], e["source"], e["target"]) for e in store.events())
        return report, events, order, store.counts()


def test_worker_processes_store_what_one_process_stores(tmp_path, kb, raws):
    one = _stored(tmp_path, "one.duckdb", raws, kb, jobs=1)
    two = _stored(tmp_path, "two.duckdb", raws, kb, jobs=2)
    assert one[1] and one[1] == two[1]  # the same events
    assert sorted(one[2]) == sorted(two[2])  # the same status for every input
    stored = [origin for origin, status in two[2] if status == "stored"]
    assert stored == [origin for origin, status in one[2] if status == "stored"]  # stored in input order
    assert one[3] == two[3]
    report = two[0]
    assert len(report.stored) == 5 and len(report.unchanged) == 1 and not report.problems
