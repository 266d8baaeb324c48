"""The SQL both back ends run, written once against a small connection interface.

DuckDB and PostgreSQL speak the same SQL for everything parley stores and reads; what differs
(connecting, creating and migrating the schema, bulk loading) is supplied by each back end.
Queries use ``?`` placeholders; the PostgreSQL connection translates them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from parley import __version__
from parley.cache import paused_gc
from parley.kb.actors import ActorKB
from parley.kb.ontology import load_ontology
from parley.models import CodedDocument
from parley.store.base import EventFilter, Row

# Events without a resolved date are placed at their document's publication date for filtering and order.
_WHEN = "COALESCE(e.date, d.published)"


class Connection(Protocol):
    """The slice of a DB-API connection the shared SQL needs (DuckDB's, or psycopg's wrapped)."""

    def execute(self, query: str, params: Sequence[Any] | None = None) -> Any: ...
    def close(self) -> None: ...


class SQLStore:
    """Shared implementation of :class:`parley.store.base.Store`; back ends set ``path`` and
    ``con`` and implement ``_bulk_insert``."""

    path: str
    con: Connection

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    def _bulk_insert(self, table: str, rows: Sequence[tuple[str | None, ...]]) -> None:
        """Many rows of text columns at once (the knowledge base's actors): each back end's bulk path."""
        raise NotImplementedError

    # ---- writing ------------------------------------------------------------------
    def sync_actors(self, kb: ActorKB) -> None:
        """Copy the knowledge base's actors into the store (skipped when unchanged)."""
        # A digest that is the same in every process (str hashes are salted per process).
        digest = hashlib.sha256("\n".join(sorted(kb.actors)).encode("utf-8")).hexdigest()[:16]
        signature = f"{len(kb.actors)}:{digest}:{','.join(kb.sources)}"
        row = self.con.execute("SELECT value FROM meta WHERE key = 'kb_signature'").fetchone()
        if row and row[0] == signature:
            return
        staged = self._stage_cached_actors(kb, signature)
        rows = None if staged else _actor_rows(kb)
        with self.transaction():
            self.con.execute("DELETE FROM actors")
            if staged:
                self.con.execute(f"INSERT INTO actors SELECT * FROM {staged}")
            else:
                self._bulk_insert("actors", rows or [])
            self.con.execute(
                "INSERT INTO meta VALUES ('kb_signature', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [signature],
            )
        self._after_actor_sync(kb, signature, staged)

    def _stage_cached_actors(self, kb: ActorKB, signature: str) -> str | None:
        """A table holding the actor rows of this knowledge base, read from a cache before the sync's
        transaction; None to make the rows (the default)."""
        return None

    def _after_actor_sync(self, kb: ActorKB, signature: str, staged: str | None) -> None:
        """After the actors are synced: drop the staged table, or cache the rows made (back ends that can)."""

    def remember_raw(self, raw_sha256: str, doc_id: str, origin: str) -> None:
        """Note that these raw bytes gave this document (so the same bytes are skipped unread next time)."""
        self.con.execute("INSERT INTO raw_inputs VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [raw_sha256, doc_id, origin])

    def has_raw(self, raw_sha256: str) -> bool:
        return self.con.execute("SELECT 1 FROM raw_inputs WHERE raw_sha256 = ?", [raw_sha256]).fetchone() is not None

    def has_document(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone() is not None

    def save(self, coded: CodedDocument) -> bool:
        """Store a coded document atomically. False if its content was already stored."""
        d = coded.document
        onto = load_ontology()
        with self.transaction():
            self.remember_raw(d.raw_sha256, d.doc_id, d.origin)
            if self.has_document(d.doc_id):
                return False
            self.con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    d.doc_id,
                    d.raw_sha256,
                    d.origin,
                    d.url,
                    d.outlet,
                    d.title,
                    d.subtitle,
                    d.byline,
                    d.dateline,
                    d.published,
                    d.published_basis,
                    d.body,
                    list(d.removed_lines),
                    dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    __version__,
                ],
            )
            self._insert("sentences", [(d.doc_id, s.idx, s.start, s.end, s.text) for s in coded.sentences])
            self._insert(
                "mentions",
                [(d.doc_id, m.sent_idx, m.start, m.end, m.text, m.actor_id, m.how) for m in coded.mentions],
            )
            self._insert(
                "time_refs",
                [
                    (d.doc_id, t.sent_idx, t.start, t.end, t.text, t.value, t.value_end, t.precision, t.basis)
                    for t in coded.time_refs
                ],
            )
            self._insert(
                "events",
                [
                    (
                        e.event_id,
                        e.doc_id,
                        e.sent_idx,
                        e.type,
                        e.source,
                        e.target,
                        e.source_agent,
                        e.target_agent,
                        e.source_text,
                        e.target_text,
                        e.mode,
                        e.negated,
                        e.modality,
                        e.date,
                        e.date_end,
                        e.date_text,
                        e.date_basis,
                        e.trigger,
                        e.start,
                        e.end,
                        e.trigger_start,
                        e.trigger_end,
                        e.sentence,
                        e.quote,
                        e.speaker,
                        list(e.chain),
                        list(e.issues),
                        onto.intensity(e.type),
                        e.cameo,
                        e.source_sector,
                        e.target_sector,
                        list(e.implicit),
                        e.confidence,
                    )
                    for e in _unique(coded.events, "event_id")
                ],
            )
            self._insert(
                "proposals",
                [
                    (
                        p.proposal_id,
                        p.doc_id,
                        p.sent_idx,
                        p.kind,
                        p.holder,
                        p.holder_agent,
                        p.addressee,
                        p.first,
                        p.then,
                        p.first_text,
                        p.then_text,
                        p.cue,
                        p.start,
                        p.end,
                        p.sentence,
                    )
                    for p in _unique(coded.proposals, "proposal_id")
                ],
            )
            self._insert(
                "quotes",
                [
                    (
                        q.quote_id,
                        q.doc_id,
                        q.sent_idx,
                        q.text,
                        q.start,
                        q.end,
                        q.speaker,
                        list(q.chain),
                        q.sentence,
                        q.speaker_text,
                    )
                    for q in _unique(coded.quotes, "quote_id")
                ],
            )
        return True

    def _insert(self, table: str, rows: Sequence[tuple[Any, ...]], chunk: int = 200) -> None:
        """Multi-row INSERTs: an order of magnitude faster than executemany on DuckDB (one statement per chunk)."""
        if not rows:
            return
        marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            self.con.execute(
                f"INSERT INTO {table} VALUES " + ", ".join([marks] * len(part)), [v for row in part for v in row]
            )

    # ---- reading ------------------------------------------------------------------
    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cur = self.con.execute(sql, list(params))
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def _event_query(self, flt: EventFilter) -> tuple[str, list[Any]]:
        """FROM/WHERE of an event search, and its parameters."""
        where: list[str] = []
        params: list[Any] = []
        if flt.actor:
            where.append("(e.source = ? OR e.target = ? OR e.source_agent = ? OR e.target_agent = ?)")
            params += [flt.actor] * 4
        if flt.type:
            where.append("e.type = ?")
            params.append(flt.type.upper())
        if flt.doc_id:
            where.append("e.doc_id = ?")
            params.append(flt.doc_id)
        if flt.text:
            # The user's % and _ are literal characters, not wildcards (DuckDB has no default escape).
            where.append("e.sentence ILIKE ? ESCAPE '\\'")
            literal = flt.text.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
            params.append("%" + literal + "%")
        if flt.min_confidence is not None:
            where.append("e.confidence >= ?")  # events stored before confidences existed have none
            params.append(flt.min_confidence)
        if flt.since:
            where.append(f"{_WHEN} >= ?")
            params.append(flt.since)
        if flt.until:
            where.append(f"{_WHEN} <= ?")
            params.append(flt.until)
        return " FROM events e JOIN documents d USING (doc_id)" + (
            " WHERE " + " AND ".join(where) if where else ""
        ), params

    def events(self, flt: EventFilter | None = None) -> list[Row]:
        flt = flt or EventFilter()
        body, params = self._event_query(flt)
        sql = (
            "SELECT e.*, d.title AS doc_title, d.published AS doc_published"
            + body
            + f" ORDER BY {_WHEN} NULLS LAST, e.doc_id, e.sent_idx, e.trigger_start, e.event_id"
        )
        if flt.limit:
            sql += " LIMIT ?"
            params.append(flt.limit)
        if flt.offset:
            sql += " OFFSET ?"
            params.append(flt.offset)
        return self._dicts(sql, params)

    def count_events(self, flt: EventFilter | None = None) -> int:
        """How many events match, regardless of the filter's limit and offset (for paging)."""
        body, params = self._event_query(flt or EventFilter())
        row = self.con.execute("SELECT count(*)" + body, params).fetchone()
        return int(row[0]) if row else 0

    def event_columns(self) -> list[str]:
        """The columns of ``events()`` rows, for exports with no row to take them from."""
        cur = self.con.execute(
            "SELECT e.*, d.title AS doc_title, d.published AS doc_published FROM events e "
            "JOIN documents d USING (doc_id) LIMIT 0"
        )
        return [c[0] for c in cur.description]

    def documents(self) -> list[Row]:
        return self._dicts(
            "SELECT d.doc_id, d.title, d.published, d.origin, d.outlet, "
            "(SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events "
            "FROM documents d ORDER BY d.ingested_at"
        )

    def documents_full(self) -> list[Row]:
        return self._dicts("SELECT * FROM documents ORDER BY ingested_at")

    def mentions(self, doc_id: str | None = None) -> list[Row]:
        sql = (
            "SELECT m.*, s.text AS sentence FROM mentions m "
            "LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sent_idx"
        )
        if doc_id:
            return self._dicts(sql + " WHERE m.doc_id = ? ORDER BY m.start_char", [doc_id])
        return self._dicts(sql + " ORDER BY m.doc_id, m.start_char")

    def document(self, doc_id: str) -> Row | None:
        rows = self._dicts("SELECT * FROM documents WHERE doc_id = ? OR doc_id LIKE ?", [doc_id, doc_id + "%"])
        return rows[0] if len(rows) == 1 else None

    def proposals(self, doc_id: str | None = None) -> list[Row]:
        if doc_id:
            return self._dicts("SELECT * FROM proposals WHERE doc_id = ? ORDER BY sent_idx", [doc_id])
        return self._dicts("SELECT * FROM proposals ORDER BY doc_id, sent_idx")

    def quotes(self, doc_id: str | None = None) -> list[Row]:
        if doc_id:
            return self._dicts("SELECT * FROM quotes WHERE doc_id = ? ORDER BY start_char", [doc_id])
        return self._dicts("SELECT * FROM quotes ORDER BY doc_id, start_char")

    def actors(self, only_mentioned: bool = True) -> list[Row]:
        if not only_mentioned:
            return self._dicts("SELECT * FROM actors ORDER BY actor_id")
        return self._dicts(
            "WITH used AS ("
            " SELECT source AS id FROM events UNION ALL SELECT target FROM events"
            " UNION ALL SELECT source_agent FROM events UNION ALL SELECT target_agent FROM events"
            " UNION ALL SELECT actor_id FROM mentions)"
            " SELECT u.id AS actor_id, a.name, a.kind, a.country, a.roles,"
            " (SELECT count(*) FROM mentions m WHERE m.actor_id = u.id) AS mentions,"
            " (SELECT count(*) FROM events e WHERE e.source = u.id OR e.source_agent = u.id) AS as_source,"
            " (SELECT count(*) FROM events e WHERE e.target = u.id OR e.target_agent = u.id) AS as_target"
            " FROM (SELECT DISTINCT id FROM used WHERE id IS NOT NULL) u LEFT JOIN actors a ON a.actor_id = u.id"
            " ORDER BY 7 DESC, 8 DESC, 6 DESC, 1"
        )

    def watch_state(self, source: str) -> tuple[int, str | None]:
        row = self.con.execute("SELECT position, signature FROM watch_state WHERE source = ?", [source]).fetchone()
        return (int(row[0]), row[1]) if row else (0, None)

    def set_watch_state(self, source: str, position: int, signature: str | None) -> None:
        self.con.execute(
            "INSERT INTO watch_state VALUES (?, ?, ?) ON CONFLICT (source) DO UPDATE "
            "SET position = excluded.position, signature = excluded.signature",
            [source, position, signature],
        )

    def schema_version(self) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return str(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "sentences", "mentions", "events", "proposals", "quotes"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out


def _actor_rows(kb: ActorKB) -> list[tuple[str | None, ...]]:
    """The actors table's rows: id, name, kind, country, parent and the dated roles as JSON."""
    with paused_gc():
        return [
            (
                a.id,
                a.name,
                a.kind,
                a.country,
                a.parent,
                json.dumps(
                    [
                        {
                            "title": r.title,
                            "of": r.of,
                            "start": r.start and r.start.isoformat(),
                            "end": r.end and r.end.isoformat(),
                        }
                        for r in a.roles
                    ]
                )
                if a.roles
                else "[]",
            )
            for a in kb.actors.values()
        ]


def _unique(items: Sequence[Any], key: str) -> list[Any]:
    seen: set[str] = set()
    out = []
    for item in items:
        k = getattr(item, key)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out
