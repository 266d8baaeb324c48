"""What the charts show, and that they say what they leave out."""

import datetime as dt
import io

from PIL import Image

from parley.analysis.dyads import dyad_series
from parley.interfaces.charts import dyad_notes, dyad_png, timeline_bins, timeline_png
from tests.unit.test_analysis import ev

d = dt.date
PUBLISHED = d(2019, 11, 21)
EVENTS = [
    ev(1, "REJECT", date=d(2019, 11, 4), doc_published=PUBLISHED),
    ev(2, "AGREE", date=d(2019, 1, 1), date_end=d(2019, 12, 31), doc_published=PUBLISHED),  # "this year"
    ev(3, "CONSULT", doc_published=PUBLISHED),  # undated: at the publication date
    ev(4, "SUPPORT", date=d(1953, 1, 1), date_end=d(1953, 12, 31), doc_published=PUBLISHED),  # the armistice
    ev(5, "AGREE", date=d(1950, 1, 1), date_end=d(1953, 12, 31), doc_published=PUBLISHED),  # "1950-53"
    ev(6, "AGREE", doc_id="d2"),  # neither a date nor a publication date
]


def test_timeline_bins_by_precision_and_keeps_history_apart():
    tl = timeline_bins(EVENTS)
    assert tl.reported == {(d(2019, 11, 1), "verbal_conflict"): 1, (d(2019, 11, 1), "verbal_cooperation"): 1}
    assert not any(month.month == 1 for month, _ in tl.reported)  # the year-only date is not January
    assert tl.referred_to == {(1953, "verbal_cooperation"): 1}
    assert tl.notes == [
        "1 undated event placed at the article's publication date",
        "1 reported event dated only to a year or a longer span: not shown per month",
        "1 event with no date and no publication date: not shown",
        "2 events referred to (dated over a year before the article) shown apart, per year; "
        "1 spanning several years not shown",
    ]


def test_timeline_draws_a_second_panel_for_events_referred_to():
    def height(png: bytes) -> int:
        return Image.open(io.BytesIO(png)).height

    reported_only = [e for e in EVENTS if e["event_id"] in ("e1", "e3")]
    assert height(timeline_png(EVENTS)) > height(timeline_png(reported_only)) * 1.4


def test_dyad_chart_says_what_it_leaves_out(kb):
    series = dyad_series(EVENTS, "month")
    left_out = {"referred_to": 2, "coarser": 1, "undated": 1}
    assert dyad_notes(series, left_out, "month") == [
        "1 undated event counted at the article's publication date",
        "2 events referred to (dated over a year before the article) not counted",
        "1 event dated less precisely than a month: not counted",
        "1 event with no date and no publication date: not counted",
    ]
    assert dyad_notes(series, {}, "month") == ["1 undated event counted at the article's publication date"]
    assert dyad_png(series, kb, left_out=left_out)[:4] == b"\x89PNG"
