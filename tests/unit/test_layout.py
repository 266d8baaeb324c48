"""Article structure: a short lead paragraph is body text, never the subtitle or the title."""

from __future__ import annotations

from parley.models import RawDocument
from parley.text.clean import clean_document

WIRE = """Russia expels two Estonian diplomats

MOSCOW – Russia expelled two Estonian diplomats on Monday, the foreign ministry said.

The ministry said the two had been declared persona non grata in response to what it called an unfriendly step by Tallinn, which last month ordered a Russian consul to leave the country within five days.

Estonia's foreign minister said the decision was regrettable and that his government would consider its response together with its allies in the European Union and NATO in the coming days.
"""

NO_TITLE = """On Friday, the long-serving ruler of the country died aged 79. He had recently had health problems.

The government announced three days of mourning, and his successor attended funeral prayers at the main mosque in the capital before a private burial at a family cemetery outside the city.

He had ruled since 1970, when he overthrew his father, and was known for a neutral foreign policy that made the country a mediator between its larger neighbours in several regional disputes.
"""


def test_a_short_wire_lead_is_body_text_with_its_dateline(code_text):
    doc = clean_document(RawDocument("wire", WIRE, "text"))
    assert doc.title == "Russia expels two Estonian diplomats"
    assert doc.subtitle is None and doc.dateline == "MOSCOW"
    assert doc.body.startswith("Russia expelled two Estonian diplomats on Monday")
    coded = code_text(WIRE)
    assert any(e.type == "SANCTION" and e.source == "RUS" and e.target == "EST" for e in coded.events)


def test_an_article_without_a_title_keeps_its_first_paragraph():
    doc = clean_document(RawDocument("no-title", NO_TITLE, "text"))
    assert doc.title is None
    assert doc.body.startswith("On Friday, the long-serving ruler")


BLOG = """Why the Nile talks stalled again

By Amina Yusuf
Posted on March 3, 2024 | 6 min read

Egypt walked out of the latest round of talks on the dam on Sunday.

Cairo said Addis Ababa had refused every compromise on drought-year releases.

Share this:
Twitter Facebook
"""


def test_a_blog_post_has_its_byline_and_printed_date_and_short_body_paragraphs():
    doc = clean_document(RawDocument("blog", BLOG, "text"))
    assert doc.title == "Why the Nile talks stalled again" and doc.byline == "Amina Yusuf"
    # The date line beside page furniture ("| 6 min read") dates the post.
    assert str(doc.published) == "2024-03-03" and doc.published_basis == "text"
    assert doc.body.startswith("Egypt walked out") and doc.body.rstrip().endswith("drought-year releases.")
    assert "Share this" not in doc.body


def test_the_example_articles_keep_their_first_paragraph_as_body():
    from tests.conftest import EXAMPLES

    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = clean_document(RawDocument(path.name, text, "text"))
        first = next(p.strip() for p in text.split("\n\n") if p.strip().endswith((".", '"', "”")))
        assert doc.body.lstrip().startswith(first.split("–", 1)[-1].strip()[:40]), path.name
