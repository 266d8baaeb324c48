"""The packaged actor knowledge base: people, leaders and their dated roles."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest
import yaml

from parley.kb.actors import KnowledgeBaseError, build_kb, load_kb
from parley.kb.sectors import sector_of

DATA = resources.files("parley.kb") / "data"


def test_packaged_people_are_defined_once() -> None:
    """people.yaml and leaders.yaml must not both define a person: one place per person.

    Short names may be shared ("Bush"); full names may not.
    """
    kb = load_kb([])
    # The curated files; the Phoenix layer (PHX- ids) holds real namesakes of different states.
    full_names = [a.name.lower() for a in kb.actors.values() if a.kind == "person" and not a.id.startswith("PHX-")]
    assert len(full_names) == len(set(full_names))
    owners: dict[str, set[str]] = {}
    for alias in kb.aliases:
        if kb.is_person(alias.actor_id) and alias.text.lower() in full_names:
            owners.setdefault(alias.text.lower(), set()).add(alias.actor_id)
    assert {name: ids for name, ids in owners.items() if len(ids) > 1} == {}


def test_a_shared_surname_names_the_person_in_office(code_text) -> None:
    coded = code_text("President Bush met Mikhail Gorbachev in Malta.", published=dt.date(1989, 12, 3))
    assert coded.events[0].source_agent == "P-GHW-BUSH"
    coded = code_text("President Bush met Vladimir Putin in Slovenia.", published=dt.date(2001, 6, 16))
    assert coded.events[0].source_agent == "P-GW-BUSH"


def test_leader_roles_follow_the_date() -> None:
    kb = load_kb([])
    ortega = kb.get("P-DANIEL-ORTEGA")
    # President twice, and leader of the opposition between (officials.yaml's row).
    assert ortega is not None and [r.title for r in ortega.roles][::2] == ["President", "President"]
    assert sector_of(kb, "P-DANIEL-ORTEGA", dt.date(2000, 1, 1)) == "opposition"
    assert sector_of(kb, "P-DANIEL-ORTEGA", dt.date(2010, 1, 1)) == "government"
    assert kb.principal("P-EDUARD-SHEVARDNADZE", dt.date(1988, 5, 1)) == "RUS"
    assert kb.principal("P-EDUARD-SHEVARDNADZE", dt.date(1995, 5, 1)) == "GEO"
    assert kb.role_on("P-ABDELAZIZ-BOUTEFLIKA", dt.date(2021, 1, 1)) is None


def test_extension_file_adds_leader_rows_and_places(tmp_path) -> None:
    ext = tmp_path / "ext.yaml"
    ext.write_text(
        "countries:\n  FRE: {name: Freedonia, aliases: [Freedonia], demonyms: [Freedonian]}\n"
        "leaders:\n  - [Rufus Firefly, [Firefly], President, FRE, 1933-01-01, null]\n"
        "places:\n  FRE: [Fredville Harbour]\n",
        encoding="utf-8",
    )
    kb = load_kb([ext])
    assert kb.principal("P-RUFUS-FIREFLY", dt.date(1934, 1, 1)) == "FRE"
    assert {a.actor_id for a in kb.aliases if a.text == "Fredville Harbour"} == {"FRE"}


def test_malformed_leader_row_names_the_file(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("leaders:\n  - [Only A Name]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="bad.yaml"):
        load_kb([bad])


def test_officials_below_heads_of_government_act_for_their_state_with_their_sector(code_text) -> None:
    """officials.yaml: a US senator quoted in a story about Turkey is American (the story's state was
    the fallback), and a surname with a title after the full name is the same person."""
    coded = code_text(
        "Turkish troops crossed into Syria on Wednesday. Turkey said the offensive targeted the YPG. "
        "Senator Lindsey Graham criticised the offensive. Kurt Volker, a former US envoy, also spoke. "
        "Thursday, United States forces killed Qasem Soleimani in Baghdad. "
        "In 2007, the United States labeled General Soleimani a terrorist.",
        dt.date(2020, 1, 9),
    )
    found = {(m.text, m.actor_id) for m in coded.mentions}
    assert ("Lindsey Graham", "P-LINDSEY-GRAHAM") in found and ("Kurt Volker", "P-KURT-VOLKER") in found
    kb = load_kb([])
    assert kb.principal("P-LINDSEY-GRAHAM") == "USA" and kb.principal("P-KURT-VOLKER") == "USA"
    assert sector_of(kb, "P-LINDSEY-GRAHAM", dt.date(2019, 10, 9)) == "legislature"
    # "General Soleimani" repeats the person named in full, not someone new placed in the story's state.
    assert ("Soleimani", "P-QASEM-SOLEIMANI") in found
    assert not [m for m in coded.mentions if "Soleimani" in m.text and m.how == "story"]
    assert kb.principal("P-QASEM-SOLEIMANI") == "IRN"


def test_a_persons_sector_follows_the_body_or_the_title_of_the_role_held() -> None:
    kb = load_kb([])
    # A role of an international body takes the body's sector: "Secretary-General" is no general.
    assert sector_of(kb, "P-GUTERRES", dt.date(2019, 1, 1)) == "igo"
    assert sector_of(kb, "P-JENS-STOLTENBERG", dt.date(2019, 1, 1)) == "igo"
    # A network without a home state acts for itself.
    assert kb.principal("P-OSAMA-BIN-LADEN") == "GRP-ALQAEDA"
    ext_rows = [
        ["Ana Example", [], "Minister of Justice", "ESP", "2019-01-01", None],
        ["Ben Example", [], "Secretary of the Army", "USA", "2019-01-01", None],
        ["Cara Example", [], "Leader of the Opposition", "GBR", "2019-01-01", None],
        ["Dan Example", [], "Member of the Knesset", "ISR", "2019-01-01", None],
        # "Prosecutor General" and "Attorney General" are no generals; the General Staff is military.
        ["Eve Example", [], "Prosecutor General", "KOR", "2019-01-01", None],
        ["Finn Example", [], "Attorney General", "USA", "2019-01-01", None],
        ["Gus Example", [], "Chief of the General Staff", "ISR", "2019-01-01", None],
    ]
    kb = build_kb(phoenix=False)  # a fresh one: load_kb()'s is shared by every test
    kb.extend_from_mapping({"leaders": ext_rows}, "test")
    day = dt.date(2020, 1, 1)
    assert [sector_of(kb, f"P-{n}-EXAMPLE", day) for n in ("ANA", "BEN", "CARA", "DAN", "EVE", "FINN", "GUS")] == [
        "government",
        "government",
        "opposition",
        "legislature",
        "judiciary",
        "judiciary",
        "military",
    ]


def test_every_body_an_official_acts_for_is_known_and_named_by_its_own_names(code_text) -> None:
    """officials.yaml names bodies by id; each must exist, or its people act for an id no mention
    resolves to. The Phoenix dictionaries file the IEA under the UN and give the Asian and the
    African Development Bank one code: curated entries keep them apart."""
    kb = load_kb([])
    rows = yaml.safe_load((DATA / "officials.yaml").read_text(encoding="utf-8"))["leaders"]
    assert {row[3] for row in rows if kb.get(row[3]) is None} == set()
    coded = code_text(
        "The International Energy Agency, the Asian Development Bank, the African Development Bank, "
        "the OECD and the Committee to Protect Journalists met at the Council of Europe.",
        dt.date(2020, 1, 9),
    )
    found = {m.text: m.actor_id for m in coded.mentions}
    assert found == {
        "International Energy Agency": "IGO-IEA",
        "Asian Development Bank": "IGO-ADB",
        "African Development Bank": "IGO-AFDB",
        "OECD": "IGO-OECD",
        "Committee to Protect Journalists": "IGO-CPJ",
        "Council of Europe": "IGO-COE",
    }
    assert kb.principal("P-FATIH-BIROL") == "IGO-IEA"
    assert sector_of(kb, "P-FATIH-BIROL", dt.date(2020, 1, 1)) == "igo"
    assert sector_of(kb, "P-AKINWUMI-ADESINA", dt.date(2020, 1, 1)) == "igo"


def test_parties_are_found_by_their_own_names_and_shared_names_only_where_their_state_is_named(code_text):
    """parties.yaml: "Democrats" and "Labour" are parties of several states (and "Labour" a word):
    they name the US or British party only in an article that names that state."""
    coded = code_text(
        "President Trump met Senate leaders in Washington. The Democrats said the bill was dead. "
        "House Republicans voted for it. In Britain, the Tories and Labour clashed; the SNP abstained.",
        dt.date(2019, 12, 1),
    )
    found = {(m.text, m.actor_id) for m in coded.mentions}
    assert {("Democrats", "USA-DEM"), ("House Republicans", "USA-GOP")} <= found
    assert {("Tories", "GBR-CON"), ("Labour", "GBR-LAB"), ("SNP", "GBR-SNP")} <= found
    kb = load_kb([])
    assert kb.principal("USA-DEM") == "USA" and sector_of(kb, "GBR-CON", dt.date(2019, 12, 1)) == "party"
    # With no state of theirs named, the shared names name no party.
    coded = code_text("The Democrats and Labour said the vote was unfair.", dt.date(2019, 12, 1))
    assert not [m for m in coded.mentions if m.actor_id in ("USA-DEM", "GBR-LAB")]


def test_the_sector_of_words_is_that_of_their_head_before_what_qualifies_it() -> None:
    from parley.kb.sectors import sector_of_words

    assert sector_of_words("an adviser to the Palestinian delegation") == "government"
    assert sector_of_words("a spokesman for the ministry") == "government"
    # A head that names no sector leaves the words after it to decide, as before.
    assert sector_of_words("members of parliament") == "legislature"
    assert sector_of_words("riot police") == "police"
