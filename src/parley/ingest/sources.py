"""Expand what the user named (files, folders, globs, ``-``) into raw documents.

Every problem becomes an :class:`InputProblem` that names the input (and the
line, for JSONL) and the iteration goes on with the next input.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from parley.ingest.decode import DecodeError, decode_bytes
from parley.ingest.errors import InputProblem
from parley.models import RawDocument

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
GZIP_SUFFIX = ".gz"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

Item = RawDocument | InputProblem


def expand_paths(specs: Iterable[str]) -> Iterator[Path | InputProblem | str]:
    """Files in the order given; folders walked (sorted); globs expanded; "-" is stdin."""
    for spec in specs:
        if spec == "-":
            yield "-"
            continue
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not files:
                yield InputProblem(spec, "folder holds no files")
            yield from files
        elif path.is_file():
            yield path
        elif any(ch in spec for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(spec, recursive=True) if Path(m).is_file())
            if not matches:
                yield InputProblem(spec, "pattern matches no file")
            yield from matches
        else:
            yield InputProblem(spec, "no such file or folder")


def sniff_content_type(text: str, suffix: str = "") -> str:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head or "<div" in head:
        return "html"
    return "text"


EARLIEST_PUBLISHED = dt.date(1800, 1, 1)
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


def parse_date(value: object) -> dt.date | None:
    """An absolute publication date, or None: relative words ("yesterday") would be read against this
    machine's clock, and dates before 1800 or after tomorrow are impossible for a published article."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day: dt.date | None = value
    else:
        text = str(value).strip()
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError:
            import dateparser

            # Every part must be written out: "May 2019" or "yesterday" is not a publication date.
            settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
            parsed = dateparser.parse(text, languages=["en"], settings=settings) if _YEAR.search(text) else None
            day = parsed.date() if parsed else None
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    if day is None or not EARLIEST_PUBLISHED <= day <= tomorrow:
        return None
    return day


def read_jsonl(stream: Iterable[str | bytes], origin: str) -> Iterator[Item]:
    """One document per line: ``text`` or ``html``, optional ``url``, ``published``, ``title``.

    Lines given as bytes are decoded one by one: a bad byte costs its line, not the file."""
    for lineno, raw in enumerate(stream, start=1):
        where = f"{origin}:{lineno}"
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield InputProblem(where, f"not valid UTF-8 at byte {exc.start} of the line; JSONL must be UTF-8")
                continue
        else:
            line = raw.lstrip("\ufeff") if lineno == 1 else raw
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputProblem(where, "expected a JSON object per line")
            continue
        html, text = record.get("html"), record.get("text")
        content = html if isinstance(html, str) and html.strip() else text
        if not isinstance(content, str) or not content.strip():
            yield InputProblem(where, "no non-empty 'text' or 'html' field")
            continue
        published = None
        if record.get("published"):
            published = parse_date(record["published"])
            if published is None:
                yield InputProblem(
                    where,
                    f"published {record['published']!r} is not an absolute date between 1800 and today; "
                    "stored with the date unknown",
                    "warning",
                )
        yield RawDocument(
            origin=where,
            content=content,
            content_type="html" if content is html else "text",
            url=record.get("url") if isinstance(record.get("url"), str) else None,
            published=published,
            title=record.get("title") if isinstance(record.get("title"), str) else None,
            outlet=record.get("outlet") if isinstance(record.get("outlet"), str) else None,
        )


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    origin = str(path)
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == GZIP_SUFFIX
    suffix = suffixes[-2] if compressed and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputProblem(origin, f"cannot read: {exc.strerror}")
        return
    if suffix in JSONL_SUFFIXES:
        # Streamed line by line (decompressed on the fly for .jsonl.gz), so a feed of any size is fine.
        try:
            if compressed:
                import gzip

                with gzip.open(path, "rb") as fh:
                    yield from read_jsonl(fh, origin)
            else:
                with path.open("rb") as fh:
                    yield from read_jsonl(fh, origin)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputProblem(origin, f"cannot read: {exc} (the lines before were read)")
        return
    if size == 0:
        yield InputProblem(origin, "file is empty")
        return
    if size > max_bytes:
        yield InputProblem(
            origin, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one document (--max-mb)"
        )
        return
    try:
        if compressed:
            import gzip

            # Read no more than the limit: a small archive may hold gigabytes.
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield InputProblem(
                    origin, f"decompresses to more than the {max_bytes / 1e6:.0f} MB limit for one document (--max-mb)"
                )
                return
        else:
            data = path.read_bytes()
    except (OSError, EOFError, zlib.error) as exc:
        yield InputProblem(origin, f"cannot read: {exc}")
        return
    yield from _document_from_bytes(data, origin, suffix)


def _document_from_bytes(data: bytes, origin: str, suffix: str) -> Iterator[Item]:
    try:
        text, _encoding, note = decode_bytes(data)
    except DecodeError as exc:
        yield InputProblem(origin, str(exc))
        return
    if not text.strip():
        yield InputProblem(origin, "holds only whitespace")
        return
    if note:
        yield InputProblem(origin, note, "warning")
    yield RawDocument(origin=origin, content=text, content_type=sniff_content_type(text, suffix))


def read_stdin(stream: IO[bytes] | None = None) -> Iterator[Item]:
    data = (stream or sys.stdin.buffer).read()
    head = data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if head.startswith(b"{"):
        yield from read_jsonl(data.splitlines(keepends=True), "<stdin>")
        return
    yield from _document_from_bytes(data, "<stdin>", "")


def iter_inputs(specs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    for entry in expand_paths(specs):
        if isinstance(entry, InputProblem):
            yield entry
        elif entry == "-":
            yield from read_stdin()
        else:
            assert isinstance(entry, Path)
            yield from read_file(entry, max_bytes)
