"""Header fields of an article: title, subtitle, byline, dateline, printed date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from parley.text.furniture import BAD, Block

_BYLINE = re.compile(r"^(?:by|written by|words by|reporting by)\s+(?P<who>[^\n]{2,80})$", re.IGNORECASE)
# "SEOUL, South Korea –", "TEHRAN –", "WASHINGTON (Reuters) -"
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][\w.'\- ]{1,40})?(?:\s*\([^)]{1,40}\))?)\s*[–—-]{1,2}\s+"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s*$")
_SIGNOFF = re.compile(r"^[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}$")
_DATE_HINT = re.compile(
    r"\b(19|20)\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b", re.IGNORECASE
)


@dataclass
class Header:
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    printed_date: dt.date | None = None
    dropped: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)  # prose before the first long paragraph: body text


_FURNITURE_SEPARATOR = re.compile(r"\s+[|·•–—-]\s+|\s*\|\s*")
_DATE_LABEL = re.compile(
    r"^(?:(?:first\s+)?(?:published|updated|posted|date|last\s+modified)\s*(?:on|at)?\s*:?\s*)", re.IGNORECASE
)


def read_printed_date(line: str) -> dt.date | None:
    """A header line that is only a date ("Published: July 29, 2025 10:02"), perhaps beside other
    page furniture after a separator ("Posted on March 3, 2024 | 6 min read", "November 20, 2019 -
    11:28 AMT"): the first part that reads as a date."""
    if len(line.split()) > 12 or not _DATE_HINT.search(line):
        return None
    import dateparser

    for part in _FURNITURE_SEPARATOR.split(line):
        if not _DATE_HINT.search(part) or len(part.split()) > 8:
            continue
        cleaned = _DATE_LABEL.sub("", part.strip())
        parsed = dateparser.parse(cleaned, settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
        if parsed:
            return parsed.date()
    return None


def ends_like_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def read_header(blocks: list[Block]) -> Header:
    header = Header()
    rest: list[str] = []
    for block in blocks:
        text = block.text.strip()
        by = _BYLINE.match(text)
        if by and header.byline is None and block.words <= 12:
            header.byline = by.group("who").strip()
            continue
        date = read_printed_date(text)
        if date and header.printed_date is None:
            header.printed_date = date
            continue
        if block.kind == BAD:
            header.dropped.append(text)
            continue
        rest.append(text)
    # Headlines and standfirst labels do not end like sentences; a line that does is the article's
    # lead ("MOSCOW – Russia expelled two Estonian diplomats on Monday, the ministry said."), body text
    # however short it is.
    heads = [line for line in rest if not ends_like_sentence(line)]
    header.lead = [line for line in rest if ends_like_sentence(line)]
    if heads:
        header.title = heads[0]
        subtitles = [line for line in heads[1:] if line != header.title]
        header.subtitle = " ".join(subtitles) or None
    return header


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    match = _DATELINE.match(paragraph)
    if not match:
        return None, paragraph
    return match.group("dateline").strip(), paragraph[match.end() :]


def read_signoff(trailer: list[Block]) -> str | None:
    """An author's name alone on the first line after the article ("M.Wassouf")."""
    if not trailer:
        return None
    text = trailer[0].text.strip()
    if 1 <= len(text.split()) <= 4 and _SIGNOFF.match(text) and trailer[0].cue_share == 0:
        return text
    return None
