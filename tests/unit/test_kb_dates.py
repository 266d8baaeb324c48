import datetime as dt

import pytest

from parley.coding.dates import resolve
from parley.kb.actors import KnowledgeBaseError, load_kb
from parley.kb.issues import issue_of
from parley.kb.ontology import PLOVER_TYPES, load_ontology


def test_roles_depend_on_the_date(kb):
    assert kb.role_on("P-YOON-SUK-YEOL", dt.date(2023, 1, 1)).title == "President"
    assert kb.role_on("P-YOON-SUK-YEOL", dt.date(2025, 7, 28)) is None  # removed from office in April 2025
    assert kb.role_on("P-LEE-JAE-MYUNG", dt.date(2025, 7, 28)).title == "President"
    assert kb.principal("P-BAN-KI-MOON", dt.date(2005, 1, 1)) == "KOR"
    assert kb.principal("P-BAN-KI-MOON", dt.date(2010, 1, 1)) == "IGO-UN"


def test_principal_of_organs_and_bodies(kb):
    assert kb.principal("PRK-RODONG") == "PRK"
    assert kb.principal("IGO-UNSG") == "IGO-UN"
    assert kb.principal("USA-STATE") == "USA"
    assert kb.get("FRA").kind == "state"  # every state comes from pycountry


def test_extension_file_adds_actors(tmp_path):
    ext = tmp_path / "freedonia.yaml"
    ext.write_text(
        "countries:\n  FRE: {name: Freedonia, aliases: [Freedonia], demonyms: [Freedonian]}\n"
        "people:\n  - {id: P-FIREFLY, name: Rufus Firefly, aliases: [Rufus Firefly],"
        " roles: [{title: President, of: FRE, start: 1933-01-01, end: null}]}\n",
        encoding="utf-8",
    )
    kb = load_kb([ext])
    assert kb.get("FRE").name == "Freedonia"
    assert kb.principal("P-FIREFLY", dt.date(1934, 1, 1)) == "FRE"
    assert any(a.text == "Freedonian" and a.how == "demonym" for a in kb.aliases)


def test_broken_extension_file_is_named(tmp_path):
    ext = tmp_path / "bad.yaml"
    ext.write_text("people:\n  - {name: nobody}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="bad.yaml"):
        load_kb([ext])


def test_ontology_has_the_sixteen_types():
    onto = load_ontology()
    assert tuple(onto.types) == PLOVER_TYPES
    assert onto.verbs["reject"] == "REJECT" and onto.verbs["urge"] == "REQUEST"
    assert onto.intensity("ASSAULT") < onto.intensity("ACCUSE") < 0 < onto.intensity("AID")


def test_issue_vocabulary():
    assert issue_of("officially ending the 1950-53 Korean War") == "peace_treaty"
    assert issue_of("once North Korea denuclearizes") == "denuclearization"
    assert issue_of("the Korean War should only be closed") == "peace_treaty"
    assert issue_of("food and medical assistance") == "humanitarian_aid"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("July 28, 2025", None, (dt.date(2025, 7, 28), dt.date(2025, 7, 28), "day", "explicit")),
        ("1998-2008", None, (dt.date(1998, 1, 1), dt.date(2008, 12, 31), "range", "explicit")),
        ("the 1950-53", None, (dt.date(1950, 1, 1), dt.date(1953, 12, 31), "range", "explicit")),
        ("Monday", dt.date(2018, 9, 5), (dt.date(2018, 9, 3), dt.date(2018, 9, 3), "day", "relative")),
        ("June 12", dt.date(2018, 9, 5), (dt.date(2018, 6, 12), dt.date(2018, 6, 12), "day", "relative")),
        ("December 30", dt.date(2019, 1, 4), (dt.date(2018, 12, 30), dt.date(2018, 12, 30), "day", "relative")),
        ("this year", dt.date(2018, 9, 5), (dt.date(2018, 1, 1), dt.date(2018, 12, 31), "year", "relative")),
        ("two days ago", dt.date(2020, 3, 10), (dt.date(2020, 3, 8), dt.date(2020, 3, 8), "day", "relative")),
        ("March 2016", None, (dt.date(2016, 3, 1), dt.date(2016, 3, 31), "month", "explicit")),
        # A page timestamp is a day, not the years 2019-2111; ISO dates are days.
        ("November 20, 2019 - 11:28 AMT", None, (dt.date(2019, 11, 20), dt.date(2019, 11, 20), "day", "explicit")),
        ("2019-11-20", None, (dt.date(2019, 11, 20), dt.date(2019, 11, 20), "day", "explicit")),
        # Weeks and months are ranges (Thursday 21 November 2019: last week is 11-17 November).
        ("last week", dt.date(2019, 11, 21), (dt.date(2019, 11, 11), dt.date(2019, 11, 17), "week", "relative")),
        ("last month", dt.date(2019, 1, 9), (dt.date(2018, 12, 1), dt.date(2018, 12, 31), "month", "relative")),
        # Friday 10 January 2020: "Thursday" is the day before, "last Thursday" the one of the week before;
        # on Monday 13 January, "last Friday" is three days back.
        ("Thursday", dt.date(2020, 1, 10), (dt.date(2020, 1, 9), dt.date(2020, 1, 9), "day", "relative")),
        ("last Thursday", dt.date(2020, 1, 10), (dt.date(2020, 1, 2), dt.date(2020, 1, 2), "day", "relative")),
        ("last Friday", dt.date(2020, 1, 13), (dt.date(2020, 1, 10), dt.date(2020, 1, 10), "day", "relative")),
    ],
)
def test_resolve_dates(text, published, expected):
    assert resolve(text, published) == expected


@pytest.mark.parametrize("text", ["Monday", "June 12", "this year", "yesterday"])
def test_relative_dates_without_publication_date_stay_unknown(text):
    assert resolve(text, None) == (None, None, "unknown", "unknown")
