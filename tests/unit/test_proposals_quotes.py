import pytest

from parley.analysis.sequencing import conflicts


def _proposal_rows(coded):
    return [
        {
            "kind": p.kind,
            "holder": p.holder,
            "first_issue": p.first,
            "then_issue": p.then,
            "proposal_id": p.proposal_id,
            "sentence": p.sentence,
        }
        for p in coded.proposals
    ]


def test_preconditions_in_opposite_orders_conflict(code_text):
    coded = code_text(
        "Iran said sanctions must be lifted before any talks on its nuclear program. "
        "Washington insisted it would join talks only after Iran halts enrichment and accepts inspections."
    )
    iran = [p for p in coded.proposals if p.holder == "IRN"]
    assert iran and (iran[0].first, iran[0].then) == ("sanctions_relief", "talks")
    usa = [p for p in coded.proposals if p.holder == "USA"]
    assert usa and usa[0].then == "talks" and usa[0].first == "verification"


def test_the_party_that_acts_after_before_holds_the_precondition(code_text):
    # "A must act before B will act": B sets the condition (issue #12's "they would need to deliver
    # before the administration would agree"); with no subject after "before", the main clause's.
    coded = code_text("North Korea must dismantle its nuclear program before the United States will lift sanctions.")
    assert [(p.holder, p.first, p.then) for p in coded.proposals if p.kind == "precondition"] == [
        ("USA", "denuclearization", "sanctions_relief")
    ]
    # "the administration", unqualified, is the government of the state the story is about.
    coded = code_text(
        "The State Department said on Monday that Ukrainian officials were told they would need to deliver "
        "before the administration would agree to a meeting between Trump and Zelensky."
    )
    assert [p.holder for p in coded.proposals if p.kind == "precondition"] == ["USA"]
    coded = code_text("Seoul wants a security assessment before providing the guarantees.")
    assert [p.holder for p in coded.proposals if p.kind == "precondition"] == ["KOR"]


def test_first_step_against_reverse_condition(code_text):
    coded = code_text(
        "North Korea insisted that a peace treaty must come first. "
        "The United States said the war can only be ended once North Korea denuclearizes."
    )
    rows = _proposal_rows(coded)
    found = conflicts(rows)
    assert len(found) == 1
    assert {found[0].a.holder, found[0].b.holder} == {"PRK", "USA"}


def test_unconditional_and_conditional_offers(code_text):
    coded = code_text(
        "Japan urged China to resume dialogue without preconditions. "
        "South Korea offered food aid to the North, contingent upon verification of its distribution."
    )
    kinds = {(p.kind, p.holder, p.first, p.then) for p in coded.proposals}
    assert ("unconditional", "JPN", None, "talks") in kinds
    # The learned cues call a condition on an offer a precondition or a conditional offer (the
    # written data code "contingent on" both ways); the sides and holder are the parse's.
    assert {("precondition", "KOR", "verification", "humanitarian_aid"),
            ("conditional_offer", "KOR", "verification", "humanitarian_aid")} & kinds  # fmt: skip


def test_speaking_on_condition_of_anonymity_is_no_condition(code_text):
    coded = code_text(
        "A Turkish diplomat told reporters on condition of anonymity that the talks had stalled. "
        "Turkey said it would free the detained sailors on condition that Greece returns the soldiers."
    )
    assert [(p.kind, p.holder, p.cue) for p in coded.proposals] == [("conditional_offer", "TUR", "on condition that")]


def test_quote_with_attribution_chain(code_text):
    coded = code_text("The Kremlin called the plan “a dead end”, Russia's TASS news agency reported.")
    (quote,) = coded.quotes
    assert quote.text == "a dead end"
    assert quote.speaker == "RUS"
    assert quote.chain == ("outlet:(this article)", "RUS-TASS", "RUS")
    assert coded.document.body[quote.start : quote.end] == "a dead end"


def test_two_relays_in_a_chain(code_text):
    coded = code_text("Yonhap said that according to KCNA, Kim Jong-un called the drills “a rehearsal for invasion”.")
    (quote,) = coded.quotes
    assert quote.speaker == "P-KIM-JONG-UN"
    assert quote.chain[-2:] == ("P-KIM-JONG-UN", "PRK")
    assert set(quote.chain[1:-2]) == {"MEDIA-YONHAP", "PRK-KCNA"}


def test_quotation_running_over_several_sentences_is_found_whole(code_text):
    text = (
        '"We will not accept any deal that ignores the border question," Kenya\'s foreign minister said on Monday. '
        '"Our position has not changed since March. We expect Uganda to respect the agreement it signed."\n\n'
        "The talks are due to resume next week."
    )
    coded = code_text(text)
    body = coded.document.body
    quoted = [body[q.start : q.end] for q in coded.quotes]
    assert quoted[0] == "We will not accept any deal that ignores the border question,"
    # The second quotation spans two sentences: it is one quote, and the same speaker's.
    assert quoted[1] == "Our position has not changed since March. We expect Uganda to respect the agreement it signed."
    assert len(quoted) == 2
    speakers = {q.speaker for q in coded.quotes}
    assert len(speakers) == 1 and None not in speakers


def test_an_opening_mark_glued_to_the_sentence_before_moves_to_its_quotation():
    from parley.nlp.sentences import split_sentences

    body = 'The claims are credible, Omar said. "The commission did have these allegations, we know it.'
    sentences = split_sentences(body)
    assert [s.text for s in sentences][-1].startswith('"The commission')
    assert all(body[s.start : s.end] == s.text for s in sentences)


def test_a_name_inside_the_quotation_is_not_its_speaker(code_text):
    # The words quoted name Chelsea Manning; the one who says them is Huang, whom parley cannot place.
    coded = code_text(
        'Amnesty criticised the ruling on Monday. "Chelsea Manning exposed serious abuses," says Margaret Huang.'
    )
    quote = next(q for q in coded.quotes if q.text.startswith("Chelsea Manning"))
    assert quote.speaker is None and "Chelsea Manning" not in quote.chain
    assert quote.speaker_text == "Margaret Huang"


def test_the_speakers_words_are_kept_beside_the_resolved_speaker(code_text, tmp_path):
    from parley.store import open_store

    coded = code_text(
        "Greek Prime Minister Kyriakos Kalamaras spoke in Athens on Monday. "
        '"The agreement is null and void," Kalamaras said.'
    )
    quote = coded.quotes[0]  # (a made-up prime minister: the knowledge base knows the real one)
    assert quote.speaker == "GRC" and "Kalamaras" in quote.speaker_text
    with open_store(tmp_path / "q.duckdb") as store:
        store.save(coded)
        stored = store.quotes()
    assert stored[0]["speaker"] == "GRC" and "Kalamaras" in stored[0]["speaker_text"]


def test_a_quotation_with_no_known_actor_near_is_still_attributed(code_text):
    # No name the knowledge base knows in or before the sentence: it is parsed for its speaker all the same.
    coded = code_text('The campaign ended on Wednesday.\n\n"I do not make this decision lightly," Sanders said.')
    assert [q.speaker_text for q in coded.quotes] == ["Sanders"]
    assert coded.events == []  # parsed for the speaker only: no events coded from it


def test_demands_in_news_phrasing_are_positions_of_their_holder(code_text):
    coded = code_text(
        "Israeli Prime Minister Benjamin Netanyahu called on Italy and Egypt to join the pipeline project on Tuesday. "
        "Russia urged Ukraine to withdraw its troops."
    )
    demands = {(p.holder, p.addressee, p.cue) for p in coded.proposals if p.kind == "demand"}
    assert ("ISR", "ITA", "called") in demands or ("ISR", "EGY", "called") in demands
    assert ("RUS", "UKR", "urged") in demands
    asked = next(p for p in coded.proposals if p.cue == "urged")
    assert asked.first_text.startswith("Ukraine to withdraw")
    # Asking a question is not a demand.
    coded = code_text("Russian President Vladimir Putin asked Xi Jinping if China would attend the summit.")
    assert not [p for p in coded.proposals if p.kind == "demand"]


def test_conditions_in_everyday_phrasing(code_text):
    coded = code_text(
        "North Korea said it would not accept the results of the autopsy without its permission. "
        "Iran said it could return to the talks if the sanctions were lifted."
    )
    kinds = {(p.kind, p.holder) for p in coded.proposals}
    assert ("precondition", "PRK") in kinds and ("conditional_offer", "IRN") in kinds
    offer = next(p for p in coded.proposals if p.kind == "conditional_offer")
    assert offer.first_text == "the sanctions were lifted" and "return to the talks" in (offer.then_text or "")


def test_the_wire_agency_a_page_credits_joins_the_chain(code_text):
    from parley.coding.attribution import wire_agency

    assert wire_agency("SEOUL (Reuters) - North Korea fired two missiles.") == "Reuters"
    assert wire_agency("Text of the story.\n\nAssociated Press writers Kim Tong-hyung contributed to this report.") == (
        "Associated Press"
    )
    assert wire_agency("Text.\n\n(Reporting by Hyonhee Shin; Editing by Tom Hogue)") == "Reuters"
    assert wire_agency("The APEC summit opened in Lima.") is None
    coded = code_text(
        'SEOUL (Reuters) - North Korea said on Monday, "We will never give up our nuclear deterrent," '
        "according to KCNA."
    )
    assert coded.quotes and coded.quotes[0].chain[:2] == ("outlet:(this article)", "MEDIA-REUTERS")


def test_a_quotation_standing_alone_belongs_to_the_one_person_of_the_sentence_before(code_text):
    import datetime as dt

    coded = code_text(
        'Secretary of State Condoleezza Rice spoke to reporters in Annapolis on Tuesday. "It is going to be hard."',
        dt.date(2007, 11, 28),
    )
    assert [(q.speaker, q.speaker_text) for q in coded.quotes] == [("P-CONDOLEEZZA-RICE", "Condoleezza Rice")]
    # Two people in the sentence before: the one it is about, its subject, speaks.
    coded = code_text(
        'Condoleezza Rice met Ehud Olmert in Annapolis on Tuesday. "It is going to be hard."', dt.date(2007, 11, 28)
    )
    assert [q.speaker for q in coded.quotes] == ["P-CONDOLEEZZA-RICE"]
    # A sentence before about no one: nobody's.
    coded = code_text('The conference ended in Annapolis on Tuesday. "It is going to be hard."', dt.date(2007, 11, 28))
    assert [q.speaker for q in coded.quotes] == [None]


def _held(coded):
    return {(p.kind, p.holder) for p in coded.proposals}


def test_demand_by_people_the_knowledge_base_does_not_name_is_the_story_states(code_text):
    coded = code_text(
        "Syrian troops shelled the Syrian city of Homs on Monday, Syria's state media said. "
        "Local leaders in the city called for an immediate ceasefire."
    )
    assert ("demand", "SYR") in _held(coded)


def test_demands_as_a_noun_are_held_by_their_possessor(code_text):
    coded = code_text("The Kenyan opposition's demands include the release of all political prisoners.")
    assert ("demand", "KEN") in _held(coded)


def test_calling_an_election_for_someone_is_no_demand(code_text):
    coded = code_text("Kenya's electoral commission called the presidential election for the incumbent on Monday.")
    assert not [p for p in coded.proposals if p.kind == "demand"]


def test_a_demand_one_is_accused_of_is_not_held(code_text):
    coded = code_text("Prosecutors in Belgrade accused the Serbian minister of asking for bribes from contractors.")
    assert not [p for p in coded.proposals if p.kind == "demand"]


def test_insisting_that_something_be_done_is_a_demand(code_text):
    coded = code_text("France insists that the treaty include a binding climate clause.")
    assert ("demand", "FRA") in _held(coded)


def test_offer_after_a_condition_with_no_comma(code_text):
    coded = code_text(
        "The Iranian foreign minister said that if Washington lifted the sanctions he would return to talks."
    )
    offers = [p for p in coded.proposals if p.kind == "conditional_offer"]
    assert [(p.holder, p.first_text) for p in offers] == [("IRN", "Washington lifted the sanctions")]


def test_threats_and_rewards_are_conditional_offers(code_text):
    coded = code_text(
        "The European Union warned it would impose tariffs on American steel if Washington went ahead with the levies."
    )
    assert ("conditional_offer", "IGO-EU") in _held(coded)
    coded = code_text(
        "The United States offered a reward of five million dollars for information leading to the capture of the militant leader."
    )
    assert ("conditional_offer", "USA") in _held(coded)


def test_provided_marks_a_condition_without_a_modal(code_text):
    coded = code_text(
        "Turkey will drop its objection to the accession of Sweden provided that Stockholm stops supporting Kurdish militants."
    )
    assert ("conditional_offer", "TUR") in _held(coded)


def test_preconditions_in_everyday_phrasing(code_text):
    coded = code_text("Until Russia withdraws its troops, there will be no talks, the Ukrainian president said.")
    assert ("precondition", "UKR") in _held(coded)
    coded = code_text("Egypt will not sign any agreement that does not guarantee its share of the Nile waters.")
    assert ("precondition", "EGY") in _held(coded)
    coded = code_text("Israel won't accept a ceasefire without the release of the hostages.")
    assert ("precondition", "ISR") in _held(coded)


def test_a_state_foretold_under_a_condition_is_no_offer(code_text):
    coded = code_text("The Brazilian president can be removed if two thirds of the senators vote for it.")
    assert not [p for p in coded.proposals if p.kind == "conditional_offer"]


def test_a_demand_far_from_any_named_actor_is_parsed_for_its_holder(code_text):
    coded = code_text(
        "Kenya's opposition held rallies in Nairobi on Monday. Thousands gathered in the rain. "
        "Protesters called for new elections."
    )
    assert [(p.kind, p.sent_idx, p.holder) for p in coded.proposals] == [("demand", 2, "KEN")]


# The sentences the cue rules were first tested on; the default (union) keeps what they find.
@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("North Korea insisted that a peace treaty is the first step.", ("precondition", "PRK")),
        ("The United States threatened Venezuelan officials with sanctions if the vote was delayed again.",
         ("conditional_offer", "USA")),
        ("Turkey does not oppose the accession of Sweden provided they stop supporting Kurdish militants.",
         ("conditional_offer", "TUR")),
        ("Hanoi offered to free the detained sailors in exchange for the return of its fishing boats.",
         ("conditional_offer", "VNM")),
    ],
)  # fmt: skip
def test_textbook_conditions_of_the_cue_rules_stay_found_beside_the_learned_cues(code_text, text, held):
    assert held in _held(code_text(text))


def test_what_a_party_must_do_in_another_s_words_is_the_speaker_s_term(code_text):
    # The obliged party ("the United States", "they" = Kenya) is who must act; the one who says so
    # holds the condition.
    coded = code_text("Iran said the United States must lift sanctions before any talks.")
    assert [(p.kind, p.holder) for p in coded.proposals] == [("precondition", "IRN")]
    coded = code_text(
        "The United States suspended budget support to Kenya in May. American officials told Kenya "
        "they would need to hold the inquiry before Washington would agree to restore the aid."
    )
    assert [(p.kind, p.holder) for p in coded.proposals] == [("precondition", "USA")]
