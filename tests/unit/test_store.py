import datetime as dt

import pytest

from parley.models import RawDocument
from parley.pipeline import ingest_documents
from parley.store import open_store
from parley.store.base import EventFilter
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
    columns = store.event_columns()
    store.close()
    assert columns[-3:] == ["cameo", "doc_title", "doc_published"]


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


def test_back_ends_are_siblings_behind_one_protocol(tmp_path):
    from parley.store.base import Store
    from parley.store.duckdb_store import DuckDBStore
    from parley.store.postgres_store import PostgresStore

    with open_store(tmp_path / "s.duckdb") as store:
        assert isinstance(store, Store) and store.schema_version() == "6"
    # Neither back end is a special case of the other (PostgreSQL used to subclass DuckDB).
    assert not issubclass(PostgresStore, DuckDBStore) and not issubclass(DuckDBStore, PostgresStore)
    protocol = {name for name in dir(Store) if not name.startswith("_")}
    for back_end in (DuckDBStore, PostgresStore):
        assert protocol <= set(dir(back_end)), protocol - set(dir(back_end))


def test_event_pages_cover_every_match_once(tmp_path, kb):
    with open_store(tmp_path / "s.duckdb") as store:
        ingest_documents([_raw(), _raw(TEXT.replace("Tuesday", "Monday").replace("dam", "river"), "b.txt")], store, kb)
        everything = store.events()
        assert store.count_events() == len(everything) >= 6
        pages = [store.events(EventFilter(limit=4, offset=start)) for start in range(0, len(everything), 4)]
        assert [e["event_id"] for page in pages for e in page] == [e["event_id"] for e in everything]
        assert store.count_events(EventFilter(type="ACCUSE", limit=1)) == 2


def test_no_sql_outside_the_store():
    """Back ends are swappable only if nothing else speaks SQL to them."""
    import re
    from pathlib import Path

    import parley

    root = Path(parley.__file__).parent
    sql = re.compile(r"""\.execute\(|["'](SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\s""")
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        if "store" not in path.relative_to(root).parts[:1]
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if sql.search(line)
    ]
    assert offenders == []


def test_the_same_article_as_text_and_as_html_is_one_document(tmp_path, kb):
    body = [
        "NAIROBI – Kenya and Somalia agreed on Thursday to restore full diplomatic relations, the Kenyan foreign "
        "ministry said.",
        "The two governments had cut ties in December after Nairobi hosted a leader of Somaliland.",
        "Qatar, which mediated the talks, welcomed the agreement and urged both sides to reopen their embassies.",
    ]
    title = "Kenya and Somalia restore diplomatic ties"
    text = "\n\n".join([title, *body])
    html = (
        f"<html><head><title>{title} | Example News</title><meta property='og:site_name' content='Example News'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in body) + "</article>"
        "<footer><p>© 2021 Example News. All rights reserved.</p></footer></body></html>"
    )
    day = dt.date(2021, 11, 26)
    with open_store(tmp_path / "s.duckdb") as store:
        first = ingest_documents([RawDocument("story.txt", text, "text", published=day)], store, kb)
        second = ingest_documents([RawDocument("story.html", html, "html", published=day)], store, kb)
        assert len(first.stored) == 1 and not second.stored and len(second.unchanged) == 1
        assert store.counts()["documents"] == 1
