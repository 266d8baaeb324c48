"""Time expressions resolved against the publication date, and dates attached to events (sentences
written for these tests)."""

import datetime as dt

import pytest

from parley.coding.dates import is_vague, resolve
from tests.conftest import events_of

WEDNESDAY = dt.date(2021, 7, 21)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("next Friday", dt.date(2021, 7, 23), dt.date(2021, 7, 23)),  # ahead, not the Friday before
        ("Friday", dt.date(2021, 7, 16), dt.date(2021, 7, 16)),  # news usage: the one just past
        ("next Wednesday, July 28", dt.date(2021, 7, 28), dt.date(2021, 7, 28)),
        ("August 2", dt.date(2021, 8, 2), dt.date(2021, 8, 2)),  # soon after publication: this year's
        ("November 30", dt.date(2020, 11, 30), dt.date(2020, 11, 30)),  # months ahead: last year's
        ("March of this year", dt.date(2021, 3, 1), dt.date(2021, 3, 31)),
        ("the 1990s", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
        ("last night", dt.date(2021, 7, 20), dt.date(2021, 7, 20)),
    ],
)
def test_expressions_without_a_year_take_it_from_publication(text, first, last):
    assert resolve(text, WEDNESDAY)[:2] == (first, last)


@pytest.mark.parametrize("text", ["two months", "18 years", "the past two weeks", "several days", "decades"])
def test_durations_are_not_dates(text):
    assert is_vague(text)


@pytest.mark.parametrize("text", ["Tuesday", "June 12", "last week", "2019", "two days ago"])
def test_dates_are_not_durations(text):
    assert not is_vague(text)


def test_a_prison_term_does_not_date_the_sentence(code_text):
    coded = code_text("A court in Nairobi sentenced the Kenyan activist to two months in prison.", published=WEDNESDAY)
    assert all(e.date is None for e in coded.events), [(e.type, e.date, e.date_text) for e in coded.events]


def test_a_date_on_the_last_of_two_verbs_dates_both(code_text):
    coded = code_text(
        "Kenyan police arrested the opposition leader and charged him last Thursday.", published=WEDNESDAY
    )
    (arrest,) = [e for e in coded.events if e.trigger == "arrested"]
    assert arrest.date == dt.date(2021, 7, 15)


def test_the_parser_s_time_of_a_named_day_dates_the_act(code_text):
    coded = code_text(
        "Turkish President Recep Tayyip Erdogan telephoned Iraqi Prime Minister Mustafa al-Kadhimi on Sunday night.",
        published=WEDNESDAY,
    )
    calls = events_of(coded, "CONSULT")
    assert calls and all(call.date == dt.date(2021, 7, 18) for call in calls)
