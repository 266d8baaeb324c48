"""The ``parley`` command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from parley import __version__
from parley.analysis.dyads import date_label
from parley.analysis.sequencing import conflicts
from parley.cache import keep_for_life
from parley.kb.actors import ActorKB, KnowledgeBaseError, load_kb
from parley.kb.issues import issue_label
from parley.store import DEFAULT_STORE, open_store
from parley.store.base import EventFilter, Store, StoreError

app = typer.Typer(
    help="parley: news about diplomacy and conflict in, evidence-linked PLOVER events out.\n\n"
    "Typical use: `parley ingest articles/` then `parley summary`, `parley events --actor 'North Korea'`, "
    "`parley show DOC_ID`.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",  # reflows the docstrings' paragraphs to the terminal's width
)
out = Console()
err = Console(stderr=True, soft_wrap=True)


@contextmanager
def _fails_as_usage(*errors: type[Exception]) -> Iterator[None]:
    """A failure the user can mend (a bad file, a missing store): its message, exit status 2, no traceback."""
    try:
        yield
    except errors as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


StoreOpt = Annotated[
    str,
    typer.Option(
        "--store", "-s", help="Store: DuckDB file, duckdb:///path or postgresql://user:pass@host/db. Env: PARLEY_STORE."
    ),
]
ActorsOpt = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actor YAML file(s) extending the knowledge base. Env: PARLEY_ACTORS."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (one array) instead of a table.")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV (opens in pandas or a spreadsheet).")]
ParquetOpt = Annotated[
    Path | None, typer.Option("--parquet", help="Write the rows to this Parquet file (for pandas, DuckDB, Spark).")
]


def _version(value: bool) -> None:
    if value:
        out.print(f"parley {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """parley command line."""


def _kb(actors: list[Path] | None) -> ActorKB:
    with _fails_as_usage(KnowledgeBaseError):
        kb = load_kb(actors or [])
    keep_for_life()  # a command keeps its knowledge base until it exits
    return kb


def _open(store: str, read_only: bool = False) -> Store:
    if read_only and store != ":memory:" and "://" not in store and not Path(store).exists():
        where = _shown(store)
        err.print(f"[red]error:[/red] no store at {where}; run `parley ingest PATH --store {where}` first")
        raise typer.Exit(2)
    with _fails_as_usage(StoreError):
        return open_store(store, read_only=read_only)


def _shown(store: str) -> str:
    """A store location fit to print: a server URL's password is never shown."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", store)


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {name} must be a date like 2025-07-28, got {value!r}")
        raise typer.Exit(2) from exc


def _emit(rows: list[dict[str, Any]], columns: list[str], as_json: bool, as_csv: bool, title: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(rows, default=_jsonable, ensure_ascii=False, indent=2) + "\n")
        return
    if as_csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0].keys()) if rows else columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
        sys.stdout.write(buf.getvalue())
        return
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    out.print(table)
    if not rows:
        out.print("[dim](nothing matched)[/dim]")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " > ".join(str(v) for v in value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _actor_id(kb: ActorKB, text: str | None) -> str | None:
    """Accept an id ("PRK") or a name ("North Korea", "Pyongyang")."""
    if text is None:
        return None
    actor_id, found = kb.actor_id(text)
    if actor_id is not None:
        return actor_id
    err.print(
        f"[red]error:[/red] unknown actor {text!r}"
        + (f"; did you mean {', '.join(a.id for a in found[:8])}?" if found else "")
    )
    raise typer.Exit(2)


# --------------------------------------------------------------------------- ingest
def _jobs(asked: int | None) -> int:
    """Processes to code in: as asked, else the CPUs (at most 4); 1 where processes cannot be forked."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if asked is not None:
        if asked < 1:
            err.print(f"[red]error:[/red] --jobs must be at least 1, not {asked}")
            raise typer.Exit(2)
        return asked
    return max(1, min(4, os.cpu_count() or 1))


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin (text, HTML or JSONL).")],
    store: StoreOpt = DEFAULT_STORE,
    actors: ActorsOpt = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")
    ] = None,
    max_mb: Annotated[float, typer.Option(help="Largest single document accepted, in MB.")] = 50.0,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Code in N processes forked from this one (default: the CPUs, at most 4; 1: no process; "
            "an input of one window of 16 documents is always coded here).",
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Code in N parallel worker processes (a local Dask cluster).")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (tcp://host:8786) of a running cluster.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Read articles, remove page furniture, code events, and store them (idempotent).

    JSONL lines may carry `text` or `html`, plus `url`, `published`, `title`, `outlet`.
    Bad inputs are reported by name (and line) and skipped; nothing stored is touched. Exit code 0:
    every input stored (or already there); 2: some inputs skipped; 1: nothing stored.
    """
    from parley.ingest.sources import expand_paths
    from parley.pipeline import ingest_paths

    kb = _kb(actors)
    pub = _date(published, "--published")
    total = sum(1 for _ in expand_paths(paths))
    with _open(store) as st:
        progress = Progress(
            TextColumn("[bold]ingest[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}"),
            console=err,
            disable=quiet or total < 2,
            transient=False,
        )
        with progress:
            task = progress.add_task("ingest", total=total or None, current="")

            def tick(origin: str, status: str) -> None:
                if ":" not in origin.rsplit("/", 1)[-1]:  # JSONL lines share one file's tick
                    progress.update(task, advance=1, current=Path(origin).name[:40])

            if workers or scheduler:
                from parley.distributed import ingest_distributed, make_client
                from parley.ingest.sources import iter_inputs

                client = make_client(workers, scheduler)
                try:
                    report = ingest_distributed(
                        iter_inputs(paths, int(max_mb * 1_000_000)),
                        st,
                        kb,
                        client,
                        tuple(str(a) for a in actors or []),
                        pub,
                        tick,
                    )
                finally:
                    client.close()  # type: ignore[attr-defined]
            else:
                report = ingest_paths(paths, st, kb, pub, int(max_mb * 1_000_000), tick, jobs=_jobs(jobs))
        for problem in report.problems:
            err.print(f"[yellow]{problem.severity}[/yellow] {problem.origin}: {problem.message}")
        if not quiet:
            counts = st.counts()
            out.print(
                f"[green]{len(report.stored)} stored[/green], {len(report.unchanged)} already in the store, "
                f"{len(report.problems)} with problems. Store {_shown(store)}: {counts['documents']} documents, "
                f"{counts['events']} events, {counts['proposals']} proposals, {counts['quotes']} quotes."
            )
    skipped = [p for p in report.problems if p.severity == "skipped"]
    if skipped:
        # Some inputs were not stored: the exit code says so (1: nothing stored, 2: some stored).
        raise typer.Exit(1 if not report.stored and not report.unchanged else 2)


@app.command()
def watch(
    paths: Annotated[list[str], typer.Argument(help="Folders and/or JSONL feeds to keep ingesting.")],
    store: StoreOpt = DEFAULT_STORE,
    interval: Annotated[float, typer.Option(help="Seconds between polls.")] = 2.0,
    once: Annotated[bool, typer.Option("--once", help="One pass over what is new, then exit.")] = False,
    published: Annotated[str | None, typer.Option(help="Publication date for inputs that carry none.")] = None,
    actors: ActorsOpt = None,
) -> None:
    """Ingest new files and new JSONL lines as they appear; safe to kill and restart (no loss, no duplicates)."""
    from parley.ingest.watch import watch as run_watch

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        err.print(f"[red]error:[/red] {missing[0]}: no such file or folder (nothing to watch)")
        raise typer.Exit(2)
    kb = _kb(actors)
    pub = _date(published, "--published")

    def item(origin: str, status: str) -> None:
        if status == "stored":
            print(f"stored {origin}", flush=True)

    def poll(report: Any) -> None:
        for problem in report.problems:
            err.print(f"[yellow]{problem.severity}[/yellow] {problem.origin}: {problem.message}")

    with _open(store) as st:
        st.sync_actors(kb)
        try:
            run_watch(paths, st, kb, interval, once, pub, item, poll)
        except KeyboardInterrupt:
            err.print("stopped; the next `parley watch` resumes where this one left off")


# --------------------------------------------------------------------------- reading
@app.command()
def events(
    store: StoreOpt = DEFAULT_STORE,
    actor: Annotated[
        str | None, typer.Option("--actor", "-a", help="Actor id or name (source, target or agent).")
    ] = None,
    type: Annotated[str | None, typer.Option("--type", "-t", help="PLOVER type, e.g. REJECT.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document id.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Only events the coder is at least this sure of (its learned confidence, 0-1; "
            "higher: fewer events, more of them right).",
        ),
    ] = None,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    parquet: ParquetOpt = None,
) -> None:
    """List coded events: who did what to whom, when, with the supporting sentence and the coder's confidence."""
    kb = _kb(actors)
    if type and type.upper() not in {
        t for t in __import__("parley.kb.ontology", fromlist=["PLOVER_TYPES"]).PLOVER_TYPES
    }:
        err.print(f"[red]error:[/red] {type!r} is not a PLOVER type")
        raise typer.Exit(2)
    flt = EventFilter(
        _actor_id(kb, actor), type, _date(since, "--since"), _date(until, "--until"), doc, limit,
        min_confidence=min_confidence,
    )  # fmt: skip
    with _open(store, read_only=True) as st:
        rows = st.events(flt)
        columns = st.event_columns() + ["source_name", "target_name"]
    for row in rows:
        row["source_name"], row["target_name"] = kb.name(row["source"]), kb.name(row["target"])
    if parquet is not None:
        from parley.store.base import write_parquet

        err.print(f"{write_parquet(rows, parquet)} events written to {parquet}")
        return
    if as_json or as_csv:
        _emit(rows, columns, as_json, as_csv, "events")  # a CSV has its header even with no row
        return
    table_rows = [
        {
            "date": date_label(r) or (f"({r['date_text']}?)" if r["date_text"] else ""),
            "type": _etype(r),
            "source": _who(kb, r["source"], r["source_agent"], r["date"] or r["doc_published"], r["source_text"]),
            "target": _who(kb, r["target"], r["target_agent"], r["date"]),
            "evidence": r["sentence"][:160] + ("…" if len(r["sentence"]) > 160 else ""),
            "conf": "" if r.get("confidence") is None else f"{r['confidence']:.2f}",
            "doc": r["doc_id"][:8],
        }
        for r in rows
    ]
    columns = ["date", "type", "source", "target", "evidence", "conf", "doc"]
    _emit(table_rows, columns, False, False, f"{len(rows)} events")


def _etype(e: dict[str, Any]) -> str:
    text = ("NOT " if e["negated"] else "") + e["type"] + (f"/{e['mode']}" if e.get("mode") else "")
    text += f" [{e['cameo']}]" if e.get("cameo") else ""
    return text + (f" ({e['modality']})" if e.get("modality") not in (None, "asserted") else "")


def _who(kb: ActorKB, principal: str | None, agent: str | None, day: Any = None, text: str | None = None) -> str:
    if principal is None:
        return f"[{text}]" if text else ""
    text = kb.name(principal)
    if agent:
        if ":" in agent:
            text += f" ({agent.split(':', 1)[1].replace('_', ' ')})"
        else:
            role = kb.role_on(agent, day if isinstance(day, dt.date) else None)
            text += f" ({kb.name(agent)}{', ' + role.title if role else ''})"
    return text


@app.command()
def actors(
    store: StoreOpt = DEFAULT_STORE,
    all_known: Annotated[bool, typer.Option("--all", help="Every actor the knowledge base knows.")] = False,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Actors found in the store (or all known ones), with mention and event counts."""
    kb = _kb(actors)
    with _open(store, read_only=not all_known) as st:
        if all_known:
            st.sync_actors(kb)
        rows = st.actors(only_mentioned=not all_known)
    for row in rows:
        if row.get("name") is None:
            row["name"] = kb.name(row["actor_id"])
    cols = ["actor_id", "name", "kind", "country"] + ([] if all_known else ["mentions", "as_source", "as_target"])
    _emit(rows, cols, as_json, as_csv, f"{len(rows)} actors")


@app.command()
def proposals(
    store: StoreOpt = DEFAULT_STORE,
    doc: Annotated[str | None, typer.Option(help="Only this document id.")] = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Demands, offers and preconditions, and the sequencing disputes between them."""
    with _open(store, read_only=True) as st:
        rows = st.proposals(doc)
    _emit(
        rows,
        ["kind", "holder", "holder_agent", "addressee", "first_issue", "then_issue", "cue", "sentence"],
        as_json,
        as_csv,
        f"{len(rows)} proposals",
    )
    if not (as_json or as_csv):
        for c in conflicts(rows):
            out.print(f"[bold red]sequencing dispute:[/bold red] {c.describe()}")


@app.command()
def quotes(
    store: StoreOpt = DEFAULT_STORE,
    doc: Annotated[str | None, typer.Option(help="Only this document id.")] = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Quoted words with their speaker and chain of attribution (outlet > agency > ... > speaker)."""
    with _open(store, read_only=True) as st:
        rows = st.quotes(doc)
    _emit(rows, ["text", "speaker", "speaker_text", "chain", "doc_id"], as_json, as_csv, f"{len(rows)} quotes")


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (a unique prefix is enough).")],
    store: StoreOpt = DEFAULT_STORE,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The cleaned article with each event's trigger marked and its events listed."""
    kb = _kb(actors)
    with _open(store, read_only=True) as st:
        document = st.document(doc_id)
        if document is None:
            err.print(f"[red]error:[/red] no single document matches {doc_id!r}; see `parley summary`")
            raise typer.Exit(2)
        evs = st.events(EventFilter(doc_id=document["doc_id"]))
        props = st.proposals(document["doc_id"])
        qs = st.quotes(document["doc_id"])
    if as_json:
        payload = {"document": document, "events": evs, "proposals": props, "quotes": qs}
        sys.stdout.write(json.dumps(payload, default=_jsonable, ensure_ascii=False, indent=2) + "\n")
        return
    for field in ("title", "subtitle", "byline", "dateline", "outlet", "url"):
        if document.get(field):
            out.print(f"[bold]{field}:[/bold] {document[field]}")
    out.print(f"[bold]published:[/bold] {document['published'] or 'unknown'} ({document['published_basis']})")
    out.print(f"[bold]id:[/bold] {document['doc_id']}   [bold]from:[/bold] {document['origin']}\n")
    out.print(mark_evidence(document["body"], evs))
    out.print()
    for n, e in enumerate(sorted(evs, key=lambda e: e["trigger_start"]), start=1):
        date = date_label(e) or (f"{e['date_text']} (unresolved)" if e["date_text"] else "date unknown")
        who = _who(kb, e["source"], e["source_agent"], e["date"], e["source_text"])
        out.print(
            f"[bold cyan][{n}][/bold cyan] {_etype(e)} {who} -> "
            f"{_who(kb, e['target'], e['target_agent'], e['date']) or '?'} | {date} | "
            f"chars {e['trigger_start']}-{e['trigger_end']}" + (f" | quote “{e['quote']}”" if e["quote"] else "")
        )
    for p in props:
        out.print(
            f"[bold magenta]{p['kind']}[/bold magenta] {kb.name(p['holder'])}: "
            f"{issue_label(p['first_issue'])} before {issue_label(p['then_issue'])}  [dim]({p['cue']})[/dim]"
        )


def mark_evidence(body: str, evs: list[dict[str, Any]]) -> Text:
    """The body with each event's trigger highlighted and numbered."""
    text = Text(body)
    for n, e in enumerate(sorted(evs, key=lambda e: e["trigger_start"]), start=1):
        text.stylize("bold black on yellow", e["trigger_start"], e["trigger_end"])
        text.stylize("underline", e["start_char"], e["end_char"])
        _ = n
    return text


@app.command()
def summary(
    store: StoreOpt = DEFAULT_STORE,
    actors: ActorsOpt = None,
    show_all: Annotated[bool, typer.Option("--all", help="List every document, event, proposal and quote.")] = False,
    top: Annotated[int, typer.Option(help="Rows per list without --all.")] = 15,
) -> None:
    """A summary of the store: counts, events by type, the busiest dyads, then the latest documents,
    events, proposals and quotes (the first --top of each; --all for every one)."""
    from collections import Counter

    kb = _kb(actors)
    with _open(store, read_only=True) as st:
        docs, evs, props, qs, counts = st.documents(), st.events(), st.proposals(), st.quotes(), st.counts()
    limit = None if show_all else top

    def more(shown: int, total: int, what: str) -> None:
        if total > shown:
            out.print(f"[dim]... {total - shown} more {what} (--all lists them)[/dim]")

    out.rule("[bold]parley summary")
    out.print(
        f"{counts['documents']} documents, {counts['sentences']} sentences, {counts['events']} events, "
        f"{counts['proposals']} proposals, {counts['quotes']} quotes\n"
    )
    by_type = Counter(e["type"] for e in evs)
    table = Table(title="events by type")
    for col in ("type", "events", "negated", "not asserted"):
        table.add_column(col)
    for etype, n in by_type.most_common():
        negated = sum(1 for e in evs if e["type"] == etype and e["negated"])
        hedged = sum(1 for e in evs if e["type"] == etype and (e.get("modality") or "asserted") != "asserted")
        table.add_row(etype, str(n), str(negated), str(hedged))
    out.print(table)
    pairs = Counter(
        (e["source"], e["target"]) for e in evs if e["source"] and e["target"] and e["source"] != e["target"]
    )
    table = Table(title="busiest dyads")
    for col in ("source", "target", "events"):
        table.add_column(col)
    for (src, tgt), n in pairs.most_common(limit):
        table.add_row(kb.name(src), kb.name(tgt), str(n))
    out.print(table)
    more(min(len(pairs), limit or len(pairs)), len(pairs), "dyads")
    shown_docs = sorted(docs, key=lambda d: (d["published"] is not None, d["published"] or dt.date.min), reverse=True)
    table = Table(title="documents (latest first)")
    for col in ("id", "title", "published", "events"):
        table.add_column(col)
    for d in shown_docs[:limit]:
        table.add_row(d["doc_id"][:8], d["title"] or "", _cell(d["published"]) or "unknown", str(d["events"]))
    out.print(table)
    more(len(shown_docs[:limit]), len(docs), "documents")
    table = Table(title="events")
    for col in ("date", "event", "source", "target", "evidence"):
        table.add_column(col, overflow="fold")
    for e in evs[:limit]:
        date = date_label(e) or (f"({e['date_text']}?)" if e["date_text"] else "")
        table.add_row(
            date,
            _etype(e),
            _who(kb, e["source"], e["source_agent"], e["date"], e["source_text"]),
            _who(kb, e["target"], e["target_agent"], e["date"], e["target_text"]),
            e["sentence"][:110] + ("…" if len(e["sentence"]) > 110 else ""),
        )
    out.print(table)
    more(len(evs[:limit]), len(evs), "events")
    if props:
        out.print("[bold]demands, offers and preconditions[/bold]")
        for p in props[:limit]:
            who = kb.name(p["holder"]) if p["holder"] else "(unattributed)"
            if p["kind"] == "demand":
                whom = f" of {kb.name(p['addressee'])}" if p.get("addressee") else ""
                line = f"demands{whom}: {p['first_text'][:100]}"
            elif p["kind"] == "unconditional":
                line = f"{issue_label(p['then_issue'])} without preconditions"
            elif p["kind"] == "conditional_offer":
                line = f"{p['then_text'] or issue_label(p['then_issue'])} if {p['first_text'][:80]}"
            else:
                line = f"{p['first_text'][:80] or issue_label(p['first_issue'])} before {p['then_text'] or ''}"
            out.print(f"  {who}: {line}")
        more(len(props[:limit]), len(props), "proposals")
        for c in conflicts(props):
            out.print(f"[bold red]  sequencing dispute:[/bold red] {c.describe()}")
    if qs:
        out.print("\n[bold]quotes[/bold]")
        for q in qs[:limit]:
            chain = " > ".join(kb.label(c) for c in q["chain"])
            who = kb.label(q["speaker"])
            if q.get("speaker_text") and q["speaker_text"] != who:
                who = f"{q['speaker_text']} ({who})" if q["speaker"] else q["speaker_text"]
            out.print(f"  “{q['text']}” — {who}  [dim]({chain})[/dim]")
        more(len(qs[:limit]), len(qs), "quotes")


def _overview(store: str, actors: list[Path] | None, period: str = "month") -> tuple[ActorKB, Any]:
    from parley.analysis.overview import build_overview

    if period not in ("day", "week", "month", "year"):
        err.print(f"[red]error:[/red] --period must be day, week, month or year, not {period!r}")
        raise typer.Exit(2)
    kb = _kb(actors)
    with _open(store, read_only=True) as st:
        return kb, build_overview(st, kb, period)


@app.command()
def dyads(
    store: StoreOpt = DEFAULT_STORE,
    period: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Cooperation/conflict score per pair of actors and period, with phases and turning points."""
    kb, ov = _overview(store, actors, period)
    rows = ov.dyad_rows()
    for row in rows:
        row["source_name"], row["target_name"] = kb.name(row["source"]), kb.name(row["target"])
    _emit(
        rows,
        ["source_name", "target_name", "period", "events", "score", "mean", "phase"],
        as_json,
        as_csv,
        f"dyads per {period}",
    )
    if not (as_json or as_csv):
        from parley.interfaces.charts import dyad_notes

        for note in dyad_notes(ov.dyads, ov.dyads_left_out, period):
            out.print(f"[dim]{note}[/dim]")
        for tp in ov.turning_points:
            out.print(
                f"[bold]turning point[/bold] {kb.name(tp.source)} → {kb.name(tp.target)} {tp.period}: "
                f"{tp.before} → {tp.after}"
            )


@app.command()
def stances(
    store: StoreOpt = DEFAULT_STORE,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Each actor's latest stated position on each issue, and whether it changed."""
    kb, ov = _overview(store, actors)
    rows = [
        {
            "actor": s.actor,
            "actor_name": kb.name(s.actor),
            "issue": s.issue,
            "position": s.latest.position,
            "changed": s.changed,
            "history": [p.position for p in s.history],
            "evidence": s.latest.sentence,
            "doc_id": s.latest.doc_id,
        }
        for s in ov.stances
    ]
    _emit(rows, ["actor_name", "issue", "position", "changed", "evidence"], as_json, as_csv, "stances")


@app.command()
def checks(
    store: StoreOpt = DEFAULT_STORE,
    actors: ActorsOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Contradictions and suspicious records (roles out of dates, conflicting attributions, obsolete names,
    republished stories), sequencing disputes and near-duplicate story groups."""
    kb, ov = _overview(store, actors)
    rows: list[dict[str, Any]] = [
        {"check": f.check, "confidence": f.confidence, "message": f.message, "doc_id": f.doc_id, "sentence": f.sentence}
        for f in sorted(ov.findings, key=lambda f: -f.confidence)
    ]
    rows += [
        {
            "check": "sequencing_dispute",
            "confidence": None,
            "message": c.describe(),
            "doc_id": "",
            "sentence": c.a.sentence,
        }
        for c in ov.sequencing
    ]
    rows += [
        {
            "check": "same_story",
            "confidence": None,
            "message": f"{len(g)} copies of one story: {', '.join(x[:8] for x in g)}",
            "doc_id": g[0],
            "sentence": "",
        }
        for g in ov.stories
        if len(g) > 1
    ]
    _emit(rows, ["check", "confidence", "message", "sentence"], as_json, as_csv, f"{len(rows)} findings")


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("parley-report.html"),
    store: StoreOpt = DEFAULT_STORE,
    period: Annotated[str, typer.Option(help="Dyad period: day, week, month or year.")] = "month",
    title: Annotated[str, typer.Option(help="Report title.")] = "parley report",
    actors: ActorsOpt = None,
) -> None:
    """Write a self-contained HTML report: timeline, dyads, stances, disputes, contradictions, sources."""
    from parley.interfaces.report import render_report

    kb, overview = _overview(store, actors, period)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_report(overview, kb, title), encoding="utf-8")
    out.print(f"wrote {output} ({len(overview.events)} events, {len(overview.findings)} findings)")


@app.command()
def serve(
    store: StoreOpt = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(help="Enable POST /api/documents for clients sending this bearer token. Env: PARLEY_API_TOKEN."),
    ] = None,
    actors: ActorsOpt = None,
    watch_paths: Annotated[
        list[str] | None,
        typer.Option(
            "--watch",
            help="Also ingest what appears in this folder or JSONL feed (repeatable): a live "
            "dashboard over a growing feed on one DuckDB store.",
        ),
    ] = None,
    interval: Annotated[float, typer.Option(help="Seconds between polls of --watch paths.")] = 2.0,
) -> None:
    """Start the web dashboard and JSON API (OpenAPI docs at /docs). Read-only unless given a token."""
    import uvicorn

    from parley.interfaces.api import create_app

    missing = [p for p in watch_paths or [] if not Path(p).exists()]
    if missing:
        err.print(f"[red]error:[/red] --watch {missing[0]}: no such file or folder")
        raise typer.Exit(2)
    if "://" not in store and not Path(store).exists() and not watch_paths:
        where = _shown(store)
        err.print(f"[red]error:[/red] no store at {where}; run `parley ingest PATH --store {where}` first")
        raise typer.Exit(2)
    if watch_paths and "://" not in store and not Path(store).exists():
        _open(store).close()  # the watcher fills a new store; the API needs it to exist from the start
    out.print(f"parley dashboard on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    if watch_paths:
        out.print(f"watching {', '.join(watch_paths)} every {interval:g} s")
    app_ = create_app(store, [str(a) for a in actors or []], token, watch_paths, interval)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


@app.command("train")
def train_command(
    out: Annotated[
        Path | None, typer.Option(help="Folder for the model files (default: the package's coding/models).")
    ] = None,
    c: Annotated[float, typer.Option("--c", help="Inverse regularisation strength of the trigger classifier.")] = 1.0,
    seed: Annotated[int, typer.Option(help="Random seed (training is deterministic for a seed).")] = 0,
    spans: Annotated[
        bool, typer.Option("--spans/--no-spans", help="Also train the spaCy trigger spans (spacy train, ~5 min).")
    ] = True,
    as_json: JsonOpt = False,
) -> None:
    """Rebuild the learned components from the repo's annotated data (corpus train split + written sentences).

    Run from the repository root: it reads data/gold/wikinews (train split), data/train/sentences,
    data/train/proposals and ../shared/eval/wikinews/articles.jsonl, and writes the model files into the
    package, so the next `parley ingest` uses them. The condition cues (preconditions, conditional
    offers) are fitted on data/train/proposals and the train articles; the mention sense (whether a
    matched name is an actor or only a place) and the story sense (whether a person or organisation
    no actor matched is an actor mention at all) on the names the coder finds in the train articles; the
    event confidence on the coder's own output over them. Every floor (condition cues, senses,
    confidence) is chosen by cross-validation over the train articles. Dev-split scores are
    printed; the test split is never read.
    """
    from parley.training.train import PACKAGE_MODELS, TrainConfig, train

    err.print("parsing the training sentences and fitting the trigger classifier ...")
    with _fails_as_usage(OSError, ValueError):
        report = train(out=out or PACKAGE_MODELS, config=TrainConfig(c=c, seed=seed, spans=spans))
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    out_console = Console()
    out_console.print(report)


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold file or folder (format picked from its shape, or --format).")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="auto | articles (folder of article annotations, docs/annotation.md) | parley (our JSONL) | "
            "plover (PLOVER GSR JSON) | cameo (PETRARCH/TABARI XML records) | extraction (folder with html/ and "
            "ground-truth.json)",
        ),
    ] = "auto",
    split: Annotated[
        str,
        typer.Option(
            help="train | dev | test | all: the records of one split (a hash of each record's id, "
            "data/splits/splits.json). Report test figures; tune on train and dev only."
        ),
    ] = "all",
    articles: Annotated[
        Path | None,
        typer.Option(
            help="Article texts for --format articles: JSONL with id and text, or a folder of web pages "
            "(ground-truth.json and html/); default: ../shared/eval/article-extraction for data/gold/pages, "
            "../shared/eval/wikinews/articles.jsonl otherwise."
        ),
    ] = None,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="List missed and false events (articles of the train and dev splits only: the test split is locked).",
        ),
    ] = False,
    cameo_actors: Annotated[
        Path | None, typer.Option(help="CAMEO actor dictionary (TABARI/PETRARCH format) for --format cameo.")
    ] = None,
    actors: ActorsOpt = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N records or pages.")] = None,
    cross_fit: Annotated[
        int | None,
        typer.Option(
            "--cross-fit",
            metavar="K",
            help="With --split train (articles): code each of K folds of the train articles with trigger and "
            "role models fitted without it, as parley train fits them (a few minutes): figures the models "
            "have not memorised.",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Measure parley against annotated data: precision, recall, F1 (events, actors, quotes, boilerplate)."""
    from parley.coding.document import DocumentCoder
    from parley.evaluation.splits import CHOICES, select

    if split not in CHOICES:
        err.print(f"[red]error:[/red] --split must be one of {', '.join(CHOICES)}")
        raise typer.Exit(2)
    if errors and split == "test":
        err.print("[red]error:[/red] the test split is locked: its errors are not listed (use --split train or dev)")
        raise typer.Exit(2)
    if not gold.exists():
        err.print(f"[red]error:[/red] {gold}: no such file or folder")
        raise typer.Exit(2)
    kind = fmt if fmt != "auto" else _sniff_gold(gold)
    if cross_fit is not None and (kind != "articles" or split != "train"):
        err.print("[red]error:[/red] --cross-fit is for the train split of an articles corpus (--split train)")
        raise typer.Exit(2)
    extra = list(actors or [])
    if kind == "cameo":
        dictionary = cameo_actors or _sibling(gold, "actors")
        if dictionary is not None:
            from parley.evaluation.cameo import write_extension

            extra.append(write_extension(dictionary))
    report: dict[str, Any]
    problems: list[str] = []
    if kind == "extraction":
        from parley.evaluation.extraction import evaluate_extraction

        scores = evaluate_extraction(gold, limit)
        report = {"format": kind, "systems": {name: s.as_dict() for name, s in scores.items()}}
    else:
        coder = DocumentCoder(_kb(extra))
        if kind == "articles":
            from parley.evaluation.articles import evaluate_articles
            from parley.evaluation.corpus import CorpusError, articles_for, load_corpus, load_real_news

            with _fails_as_usage(CorpusError):
                corpus = load_corpus(gold, articles or articles_for(gold))
            for doc in corpus:
                problems.extend(doc.problems)
            chosen = select(corpus, split, lambda d: d.id)[:limit]
            if cross_fit is not None:
                from parley.evaluation.articles import ArticleReport
                from parley.training.crossfit import fold_coders

                with _fails_as_usage(ValueError):
                    # The folds learn from all the repo's real-news gold but the held-out articles.
                    training = load_real_news(extra=corpus)
                    folds = fold_coders(chosen, training, coder.kb, cross_fit, progress=lambda m: err.print(m))
            else:
                folds = [(chosen, coder)]
            result = ArticleReport() if cross_fit is not None else None
            with _progress(len(chosen), "coding articles") as advance:
                for fold, fold_coder in folds:
                    result = evaluate_articles(fold, fold_coder, errors=errors, progress=advance, report=result)
            assert result is not None
            report = {"format": kind, "split": split, **result.as_dict()}
            if cross_fit is not None:
                report["cross_fit"] = cross_fit
            if errors:
                report["errors"] = result.errors
                if result.withheld_errors:
                    report["errors_withheld_test_articles"] = result.withheld_errors
        elif kind == "parley":
            from parley.evaluation.gold import GoldFormatError, evaluate_gold, load_gold

            with _fails_as_usage(GoldFormatError):
                records = select(load_gold(gold), split, lambda r: str(r.get("id", "")))[:limit]
            report = {"format": kind, "split": split, **evaluate_gold(records, coder).as_dict()}
        elif kind == "plover":
            from parley.evaluation.plover_gold import PloverFormatError, evaluate_plover, load_records

            with _fails_as_usage(PloverFormatError):
                records = select(load_records(gold, problems), split, lambda r: str(r.get("id", "")))[:limit]
            report = {"format": kind, "split": split, **evaluate_plover(records, coder).as_dict()}
        elif kind == "cameo":
            from parley.evaluation.cameo import evaluate_cameo, load_cameo_records

            records = select(load_cameo_records(gold), split, lambda r: str(r.get("id") or ""))[:limit]
            report = {"format": kind, "split": split, **evaluate_cameo(records, coder).as_dict()}
        else:
            err.print(f"[red]error:[/red] unknown format {kind!r}")
            raise typer.Exit(2)
    for problem in problems:
        err.print(f"[yellow]skipped:[/yellow] {problem}")
    if problems:
        report["skipped_records"] = len(problems)
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return
    _print_report(report)


@app.command("compare")
def compare_command(
    before: Annotated[Path, typer.Argument(help="A `parley eval --json` report (the run before a change).")],
    after: Annotated[Path, typer.Argument(help="Another report over the same articles (the run after it).")],
    reps: Annotated[int, typer.Option(help="Bootstrap resamples.", min=100)] = 2000,
    as_json: JsonOpt = False,
) -> None:
    """Is a change real? Paired bootstrap of two eval runs over the same articles.

    For each headline figure: before, after, the difference with its 95% interval (resampling
    articles, both runs together), and how often the second run comes out ahead. A difference
    whose interval spans 0 is one the articles cannot tell from chance.
    """
    from parley.evaluation.intervals import ArticleCounts, compare, read_counts

    def counts(path: Path) -> list[ArticleCounts]:
        try:
            return read_counts(json.loads(path.read_text(encoding="utf-8")), str(path))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not JSON (line {exc.lineno}): write it with parley eval --json") from exc

    with _fails_as_usage(OSError, ValueError):
        runs = [counts(before), counts(after)]
        result = compare(runs[0], runs[1], reps=reps)
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    table = Table(title=f"{before.name} -> {after.name} ({len(runs[0])} articles, {reps} resamples)")
    table.add_column("figure", no_wrap=True)
    for col in ("before", "after", "change", "95% interval", "ahead"):
        table.add_column(col, justify="right", no_wrap=True)
    for name, row in result.items():
        lo, hi = row["interval"]
        table.add_row(
            name, f"{row['before']:.3f}", f"{row['after']:.3f}", f"{row['difference']:+.3f}",
            f"{lo:+.3f}..{hi:+.3f}", f"{row['after_ahead']:.0%}",
        )  # fmt: skip
    out.print(table)


@contextmanager
def _progress(total: int, what: str) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr (hidden when stderr is not a terminal)."""
    with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(what, total=total)
        yield lambda: bar.advance(task)


def _sniff_gold(path: Path) -> str:
    if path.is_dir():
        if (path / "ground-truth.json").exists():
            return "extraction"
        return "articles" if any(path.glob("*.json")) else "cameo"
    head = path.read_text(encoding="utf-8", errors="replace")[:4000] if path.exists() else ""
    if "<Sentence" in head or "<Validation" in head or path.suffix == ".xml":
        return "cameo"
    if head.lstrip().startswith("["):
        return "plover"
    return "parley"


def _sibling(gold: Path, word: str) -> Path | None:
    """The PETRARCH layout keeps its actor dictionary beside the records."""
    folder = gold if gold.is_dir() else gold.parent
    found = sorted(folder.glob(f"*{word}*.txt"))
    return found[0] if found else None


def _print_report(report: dict[str, Any]) -> None:
    title = f"parley eval ({report['format']}" + (f", {report['split']} split" if "split" in report else "") + ")"
    table = Table(title=title)
    for col in ("measure", "precision", "recall", "F1 / accuracy / rate", "counts"):
        table.add_column(col)

    def row(name: str, score: dict[str, Any]) -> None:
        if "tp" in score:
            counts = f"tp {score['tp']} fp {score['fp']} fn {score['fn']}"
        elif "hits" in score:
            counts = f"{score['hits']} of {score['total']}"
        else:
            counts = str(score.get("total", ""))
        table.add_row(
            name,
            f"{score.get('precision', '')}",
            f"{score.get('recall', '')}",
            f"{score.get('f1', score.get('accuracy', score.get('rate', '')))}",
            counts,
        )

    by_type: tuple[str, dict[str, Any]] | None = None
    for key, value in report.items():
        if not isinstance(value, dict):
            continue
        if "overall" in value:
            row(key, value["overall"])
            if by_type is None and value.get("by_label"):
                by_type = (key, value["by_label"])
        elif key == "systems":
            for name, score in value.items():
                row(f"main text · {name}", score)
        elif "accuracy" in value:
            row(key + " accuracy", value)
        elif "precision" in value or "rate" in value:
            row(key, value)
    out.print(table)
    if report.get("intervals"):
        spans = ", ".join(f"{name} {lo:.3f}-{hi:.3f}" for name, (lo, hi) in report["intervals"].items())
        out.print(f"95% intervals, resampling the {report['articles']} articles: {spans}")
    if by_type is not None:
        name, labels = by_type
        per = Table(title=f"{name} per type")
        for col in ("type", "precision", "recall", "F1", "counts"):
            per.add_column(col)
        for label, score in labels.items():
            per.add_row(
                label,
                str(score["precision"]),
                str(score["recall"]),
                str(score["f1"]),
                f"tp {score['tp']} fp {score['fp']} fn {score['fn']}",
            )
        out.print(per)
    for item in report.get("errors", []):
        line = Text(f"{item['kind']} ", style="bold")
        line.append(
            f"{item['type']} {item['source']} -> {item['target']} '{item['trigger']}' ({item['article']}): "
            f"{item['sentence']}"
        )
        out.print(line)
    extras = {k: v for k, v in report.items() if not isinstance(v, dict | list)}
    if extras:
        out.print(extras)


def run() -> None:
    """The ``parley`` command: the command, then an exit that skips tearing the interpreter down.

    Freeing the knowledge base and spaCy's objects one by one took a quarter of a second after
    every command had finished (mypy exits the same way). The exit handlers still run (a Dask
    cluster's worker processes release their semaphores), output is flushed, every store is
    closed by the command itself, and an error's message still goes through the normal exit.
    """
    import atexit

    try:
        app()
    except SystemExit as exc:
        if exc.code is not None and not isinstance(exc.code, int):
            raise
        code = exc.code or 0
    else:
        code = 0
    atexit._run_exitfuncs()  # CPython's own exit step, before the teardown that os._exit skips
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
