"""`parley watch` resumes after being killed mid-run: nothing lost, nothing twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import duckdb

STATES = ["Chile", "Peru", "Japan", "China", "India", "Brazil", "Egypt", "Kenya", "Norway", "Poland"]


def _feed_lines(n: int) -> list[str]:
    lines = []
    for i in range(n):
        a, b = STATES[i % len(STATES)], STATES[(i * 3 + 1) % len(STATES)]
        text = f"Report {i}: {a} urged {b} on Monday to resume talks on trade and fishing rights number {i}."
        lines.append(json.dumps({"text": text, "published": "2024-05-08"}))
    return lines


def _parley(*args: str) -> list[str]:
    return [sys.executable, "-m", "parley.cli.main", *args]


def test_watch_killed_mid_run_resumes_without_loss_or_duplicates(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = _feed_lines(40)
    feed.write_text("\n".join(lines[:30]) + "\n" + lines[30][:20], encoding="utf-8")  # last line half-written
    store = str(tmp_path / "s.duckdb")
    proc = subprocess.Popen(
        _parley("watch", str(feed), "--store", store, "--interval", "0.2"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stored = 0
    deadline = time.time() + 120
    assert proc.stdout is not None
    while stored < 5 and time.time() < deadline:
        line = proc.stdout.readline()
        if line.startswith("stored"):
            stored += 1
    os.kill(proc.pid, signal.SIGKILL)  # a crash, not a clean stop
    proc.wait(timeout=30)
    assert stored >= 5

    con = duckdb.connect(store, read_only=True)
    partial = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    assert 5 <= partial < 30

    # The feed grows (the half line is completed, more follow); one pass picks up the rest.
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(
        _parley("watch", str(feed), "--store", store, "--once"), check=True, capture_output=True, timeout=300
    )
    con = duckdb.connect(store, read_only=True)
    docs = con.execute("SELECT count(*), count(DISTINCT raw_sha256) FROM documents").fetchone()
    events = con.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
    origins = {r[0] for r in con.execute("SELECT first_origin FROM raw_inputs").fetchall()}
    con.close()
    assert docs == (40, 40)
    assert events[0] == events[1] >= 40
    assert f"{feed}:40" in origins and f"{feed}:1" in origins
