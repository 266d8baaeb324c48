"""RawDocument -> CleanDocument: extract, normalise, drop furniture, split fields."""

from __future__ import annotations

import datetime as dt
import hashlib

from parley.models import CleanDocument, RawDocument
from parley.text.furniture import prune_extracted, segment
from parley.text.html import extract_page
from parley.text.layout import ends_like_sentence, read_header, read_signoff, split_dateline
from parley.text.normalize import normalize_text


def content_id(title: str | None, body: str) -> str:
    """Stable id of what an article says, whatever page or format carried it."""
    digest = hashlib.sha256(((title or "") + "\n" + body).encode("utf-8")).hexdigest()
    return digest[:16]


def raw_digest(raw: RawDocument) -> str:
    return hashlib.sha256(raw.content.encode("utf-8", errors="surrogatepass")).hexdigest()


def clean_document(raw: RawDocument) -> CleanDocument:
    """Raises ValueError (with a reason) when nothing of an article is left."""
    title, author, outlet, url, published = raw.title, None, raw.outlet, raw.url, raw.published
    basis = "given" if published else "unknown"
    text = raw.content
    if raw.content_type == "html":
        page = extract_page(raw.content, raw.url)
        text = page.text
        title = title or page.title
        author, outlet, url = page.author, outlet or page.outlet, url or page.url
        if published is None and page.published is not None:
            published, basis = page.published, "metadata"

    lines = [line for line in normalize_text(text).split("\n") if line.strip()]
    if raw.content_type == "html":
        return _from_extracted(raw, lines, title, author, outlet, url, published, basis)
    parts = segment(lines)
    header = read_header(parts.header)
    if not parts.body:
        raise ValueError("no article text left after removing page furniture")
    paragraphs = header.lead + [b.text for b in parts.body]
    # A headline printed again as the first body line is the title, not body text.
    if (
        title is None
        and header.title is None
        and not header.lead
        and len(parts.body) > 1
        and parts.body[0].kind == "short"
        and not ends_like_sentence(paragraphs[0])
    ):
        header.title = paragraphs.pop(0)
    dateline, first = split_dateline(paragraphs[0])
    paragraphs[0] = first
    body = "\n\n".join(p for p in paragraphs if p.strip())
    if published is None and header.printed_date is not None:
        published, basis = header.printed_date, "text"
    byline = header.byline or author or read_signoff(parts.trailer)
    final_title = title or header.title
    removed = tuple(header.dropped + [b.text for b in parts.removed] + [b.text for b in parts.trailer])
    return CleanDocument(
        doc_id=content_id(final_title, body),
        raw_sha256=raw_digest(raw),
        origin=raw.origin,
        body=body,
        title=final_title,
        subtitle=header.subtitle if header.subtitle != final_title else None,
        byline=byline,
        dateline=dateline,
        url=url,
        outlet=outlet,
        published=published,
        published_basis=basis,
        removed_lines=removed,
    )


def _from_extracted(
    raw: RawDocument,
    lines: list[str],
    title: str | None,
    author: str | None,
    outlet: str | None,
    url: str | None,
    published: dt.date | None,
    basis: str,
) -> CleanDocument:
    """HTML: trafilatura isolated the article; only prune what it left in."""
    kept, removed = prune_extracted(lines)
    if kept and title and kept[0].strip() == title.strip():
        kept = kept[1:]
    if not kept:
        raise ValueError("no article text left after removing page furniture")
    dateline, first = split_dateline(kept[0])
    kept[0] = first
    body = "\n\n".join(p for p in kept if p.strip())
    return CleanDocument(
        doc_id=content_id(title, body),
        raw_sha256=raw_digest(raw),
        origin=raw.origin,
        body=body,
        title=title,
        byline=author,
        dateline=dateline,
        url=url,
        outlet=outlet,
        published=published,
        published_basis=basis,
        removed_lines=tuple(removed),
    )
