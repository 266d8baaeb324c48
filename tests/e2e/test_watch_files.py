"""`parley watch` takes a file once it is complete, and follows a JSONL feed through truncation and rotation."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from parley.ingest.watch import poll_once, watch
from parley.store import open_store

SENTENCES = [
    "Japan condemned North Korea's missile launch on Monday.",
    "Chile urged Peru to reopen the border crossing on Tuesday.",
    "India accused China of moving troops into the disputed valley.",
    "Brazil offered Argentina a loan to ease its currency crisis.",
    "Egypt hosted talks between Israel and Hamas on a ceasefire.",
    "Kenya thanked Norway for aid after the floods in the north.",
    "Poland expelled two Russian diplomats over spying charges.",
    "France praised Germany for its new climate pledge on Friday.",
    "Turkey threatened Greece over drilling rights in the Aegean Sea.",
    "Mexico signed a trade agreement with Canada on Wednesday.",
    "Spain criticized Morocco for letting migrants cross into Ceuta.",
    "Vietnam protested China's new fishing ban in the South China Sea.",
]


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "s.duckdb")) as st:
        yield st


def _bodies(store) -> list[str]:
    return [d["body"] for d in store.documents_full()]


def _line(text: str) -> str:
    return json.dumps({"text": text, "published": "2024-05-06"}) + "\n"


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_file_written_in_two_halves_is_stored_once_whole(tmp_path, store, kb):
    folder = tmp_path / "in"
    folder.mkdir()
    article = folder / "a.txt"
    text = SENTENCES[0] + " " + SENTENCES[1]
    memo: dict[str, str] = {}
    article.write_text(text[:30], encoding="utf-8")  # the copy has started
    assert poll_once([str(folder)], store, kb, settle=60, settling=memo).stored == []
    with article.open("a", encoding="utf-8") as fh:
        fh.write(text[30:])  # ... and finishes before the next poll
    assert poll_once([str(folder)], store, kb, settle=60, settling=memo).stored == []  # changed since: wait
    assert len(poll_once([str(folder)], store, kb, settle=60, settling=memo).stored) == 1  # still: taken
    assert poll_once([str(folder)], store, kb, settle=60, settling=memo).stored == []
    assert memo == {}
    bodies = _bodies(store)
    assert len(bodies) == 1 and "North Korea" in bodies[0] and "border crossing" in bodies[0]


def test_watch_once_takes_finished_files_in_one_pass_and_fresh_ones_after_settling(tmp_path, store, kb):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(2):
        (folder / f"old{i}.txt").write_text(SENTENCES[i], encoding="utf-8")
        _age(folder / f"old{i}.txt", 60)
    reports = []
    watch([str(folder)], store, kb, once=True, on_poll=reports.append)  # default settle: old files at once
    assert len(reports) == 1 and len(reports[0].stored) == 2

    (folder / "fresh.txt").write_text(SENTENCES[2], encoding="utf-8")
    reports.clear()
    watch([str(folder)], store, kb, once=True, on_poll=reports.append, settle=1.0)
    assert [len(r.stored) for r in reports] == [0, 1]  # waited for it to settle, then took it
    assert len(_bodies(store)) == 3


def test_half_written_feed_line_waits_for_its_newline(tmp_path, store, kb):
    feed = tmp_path / "feed.jsonl"
    whole = _line(SENTENCES[0]) + _line(SENTENCES[1])
    feed.write_text(whole[:-10], encoding="utf-8")
    assert len(poll_once([str(feed)], store, kb).stored) == 1
    feed.write_text(whole, encoding="utf-8")
    assert len(poll_once([str(feed)], store, kb).stored) == 1
    assert sorted(_bodies(store)) == sorted(SENTENCES[:2])


@pytest.mark.parametrize("longer", [False, True], ids=["shorter", "longer"])
def test_truncated_feed_is_read_again_from_the_start(tmp_path, store, kb, longer):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(_line(s) for s in SENTENCES[:3]), encoding="utf-8")
    assert len(poll_once([str(feed)], store, kb).stored) == 3
    inode = feed.stat().st_ino
    # Truncated in place (copytruncate), then new lines: fewer bytes than the checkpoint, or more.
    new = SENTENCES[3:8] if longer else SENTENCES[3:4]
    with feed.open("r+", encoding="utf-8") as fh:
        fh.truncate(0)
    with feed.open("a", encoding="utf-8") as fh:
        fh.write("".join(_line(s) for s in new))
    assert feed.stat().st_ino == inode
    report = poll_once([str(feed)], store, kb)
    assert len(report.stored) == len(new) and report.problems == []
    assert sorted(_bodies(store)) == sorted(SENTENCES[:3] + new)
    # The checkpoint now follows the new content: appending goes on from there.
    with feed.open("a", encoding="utf-8") as fh:
        fh.write(_line(SENTENCES[8]))
    report = poll_once([str(feed)], store, kb)
    assert len(report.stored) == 1 and report.unchanged == []


def test_rotated_feed_new_file_is_read_from_the_start(tmp_path, store, kb):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(_line(s) for s in SENTENCES[:3]), encoding="utf-8")
    assert len(poll_once([str(feed)], store, kb).stored) == 3

    feed.rename(tmp_path / "feed.jsonl.1")  # rotated: a new, shorter file at the same path
    feed.write_text(_line(SENTENCES[3]), encoding="utf-8")
    assert len(poll_once([str(feed)], store, kb).stored) == 1

    feed.rename(tmp_path / "feed.jsonl.2")  # rotated again: a new file longer than the checkpoint
    feed.write_text("".join(_line(s) for s in SENTENCES[4:9]), encoding="utf-8")
    assert len(poll_once([str(feed)], store, kb).stored) == 5

    # A replacement that repeats lines already stored: read again, nothing twice.
    (tmp_path / "feed.jsonl.1").rename(feed)
    with feed.open("a", encoding="utf-8") as fh:
        fh.write(_line(SENTENCES[9]))
    report = poll_once([str(feed)], store, kb)
    assert len(report.stored) == 1 and len(report.unchanged) == 3
    bodies = _bodies(store)
    assert len(bodies) == len(set(bodies)) == 10 and sorted(bodies) == sorted(SENTENCES[:10])
    assert poll_once([str(feed)], store, kb).stored == []


def test_checkpoint_without_fingerprint_is_kept(tmp_path, store, kb):
    feed = tmp_path / "feed.jsonl"
    first = _line(SENTENCES[0])
    feed.write_text(first + _line(SENTENCES[1]), encoding="utf-8")
    store.set_watch_state(str(feed), len(first.encode()), None)  # as written before fingerprints
    report = poll_once([str(feed)], store, kb)
    assert len(report.stored) == 1 and report.unchanged == []  # resumed at the offset, not from 0
    assert _bodies(store) == [SENTENCES[1]]
    assert store.watch_state(str(feed))[1] is not None
