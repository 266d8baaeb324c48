"""Domestic events, placed groups and where targets hide (sentences written for these tests)."""

import datetime as dt

import pytest

from tests.conftest import events_of


def _triples(coded, type_=None):
    return {(e.type, e.source, e.target) for e in events_of(coded, type_)}


def test_police_acting_on_unnamed_people_at_home(code_text):
    coded = code_text("Kenyan police detained forty opposition supporters on Tuesday.")
    assert _triples(coded, "COERCE") == {("COERCE", "KEN", "KEN")}
    ev = events_of(coded, "COERCE")[0]
    assert ev.target_text and "supporters" in ev.target_text


def test_foreign_force_is_not_assumed_domestic(code_text):
    coded = code_text("French warplanes killed dozens of militants on Friday.")
    assert _triples(coded, "ASSAULT") == {("ASSAULT", "FRA", None)}


def test_group_placed_in_a_country_by_its_noun_phrase_or_by_the_event(code_text):
    coded = code_text("Rebels in Mozambique rejected an appeal from the president to disarm.")
    assert ("REJECT", "MOZ", "MOZ") in _triples(coded, "REJECT")
    coded = code_text("Farmers demonstrated in Nairobi on Monday.")
    assert _triples(coded, "PROTEST") == {("PROTEST", "KEN", "KEN")}
    assert events_of(coded, "PROTEST")[0].source_text == "Farmers"


def test_attitude_passive_keeps_its_subject_as_source(code_text):
    coded = code_text("Egypt is opposed to Turkish mediation in the dispute.")
    assert _triples(coded, "REJECT") == {("REJECT", "EGY", "TUR")}


def test_refusal_takes_the_target_of_the_refused_act(code_text):
    coded = code_text("Chile has refused to extradite the suspect to Peru.")
    assert ("REJECT", "CHL", "PER") in _triples(coded, "REJECT")


def test_every_conjoined_target_is_coded(code_text):
    coded = code_text("Norway agreed to send medical aid to Sudan, Chad and Niger.")
    assert {t for _, _, t in _triples(coded, "AGREE")} == {"SDN", "TCD", "NER"}


def test_demand_addressee_is_the_subject_of_the_demanded_act(code_text):
    coded = code_text("India demanded that Nepal halt the sale of land to China to protect the border.")
    assert _triples(coded, "REQUEST") == {("REQUEST", "IND", "NPL")}


def test_leader_from_the_leaders_table_acts_for_the_state_of_the_day(code_text):
    coded = code_text("Hosni Mubarak welcomed the Israeli proposal.", published=dt.date(2005, 3, 1))
    ev = events_of(coded, "SUPPORT")[0]
    assert (ev.source, ev.source_agent, ev.target) == ("EGY", "P-HOSNI-MUBARAK", "ISR")


@pytest.mark.xfail(
    strict=True,
    reason="known defect: the coder takes no target words from 'restraint from all parties in the "
    "conflict', and the party ranker, trained on gold that codes many diplomatic acts of a state in "
    "its own story as domestic, makes Brazil the target of its own call (barring such self-targets "
    "lost 6 right events on Wikinews train, 1 on its dev split and 1 on web-page dev)",
)
def test_a_state_is_not_assumed_to_act_at_home(code_text):
    coded = code_text("Brazil called for restraint from all parties in the conflict.")
    assert {t for _, _, t in _triples(coded, "REQUEST")} <= {None}


def test_misspelled_names_match_within_one_edit_and_say_so(code_text, kb):
    from parley.nlp.mentions import mention_finder

    coded = code_text("Pakistan rejected a fresh offer from Afghanistn for direct talks.")
    assert ("REJECT", "PAK", "AFG") in _triples(coded, "REJECT")
    found = mention_finder(kb).find("Afghanistn and Nigerien troops met Tuesday.")
    assert [(m.text, m.actor_id, m.how) for m in found if m.how == "fuzzy"] == [("Afghanistn", "AFG", "fuzzy")]
    # Spellings the Phoenix dictionaries list are names, not slips.
    found = mention_finder(kb).find("Afganistan and Nigerien troops met Tuesday.")
    assert [(m.text, m.actor_id) for m in found][:1] == [("Afganistan", "AFG")] and found[0].how != "fuzzy"


def test_ethnic_and_nested_demonyms(code_text):
    coded = code_text("Ethnic Albanians demonstrated in Serbia on Tuesday.")
    assert {s for _, s, _ in _triples(coded, "PROTEST")} == {"SRB"}
    coded = code_text("Bosnian Serbs demanded a truce with Muslim forces.")
    assert {s for _, s, _ in _triples(coded, "REQUEST")} == {"BIH"}


def test_anti_modifier_is_not_the_actor(code_text):
    coded = code_text("Police arrested an anti-China activist in Nepal.")
    assert "CHN" not in {t for _, _, t in _triples(coded)}


def test_conjoined_naming_modifiers_are_all_targets(code_text):
    coded = code_text("Amnesty International said US and British forces must protect civilians.")
    assert {t for _, _, t in _triples(coded, "REQUEST")} == {"USA", "GBR"}


def test_protest_target_from_its_purpose(code_text):
    coded = code_text("Students in Dhaka marched to denounce Indian border policy.")
    assert _triples(coded, "PROTEST") == {("PROTEST", "BGD", "IND")}


def test_led_forces_and_fire_as_an_attack(code_text):
    coded = code_text("Saudi-led forces launched rocket fire against Yemeni positions near the border.")
    assert ("ASSAULT", "SAU", "YEM") in _triples(coded, "ASSAULT")


def test_group_named_by_its_own_description(code_text):
    coded = code_text("Thousands of workers affiliated with a Kenyan union went on strike on Monday.")
    assert _triples(coded, "PROTEST") == {("PROTEST", "KEN", "KEN")}


def test_signing_and_recognition_are_mutual_support(code_text):
    coded = code_text("Ghana and Togo signed a border treaty on Friday.")
    assert _triples(coded, "SUPPORT") == {("SUPPORT", "GHA", "TGO"), ("SUPPORT", "TGO", "GHA")}
    coded = code_text("Ghana will sign the long-awaited border treaty with Togo in Lome next week, officials said.")
    assert ("AGREE", "GHA", "TGO") in _triples(coded, "AGREE")


def test_an_act_done_to_protest_is_the_protest(code_text):
    coded = code_text("Kenyan traders shunned the markets on Monday to protest against new taxes.")
    assert {t for t, _, _ in _triples(coded)} == {"PROTEST"}


def test_calling_off_a_strike_is_a_concession_and_ordering_a_halt_is_coercion(code_text):
    coded = code_text("The Ghanaian teachers' union called off its national strike after talks on pay.")
    # The talks are an act of their own (CONSULT); the strike called off is no protest or attack.
    assert {t for t, _, _ in _triples(coded)} - {"CONSULT"} == {"CONCEDE"}
    coded = code_text("The Zimbabwean government ordered the independent newspaper to suspend publication.")
    assert ("COERCE", "ZWE", "ZWE") in _triples(coded, "COERCE")


def test_opening_fire_to_disperse_is_repression(code_text):
    coded = code_text("Bolivian police opened fire to disperse striking miners in La Paz on Monday.")
    assert events_of(coded)[0].type == "COERCE"


def test_a_proposal_called_out_of_the_question_is_a_refusal(code_text):
    coded = code_text("Tehran said on Sunday that talks with Washington were out of the question.")
    assert _triples(coded, "REJECT") == {("REJECT", "IRN", "USA")}


def test_a_thwarted_plot_is_an_attack_by_an_unknown_placed_where_it_was_foiled(code_text):
    coded = code_text("A plot to assassinate the governor of Kano was foiled in Nigeria on Sunday.")
    assert ("ASSAULT", "NGA", "unknown attacker") in {(e.type, e.source, e.source_text) for e in events_of(coded)}


def test_phrasal_object_through_a_compound(code_text):
    coded = code_text("Both the Sudanese army and the rebels violated the ceasefire agreement on Monday.")
    assert "ASSAULT" in {t for t, _, _ in _triples(coded)}
    # Only alleged: the content of an accusation is not an act (docs/annotation.md, section 3).
    coded = code_text("Both the Sudanese army and the rebels are accused of violating the ceasefire agreement.")
    assert "ASSAULT" not in {t for t, _, _ in _triples(coded)}


def test_words_a_letter_away_from_a_name_are_not_taken_for_it(kb):
    from parley.nlp.mentions import mention_finder

    text = "Alright, Indiana and the Americas fought the Plague in Columbia. Then Albright spoke. ARGENTINA WINS."
    found = mention_finder(kb).find(text)
    assert [m.text for m in found if m.how == "fuzzy"] == []
    assert ("ARGENTINA", "ARG") in {(m.text, m.actor_id) for m in found}
    slip = mention_finder(kb).find("Algeria's President Bouteflicka spoke.")
    assert ("Bouteflicka", "P-ABDELAZIZ-BOUTEFLIKA", "fuzzy") in {(m.text, m.actor_id, m.how) for m in slip}


def test_short_names_in_capitals_and_capitalised_arabic_articles_are_found(kb):
    from parley.nlp.mentions import mention_finder

    # A tabloid's opening words, and a name whose article opens a sentence (both missed on train pages).
    found = mention_finder(kb).find(
        "CHINA has sent troops. IRAN and RUSSIA objected. Al-Qaeda denied it. US, AND THE UN."
    )
    pairs = {(m.text, m.actor_id) for m in found}
    assert {("CHINA", "CHN"), ("IRAN", "IRN"), ("RUSSIA", "RUS"), ("Al-Qaeda", "GRP-ALQAEDA")} <= pairs
    assert not {m.text for m in found} & {"AND", "THE"}


def test_a_wire_agency_has_its_state_but_does_not_make_the_story_about_it(code_text, kb):
    from parley.coding.domestic import story_state

    coded = code_text(
        "Kenyan police arrested two men on Monday, Reuters reported. The men were freed, a spokesman told "
        "Reuters. Reuters could not reach the court. The Associated Press and Reuters said the same."
    )
    assert story_state(coded.mentions, kb, None) == "KEN"
    assert kb.mention_principal("MEDIA-REUTERS") == "GBR"
    assert kb.mention_principal("MEDIA-AP") == "USA"


def test_unqualified_domestic_agents_are_mentions_of_the_story_state(code_text):
    coded = code_text(
        "Kenya's opposition called for protests in Nairobi on Monday. Police fired tear gas at protesters. "
        "The court later freed them, and Uganda said nothing."
    )
    mentions = {(m.text, m.actor_id, m.how) for m in coded.mentions}
    assert {("Police", "KEN:police", "domestic"), ("protesters", "KEN:protesters", "domestic")} <= mentions
    assert ("The court", "KEN:judiciary", "domestic") in mentions
    # Named agents are placed by their name, not by the story: no second mention for "opposition".
    assert not any(m.how == "domestic" and m.text == "opposition" for m in coded.mentions)
    # Without a state that dominates the story, nothing is placed.
    coded = code_text(
        "Kenya and Uganda met in Geneva. Police fired tear gas at protesters. France, Chad and Peru agreed."
    )
    assert not [m for m in coded.mentions if m.how == "domestic"]


def test_roles_left_implicit_are_taken_from_context_and_marked(code_text):
    # The target is named only as a place of the act; the source only in the sentence before.
    coded = code_text("Turkey launched a military offensive in northern Syria on Wednesday.")
    offensive = events_of(coded, "ASSAULT")
    assert [(e.source, e.target) for e in offensive] == [("TUR", "SYR")]
    coded = code_text(
        "Thousands of opposition supporters gathered in Nairobi on Monday. They marched to parliament and "
        "were dispersed with tear gas."
    )
    assert {(e.type, e.source) for e in coded.events if e.type == "PROTEST"} == {("PROTEST", "KEN")}
    marched = next(e for e in coded.events if e.trigger == "marched")
    # "They": no words of the sentence name Kenya. The target is Kenya's either way: taken from the
    # context (implicit) or from "parliament", an unqualified domestic organ.
    assert "source" in marched.implicit and marched.target == "KEN"
    # A legislature acting with no other party named acts at home; the filled role says so.
    coded = code_text("Zambian lawmakers approved a new constitution on Friday.")
    assert [(e.source, e.target, e.implicit) for e in coded.events] == [("ZMB", "ZMB", ("target",))]


def test_content_of_an_accusation_or_denial_is_not_an_act(code_text):
    coded = code_text("Ukraine accused Russia of shelling the nuclear plant.")
    assert _triples(coded) == {("ACCUSE", "UKR", "RUS")}
    coded = code_text("India denied violating the ceasefire along the border with Pakistan.")
    assert "ASSAULT" not in {t for t, _, _ in _triples(coded)}


def test_what_a_charge_or_arrest_alleges_is_not_an_act_but_a_sentence_asserts_it(code_text):
    for text in ("Kenyan police charged the man with assault on Tuesday.",
                 "Kenyan police arrested two men for attacking a bus in Nairobi."):  # fmt: skip
        types = {t for t, _, _ in _triples(code_text(text))}
        assert "COERCE" in types and "ASSAULT" not in types, text
    coded = code_text("A Pakistani court sentenced Waseem to life in prison for the murder of his sister.")
    assert "ASSAULT" in {t for t, _, _ in _triples(coded)}


def test_a_sentence_whose_parties_are_implied_is_coded_unless_the_prefilter_is_asked_for(kb):
    from parley.coding.document import DocumentCoder
    from parley.models import RawDocument
    from parley.text.clean import clean_document

    text = (
        "U.S. Attorney General William Barr visited a federal prison in New York on Monday. "
        "The visit lasted an hour. Two prison guards were charged on Tuesday with falsifying records."
    )
    raw = RawDocument(origin="<test>", content=text, content_type="text", published=dt.date(2019, 11, 20))

    def charges(prefilter: bool | None) -> set:
        coded = DocumentCoder(kb, prefilter=prefilter).code(clean_document(raw))
        return {(e.source, e.target, e.trigger) for e in events_of(coded, "COERCE")}

    # No actor is named in or just before the third sentence: only the prefilter skips it.
    assert charges(None) == {("USA", "USA", "charged")}
    assert charges(True) == set()


def test_two_people_of_one_state_each_act(code_text):
    coded = code_text("Senators Dick Durbin and Adam Schiff criticized Attorney General William Barr on Tuesday.")
    acts = {(e.source, e.source_agent, e.target) for e in events_of(coded, "ACCUSE")}
    assert acts == {("USA", "P-DICK-DURBIN", "USA"), ("USA", "P-ADAM-SCHIFF", "USA")}


def test_collectives_of_the_phoenix_agent_dictionary_are_domestic_mentions(code_text):
    # "Farmers" and "landowners" are in no hand list: the Phoenix agent dictionary names them
    # (civilians), and in a story about one country they are that country's.
    coded = code_text(
        "Nigeria's government raised fuel prices on Monday. "
        "Farmers and landowners blocked roads in protest, and the Nigerian army said it would not intervene."
    )
    found = {(m.text, m.actor_id) for m in coded.mentions}
    assert {("Farmers", "NGA:civilians"), ("landowners", "NGA:civilians")} <= found
    # One mention per word: the capitalised "Farmers" is not also an unplaced name of the story.
    assert sum(1 for m in coded.mentions if m.text == "Farmers") == 1
    # Places and things the dictionary lists as agents stay out ("villages", "settlements").
    coded = code_text("Nigeria's government raised fuel prices. Villages and settlements lost power on Monday.")
    assert not [m for m in coded.mentions if m.text.lower() in ("villages", "settlements")]
