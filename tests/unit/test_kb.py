"""The packaged actor knowledge base: people, leaders and their dated roles."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.kb.actors import KnowledgeBaseError, load_kb


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
    assert ortega is not None and len(ortega.roles) == 2
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
