"""Event coding on short texts written for these tests."""

import datetime as dt

from tests.conftest import events_of


def _one(coded, type_):
    found = events_of(coded, type_)
    assert len(found) == 1, [(e.type, e.source, e.target) for e in coded.events]
    return found[0]


def test_rejection_with_explicit_date(code_text):
    coded = code_text("On March 3, 2021, Iran flatly rejected the European Union's offer of new talks.")
    ev = _one(coded, "REJECT")
    assert (ev.source, ev.target) == ("IRN", "IGO-EU")
    assert ev.date == dt.date(2021, 3, 3) and ev.date_basis == "explicit"
    body = coded.document.body
    assert body[ev.trigger_start : ev.trigger_end] == "rejected"
    assert body[ev.start : ev.end] == ev.sentence


def test_negation_and_modality(code_text):
    coded = code_text("Russia did not reject the proposal from Turkey. Ankara could impose sanctions on Moscow.")
    rej = _one(coded, "REJECT")
    assert rej.negated and rej.source == "RUS" and rej.target == "TUR"
    sanc = _one(coded, "SANCTION")
    assert (sanc.source, sanc.target, sanc.modality) == ("TUR", "RUS", "hypothetical")


def test_refusal_negates_the_governed_event(code_text):
    coded = code_text("Serbia refused to recognize Kosovo's independence.")
    assert all(e.type != "REJECT" or e.source == "SRB" for e in coded.events)
    sup = [e for e in coded.events if e.type == "SUPPORT"]
    assert sup and sup[0].negated and sup[0].source == "SRB"


def test_light_verbs_and_conjoined_subjects(code_text):
    coded = code_text("Egypt and Qatar expressed concern over Israel's strikes and urged Hamas to free the hostages.")
    accuse = events_of(coded, "ACCUSE")
    assert {(e.source, e.target) for e in accuse} == {("EGY", "ISR"), ("QAT", "ISR")}
    req = events_of(coded, "REQUEST")
    assert {e.source for e in req} == {"EGY", "QAT"} and {e.target_agent for e in req} == {"GRP-HAMAS"}


def test_request_with_two_addressees(code_text):
    coded = code_text("Brazil is asking Venezuela to hold fair elections and the US to lift its sanctions.")
    req = events_of(coded, "REQUEST")
    assert {e.target for e in req} == {"VEN", "USA"}


def test_passive_voice(code_text):
    coded = code_text("The embassy in Kabul was attacked by the Taliban.")
    ev = _one(coded, "ASSAULT")
    assert ev.source == "AFG" and ev.source_agent == "GRP-TALIBAN"


def test_metonyms_demonyms_and_people_on_the_date(code_text):
    coded = code_text(
        "Tokyo criticized Beijing. Chinese officials welcomed Vladimir Putin.", published=dt.date(2015, 5, 1)
    )
    acc = _one(coded, "ACCUSE")
    assert (acc.source, acc.target) == ("JPN", "CHN")
    sup = _one(coded, "SUPPORT")
    assert (sup.source, sup.target, sup.target_agent) == ("CHN", "RUS", "P-PUTIN")


def test_reported_speech_chain(code_text):
    coded = code_text("Cuba condemned the embargo imposed by Washington, Xinhua reported.")
    ev = _one(coded, "ACCUSE")
    assert ev.source == "CUB"
    assert ev.chain == ("outlet:(this article)", "CHN-XINHUA", "CUB")


def test_pronoun_and_the_latter(code_text):
    coded = code_text(
        "Ethiopia and Sudan held talks. Sudan said Egypt backs the deal, although the latter criticized its terms."
    )
    acc = _one(coded, "ACCUSE")
    assert acc.source == "EGY"


def test_relative_date_anchored_on_publication(code_text):
    coded = code_text("Germany on Monday urged Russia to withdraw its troops.", published=dt.date(2022, 2, 23))
    ev = _one(coded, "REQUEST")
    assert ev.date == dt.date(2022, 2, 21) and ev.date_basis == "relative"


def test_relative_date_without_publication_is_unknown(code_text):
    coded = code_text("Germany on Monday urged Russia to withdraw its troops.")
    ev = _one(coded, "REQUEST")
    assert ev.date is None and ev.date_text == "Monday" and ev.date_basis == "unknown"


def test_date_of_another_noun_is_not_the_event_date(code_text):
    coded = code_text(
        "Cuba accused the US of sabotage since the meeting between Obama and Raul Castro on April 11, 2015."
    )
    acc = _one(coded, "ACCUSE")
    assert acc.date is None


def test_date_before_the_noun_of_the_occasion_dates_the_act(code_text):
    coded = code_text(
        "In a March 3 letter, Chilean lawmakers pleaded with Peru to release the fishermen. "
        "Chile criticized the April 9 summit between Peru and Bolivia.",
        published=dt.date(2021, 4, 20),
    )
    assert _one(coded, "REQUEST").date == dt.date(2021, 3, 3)
    assert all(e.date is None for e in events_of(coded, "ACCUSE"))


def test_headlines_are_not_coded(code_text):
    coded = code_text("Iran Rejects EU Offer\n\nTalks continue in Vienna this week, officials said on Friday.")
    assert not events_of(coded, "REJECT")


def test_stated_intentions_follow_plover(code_text):
    coded = code_text(
        "Norway will provide food aid to Yemen. Chad said it would withdraw its troops from Mali unless the "
        "junta holds elections. Spain said it would not meet Morocco's demands."
    )
    by_source = {e.source: e for e in coded.events}
    assert by_source["NOR"].type == "AGREE" and by_source["NOR"].mode == "aid" and by_source["NOR"].target == "YEM"
    assert by_source["TCD"].type == "THREATEN"
    assert by_source["ESP"].type == "REJECT" and not by_source["ESP"].negated


def test_reported_obligation_is_a_demand(code_text):
    coded = code_text("Russia said on Tuesday that Sudan must return the captured helicopter.")
    ev = _one(coded, "REQUEST")
    assert (ev.source, ev.target) == ("RUS", "SDN")


def test_group_subjects_and_unknown_attackers(code_text):
    coded = code_text(
        "Tens of thousands of Indonesian students staged demonstrations in Jakarta. "
        "A roadside bombing near Kandahar killed two Canadian soldiers."
    )
    protest = _one(coded, "PROTEST")
    assert protest.source == "IDN"
    attack = _one(coded, "ASSAULT")
    # Nobody named: CAMEO/PLOVER place the attack in the state where it happened, and the text says so.
    assert (attack.source, attack.source_text, attack.target) == ("AFG", "unknown attacker", "CAN")


def test_people_outside_the_kb_keep_the_state_their_introduction_names(code_text):
    coded = code_text(
        "Ghanaian Foreign Minister Kwame Asante-Boateng met Nigerian officials in Abuja on Monday. "
        "Asante-Boateng criticized Nigeria's border closure at a news conference."
    )
    accuse = events_of(coded, "ACCUSE")
    assert accuse and (accuse[0].source, accuse[0].target) == ("GHA", "NGA")
