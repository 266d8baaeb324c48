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


def test_a_date_in_an_infinitive_or_gerund_under_the_act_dates_it(code_text):
    # Issue 12 item 3: the date the sentence states, hung by the parser on a clause under the act.
    coded = code_text(
        "Police in Lagos charged the two men with conspiring to smuggle weapons into Nigeria in 2019.",
        published=WEDNESDAY,
    )
    charges = [e for e in coded.events if e.trigger.startswith("charged")]
    assert charges and all(e.date_text == "2019" and e.date == dt.date(2019, 1, 1) for e in charges)


def test_the_end_of_a_span_under_the_act_does_not_date_it(code_text):
    coded = code_text(
        "Egyptian authorities barred the activist from travelling abroad until last month.", published=WEDNESDAY
    )
    bans = [e for e in coded.events if e.trigger.startswith("barred")]
    assert bans and all(e.date is None for e in bans), [(e.trigger, e.date_text) for e in bans]


def test_the_date_of_the_statement_an_act_was_made_in_dates_the_act(code_text):
    # "In a joint statement published Oct. 25, ... accused" (issue 12): the date hangs on the participle.
    coded = code_text(
        "In a letter released July 3, Kenyan opposition leaders urged President Uhuru Kenyatta to resign.",
        published=WEDNESDAY,
    )
    requests = [e for e in coded.events if e.trigger.startswith("urged")]
    assert requests and all(e.date == dt.date(2021, 7, 3) for e in requests), [(e.date_text) for e in requests]
