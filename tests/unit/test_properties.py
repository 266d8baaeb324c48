"""Property-based tests: the cleaner, the date resolver and the coder never crash on arbitrary text."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.coding.dates import resolve
from parley.models import RawDocument
from parley.text.clean import clean_document
from parley.text.furniture import segment

# Text with the characters scraped pages are made of: words, punctuation, quotes, dashes, newlines.
words = st.sampled_from(
    [
        "North",
        "Korea",
        "rejected",
        "the",
        "offer",
        "Seoul",
        "urged",
        "talks",
        "on",
        "Monday",
        "“",
        "”",
        '"',
        "–",
        "-",
        "...",
        "»",
        "|",
        "1998-2008",
        "June",
        "12",
        ",",
        ".",
        ":",
        "\n",
        "\n\n",
        "its",
        "the latter",
        "without",
        "preconditions",
        "before",
        "once",
        "U.S.",
        "Kim Jong-un",
        "President",
        "said",
        "not",
        "",
    ]
)
scraped = st.lists(words, max_size=80).map(" ".join)
anything = st.text(max_size=400)


@settings(max_examples=150, deadline=None)
@given(st.one_of(scraped, anything))
def test_cleaner_never_crashes(text):
    try:
        doc = clean_document(RawDocument("prop", text, "text"))
    except ValueError:
        return  # "no article text left" is a clean refusal
    assert doc.body.strip()
    assert len(doc.doc_id) == 16


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(scraped, anything), max_size=12))
def test_segmentation_keeps_lines_in_order(lines):
    lines = [line for line in lines if line.strip()]
    parts = segment(lines)
    kept = [b.index for b in parts.header + parts.body + parts.trailer]
    assert kept == sorted(kept)


@settings(max_examples=300, deadline=None)
@given(st.one_of(scraped, anything), st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))))
def test_date_resolver_never_crashes(text, published):
    first, last, precision, basis = resolve(text, published)
    assert precision in {"day", "month", "year", "range", "unknown"}
    assert basis in {"explicit", "relative", "unknown"}
    if first is not None:
        assert last is not None and first <= last
    if published is None:
        assert basis != "relative"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(scraped, anything))
def test_coder_never_crashes(coder, text):
    try:
        clean = clean_document(RawDocument("prop", text, "text"))
    except ValueError:
        return
    coded = coder.code(clean)
    body = clean.body
    for ev in coded.events:
        assert 0 <= ev.start <= ev.trigger_start < ev.trigger_end <= ev.end <= len(body)
    for q in coded.quotes:
        assert body[q.start : q.end] == q.text
