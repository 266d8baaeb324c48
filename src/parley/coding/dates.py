"""Resolve time expressions against the publication date, or say they are unknown.

Rules: an expression with its own year is explicit. One without a year
("June 12", "Monday", "this year") needs the publication date; without one it
stays unknown rather than borrowing today's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

# "2019-20", "1994–2001"; not a time after a date ("November 20, 2019 - 11:28 AMT") nor an ISO date.
_YEAR_RANGE = re.compile(r"\b(?P<a>1[6-9]\d\d|20\d\d)\s*[-–—/]\s*(?P<b>\d{2}|\d{4})\b(?![:.\-/]\d)")
_ISO_DATE = re.compile(r"\b(1[6-9]\d\d|20\d\d)-([01]\d)-([0-3]\d)\b")
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_DECADE = re.compile(r"\b(1[6-9]\d|20\d)0['’]?s\b")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m
}
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\b", re.IGNORECASE)
_DAY_RE = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_RELATIVE_YEAR = {"this year": 0, "last year": -1, "next year": 1, "earlier this year": 0, "later this year": 0}
_RELATIVE_DAY = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1, "this morning": 0,
                 "this afternoon": 0, "this evening": 0}  # fmt: skip
# "next Wednesday", "the coming Friday": the day ahead of publication, not the one before.
_AHEAD = re.compile(r"\b(?:next|coming|upcoming)\b")
# A date this many days after publication is read as this year's ("effective July 31" in a story of
# July 24), one further ahead as last year's: news mostly report what has happened.
_AHEAD_DAYS = 62
# A bare duration ("two months" in prison, "18 years") is no date.
_DURATION = re.compile(
    r"^(?:about |around |nearly |almost |more than |less than |over |some |up to |the )?"
    r"(?:past |last |next |first |final )?(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|a few|few|several|many)(?:[- ]and[- ]a[- ]half)?[- ]"
    r"(?:days?|weeks?|months?|years?|decades?|hours?)$"
)
# Weeks and months relative to the publication date: a range, not a day.
_RELATIVE_PERIOD = {"last week": ("week", -1), "this week": ("week", 0), "next week": ("week", 1),
                    "last month": ("month", -1), "this month": ("month", 0), "next month": ("month", 1)}  # fmt: skip
_NOW = re.compile(r"\b(?:now|today|this|current|currently|present)\b")
_DECADES = re.compile(r"\b(decades|years|months|weeks) (ago|of|since)\b|\bdecades\b")


def resolve(text: str, published: dt.date | None) -> tuple[dt.date | None, dt.date | None, str, str]:
    """Return (first day, last day, precision, basis) for one time expression."""
    lowered = text.lower().strip()
    iso = _ISO_DATE.search(lowered)
    if iso:
        try:
            d = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            return d, d, "day", "explicit"
        except ValueError:
            pass
    span = _YEAR_RANGE.search(lowered)
    if span:
        a = int(span.group("a"))
        b_text = span.group("b")
        b = int(b_text) if len(b_text) == 4 else (a // 100) * 100 + int(b_text)
        if b < a and len(b_text) == 2:
            b += 100
        if a <= b <= a + 200:
            return dt.date(a, 1, 1), dt.date(b, 12, 31), "range", "explicit"
    decade = _DECADE.search(lowered)
    if decade:  # "the 1990s"
        a = int(decade.group(1)) * 10
        return dt.date(a, 1, 1), dt.date(a + 9, 12, 31), "range", "explicit"
    year_match = _YEAR.search(lowered)
    month_match = _MONTH_RE.search(lowered)
    if year_match:
        year = int(year_match.group(1))
        if month_match:
            month = _MONTHS[month_match.group(1).lower()]
            day = _day_near_month(lowered, month_match, year_match)
            if day:
                try:
                    d = dt.date(year, month, day)
                    return d, d, "day", "explicit"
                except ValueError:
                    pass
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last), "month", "explicit"
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "explicit"
    # No year: everything below is relative to the publication date.
    if published is None:
        return None, None, "unknown", "unknown"
    for phrase, delta in _RELATIVE_YEAR.items():
        if phrase in lowered:
            y = published.year + delta
            if month_match:  # "June of this year"
                month = _MONTHS[month_match.group(1).lower()]
                return dt.date(y, month, 1), dt.date(y, month, calendar.monthrange(y, month)[1]), "month", "relative"
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "relative"
    for phrase, delta in _RELATIVE_DAY.items():
        if phrase in lowered:
            d = published + dt.timedelta(days=delta)
            return d, d, "day", "relative"
    for phrase, (unit, delta) in _RELATIVE_PERIOD.items():
        if phrase in lowered:
            return (*_period(published, unit, delta), unit, "relative")
    if month_match:
        month = _MONTHS[month_match.group(1).lower()]
        day = _day_near_month(lowered, month_match, None)
        year = _year_of(published, month, day or 1, ahead=bool(_AHEAD.search(lowered)))
        if day:
            try:
                d = dt.date(year, month, day)
                return d, d, "day", "relative"
            except ValueError:
                pass
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month", "relative"
    for name, weekday in _WEEKDAYS.items():
        if re.search(rf"\b{name}\b", lowered):
            # News usage: the most recent such day on or before publication; "last Thursday" is the
            # one of the week before ("on Thursday" names the one of this week).
            if _AHEAD.search(lowered):
                d = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
                return d, d, "day", "relative"
            back = (published.weekday() - weekday) % 7
            if re.search(rf"\blast\s+{name}\b", lowered) and back <= published.weekday():
                back += 7
            d = published - dt.timedelta(days=back)
            return d, d, "day", "relative"
    return _dateparser_relative(text, published)


def _year_of(published: dt.date, month: int, day: int, ahead: bool = False) -> int:
    """The year of a month and day named without one: this year's if on or before publication, or
    soon after it (or marked ahead, "next July 4"); else last year's."""
    try:
        this_year = dt.date(published.year, month, day)
    except ValueError:
        this_year = dt.date(published.year, month, 1)
    if this_year <= published or ahead or (this_year - published).days <= _AHEAD_DAYS:
        return published.year
    return published.year - 1


def _period(published: dt.date, unit: str, delta: int) -> tuple[dt.date, dt.date]:
    """The calendar week (Monday to Sunday) or month ``delta`` units from the publication date's."""
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=delta)
        return monday, monday + dt.timedelta(days=6)
    month_index = published.year * 12 + published.month - 1 + delta
    year, month = divmod(month_index, 12)
    return dt.date(year, month + 1, 1), dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def _dateparser_relative(text: str, published: dt.date) -> tuple[dt.date | None, dt.date | None, str, str]:
    """Other relative phrases ("two days ago", "last Tuesday") via dateparser."""
    import dateparser

    base = dt.datetime(published.year, published.month, published.day, 12)
    parsed = dateparser.parse(
        text, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "STRICT_PARSING": False}
    )
    if parsed is None or abs((parsed.date() - published).days) > 3660:
        return None, None, "unknown", "unknown"
    if parsed.date() == published and not _NOW.search(text.lower()):
        return None, None, "unknown", "unknown"  # dateparser's fallback to the base day, not a reading
    return parsed.date(), parsed.date(), "day", "relative"


def _day_near_month(text: str, month: re.Match[str], year: re.Match[str] | None) -> int | None:
    for m in _DAY_RE.finditer(text):
        if year is not None and m.start() >= year.start() and m.end() <= year.end():
            continue
        value = int(m.group(1))
        near = abs(m.start() - month.end()) <= 3 or abs(month.start() - m.end()) <= 4
        if near and 1 <= value <= 31:
            return value
    return None


def is_vague(text: str) -> bool:
    """Durations like "decades of tensions", "two months" (in prison) are not dates."""
    lowered = text.lower().strip()
    return (bool(_DECADES.search(lowered)) or bool(_DURATION.match(lowered))) and not _YEAR.search(text)
