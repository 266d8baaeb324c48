"""Acts of several actors: named together and referred to again as "they" or "the ministers", or named
as the two sides "between" whom the act took place (issue #10, #11 item 3).

Annotators code an act of several states once per state (docs/annotation.md §3); before, "They
called on ..." went to a single state, often one that had not acted.
"""

from __future__ import annotations

import datetime as dt

from tests.conftest import events_of

_MET = "Japan's foreign minister Yoko Kamikawa and her South Korean counterpart Cho Tae-yul met in Tokyo on Monday. "


def _pairs(coded, type_: str) -> set[tuple[str | None, str | None]]:
    return {(e.source, e.target) for e in events_of(coded, type_) if e.modality == "asserted"}


def test_they_and_the_ministers_are_each_of_the_states_that_met(code_text):
    coded = code_text(
        _MET + "They called on North Korea to return to talks. The two ministers agreed to meet again next year.",
        dt.date(2024, 7, 1),
    )
    # "her South Korean counterpart" hangs on Kamikawa as an apposition; she and Cho both met
    assert _pairs(coded, "CONSULT") == {("JPN", "KOR"), ("KOR", "JPN")}
    assert _pairs(coded, "REQUEST") == {("JPN", "PRK"), ("KOR", "PRK")}
    assert _pairs(coded, "AGREE") == {("JPN", "KOR"), ("KOR", "JPN")}
    # a "they" of two states is no mention of either
    assert not [m for m in coded.mentions if m.text == "They"]


def test_several_counterparts_each_meet_the_host(code_text):
    coded = code_text(
        "Egypt's foreign minister Sameh Shoukry and his Greek, Cypriot and French counterparts met in Cairo."
    )
    assert {s for s, _ in _pairs(coded, "CONSULT")} == {"EGY", "GRC", "CYP", "FRA"}
    assert ("FRA", "EGY") in _pairs(coded, "CONSULT")


def test_an_organisation_acting_in_between_takes_they(code_text):
    coded = code_text(
        _MET + "China's foreign ministry criticised the meeting. They called on Japan to stop provoking Beijing.",
        dt.date(2024, 7, 1),
    )
    assert _pairs(coded, "REQUEST") == {("CHN", "JPN")}


def test_a_plural_group_acting_in_between_takes_they(code_text):
    coded = code_text(
        _MET + "Protesters gathered outside the ministry. They demanded that Japan apologise.", dt.date(2024, 7, 1)
    )
    assert {s for s, _ in _pairs(coded, "REQUEST")} == {"JPN"}  # the protesters, placed in Japan; not Korea


def test_the_group_is_forgotten_after_two_sentences(code_text):
    coded = code_text(
        _MET + "The talks lasted two hours. Lunch was served. The weather was fine. Tokyo was hot. "
        "They condemned North Korea's missile launches.",
        dt.date(2024, 7, 1),
    )
    assert ("KOR", "PRK") not in _pairs(coded, "ACCUSE")


def test_clashes_between_two_sides_are_an_attack_by_each(code_text):
    coded = code_text("Clashes between police and protesters broke out in Nairobi on Tuesday.", dt.date(2024, 7, 1))
    fights = [e for e in events_of(coded, "ASSAULT") if e.modality == "asserted"]
    assert {(e.source, e.target) for e in fights} == {("KEN", "KEN")}
    assert sorted(e.source_text or "" for e in fights) == ["police", "protesters"]


def test_talks_between_two_states_are_each_ones(code_text):
    coded = code_text("Talks between India and Pakistan resumed in Islamabad on Monday.", dt.date(2024, 7, 1))
    assert _pairs(coded, "CONSULT") == {("IND", "PAK"), ("PAK", "IND")}


def test_one_side_clashing_with_another_is_not_doubled_by_between(code_text):
    coded = code_text("Israeli troops clashed with Palestinian youths in Hebron on Friday.", dt.date(2024, 7, 1))
    assert _pairs(coded, "ASSAULT") == {("ISR", "PSE")}
