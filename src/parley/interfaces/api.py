"""The web API (FastAPI, OpenAPI at /docs) and the dashboard page at /.

Read-only by default: every request opens the store read-only. The one write
endpoint (POST /api/documents) exists only when the server was given a token,
and then needs ``Authorization: Bearer <token>``. Every query is
parameterised, request bodies are capped at 2 MB and results at 1,000 rows.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parley import __version__
from parley.analysis.dyads import date_label
from parley.analysis.overview import build_overview
from parley.interfaces.charts import dyad_png, timeline_png
from parley.kb.actors import ActorKB, load_kb
from parley.kb.ontology import PLOVER_TYPES
from parley.models import RawDocument
from parley.store import open_store
from parley.store.base import EventFilter, Store, StoreError

MAX_ROWS = 1000
MAX_BODY_BYTES = 2 * 1024 * 1024


class NewDocument(BaseModel):
    """A document to ingest: plain text or HTML, with optional metadata."""

    text: str | None = Field(None, max_length=MAX_BODY_BYTES)
    html: str | None = Field(None, max_length=MAX_BODY_BYTES)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    published: dt.date | None = None


def _watch_in_server(store_path: str, paths: list[str], kb: ActorKB, interval: float, stop: threading.Event) -> None:
    from parley.ingest.watch import watch

    with open_store(store_path) as st:
        st.sync_actors(kb)
        watch(paths, st, kb, interval, stop=stop)


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes (413), counted as they arrive: a declared
    Content-Length is checked first, and chunked bodies (no length) are cut off at the limit instead
    of being buffered whole."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            refusal = JSONResponse({"detail": f"request body over {self.limit} bytes"}, status_code=413)
            await refusal(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise HTTPException(413, f"request body over {self.limit} bytes")
            return message

        await self.app(scope, counted, send)


def get_store(request: Request) -> Iterator[Store]:
    """A connection per request (DuckDB connections are not shared across threads): read-only, unless
    the server writes too (a token, or the watcher of ``serve --watch``, which needs one configuration
    for every connection of the process). A store another process holds is 503 with the reason."""
    state = request.app.state
    try:
        st = open_store(state.store_path, read_only=state.token is None and not state.watching)
    except StoreError as exc:
        raise HTTPException(503, f"the store is busy or unavailable: {exc}") from exc
    try:
        yield st
    finally:
        st.close()


StoreDep = Annotated[Store, Depends(get_store)]


def create_app(
    store_path: str,
    actor_files: list[str] | None = None,
    token: str | None = None,
    watch_paths: list[str] | None = None,
    interval: float = 2.0,
) -> FastAPI:
    """The API over one store. With ``token`` (or PARLEY_API_TOKEN), POST /api/documents is enabled.
    With ``watch_paths``, a thread of the server ingests what appears there (a live dashboard over a
    growing feed on the embedded store: one process, so DuckDB's single-writer lock is not in the way)."""
    kb: ActorKB = load_kb(actor_files or [])
    token = token or os.environ.get("PARLEY_API_TOKEN") or None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        thread = None
        if watch_paths:
            thread = threading.Thread(
                target=_watch_in_server, args=(store_path, watch_paths, kb, interval, stop), daemon=True
            )
            thread.start()
        yield
        stop.set()
        if thread is not None:
            thread.join(timeout=30)

    app = FastAPI(
        title="parley",
        version=__version__,
        description="Evidence-linked PLOVER events, proposals and quotes from news about diplomacy and conflict. "
        "Read-only.",
        lifespan=lifespan,
    )

    app.state.store_path = store_path
    app.state.token = token
    app.state.watching = bool(watch_paths)

    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    # One writer at a time: two requests posting the same document must not race in the store.
    write_lock = threading.Lock()

    def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
        if token is None:
            raise HTTPException(403, "this server is read-only (start it with --token to accept documents)")
        # Compared as bytes: a header with non-ASCII characters is a wrong token, not a server error.
        given = (authorization or "").encode("latin-1", errors="replace")
        if authorization is None or not hmac.compare_digest(given, f"Bearer {token}".encode()):
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})

    @app.post(
        "/api/documents",
        status_code=201,
        summary="Ingest one document (needs the server's token)",
        dependencies=[Depends(require_token)],
    )
    def add_document(st: StoreDep, doc: NewDocument) -> dict[str, Any]:
        from parley.pipeline import ingest_documents

        content = doc.html or doc.text
        if not content or not content.strip():
            raise HTTPException(422, "give a non-empty 'text' or 'html'")
        raw = RawDocument("api", content, "html" if doc.html else "text", doc.url, doc.published, doc.title)
        with write_lock:
            report = ingest_documents([raw], st, kb)
        if report.problems:
            raise HTTPException(422, report.problems[0].message)
        return {"stored": report.stored, "unchanged": bool(report.unchanged)}

    def name(actor: str | None) -> str | None:
        return kb.name(actor) if actor else None

    def label(agent: str | None) -> str | None:
        if not agent:
            return None
        if ":" in agent:
            return agent.split(":", 1)[1].replace("_", " ")
        return kb.name(agent)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard() -> str:
        return (resources.files("parley.interfaces") / "dashboard.html").read_text(encoding="utf-8")

    @app.get(
        "/api/events",
        summary="Search events, a page at a time (the X-Total-Count header says how many match)",
    )
    def events(
        st: StoreDep,
        response: Response,
        actor: Annotated[str | None, Query(max_length=100, description="actor id, source or target")] = None,
        type: Annotated[str | None, Query(max_length=20, description="PLOVER type")] = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        q: Annotated[str | None, Query(max_length=200, description="words in the evidence sentence")] = None,
        doc: Annotated[str | None, Query(max_length=64)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = 200,
        offset: Annotated[int, Query(ge=0, description="matching events to skip (paging)")] = 0,
        min_confidence: Annotated[
            float | None, Query(ge=0, le=1, description="only events the coder is at least this sure of")
        ] = None,
    ) -> list[dict[str, Any]]:
        if type and type.upper() not in PLOVER_TYPES:
            raise HTTPException(422, f"type must be one of {', '.join(PLOVER_TYPES)}")
        if actor:
            # Names work as well as ids: "North Korea", "Pyongyang", "PRK".
            actor_id, candidates = kb.actor_id(actor)
            if actor_id is None:
                hint = f"; did you mean {', '.join(a.id for a in candidates[:8])}?" if candidates else ""
                raise HTTPException(422, f"unknown actor {actor!r}{hint}")
            actor = actor_id
        flt = EventFilter(actor, type, since, until, doc, limit, q, offset=offset, min_confidence=min_confidence)
        rows = st.events(flt)
        response.headers["X-Total-Count"] = str(st.count_events(flt))
        referred = overview(st).referred_ids()
        for r in rows:
            r["source_name"], r["target_name"] = name(r["source"]), name(r["target"])
            r["source_agent_name"], r["target_agent_name"] = label(r["source_agent"]), label(r["target_agent"])
            # Dated over a year before its article: history it recalls (not in the dyads or stances).
            r["timeframe"] = "referred_to" if r["event_id"] in referred else "reported"
            r["date_label"] = date_label(r)  # at the precision the text gave: "1953", "2019-11"
        return rows

    @app.get("/api/documents", summary="List documents")
    def documents(st: StoreDep, limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = 200) -> list[dict[str, Any]]:
        return st.documents()[:limit]

    @app.get("/api/documents/{doc_id}", summary="One document with its events, proposals and quotes")
    def document(
        st: StoreDep, doc_id: Annotated[str, Path(min_length=4, max_length=64, pattern="^[0-9a-f]+$")]
    ) -> dict[str, Any]:
        found = st.document(doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id}")
        full_id = found["doc_id"]
        return {
            "document": found,
            "events": st.events(EventFilter(doc_id=full_id)),
            "proposals": st.proposals(full_id),
            "quotes": st.quotes(full_id),
        }

    # Analysis is computed once per store change, not per request: the store only grows (re-ingesting
    # changes nothing), so its row counts tell whether anything changed since the last overview.
    overviews: dict[tuple[Any, ...], Any] = {}
    overview_lock = threading.Lock()

    def overview(st: Store, period: str = "month") -> Any:
        key = (tuple(sorted(st.counts().items())), period)
        with overview_lock:
            if key not in overviews:
                if len(overviews) > 8:
                    overviews.clear()
                overviews[key] = build_overview(st, kb, period)
            return overviews[key]

    @app.get("/api/actors", summary="Actors in the store with counts")
    def actors(st: StoreDep) -> list[dict[str, Any]]:
        return st.actors()[:MAX_ROWS]

    @app.get("/api/dyads", summary="Cooperation/conflict score per pair and period")
    def dyads(
        st: StoreDep, period: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month"
    ) -> dict[str, Any]:
        ov = overview(st, period)
        return {
            "periods": ov.dyad_rows()[:MAX_ROWS],
            "turning_points": [asdict(t) for t in ov.turning_points],
            # Events between two actors not in the periods, by reason (referred_to, undated, coarser).
            "left_out": ov.dyads_left_out,
        }

    @app.get("/api/stances", summary="Latest position of each actor on each issue")
    def stances(st: StoreDep) -> list[dict[str, Any]]:
        ov = overview(st)
        return [
            {
                "actor": s.actor,
                "issue": s.issue,
                "position": s.latest.position,
                "changed": s.changed,
                "history": [asdict(p) for p in s.history],
            }
            for s in ov.stances
        ][:MAX_ROWS]

    @app.get("/api/checks", summary="Sequencing disputes and consistency findings")
    def checks(st: StoreDep) -> dict[str, Any]:
        ov = overview(st)
        return {
            "sequencing": [{"a": asdict(c.a), "b": asdict(c.b)} for c in ov.sequencing],
            "findings": [asdict(f) for f in ov.findings],
            "stories": ov.stories,
        }

    @app.get("/api/charts/dyads.png", summary="Dyad chart", response_class=Response)
    def dyad_chart(st: StoreDep) -> Response:
        ov = overview(st)
        return Response(dyad_png(ov.dyads, kb, left_out=ov.dyads_left_out, period=ov.period), media_type="image/png")

    @app.get("/api/charts/timeline.png", summary="Timeline chart", response_class=Response)
    def timeline_chart(st: StoreDep) -> Response:
        return Response(timeline_png(overview(st).story_events()), media_type="image/png")

    return app
