"""``parley report``: one self-contained HTML file (plots inlined) an analyst can mail around."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from parley import __version__
from parley.analysis.dyads import date_label
from parley.analysis.overview import Overview
from parley.analysis.sequencing import orderings
from parley.interfaces.charts import data_uri, dyad_notes, dyad_png, sequencing_png, timeline_bins, timeline_png
from parley.kb.actors import ActorKB
from parley.kb.issues import issue_label

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#222}
h1{margin-bottom:0}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ddd;padding:.3rem .5rem;
vertical-align:top;text-align:left}th{background:#f5f5f5}.neg{color:#b00}.pos{color:#06c}.muted{color:#777}
mark{background:#ffe066}.finding{border-left:4px solid #d33;padding:.3rem .8rem;margin:.5rem 0;background:#fff6f6}
img{max-width:100%}
"""


def _who(kb: ActorKB, principal: str | None, agent: str | None, text: str | None = None) -> str:
    if not principal:
        return escape(f"[{text}]") if text else "<span class=muted>?</span>"
    name = kb.name(principal)
    if agent and ":" in agent:
        name += f" ({agent.split(':', 1)[1].replace('_', ' ')})"
    elif agent:
        name += f" ({kb.name(agent)})"
    return escape(name)


def _evidence(sentence: str, start: int, trigger_start: int, trigger_end: int) -> str:
    a, b = trigger_start - start, trigger_end - start
    if 0 <= a < b <= len(sentence):
        return escape(sentence[:a]) + "<mark>" + escape(sentence[a:b]) + "</mark>" + escape(sentence[b:])
    return escape(sentence)


def render_report(ov: Overview, kb: ActorKB, title: str = "parley report") -> str:
    docs = {d["doc_id"]: d for d in ov.documents}
    dyad_chart = dyad_png(ov.dyads, kb, left_out=ov.dyads_left_out, period=ov.period)
    parts: list[str] = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title><style>{CSS}</style>"
        "</head><body>",
        f"<h1>{escape(title)}</h1><p class=muted>{len(ov.documents)} documents, {len(ov.events)} events, "
        f"{len(ov.proposals)} proposals, {len(ov.quotes)} quotes · parley {__version__} · "
        f"{dt.date.today().isoformat()}</p>",
        "<h2 id=timeline>Timeline</h2>",
        f"<img alt='timeline chart' src='{data_uri(timeline_png(ov.story_events()))}'>",
        _notes(timeline_bins(ov.events).notes),
        "<h2 id=dyads>Dyads</h2>",
        f"<img alt='dyad chart' src='{data_uri(dyad_chart)}'>",
        _notes(dyad_notes(ov.dyads, ov.dyads_left_out, ov.period)),
    ]
    if ov.turning_points:
        parts.append("<p><b>Turning points</b></p><ul>")
        for tp in ov.turning_points:
            parts.append(
                f"<li>{escape(kb.name(tp.source))} → {escape(kb.name(tp.target))}, {tp.period}: "
                f"{tp.before} → {tp.after}</li>"
            )
        parts.append("</ul>")
    parts.append(
        _table(
            ["pair", "period", "events", "score", "phase"],
            [
                [
                    f"{escape(kb.name(r['source']))} → {escape(kb.name(r['target']))}",
                    r["period"],
                    str(r["events"]),
                    f"<span class={'pos' if r['score'] > 0 else 'neg'}>{r['score']}</span>",
                    r["phase"],
                ]
                for r in ov.dyad_rows()
            ],
        )
    )
    referred = ov.referred_ids()
    parts.append("<h2 id=events>Events reported</h2>")
    parts.append(_event_table(kb, docs, [e for e in ov.events if e["event_id"] not in referred]))
    parts.append(
        "<h2 id=referred>Events referred to</h2><p class=muted>Dated over a year before their article: history "
        "the article recalls, left out of the dyads and stances.</p>"
    )
    parts.append(_event_table(kb, docs, [e for e in ov.events if e["event_id"] in referred]))
    parts.append("<h2 id=stances>Stances</h2>")
    parts.append(
        _table(
            ["actor", "issue", "latest position", "changed", "evidence"],
            [
                [
                    escape(kb.name(s.actor)),
                    escape(issue_label(s.issue)),
                    escape(s.latest.position),
                    "yes: " + escape(" → ".join(p.position for p in s.history)) if s.changed else "",
                    escape(s.latest.sentence),
                ]
                for s in ov.stances
            ],
        )
    )
    parts.append("<h2 id=sequencing>Sequencing disputes</h2>")
    disputed = {(o.holder, o.first, o.then) for c in ov.sequencing for o in (c.a, c.b)}
    parts.append(
        f"<img alt='precondition graph' src='{data_uri(sequencing_png(orderings(ov.proposals), kb, disputed))}'>"
    )
    if ov.sequencing:
        for c in ov.sequencing:
            parts.append(
                f"<div class=finding><b>{escape(_order(kb, c.a))}</b> versus <b>{escape(_order(kb, c.b))}"
                f"</b><br><span class=muted>{escape(c.a.sentence)}<br>{escape(c.b.sentence)}</span></div>"
            )
    else:
        parts.append("<p class=muted>No two actors demand the same things in opposite orders.</p>")
    parts.append(
        _table(
            ["holder", "kind", "first", "then", "evidence"],
            [
                [
                    escape(kb.name(p["holder"]) if p["holder"] else "?"),
                    escape(p["kind"]),
                    escape(issue_label(p["first_issue"])),
                    escape(issue_label(p["then_issue"])),
                    escape(p["sentence"]),
                ]
                for p in ov.proposals
            ],
        )
    )
    parts.append("<h2 id=contradictions>Contradictions and checks</h2>")
    if ov.findings:
        for f in sorted(ov.findings, key=lambda f: -f.confidence):
            other = f"<br><span class=muted>against: {escape(f.other[1])}</span>" if f.other else ""
            parts.append(
                f"<div class=finding><b>{escape(f.check.replace('_', ' '))}</b> "
                f"<span class=muted>(confidence {f.confidence:.1f})</span>: {escape(f.message)}<br>"
                f"<span class=muted>{escape(f.sentence)}</span>{other}</div>"
            )
    else:
        parts.append("<p class=muted>No finding.</p>")
    parts.append("<h2 id=quotes>Quotes</h2>")
    parts.append(
        _table(
            ["quote", "speaker", "named as", "chain"],
            [
                [
                    f"“{escape(q['text'])}”",
                    escape(kb.label(q["speaker"])),
                    escape(q.get("speaker_text") or ""),
                    escape(" › ".join(kb.label(c) for c in q["chain"])),
                ]
                for q in ov.quotes
            ],
        )
    )
    parts.append("<h2 id=sources>Sources</h2>")
    story_of = {doc_id: n for n, group in enumerate(ov.stories, start=1) for doc_id in group}
    parts.append(
        _table(
            ["story", "title", "published", "outlet", "origin", "id"],
            [
                [
                    str(story_of.get(d["doc_id"], "")),
                    escape(d["title"] or ""),
                    escape(str(d["published"] or "unknown")),
                    escape(d["outlet"] or ""),
                    escape(d["origin"] or ""),
                    d["doc_id"][:12],
                ]
                for d in ov.documents
            ],
        )
    )
    parts.append("</body></html>")
    return "\n".join(parts)


def _notes(notes: list[str]) -> str:
    """What the chart above leaves out, as text too."""
    return "<ul class=muted>" + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>" if notes else ""


def _event_table(kb: ActorKB, docs: dict[str, dict[str, Any]], events: list[dict[str, Any]]) -> str:
    return _table(
        ["date", "event", "source", "target", "evidence", "source article"],
        [
            [
                escape(date_label(e) or (f"({e['date_text']}?)" if e["date_text"] else "")),
                ("NOT " if e["negated"] else "")
                + escape(e["type"])
                + (f" <span class=muted>{e['modality']}</span>" if e["modality"] != "asserted" else ""),
                _who(kb, e["source"], e["source_agent"], e.get("source_text")),
                _who(kb, e["target"], e["target_agent"], e.get("target_text")),
                _evidence(e["sentence"], e["start_char"], e["trigger_start"], e["trigger_end"]),
                escape((docs.get(e["doc_id"]) or {}).get("title") or e["doc_id"][:8]),
            ]
            for e in events
        ],
    )


def _order(kb: ActorKB, o: Any) -> str:
    then = "everything else" if o.then == "*" else issue_label(o.then)
    return f"{kb.name(o.holder)}: {issue_label(o.first)} before {then}"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "<p class=muted>(none)</p>"
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
