"""End to end through the `parley` command line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from parley.cli.main import app
from tests.conftest import EXAMPLES, SEEDS

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def example_store(tmp_path_factory) -> str:
    store = str(tmp_path_factory.mktemp("store") / "examples.duckdb")
    _run("ingest", str(EXAMPLES), "--store", store)
    return store


def test_help_on_every_command():
    for command in ("ingest", "events", "actors", "show", "summary", "proposals", "quotes"):
        out = _run(command, "--help")
        assert "Usage" in out and "--store" in out


def test_ingest_examples_then_query(example_store):
    rows = json.loads(_run("events", "--store", example_store, "--json"))
    assert any(r["type"] == "REJECT" and r["source"] == "IND" and r["target"] == "CHN" for r in rows)
    reject = next(r for r in rows if r["type"] == "REJECT" and r["source"] == "IND")
    assert reject["date"] == "2024-03-12"  # "on Tuesday", published 2024-03-14
    csv_rows = list(csv.DictReader(io.StringIO(_run("events", "--store", example_store, "--actor", "India", "--csv"))))
    assert csv_rows and all("IND" in (r["source"], r["target"]) for r in csv_rows)
    actors = json.loads(_run("actors", "--store", example_store, "--json"))
    assert {"IND", "CHN", "ISR"} <= {a["actor_id"] for a in actors}


def test_every_event_has_a_confidence_and_the_floor_filters(example_store):
    rows = json.loads(_run("events", "--store", example_store, "--json"))
    confidences = sorted(r["confidence"] for r in rows)
    assert confidences and all(0 < c <= 1 for c in confidences)
    middle = confidences[len(confidences) // 2]
    strict = json.loads(_run("events", "--store", example_store, "--json", "--min-confidence", str(middle)))
    assert 0 < len(strict) < len(rows) or middle == confidences[0]
    assert all(r["confidence"] >= middle for r in strict)
    assert "conf" in _run("events", "--store", example_store)
    result = runner.invoke(app, ["events", "--store", example_store, "--min-confidence", "2"])
    assert result.exit_code == 2


def test_reingest_changes_nothing(example_store):
    before = _run("events", "--store", example_store, "--json")
    out = _run("ingest", str(EXAMPLES), "--store", example_store)
    assert "0 stored" in out
    assert _run("events", "--store", example_store, "--json") == before


def test_show_marks_evidence(example_store):
    docs = json.loads(_run("events", "--store", example_store, "--json"))
    doc_id = docs[0]["doc_id"]
    shown = json.loads(_run("show", doc_id[:8], "--store", example_store, "--json"))
    body = shown["document"]["body"]
    for ev in shown["events"]:
        assert body[ev["start_char"] : ev["end_char"]] == ev["sentence"]
        assert ev["trigger_start"] >= ev["start_char"] and ev["trigger_end"] <= ev["end_char"]
    text = _run("show", doc_id[:8], "--store", example_store)
    assert "[1]" in text


def test_sequencing_dispute_in_examples(example_store):
    out = _run("proposals", "--store", example_store)
    assert "sequencing dispute" in out
    assert "ISR" in out and "PSE" in out


def test_bad_inputs_reported_by_name(tmp_path):
    store = str(tmp_path / "s.duckdb")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "in" / "ok.txt").write_text("Japan condemned North Korea's missile launch.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), str(tmp_path / "nope"), "--store", store])
    assert result.exit_code == 2  # some inputs were skipped, some stored
    assert "blob.txt" in result.stderr and "binary" in result.stderr
    assert "nope" in result.stderr and "no such file" in result.stderr
    assert "1 stored" in result.stdout


def test_unknown_actor_and_missing_store_are_clear_errors(tmp_path, example_store):
    result = runner.invoke(app, ["events", "--store", example_store, "--actor", "Atlantis"])
    assert result.exit_code == 2 and "unknown actor" in result.stderr
    result = runner.invoke(app, ["events", "--store", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no store" in result.stderr


# --------------------------------------------------------------- the example articles in ../shared/seeds
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present beside the repository")


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> str:
    store = str(tmp_path_factory.mktemp("seeds") / "seeds.duckdb")
    _run("ingest", str(SEEDS), "--store", store)
    return store


def _events(store: str) -> list[dict]:
    return json.loads(_run("events", "--store", store, "--json"))


@needs_seeds
def test_seed_rejection_of_dialogue(seed_store):
    rejects = [e for e in _events(seed_store) if e["type"] == "REJECT" and e["source"] == "PRK"]
    dated = [e for e in rejects if e["date"] == "2025-07-28"]
    assert dated, rejects
    assert dated[0]["target"] == "KOR"
    assert dated[0]["source_agent"] == "PRK-CPRC"


@needs_seeds
def test_seed_international_reactions(seed_store):
    pairs = {(e["source"], e["type"], e["target"]) for e in _events(seed_store)}
    assert ("USA", "REQUEST", "PRK") in pairs
    assert ("USA", "SUPPORT", "KOR") in pairs
    assert any(s == "CHN" and t == "REQUEST" for s, t, _ in pairs)
    assert ("JPN", "SUPPORT", "KOR") in pairs and ("JPN", "ACCUSE", "PRK") in pairs
    un = [e for e in _events(seed_store) if e["source"] == "IGO-UN"]
    assert un and un[0]["type"] == "REQUEST" and un[0]["source_agent"] == "IGO-UNSG" and un[0]["target"] == "PRK"


@needs_seeds
def test_seed_opposing_preconditions(seed_store):
    props = json.loads(_run("proposals", "--store", seed_store, "--json"))
    prk = [p for p in props if p["holder"] == "PRK" and p["first_issue"] == "peace_treaty"]
    usa = [p for p in props if p["holder"] == "USA" and p["first_issue"] == "denuclearization"]
    assert prk and usa and usa[0]["then_issue"] == "peace_treaty"
    assert "sequencing dispute" in _run("proposals", "--store", seed_store)


@needs_seeds
def test_seed_spokesman_requests(seed_store):
    reqs = [e for e in _events(seed_store) if e["type"] == "REQUEST" and e["source"] == "KOR"]
    assert {e["target"] for e in reqs} >= {"PRK", "USA"}
    assert all(e["source_agent"] == "P-KIM-EUI-KYEOM" for e in reqs if e["target"] in ("PRK", "USA"))


@needs_seeds
def test_seed_quote_chain_and_accusation(seed_store):
    quotes = json.loads(_run("quotes", "--store", seed_store, "--json"))
    demand = next(q for q in quotes if q["text"] == "the demand of our time")
    assert demand["speaker"] == "PRK-RODONG"
    assert demand["chain"][1:] == ["MEDIA-TASNIM", "PRK-RODONG", "PRK"]
    assert demand["chain"][0].startswith("outlet:")
    acc = [e for e in _events(seed_store) if e["type"] == "ACCUSE" and e["source"] == "PRK" and e["target"] == "USA"]
    assert any(e["quote"] == "gangster-like demands" for e in acc)


@needs_seeds
def test_seed_no_furniture_stored(seed_store):
    import duckdb

    con = duckdb.connect(seed_store, read_only=True)
    bodies = " ".join(r[0] for r in con.execute("SELECT body FROM documents").fetchall())
    con.close()
    for furniture in (
        "You may also like",
        "Leave a Comment",
        "Akismet",
        "Adblock",
        "AdBlocker",
        "Latest news",
        "You might also like",
        "Home »",
        "Beer Al-S",
        "M.Wassouf",
    ):
        assert furniture not in bodies
    assert "North Korea unequivocally rejected" in bodies


def test_bad_batch_never_touches_what_is_stored(tmp_path):
    store = str(tmp_path / "s.duckdb")
    _run("ingest", str(EXAMPLES), "--store", store)
    before = _run("events", "--store", store, "--json")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "nobody.html").write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    (bad / "latin1.txt").write_bytes("Le Brésil a condamné la Russie lundi à Genève.".encode("latin-1"))
    (bad / "feed.jsonl").write_text('{"text": "Japan condemned North Korea."}\n{oops\n', encoding="utf-8")
    (bad / "empty.txt").write_bytes(b"")
    big = bad / "huge.txt"
    with big.open("wb") as fh:  # a 200 MB file: refused by size, never read into memory
        fh.truncate(200 * 1024 * 1024)
    result = runner.invoke(app, ["ingest", str(bad), "--store", store])
    assert result.exit_code == 2  # some inputs were skipped, some stored
    assert "huge.txt" in result.stderr and "MB" in result.stderr
    assert "nobody.html" in result.stderr
    assert "feed.jsonl:2" in result.stderr and "empty.txt" in result.stderr
    after = json.loads(_run("events", "--store", store, "--json"))
    old = json.loads(before)
    assert [e["event_id"] for e in old] == [
        e["event_id"] for e in after if e["event_id"] in {o["event_id"] for o in old}
    ]
    assert len(after) > len(old)  # the good inputs of the bad batch were stored


def test_ingest_from_stdin_and_globs(tmp_path):
    store = str(tmp_path / "s.duckdb")
    result = runner.invoke(
        app,
        ["ingest", "-", "--store", store, "--published", "2024-02-07"],
        input="Kenya on Monday condemned the attack on its embassy in Mogadishu.",
    )
    assert result.exit_code == 0, result.output
    (ev,) = json.loads(_run("events", "--store", store, "--json"))
    assert (ev["type"], ev["source"], ev["date"]) == ("ACCUSE", "KEN", "2024-02-05")
    assert "1 stored" in _run("ingest", str(EXAMPLES / "border_*.txt"), "--store", store)


def test_summary_is_a_summary(example_store):
    full = json.loads(_run("events", "--store", example_store, "--json"))
    short = _run("summary", "--store", example_store, "--top", "3")
    assert "events by type" in short and "busiest dyads" in short
    if len(full) > 3:
        assert f"{len(full) - 3} more events (--all lists them)" in " ".join(short.split())
    everything = _run("summary", "--store", example_store, "--all")
    assert "more events" not in everything and len(everything) > len(short)


def test_csv_with_no_match_still_has_its_header(example_store):
    text = _run("events", "--store", example_store, "--type", "MOBILIZE", "--since", "2099-01-01", "--csv")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert rows == [] and {"event_id", "type", "source", "target", "sentence", "cameo"} <= set(header)


def _command(*args: str) -> subprocess.CompletedProcess[str]:
    """The console entry point itself, in a fresh process (it exits without tearing down)."""
    code = "import sys; from parley.cli.main import run; sys.argv = ['parley', *sys.argv[1:]]; run()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)


def test_the_command_exits_with_the_command_s_code_and_all_its_output(tmp_path):
    store = str(tmp_path / "s.duckdb")
    done = _command("ingest", str(EXAMPLES), "--store", store)
    assert done.returncode == 0, done.stderr
    listed = _command("events", "--store", store, "--json")
    assert listed.returncode == 0
    assert len(json.loads(listed.stdout)) > 0  # the whole JSON document was flushed before the exit
    bad = _command("ingest", str(tmp_path / "missing.txt"), "--store", store)
    assert bad.returncode == 1 and "missing.txt" in bad.stdout + bad.stderr
    assert _command("no-such-command").returncode == 2
