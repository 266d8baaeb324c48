"""The bad-input battery (issue #13): every kind of bad input is one clear message naming the input
(and line), the batch goes on, the exit code says some inputs failed, and nothing stored changes."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from parley.cli.main import app

runner = CliRunner()
GOOD = "Kenyan police arrested forty protesters in Nairobi on Tuesday, the interior ministry said."


def _ingest(store: Path, *paths: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["ingest", *map(str, paths), "--store", str(store), "--quiet"])
    return result.exit_code, result.output


def _snapshot(store: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(store), read_only=True)
    try:
        return {
            table: sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in ("documents", "events", "mentions", "quotes", "proposals")
        }
    finally:
        con.close()


def _battery(folder: Path) -> dict[str, Path]:
    """One file per kind of bad input, each named for what is wrong with it."""
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        path = folder / name
        path.write_bytes(data)
        files[name] = path

    put("corrupt.txt.gz", b"\x1f\x8b\x08\x00not really gzip at all")
    put("truncated.txt.gz", gzip.compress(GOOD.encode() * 50)[:40])
    put("bomb.txt.gz", gzip.compress(b"a " * 26_000_000))  # 52 MB of text from 50 kB: over --max-mb 50
    put("binary.txt", bytes(range(256)) * 10)
    put("empty.txt", b"")
    put("blank.txt", b"   \n\t  \n")
    lines = [
        json.dumps({"text": GOOD, "published": "2019-11-20"}).encode(),
        b'{"text": "broken json',
        json.dumps({"text": "Bad byte line"}).encode()[:-2] + b"\xff\xfe" + b'"}',
        json.dumps({"title": "no text"}).encode(),
        json.dumps(["not", "an", "object"]).encode(),
        json.dumps({"text": GOOD.replace("Tuesday", "Monday"), "published": "yesterday"}).encode(),
        json.dumps({"text": GOOD.replace("Tuesday", "Friday"), "published": "3000-01-01"}).encode(),
    ]
    put("feed.jsonl", b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n")
    put("feed.jsonl.gz", gzip.compress(json.dumps({"text": GOOD.replace("forty", "fifty")}).encode() + b"\n"))
    put("nul.txt", GOOD.replace("police", "pol\x00ice").replace("forty", "seventy").encode())
    return files


def test_every_bad_input_is_named_and_the_batch_goes_on(tmp_path: Path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    _battery(folder)
    good = folder / "good.txt"
    good.write_text(GOOD.replace("forty", "sixty"), encoding="utf-8")
    store = tmp_path / "s.duckdb"
    code, output = _ingest(store, folder, tmp_path / "missing.txt")
    flat = " ".join(output.split())
    assert code == 2, output  # some inputs failed, some were stored
    expectations = {
        "corrupt.txt.gz": "cannot read",
        "truncated.txt.gz": "cannot read",
        "bomb.txt.gz": "decompresses to more than",
        "binary.txt": "binary",
        "empty.txt": "empty",
        "blank.txt": "only whitespace",
        "feed.jsonl:2": "malformed JSON",
        "feed.jsonl:3": "not valid UTF-8",
        "feed.jsonl:4": "no non-empty 'text' or 'html'",
        "feed.jsonl:5": "expected a JSON object",
        "feed.jsonl:6": "not an absolute date",
        "feed.jsonl:7": "not an absolute date",
        "missing.txt": "no such file",
    }
    for origin, words in expectations.items():
        # One message per input: its name, then what is wrong (the console may wrap long lines).
        assert re.search(re.escape(origin) + r": [^/]{0,200}?" + re.escape(words), flat), (origin, flat)
    con = duckdb.connect(str(store), read_only=True)
    origins = {row[0] for row in con.execute("SELECT origin FROM documents").fetchall()}
    published = dict(con.execute("SELECT origin, published FROM documents").fetchall())
    con.close()
    stored = {Path(o.split(":")[0]).name + (":" + o.split(":")[1] if ":" in o else "") for o in origins}
    # The good inputs, the BOM line of the feed, the lines with refused dates (stored undated), the
    # compressed feed and the NUL-carrying text all went in.
    assert {"good.txt", "feed.jsonl:1", "feed.jsonl:6", "feed.jsonl:7", "feed.jsonl.gz:1", "nul.txt"} <= stored
    assert not stored & {"corrupt.txt.gz", "truncated.txt.gz", "bomb.txt.gz", "binary.txt", "empty.txt"}
    dates = {Path(o.split(":")[0]).name + ":" + o.split(":")[1]: d for o, d in published.items() if ":" in o}
    assert str(dates["feed.jsonl:1"]) == "2019-11-20" and dates["feed.jsonl:6"] is None


def test_bad_inputs_change_nothing_stored_and_reingest_is_idempotent(tmp_path: Path):
    store = tmp_path / "s.duckdb"
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    assert _ingest(store, good)[0] == 0
    before = _snapshot(store)
    folder = tmp_path / "bad"
    folder.mkdir()
    files = _battery(folder)
    bad_only = [p for name, p in files.items() if name not in ("feed.jsonl", "feed.jsonl.gz", "nul.txt")]
    code, output = _ingest(store, *bad_only)
    assert code == 1, output  # nothing could be stored
    assert _snapshot(store) == before
    assert _ingest(store, good)[0] == 0 and _snapshot(store) == before


def test_encodings_are_decoded_or_named(tmp_path: Path):
    text = "Germany\u2019s minister said \u201cwe will not accept this\u201d \u2013 in Z\u00fcrich on Monday."
    cases = {  # three texts (the same text twice would be one document)
        "utf16.txt": (text + " One.").encode("utf-16"),
        "cp1252.txt": (text + " Two.").encode("cp1252"),
        "stray.txt": text.encode("utf-8").replace(b"Monday", b"Mon\xffday"),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    store = tmp_path / "s.duckdb"
    code, output = _ingest(store, *(tmp_path / n for n in cases))
    assert code == 0, output  # all stored; the notes are warnings
    flat = " ".join(output.split())
    assert "cp1252.txt: not UTF-8: decoded as cp1252" in flat
    assert "stray.txt: 1 byte(s) not valid UTF-8" in flat
    con = duckdb.connect(str(store), read_only=True)
    bodies = {Path(o).name: b for o, b in con.execute("SELECT origin, body FROM documents").fetchall()}
    con.close()
    assert "\u201cwe will not accept this\u201d" in bodies["utf16.txt"]
    assert "\u201cwe will not accept this\u201d" in bodies["cp1252.txt"]
    assert "Germany\u2019s" in bodies["stray.txt"] and "\ufffd" in bodies["stray.txt"]


def test_a_long_document_is_coded_not_refused(tmp_path: Path):
    long = tmp_path / "long.txt"
    filler = "The committee met again and discussed the budget in detail. " * 18_000  # > 1,000,000 characters
    long.write_text(GOOD + "\n\n" + filler, encoding="utf-8")
    code, output = _ingest(tmp_path / "s.duckdb", long)
    assert code == 0, output
