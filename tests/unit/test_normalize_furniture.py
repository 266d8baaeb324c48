from parley.models import RawDocument
from parley.text.clean import clean_document
from parley.text.furniture import BAD, GOOD, SHORT, classify, segment
from parley.text.layout import split_dateline
from parley.text.normalize import normalize_line

PAGE = """Home » News » Politics » Ministers meet in Geneva

Ministers meet in Geneva

By Jane Doe - Diplomatic Correspondent

Published: 3 May 2023

GENEVA – Foreign ministers from both countries met in Geneva on Wednesday for the first time since the border clashes, and agreed to set up a working group on the disputed river.

The talks lasted six hours, officials said, and ended with a joint statement that called for restraint along the frontier and for a new round of meetings next month.

Analysts said the meeting was a modest but real step after a year in which the two sides had exchanged artillery fire several times.

Related articles
Subscribe to our newsletter
Storm hits coast... Markets fall as... Minister resigns after...
Please enable JavaScript in your browser to comment on this site and share our stories.
"""


def test_glued_sentences_and_commas_are_split():
    assert normalize_line("prioritizing dialog.Lee said") == "prioritizing dialog. Lee said"
    assert normalize_line("China,North Korea's ally") == "China, North Korea's ally"
    # Abbreviations, numbers and web addresses stay as they are.
    assert normalize_line("the U.S. said 1,000 troops") == "the U.S. said 1,000 troops"
    assert normalize_line("see example.com today") == "see example.com today"
    # Domain endings stay on their names; a glued sentence starting with a short word is still split.
    assert (
        normalize_line("Lula told UOL.com.br, and Polygraph.info agreed")
        == "Lula told UOL.com.br, and Polygraph.info agreed"
    )
    assert normalize_line("the region.The talks") == "the region. The talks"


def test_block_classes():
    assert classify(0, "Home » News » Politics » Title").kind == BAD
    assert classify(0, "Storm hits coast... Markets fall as... Minister resigns after...").kind == BAD
    assert classify(0, "Historical Context").kind == SHORT  # a section heading
    assert classify(0, "Related articles").kind == BAD  # furniture cue words
    prose = "Foreign ministers met in Geneva on Wednesday and agreed to set up a working group that will study the river dispute."
    assert classify(0, prose).kind == GOOD
    assert classify(0, "Please enable JavaScript in your browser to comment on this site.").kind == BAD


def test_clean_document_separates_fields_and_drops_furniture():
    doc = clean_document(RawDocument(origin="t", content=PAGE, content_type="text"))
    assert doc.title == "Ministers meet in Geneva"
    assert doc.byline == "Jane Doe - Diplomatic Correspondent"
    assert doc.dateline == "GENEVA"
    assert doc.published is not None and doc.published.isoformat() == "2023-05-03"
    assert doc.published_basis == "text"
    assert doc.body.startswith("Foreign ministers from both countries met in Geneva")
    assert doc.body.endswith("exchanged artillery fire several times.")
    for furniture in ("Related articles", "Subscribe", "Storm hits", "JavaScript", "Home »"):
        assert furniture not in doc.body
    assert any("Subscribe" in line for line in doc.removed_lines)


def test_same_content_same_id_whatever_the_wrapping():
    a = clean_document(RawDocument(origin="a", content=PAGE, content_type="text"))
    b = clean_document(RawDocument(origin="b", content=PAGE.replace("\n", "\r\n") + "\n\n", content_type="text"))
    assert a.doc_id == b.doc_id


def test_short_text_without_long_paragraph_is_kept():
    doc = clean_document(RawDocument(origin="t", content="Japan condemned the launch.", content_type="text"))
    assert doc.body == "Japan condemned the launch."


def test_segment_cuts_trailing_rail_after_two_short_lines():
    lines = [
        "The ministers agreed on a plan to reopen the crossing and to exchange prisoners within two weeks of the deal.",
        "Several questions remain open, officials said on Friday evening.",
        "You may also like",
        "Leave a Comment",
        "This page uses cookies to improve the experience of readers of this site.",
    ]
    parts = segment(lines)
    assert [b.text for b in parts.body] == lines[:2]


def test_dateline_split():
    assert split_dateline("SEOUL, South Korea – South Korea said")[0] == "SEOUL, South Korea"
    assert split_dateline("WASHINGTON (Reuters) - The US said")[0] == "WASHINGTON (Reuters)"
    assert split_dateline("The US said - nothing")[0] is None
