"""The Phoenix actor and agent dictionaries as parley's knowledge (scripts/convert_phoenix_actors.py)."""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from parley.kb.actors import load_kb
from parley.kb.phoenix import agent_sector
from parley.kb.sectors import sector_of
from parley.nlp.mentions import mention_finder

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
DATA = REPO / "src/parley/kb/data"


def _found(text: str) -> list[tuple[str, str, str]]:
    kb = load_kb()
    return [(m.text, m.actor_id, m.how) for m in mention_finder(kb).find(text)]


@pytest.mark.skipif(not (SHARED / "dictionaries" / "petrarch2").is_dir(), reason="needs ../shared dictionaries")
def test_packaged_files_are_what_the_conversion_script_makes():
    spec = importlib.util.spec_from_file_location("convert_phoenix", REPO / "scripts" / "convert_phoenix_actors.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    made = module.convert(SHARED)
    with gzip.open(DATA / "phoenix_actors.json.gz", "rt", encoding="utf-8") as fh:
        shipped = json.load(fh)
    assert made == shipped
    assert "MIT License" in shipped["licence"]
    assert module.agents_file(SHARED) == json.loads((DATA / "phoenix_agents.json").read_text(encoding="utf-8"))
    kinds = {row[2] for row in made["actors"]}
    assert {"person", "igo", "group", "business"} <= kinds and len(made["actors"]) > 20000
    assert {how for _, how in made["names"].values()} == {"alias", "place"} and len(made["names"]) > 25000


def test_people_outside_the_curated_files_resolve_to_their_state():
    kb = load_kb()
    found = _found("Senator John McCain said Edward Snowden should return, Interpol and Hizballah said.")
    ids = {text: actor for text, actor, _ in found}
    assert kb.principal(ids["Senator John McCain"]) == "USA"
    assert kb.principal(ids["Edward Snowden"]) == "USA"
    assert ids["Interpol"] == "IGO-INTERPOL"
    # A curated actor's other spellings join it instead of making a second actor.
    assert ids["Hizballah"] == "GRP-HEZBOLLAH"


def test_dated_roles_place_a_person_on_the_day():
    kb = load_kb()
    # Mona Sahlin: a Swedish minister 2003-2006 (CountryInfo); sectors come from the CAMEO code.
    person = kb.keyed["mona sahlin"][0][0]
    role = kb.role_on(person, dt.date(2005, 6, 1))
    assert role is not None and role.of == "SWE" and "SWEGOV" in role.title
    assert sector_of(kb, person, dt.date(2005, 6, 1)) == "government"


def test_ordinary_words_and_given_names_name_nobody():
    # "Rice" and "Hassan" alone are an English word and a given name; lower-case words never match.
    found = _found("Hassan met the rice growers; Rice is not a person here, nor is olive oil.")
    assert [f for f in found if f[0] in ("Hassan", "rice", "Rice", "olive")] == []
    # The monarch of several realms is nobody's for sure, not Saint Kitts and Nevis's.
    assert [f for f in _found("Queen Elizabeth II opened parliament.") if f[0].startswith("Queen")] == []


def test_agent_dictionary_gives_sectors_to_generic_words():
    assert agent_sector("the riot police") == "police"
    assert agent_sector("three gunmen") == "rebels"
    assert agent_sector("lawmakers") == "legislature"
    assert agent_sector("the farmers") == "civilians"
    assert agent_sector("a table") is None


def test_companies_act_for_their_state_with_the_business_sector():
    kb = load_kb()
    ids = {text: actor for text, actor, _ in _found("Facebook and Huawei objected; Microsoft and Gazprom agreed.")}
    # Curated (missing from Phoenix or left out as English words) and Phoenix companies alike.
    assert {kb.mention_principal(ids[n]) for n in ("Facebook", "Microsoft")} == {"USA"}
    assert (kb.mention_principal(ids["Huawei"]), kb.mention_principal(ids["Gazprom"])) == ("CHN", "RUS")
    assert {sector_of(kb, ids[n], None) for n in ids} == {"business"}
    # "on Twitter" is the medium, not the company.
    assert [f for f in _found("He said on Twitter that Apple and Amazon were wrong.")] == []
