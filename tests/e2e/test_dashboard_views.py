"""What the analyst sees on the Korean peninsula seed articles: one passing mention of the 1953
armistice (six events between three pairs) is history the article recalls, kept apart from the news."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from parley.cli.main import app as cli
from parley.interfaces.api import create_app
from tests.conftest import SEEDS

runner = CliRunner()
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present beside the repository")


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    path = str(tmp_path_factory.mktemp("seeds") / "s.duckdb")
    result = runner.invoke(cli, ["ingest", str(SEEDS), "--store", path])
    assert result.exit_code == 0, result.output
    return TestClient(create_app(path))


def test_the_1953_armistice_is_referred_to_not_reported(client):
    events = client.get("/api/events").json()
    armistice = [e for e in events if e["date"] == "1953-01-01"]
    assert len(armistice) == 6 and {e["timeframe"] for e in armistice} == {"referred_to"}
    # Only history is referred to: the armistice, and the Kaesong projects "suspended since 2016".
    referred = [e for e in events if e["timeframe"] == "referred_to"]
    assert {e["date"][:4] for e in referred} == {"1953", "2016"}
    assert {e["timeframe"] for e in events if e not in referred} == {"reported"}
    for period in ("month", "year"):
        dyads = client.get("/api/dyads", params={"period": period}).json()
        assert not [p for p in dyads["periods"] if p["period"].startswith("1953")]
        assert dyads["left_out"]["referred_to"] == 6
        # Neither article gives a publication date: its undated events cannot be placed, and that is said.
        assert dyads["left_out"]["undated"] > 0
    (rejection,) = client.get("/api/dyads").json()["periods"]
    assert (rejection["source"], rejection["target"], rejection["period"]) == ("PRK", "KOR", "2025-07-01")
    ids = {e["event_id"] for e in armistice}
    stances = client.get("/api/stances").json()
    assert not [p for s in stances for p in s["history"] if p["record_id"] in ids]


def test_report_lists_history_apart_and_says_what_the_charts_leave_out(client, tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(cli, ["report", "--store", client.app.state.store_path, "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    reported, referred = html.split("id=events", 1)[1].split("id=referred", 1)
    referred = referred.split("id=stances", 1)[0]
    assert referred.count("<td>1953</td>") == 6 and "<td>1953</td>" not in reported
    assert "1953-01-01" not in html  # a year-only date is shown as the year
    # The timeline shows the Kaesong projects "suspended since 2016" apart too; that act names no
    # pair of actors, so the dyad charts leave out only the armistice's six.
    assert referred.count("<td>2016</td>") == 1
    assert "7 events referred to (dated over a year before the article) shown apart, per year" in html
    assert "6 events referred to (dated over a year before the article) not counted" in html
    assert "with no date and no publication date: not shown" in html


def test_every_event_points_at_evidence_inside_its_article(client):
    events = client.get("/api/events").json()
    assert len(events) > 20
    for e in events:
        body = client.get(f"/api/documents/{e['doc_id']}").json()["document"]["body"]
        assert 0 <= e["start_char"] <= e["trigger_start"] < e["trigger_end"] <= e["end_char"] <= len(body)
        assert body[e["start_char"] : e["end_char"]] == e["sentence"]
    # Several events share one trigger ("an armistice was signed by American, North Korean and Chinese
    # officials": six events, one word): the dashboard must mark each of them (see the browser test).
    spans = {(e["doc_id"], e["trigger_start"], e["trigger_end"]) for e in events}
    assert len(spans) < len(events)
