"""Light-verb, participation and nominal constructions the lexicon codes (issue #10), on sentences
written for these tests."""

from parley.coding.implicit import fill_implicit_roles
from parley.kb.cameo import load_cameo_lexicon
from parley.kb.ontology import load_ontology
from parley.models import Event
from tests.conftest import events_of


def _pairs(coded, type_):
    return {(e.source, e.target) for e in events_of(coded, type_)}


def test_striking_a_deal_is_agreeing_not_attacking(code_text):
    coded = code_text("Laos and Vietnam struck a deal on hydropower on Monday.")
    assert not events_of(coded, "ASSAULT")
    assert _pairs(coded, "AGREE") == {("LAO", "VNM"), ("VNM", "LAO")}


def test_a_phone_call_is_a_consultation(code_text):
    coded = code_text("Macron and Putin spoke on the phone on Monday.")
    assert _pairs(coded, "CONSULT") == {("FRA", "RUS"), ("RUS", "FRA")}
    assert {e.mode for e in events_of(coded, "CONSULT")} == {"phone"}


def test_declaring_an_act_illegal_is_an_accusation(code_text):
    coded = code_text("Morocco declared the referendum in Algeria illegal.")
    assert not events_of(coded, "COERCE")
    assert _pairs(coded, "ACCUSE") == {("MAR", "DZA")}
    coded = code_text("Greece declared the maritime accord between Turkey and Libya null and void.")
    assert {t for _, t in _pairs(coded, "ACCUSE")} == {"TUR", "LBY"}
    assert not events_of(coded, "COERCE") and not events_of(coded, "AGREE")
    # ... but a verdict that blames nobody is no accusation.
    assert not events_of(code_text("Peru declared the new stadium open."), "ACCUSE")


def test_a_conviction_with_nobody_named_is_by_the_convicts_state(kb):
    ev = Event(
        event_id="e1", doc_id="d", sent_idx=0, type="SANCTION", source=None, target="KEN",
        trigger="was convicted", trigger_start=10, trigger_end=23,
    )  # fmt: skip
    filled = fill_implicit_roles([ev], [], kb, None)
    assert (filled[0].source, filled[0].target) == ("KEN", "KEN") and "source" in filled[0].implicit


def test_a_passive_conviction_in_a_text(code_text):
    coded = code_text("Peter Mwangi, a Kenyan businessman, was convicted of fraud on Monday.")
    assert _pairs(coded, "SANCTION") == {("KEN", "KEN")}


def test_an_announced_intention_is_not_asserted(code_text):
    coded = code_text("Thai students announced their intention to hold a rally in Bangkok.")
    assert all(e.modality != "asserted" for e in coded.events if e.type == "PROTEST")
    assert any(e.modality == "intended" for e in coded.events)


def test_lexicon_follows_the_cameo_to_plover_table(code_text):
    # Easing economic sanctions is RETREAT (CAMEO 085), thanks and tributes SUPPORT, a lawsuit ACCUSE.
    assert _pairs(code_text("Japan lifted sanctions on North Korea."), "RETREAT") == {("JPN", "PRK")}
    assert _pairs(code_text("Ghana paid tribute to the late Nigerian president."), "SUPPORT") == {("GHA", "NGA")}
    coded = code_text("President Biden granted clemency to the former governor of Illinois.")
    assert [e.trigger for e in events_of(coded, "RETREAT")] == ["granted clemency"]


def test_nouns_named_after_event_verbs():
    from parley.coding.triggers import _verb_of

    onto, cameo = load_ontology(), load_cameo_lexicon()
    assert _verb_of("invasion", onto, cameo) == "invade"
    assert _verb_of("commutations", onto, cameo) == "commute"
    assert _verb_of("deployment", onto, cameo) == "deploy"
    assert _verb_of("table", onto, cameo) is None


def test_plans_and_purposes_are_not_asserted(code_text):
    coded = code_text("Colombian officials said they intended to sue Ecuador over the spraying.")
    assert [(e.source, e.target, e.modality) for e in events_of(coded, "ACCUSE")] == [("COL", "ECU", "intended")]
    coded = code_text("Delegates from Chile and Peru met in Lima to sign a fishing agreement.")
    assert _pairs(coded, "CONSULT") == {("CHL", "PER"), ("PER", "CHL")}
    assert all(e.modality != "asserted" for e in coded.events if e.type != "CONSULT")


def test_event_verbs_that_name_no_act(code_text):
    # A warning of what others will undergo is no threat; a speaker's own promise of force is one.
    assert not events_of(code_text("Annan warned that time was running out for Kenya."), "THREATEN")
    assert _pairs(code_text("Iran warned it would close the strait if the US attacked."), "THREATEN") == {
        ("IRN", "USA")
    }
    # A question is no request; a participle describing a noun is no act.
    assert not events_of(code_text("The Chilean minister was asked whether Peru would sign the treaty."), "REQUEST")
    assert _pairs(code_text("Bolivia asked Chile to return the territory."), "REQUEST") == {("BOL", "CHL")}
    assert not events_of(code_text("Freed hostages arrived in Bogota from Colombia."), "RETREAT")
    # Leave that names no party is no concession; leave for a named party is one.
    assert not events_of(
        code_text("The Thai government held a referendum, allowing the population to vote."), "CONCEDE"
    )
    coded = code_text(
        "The court in Abidjan decided to allow candidate Alassane Ouattara to run in the Ivorian election."
    )
    assert events_of(coded, "CONCEDE")
    # Releasing words or data is no release of people.
    assert not events_of(code_text("Iran released a statement on Monday criticizing Israel."), "RETREAT")


def test_a_sentence_after_one_naming_a_party_is_coded(code_text):
    # The second sentence names only generic agents and no pronoun: its parties come from context.
    coded = code_text(
        "Thousands of Venezuelans marched through Caracas on Sunday. Riot police fired tear gas at the crowd."
    )
    force = [e for e in coded.events if e.type in ("COERCE", "ASSAULT") and e.sent_idx == 1]
    assert force and force[0].source == "VEN"


def test_unknown_people_are_placed_in_the_story_state(code_text):
    coded = code_text(
        "Peru's economy grew by two percent in March, Peruvian officials said. "
        "Ernesto Quispevilca praised Mariela Condori on Tuesday."
    )
    praise = [e for e in events_of(coded, "SUPPORT") if e.sent_idx == 1]
    assert [(e.source, e.target) for e in praise] == [("PER", "PER")]
    assert praise[0].target_text == "Mariela Condori" and "target" in praise[0].implicit


def test_unknown_people_are_mentions_of_the_story_state(code_text):
    coded = code_text(
        "Kenya's parliament met in Nairobi on Monday. Kenyan lawmakers debated the budget. "
        "Wanjiru Kamau spoke for two hours."
    )
    placed = [m for m in coded.mentions if m.text == "Wanjiru Kamau"]
    assert [(m.actor_id, m.how) for m in placed] == [("KEN", "story")]


def test_a_state_named_only_as_a_location_is_no_actor_mention(code_text):
    coded = code_text("Thousands of people protested in Hong Kong on Sunday against a change to Chilean law.")
    hows = {m.text: m.how for m in coded.mentions}
    assert hows["Hong Kong"] == "place" and hows["Chilean"] == "place"  # a law is no actor (docs/annotation.md §2)
    coded = code_text("Chilean police fired tear gas at protesters in Santiago.")
    assert {m.text: m.how for m in coded.mentions}["Chilean"] != "place"  # a demonym names the actor's home
    coded = code_text("Chile's government said U.S. troops had crossed into Peru, breaking U.S. law.")
    hows = [(m.text, m.how) for m in coded.mentions if m.text == "U.S."]
    assert [h != "place" for _, h in hows] == [True, False]  # the troops are an actor, the law is not


def test_nominal_events_take_their_parties_from_context(code_text):
    coded = code_text(
        "Riot police in Santiago used water cannon on Sunday. Chile has seen weeks of protests over pension reform."
    )
    assert [(e.sent_idx, e.source) for e in events_of(coded, "PROTEST")] == [(1, "CHL")]
    # "the attack" refers back to the act told before: no new act ("was planned" is not a new threat).
    coded = code_text("Gunmen attacked a bus in Kenya on Monday. Kenyan police said the attack was planned.")
    assert [e.sent_idx for e in events_of(coded, "ASSAULT")] == [0]


def test_planned_possible_and_requested_acts_named_by_nouns_are_not_asserted(code_text):
    coded = code_text("Colombia called for an investigation into the killings by Venezuelan troops.")
    assert all(e.modality != "asserted" for e in events_of(coded, "ACCUSE") if e.trigger == "investigation")
    # The learned modality reads "staged a possible attack, officials said" as done (the past tense of
    # the light verb outweighs "possible"); a possible attack warned of is not.
    coded = code_text("Kenya warned of a possible attack by Somali militants on its army bases.")
    assert [(e.source, e.target, e.modality) for e in events_of(coded, "ASSAULT")] == [("SOM", "KEN", "hypothetical")]


def test_pronouns_for_unknown_people_are_mentions_of_the_story_state(code_text):
    coded = code_text(
        "Kenya's parliament met in Nairobi on Monday. Kenyan lawmakers debated the budget. "
        "Mary Njoroge spoke for two hours. She criticized the Kenyan budget."
    )
    assert ("She", "KEN", "story") in [(m.text, m.actor_id, m.how) for m in coded.mentions if m.sent_idx == 3]


def test_georgia_is_the_us_state_in_a_story_about_the_united_states(code_text):
    coded = code_text(
        "The United States Senate met in Washington on Tuesday. Senator David Perdue of Georgia criticized "
        "the Democrats. Georgia police arrested two men in Atlanta."
    )
    assert {m.actor_id for m in coded.mentions if m.text == "Georgia"} == {"USA"}
    coded = code_text("Russian troops entered Georgia on Monday. Georgia accused Russia of aggression.")
    assert [(e.source, e.target) for e in events_of(coded, "ACCUSE")] == [("GEO", "RUS")]


def test_an_act_told_again_keeps_its_parties(code_text):
    # The annotation guidelines code an act in every sentence that expresses it: "the attack" is
    # the shelling again, and what Ukraine condemned is Russia's act.
    coded = code_text("Russian forces shelled the Ukrainian city of Kharkiv on Monday. Ukraine condemned the attack.")
    retold = [e for e in events_of(coded, "ASSAULT") if e.trigger == "attack"]
    assert [(e.source, e.target, e.sent_idx) for e in retold] == [("RUS", "UKR", 1)]
    assert retold[0].implicit == ("source", "target")
    assert _pairs(coded, "ACCUSE") == {("UKR", "RUS")}


def test_a_definite_event_noun_refers_to_the_story_s_first_act_of_its_kind(code_text):
    coded = code_text(
        "Turkish warplanes struck Kurdish positions in Syria on Sunday. "
        "Days later, Syrian artillery shelled a Turkish border post. "
        "Turkey's defence minister said the strikes would go on."
    )
    assert {(e.source, e.target) for e in events_of(coded, "ASSAULT") if e.sent_idx == 2} == {("TUR", "SYR")}


def test_an_event_noun_with_nothing_told_before_is_not_an_act(code_text):
    coded = code_text("Ukraine condemned the attack on Monday.")
    assert not events_of(coded, "ASSAULT")


def test_a_meeting_of_the_envoys_of_three_states_is_every_pair(code_text):
    coded = code_text("On Monday, the envoys of Chile, Peru and Bolivia had met for their third border summit.")
    states = {"CHL", "PER", "BOL"}
    assert _pairs(coded, "CONSULT") == {(a, b) for a in states for b in states if a != b}


def test_a_talk_between_two_states_is_coded_for_both_but_a_visit_goes_one_way(code_text):
    coded = code_text("Chilean President Gabriel Boric spoke with Argentina's president by telephone on Monday.")
    assert _pairs(coded, "CONSULT") == {("CHL", "ARG"), ("ARG", "CHL")}
    coded = code_text("Chilean President Gabriel Boric visited Argentina on Monday.")
    assert _pairs(coded, "CONSULT") == {("CHL", "ARG")}


def test_a_refused_act_is_not_coded_only_the_refusal(code_text):
    # docs/annotation.md section 3: "refused to meet" is REJECT; the refused act is not coded.
    coded = code_text("Venezuela rejected Colombia's latest offer of talks on the border dispute on Monday.")
    assert _pairs(coded, "REJECT") == {("VEN", "COL")}
    assert not events_of(coded, "CONSULT")


def test_an_act_whose_subject_names_no_actor_takes_its_actor_from_the_context(code_text):
    # "The resolution" is no actor; the act is still coded, its source the state the story just named.
    coded = code_text("Kenya's parliament met on Monday. The resolution condemned Somalia for the border raids.")
    (accuse,) = [e for e in coded.events if e.type == "ACCUSE"]
    assert (accuse.source, accuse.target) == ("KEN", "SOM") and "source" in accuse.implicit


def test_we_and_i_in_a_quotation_are_its_speaker(code_text):
    # The quotation runs over two sentences and names its speaker after them: before, "we" and "I"
    # were left to the context, which took North Korea, the state last named, as the accuser.
    coded = code_text(
        "Canadian Foreign Minister Melanie Joly spoke to reporters in Ottawa on Tuesday. "
        '"The launch was reckless. We condemn it and we call on North Korea to stop," she said. '
        '"I have asked Seoul for a meeting," Joly added.'
    )
    assert _pairs(coded, "ACCUSE") == {("CAN", "PRK")}
    assert _pairs(coded, "REQUEST") >= {("CAN", "PRK")}
    assert not any(e.source == "PRK" for e in coded.events)
    # A first person outside any quotation stays the writer's, whom no actor resolves.
    coded = code_text("We condemn the missile launch by North Korea.")
    assert not events_of(coded, "ACCUSE")
