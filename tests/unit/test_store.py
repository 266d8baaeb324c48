import datetime as dt

import pytest

from parley.models import RawDocument
from parley.pipeline import ingest_documents
from parley.store import open_store
from parley.store.duckdb_store import EventFilter
from parley.text.clean import clean_document

TEXT = (
    "Ethiopia accused Egypt of blocking talks on the dam on Tuesday. "
    "Cairo rejected the charge and urged Addis Ababa to sign a binding deal."
)


def _raw(text=TEXT, origin="a.txt", published=dt.date(2024, 5, 9)):
    return RawDocument(origin=origin, content=text, content_type="text", published=published)


def test_reingest_is_idempotent(tmp_path, kb):
    with open_store(tmp_path / "s.duckdb") as store:
        first = ingest_documents([_raw()], store, kb)
        counts = store.counts()
        again = ingest_documents([_raw(), _raw(origin="copy.txt")], store, kb)
        assert len(first.stored) == 1 and not again.stored and len(again.unchanged) == 2
        assert store.counts() == counts
        assert counts["events"] >= 3


def test_events_query_filters(tmp_path, kb):
    with open_store(tmp_path / "s.duckdb") as store:
        ingest_documents([_raw()], store, kb)
        assert {e["type"] for e in store.events(EventFilter(actor="EGY"))} >= {"ACCUSE", "REJECT", "REQUEST"}
        (acc,) = store.events(EventFilter(type="accuse"))
        assert acc["date"] == dt.date(2024, 5, 7)  # Tuesday before publication
        assert store.events(EventFilter(since=dt.date(2024, 5, 8), type="ACCUSE")) == []
        assert acc["chain"] == [] and acc["intensity"] < 0


def test_failed_write_leaves_store_untouched(tmp_path, kb, coder, monkeypatch):
    with open_store(tmp_path / "s.duckdb") as store:
        ingest_documents([_raw()], store, kb)
        before = store.counts()
        coded = coder.code(clean_document(_raw("Japan praised India for its aid to Sri Lanka.", "b.txt")))
        original = store._insert

        def failing(table, rows):
            if table == "events":
                raise RuntimeError("disk full")
            original(table, rows)

        monkeypatch.setattr(store, "_insert", failing)
        with pytest.raises(RuntimeError):
            store.save(coded)
        assert store.counts() == before
        assert not store.has_document(coded.document.doc_id)


def test_unsupported_store_url_is_a_clear_error():
    from parley.store.base import StoreError

    with pytest.raises(StoreError, match="not supported"):
        open_store("mysql://localhost/x")


def test_stores_made_before_the_cameo_column_are_migrated(tmp_path):
    import duckdb

    from parley.store import open_store

    path = tmp_path / "old.duckdb"
    open_store(str(path)).close()
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE events DROP COLUMN cameo")  # what a version-1 store looks like
    con.close()
    store = open_store(str(path))
    columns = [r[0] for r in store.con.execute("DESCRIBE events").fetchall()]
    store.close()
    assert columns[-1] == "cameo"


def test_a_document_that_breaks_the_coder_is_isolated_from_its_window(tmp_path, kb, monkeypatch):
    from parley.coding.document import DocumentCoder

    original = DocumentCoder._code_parsed

    def fragile(self, document, *args):
        if document.origin == "bad.txt":
            raise RuntimeError("parser exploded")
        return original(self, document, *args)

    monkeypatch.setattr(DocumentCoder, "_code_parsed", fragile)
    docs = [
        _raw(origin="one.txt"),
        _raw("Kenya urged Uganda to reopen the border crossing at Busia on Monday.", origin="bad.txt"),
        _raw("Chile accused Peru of violating the fishing agreement on Friday.", origin="three.txt"),
    ]
    seen = []
    with open_store(tmp_path / "s.duckdb") as store:
        report = ingest_documents(docs, store, kb, on_item=lambda origin, status: seen.append((origin, status)))
        assert len(report.stored) == 2 and store.counts()["documents"] == 2
    assert [p.origin for p in report.problems] == ["bad.txt"] and "parser exploded" in report.problems[0].message
    assert seen == [("one.txt", "stored"), ("bad.txt", "problem"), ("three.txt", "stored")]


def test_text_search_takes_percent_and_underscore_literally(tmp_path, kb):
    with open_store(tmp_path / "s.duckdb") as store:
        ingest_documents(
            [
                _raw("Egypt accused Ethiopia of cutting the Nile's flow by 50% on Tuesday.", "a.txt"),
                _raw("Egypt accused Ethiopia of cutting the Nile's flow by 500 cubic metres on Tuesday.", "b.txt"),
            ],
            store,
            kb,
        )
        assert len(store.events(EventFilter(text="by 50"))) == 2
        (hit,) = store.events(EventFilter(text="50%"))
        assert "50%" in hit["sentence"]
        assert store.events(EventFilter(text="Nile_s")) == []  # "_" is not a wildcard


def test_events_export_to_parquet(tmp_path, kb):
    import duckdb

    from parley.store.base import write_parquet

    with open_store(tmp_path / "s.duckdb") as store:
        ingest_documents([_raw()], store, kb)
        rows = store.events()
    assert write_parquet(rows, tmp_path / "e.parquet") == len(rows) > 0
    back = duckdb.sql(f"SELECT type, date, chain FROM '{tmp_path / 'e.parquet'}' ORDER BY type").fetchall()
    assert sorted(r[0] for r in back) == sorted(r["type"] for r in rows)
    assert write_parquet([], tmp_path / "empty.parquet") == 0 and (tmp_path / "empty.parquet").exists()
