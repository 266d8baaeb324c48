import gzip
import json

from parley.ingest.errors import InputProblem
from parley.ingest.sources import iter_inputs
from parley.models import RawDocument


def _run(*paths):
    return list(iter_inputs([str(p) for p in paths]))


def test_text_html_and_gzip_files(tmp_path):
    (tmp_path / "a.txt").write_text("Japan condemned North Korea.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Hello there.</p></body></html>", encoding="utf-8")
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(b"<html><body><p>Zipped.</p></body></html>"))
    items = _run(tmp_path)
    assert [type(i) for i in items] == [RawDocument] * 3
    assert [i.content_type for i in items] == ["text", "html", "html"]


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "ok.txt").write_text("China urged restraint.", encoding="utf-8")
    items = _run(tmp_path / "empty.txt", tmp_path / "blob.bin", tmp_path / "missing.txt", tmp_path / "ok.txt")
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert [p.origin.rsplit("/", 1)[-1] for p in problems] == ["empty.txt", "blob.bin", "missing.txt"]
    assert "empty" in problems[0].message and "binary" in problems[1].message and "no such" in problems[2].message
    assert isinstance(items[-1], RawDocument)


def test_legacy_encoding_is_decoded(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le Brésil a condamné la décision du gouvernement français à Genève.".encode("cp1252"))
    note, doc = _run(path)
    assert isinstance(doc, RawDocument)
    assert "Brésil" in doc.content
    # The encoding assumed is said, as a warning: the document is stored.
    assert note.severity == "warning" and "decoded as cp1252" in note.message


def test_jsonl_lines_with_line_numbers(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "Japan condemned North Korea.", "published": "2024-03-06", "url": "http://x/1"}),
        "{not json",
        json.dumps({"html": ""}),
        json.dumps(["a list"]),
        json.dumps({"html": "<p>Seoul urged talks.</p>", "title": "T"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _run(path)
    docs = [i for i in items if isinstance(i, RawDocument)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:5"]
    assert docs[0].published.isoformat() == "2024-03-06" and docs[0].url == "http://x/1"
    assert docs[1].content_type == "html" and docs[1].title == "T"
    assert [p.origin for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "malformed JSON" in problems[0].message


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    (item,) = list(iter_inputs([str(path)], max_bytes=100))
    assert isinstance(item, InputProblem) and "limit" in item.message
