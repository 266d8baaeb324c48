"""Main text and metadata of a web page, via trafilatura and htmldate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PageExtract:
    text: str
    title: str | None
    author: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None


class EmptyPage(ValueError):
    pass


def extract_page(html: str, url: str | None = None) -> PageExtract:
    import trafilatura
    from htmldate import find_date

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise EmptyPage("no article text found in the HTML (no body, or only navigation)")
    published: dt.date | None = None
    try:
        # The page's address first: a date in it ("/2019/11/19/") is the article's, where the
        # markup may carry an older one (a USA Today page of 2019 otherwise dates to 2017).
        found = find_date(html, url=url, original_date=True, extensive_search=True)
        if found:
            published = dt.date.fromisoformat(found[:10])
    except (ValueError, TypeError):
        published = None
    return PageExtract(
        text=text,
        title=getattr(doc, "title", None),
        author=getattr(doc, "author", None),
        outlet=getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        url=url or getattr(doc, "url", None),
        published=published,
    )
