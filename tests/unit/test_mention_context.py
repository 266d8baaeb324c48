"""Names read against their neighbours and their typography (issue #11, items 2, 4 and 5)."""

from __future__ import annotations

import datetime as dt

from parley.kb.actors import load_kb
from parley.nlp.mentions import mention_finder


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.actor_id) for m in mention_finder(load_kb()).find(text)]


def test_curly_apostrophes_dashes_and_no_break_spaces_still_match_with_original_offsets():
    text = "The \u2018People\u2019s Daily\u2019 said the People\u2019s Liberation Army and Kim Jong\u00a0Un agreed."
    found = mention_finder(load_kb()).find(text)
    by_text = {m.text: m.actor_id for m in found}
    assert by_text["People\u2019s Daily"] == "CHN-PEOPLESDAILY"
    assert by_text["People\u2019s Liberation Army"] == "CHN-PLA"
    assert by_text["Kim Jong\u00a0Un"] == "P-KIM-JONG-UN"
    assert all(text[m.start : m.end] == m.text for m in found)


def test_an_organ_named_after_another_state_is_that_states():
    found = _found("The Nigerian Senate passed the bill. The US Senate did not.")
    assert found[:2] == [("Nigerian", "NGA"), ("Senate", "GENERIC:legislature")]
    assert ("Senate", "USA-CONGRESS") in found


def test_nigerian_senate_is_nigerias_legislature_in_events(code_text):
    coded = code_text("The Nigerian Senate rejected the budget proposed by the president.", dt.date(2020, 1, 5))
    assert {(e.source, e.source_agent, e.source_sector) for e in coded.events if e.type == "REJECT"} == {
        ("NGA", "NGA:legislature", "legislature")
    }


def test_hong_kong_is_its_own_actor():
    assert _found("Hong Kong police arrested protesters.")[0] == ("Hong Kong", "HKG")
    assert _found("Macau's government said.")[0] == ("Macau", "MAC")


def test_a_place_inside_a_longer_name_is_not_an_actor():
    found = _found("Trucks on the Baghdad-Damascus highway and at Baghdad airport. Baghdad protested.")
    assert found == [("Baghdad", "IRQ")] and found[0][0] == "Baghdad"
    assert _found("Tehran-backed militias fired.") == [("Tehran", "IRN")]


def test_a_known_person_named_again_by_surname_is_a_mention_of_them(code_text):
    coded = code_text(
        "The United States imposed tariffs on Chinese steel on Monday. Washington said the move was final. "
        "The president said he would not back down. Nancy Pelosi criticized the decision. "
        "Pelosi said the tariffs would hurt farmers in Iowa.",
        dt.date(2019, 9, 10),
    )
    found = {(m.text, m.actor_id, m.how) for m in coded.mentions}
    assert ("Pelosi", "P-NANCY-PELOSI", "surname") in found


def test_a_surname_the_parser_labels_as_a_facility_is_still_the_person(code_text):
    # spaCy tags "Pelosi" FAC in "voted for Pelosi": a one-word name of any label is the surname.
    coded = code_text(
        "Nancy Pelosi yesterday resumed the office of Speaker of the House. The new members of the House of "
        "Representatives, which include 235 Democrats and 199 Republicans, voted for Pelosi to serve as Speaker "
        "with 220 votes.",
        dt.date(2019, 1, 4),
    )
    assert ("Pelosi", "P-NANCY-PELOSI") in {(m.text, m.actor_id) for m in coded.mentions if m.sent_idx == 1}


def test_a_name_in_apposition_to_a_title_takes_the_titles_state(code_text):
    coded = code_text(
        "On Tuesday, the Greek prime minister Kyriakos Kalamaras reasserted the openness of the EastMed "
        "project, which involves Greece, Cyprus and Israel. The United States welcomed it. Turkey objected. "
        "Kalamaras met the International Monetary Fund in Washington.",
        dt.date(2020, 1, 8),
    )
    # (Made-up people throughout: the knowledge base knows the real ones.)
    people = {(m.text, m.actor_id.split(":")[0]) for m in coded.mentions if "Kalamaras" in m.text}
    assert people == {("Kyriakos Kalamaras", "GRC"), ("Kalamaras", "GRC")}


def test_a_name_after_a_title_with_a_posting_is_the_title_holders_not_the_posts(code_text):
    # The parser hangs the name on "Syria"; the apposition describes the whole title.
    coded = code_text(
        'Iran and Iraq met in Geneva. The UN envoy for Syria, Geir Haugland, said "no" on Monday. Haugland left.',
        dt.date(2020, 1, 8),
    )
    people = {(m.text, m.actor_id.split(":")[0]) for m in coded.mentions if "Haugland" in m.text}
    assert people == {("Geir Haugland", "IGO-UN"), ("Haugland", "IGO-UN")}


def test_a_pro_state_allegiance_is_not_that_state():
    assert _found("Pro-Beijing councillors and pro-Russian separatists won seats.") == []
    assert _found("Beijing-backed councillors won.") == [("Beijing", "CHN")]


def test_victims_and_hostages_take_the_storys_state(code_text):
    coded = code_text(
        "British police arrested a man after a stabbing in Manchester. The police said the victims were "
        "taken to hospital. A British court will hear the case.",
        dt.date(2019, 3, 1),
    )
    found = {(m.text, m.actor_id) for m in coded.mentions}
    assert ("the victims", "GBR:civilians") in found
    # A name ending the sentence before ("... in Manchester.") does not place "The police".
    assert ("The police", "GBR:police") in found


def test_a_bare_senate_is_the_story_states_legislature_not_the_us_congress(code_text):
    coded = code_text(
        "Puerto Rico's governor resigned on Friday after protests in San Juan. Puerto Rico's House confirmed "
        "Pedro Pierluisi. The Senate rejected Pierluisi as secretary of state of Puerto Rico on Wednesday.",
        dt.date(2019, 8, 7),
    )
    assert ("The Senate", "PRI:legislature") in {(m.text, m.actor_id) for m in coded.mentions}
    assert {(e.source, e.source_agent) for e in coded.events if e.type == "REJECT"} == {("PRI", "PRI:legislature")}
    us = code_text(
        "The US Senate voted on Iran. Iran said. Iran acted. Iran spoke. The Senate met.", dt.date(2019, 8, 7)
    )
    found = {(m.text, m.actor_id) for m in us.mentions}
    assert ("Senate", "USA-CONGRESS") in found and ("The Senate", "IRN:legislature") in found


def test_a_demonym_naming_a_university_is_not_its_state():
    assert _found("Chinese University political scientist Ma Ngok and Jennifer Daskal of American University.") == []
    assert _found("The Chinese embassy protested.") == [("Chinese", "CHN")]


def test_hong_kong_parties_and_people_are_hong_kongs_not_chinas():
    # The Phoenix dictionary files Regina Ip under China (CHNGOVMIL); the curated entries outrank it.
    found = _found(
        "The pro-Beijing DAB won 21 seats and the FTU five. Legislator Regina Ip of the New People's Party "
        "said the LegCo would meet."
    )
    assert found == [
        ("DAB", "HKG-DAB"), ("FTU", "HKG-FTU"), ("Regina Ip", "P-REGINA-IP"),
        ("New People's Party", "HKG-NPP"), ("LegCo", "HKG-LEGCO"),
    ]  # fmt: skip
    assert load_kb().principal("P-REGINA-IP", dt.date(2019, 11, 25)) == "HKG"


def test_an_unnamed_office_holder_is_the_person_the_article_gave_that_office(code_text):
    coded = code_text(
        "Mexican Foreign Minister Marcelo Arriaga met American officials in Washington on Monday. "
        "The foreign minister accused the United States of lying. "
        "U.S. President Donald Trump said the talks were useful. The president later criticised Mexico.",
        dt.date(2020, 1, 10),
    )
    by_text = {m.text: m.actor_id for m in coded.mentions}
    assert by_text["The foreign minister"] == "MEX" and by_text["The president"] == "P-TRUMP"
    accusations = {(e.source, e.target, e.trigger) for e in coded.events if e.type == "ACCUSE"}
    assert accusations == {("MEX", "USA", "accused"), ("USA", "MEX", "criticised")}


def test_an_office_that_names_no_one_acting_is_no_mention():
    from parley.coding.domestic import domestic_words, office_keys

    assert domestic_words("The president said no.") == [(0, 13, "government")]
    for text in ("the president of Harvard spoke", "the former governor Pierluisi", "sworn in as governor",
                 "his campaign for president"):  # fmt: skip
        assert domestic_words(text) == [], text
    # "Prime Minister X" is not "the minister"; "Foreign Minister X" is.
    assert office_keys(["Prime", "Minister"]) == ["prime minister"]
    assert office_keys(["Foreign", "Minister"]) == ["foreign minister", "minister"]


def test_a_person_introduced_by_someone_elses_title_is_not_that_someone(code_text):
    coded = code_text(
        "Trump's longtime physician Harold Bornstein said the letter was false. "
        '"I made it up," Bornstein said. Erdogan\'s spokesman Ahmet Kalkan criticised the decision.',
        dt.date(2019, 11, 18),
    )
    by_text = {m.text: m.actor_id for m in coded.mentions}
    # Placed by the description, as the people they are: not as Trump and Erdogan.
    assert by_text["Harold Bornstein"] == "USA" and by_text["Bornstein"] == "USA"
    assert by_text["Ahmet Kalkan"] == "TUR"
    (quote,) = coded.quotes
    assert quote.speaker == "USA" and quote.speaker_text == "Bornstein"


def test_a_state_named_as_someones_field_does_not_place_them(code_text):
    coded = code_text(
        "U.S. lawmakers questioned Alexander Vindman, a Ukraine specialist on the National Security Council, "
        "and a Chinese analyst, Li Wei, on Tuesday.",
        dt.date(2019, 11, 19),
    )
    by_text = {m.text: m.actor_id for m in coded.mentions}
    assert by_text["Alexander Vindman"] == "USA" and by_text["Li Wei"] == "CHN"


def test_a_description_places_a_person_through_its_chain_of_of_phrases(code_text):
    # The story is about Argentina and Chile; the description names the body the speaker works for.
    coded = code_text(
        "Argentina's president met Chile's foreign minister in Buenos Aires on Monday. Argentina and Chile "
        "signed a trade deal. Mohammed Otaibi, director of the press office of Saudi Arabia's interior "
        'ministry, spoke to reporters in Buenos Aires. "The visit was useful," Otaibi said.',
        dt.date(2019, 11, 19),
    )
    by_text = {m.text: m.actor_id for m in coded.mentions}
    assert by_text["Mohammed Otaibi"] == "SAU" and by_text["Otaibi"] == "SAU"
    (quote,) = coded.quotes
    assert quote.speaker == "SAU" and quote.speaker_text == "Otaibi"


def test_a_person_the_parser_takes_for_a_place_is_still_introduced(code_text):
    # The small English model reads "Jamal Khashoggi" as a PERSON first, then as two GPEs.
    coded = code_text(
        "Argentina's president met Chile's foreign minister in Buenos Aires on Monday. On Thursday, the "
        "fiancée of journalist Jamal Khashoggi addressed reporters in New York. Jamal Khashoggi, a Saudi "
        "national, was a columnist for The Washington Post.",
        dt.date(2019, 9, 29),
    )
    third = [(m.text, m.actor_id) for m in coded.mentions if m.sent_idx == 2]
    assert ("Khashoggi", "SAU") in third


def test_the_people_of_us_territories_are_not_american():
    found = _found("Three American Samoans sued; Puerto Rican officials and Guamanian voters watched.")
    assert ("American Samoans", "ASM") in found and ("Puerto Rican", "PRI") in found
    assert ("Guamanian", "GUM") in found and all(actor != "USA" for _, actor in found)
