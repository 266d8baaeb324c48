"""CAMEO codes beside PLOVER types: the converted verb dictionary and the codes events carry."""

from __future__ import annotations

import csv
import importlib.util
import io
import json

import pytest
from typer.testing import CliRunner

from parley.cli.main import app
from parley.kb.cameo import GENERIC, load_cameo_lexicon
from tests.conftest import REPO, SHARED

DICTS = SHARED / "dictionaries"


def test_patterns_pick_the_specific_code_of_the_type():
    lex = load_cameo_lexicon()
    # RUSH * (TO BORDER) [154]; RUSH * &FOOD [073]; CONDEMN is the block BLAME [111]; ARREST [173].
    assert lex.code_for("MOBILIZE", "rush", "troops to the border") == "154"
    assert lex.code_for("AID", "rush", "food to the flood victims") == "073"
    assert lex.code_for("ACCUSE", "condemn", "the attack") == "111"
    assert lex.code_for("COERCE", "arrest", "twenty protesters") == "173"
    # A code that maps to another PLOVER type is never used: the type's generic code is.
    assert lex.code_for("ASSAULT", "condemn", "the attack") == GENERIC["ASSAULT"]
    assert lex.code_for("PROTEST", "no-such-verb") == "140"


def test_every_code_the_lexicon_maps_agrees_with_the_official_table():
    lex = load_cameo_lexicon()
    assert lex.plover["173"] == ["COERCE", "arrest"]
    assert lex.plover["0874"][0] == "RETREAT"
    assert lex.plover["010"] is None  # public statements are not PLOVER events
    assert "MIT" in json.loads((REPO / "src/parley/kb/data/cameo_verbs.json").read_text())["licence"]


@pytest.mark.skipif(not (DICTS / "petrarch2" / "CAMEO.2.0.txt").exists(), reason="../shared/dictionaries missing")
def test_packaged_lexicon_is_what_the_conversion_script_makes():
    spec = importlib.util.spec_from_file_location("convert", REPO / "scripts" / "convert_cameo_verbs.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    made = module.convert(DICTS / "petrarch2" / "CAMEO.2.0.txt", DICTS / "plover" / "CAMEO2PLOVER-2021.txt")
    shipped = json.loads((REPO / "src/parley/kb/data/cameo_verbs.json").read_text(encoding="utf-8"))
    assert made == shipped
    assert len(made["verbs"]) > 5000 and sum(len(b["patterns"]) for b in made["blocks"].values()) > 4000


ARREST = "Kenyan police arrested forty protesters in Nairobi on Tuesday."


def _exported_rows(tmp_path, text: str) -> list[dict[str, str]]:
    """Ingest one article with the CLI and read its events back as CSV."""
    article = tmp_path / "a.txt"
    article.write_text(text + "\n", encoding="utf-8")
    store = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(article), "--store", store]).exit_code == 0
    return list(csv.DictReader(io.StringIO(runner.invoke(app, ["events", "--store", store, "--csv"]).stdout)))


def test_events_carry_cameo_codes_into_the_store_and_exports(tmp_path, code_text):
    arrest = next(e for e in code_text(ARREST).events if e.type == "COERCE")
    assert arrest.cameo == "173"
    rows = _exported_rows(tmp_path, ARREST)
    assert rows and rows[0]["cameo"] == "173" and rows[0]["type"] == "COERCE"


def test_events_carry_source_and_target_sectors(tmp_path, code_text):
    arrest = next(e for e in code_text(ARREST).events if e.type == "COERCE")
    assert (arrest.source_sector, arrest.target_sector) == ("police", "protesters")
    coded = code_text("Gunmen attacked a police station in Kano, killing three officers.")
    attack = next(e for e in coded.events if e.type == "ASSAULT")
    assert attack.source_sector == "rebels"
    rows = _exported_rows(tmp_path, ARREST)
    assert (rows[0]["source_sector"], rows[0]["target_sector"]) == ("police", "protesters")


def test_the_dictionary_tells_statements_from_acts():
    lex = load_cameo_lexicon()
    # DECLINE * COMMENT [011] and PLEAD * {NOT GUILTY} [016] are CAMEO's public statements, which
    # the official table leaves out of PLOVER; the verbs' own codes (REJECT, REQUEST) stay for the rest.
    assert lex.statement_code("decline", "to comment further") == "011"
    assert lex.statement_code("plead", "not guilty to the charges") == "016"
    assert lex.statement_code("decline", "the offer of talks") is None
    assert lex.statement_code("plead", "with the rebels to free the hostages") is None
    assert lex.statement_code("no-such-verb", "comment") is None
    # Patterns the dictionary marks as no event keep the code "---": WITHDRAW * (FROM RACE) [---].
    assert lex.plover["---"] is None
    assert lex.statement_code("withdraw", "from the race for the nomination") == "---"
    assert lex.statement_code("withdraw", "its troops from the border") is None


def test_a_verb_that_only_states_codes_no_event(code_text):
    def types(text: str) -> set[str]:
        return {e.type for e in code_text(text).events}

    assert "REJECT" not in types("A spokesman for the Kenyan foreign ministry declined to comment on the report.")
    assert "REQUEST" not in types("The former Kenyan minister pleaded not guilty to the corruption charges.")
    assert "REJECT" in types("The Kenyan government declined to renew the mandate of the UN mission.")
    assert "REJECT" in types("Iran declined the offer from the United States.")
    # Only words near the verb: a "no act" pattern ("kill * herself") deep in a later clause is not it.
    assert "ASSAULT" in types("Kenyan soldiers killed a herder days after he had photographed herself and others.")
    # Where the guidelines code CAMEO's statements: a tribute is SUPPORT (PAY * TRIBUTE [017]), and
    # rejecting an accusation is REJECT (REFUSE * CHARGE [016]).
    assert "SUPPORT" in types("Ghana paid tribute to the late Nigerian president.")
    assert "REJECT" in types("Ethiopia accused Egypt of blocking the talks. Cairo rejected the charge.")
