"""The real-news corpus format, its splits and the whole-article evaluation.

The metric tests build parley's side by hand (events, quotes, mentions as the coder would hand
them over), so every expected count below is worked out from the texts, not taken from a run.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli.main import app
from parley.evaluation.articles import ActorView, ArticleReport, _evaluate_one
from parley.evaluation.corpus import anchor, file_name, load_annotation, load_articles
from parley.evaluation.plover_gold import load_records
from parley.evaluation.splits import assign, select, split_of
from parley.kb.actors import iso_code
from parley.models import CleanDocument, CodedDocument, Event, Mention, Quote
from tests.conftest import REPO, SHARED

runner = CliRunner()

TEXT = (
    "Freedom Day\n\n"
    "Kenyan police arrested 40 protesters in Nairobi on Tuesday. "
    "The United States condemned the arrests. "
    "Officials said the army could deploy troops if the protests continue.\n\n"
    '"We will not be silenced," said opposition leader Raila Odinga.'
)
ARTICLE = {"id": "test:freedom", "title": "Freedom Day", "published": "2023-07-13", "url": "u", "text": TEXT}
KEN_POLICE = {"text": "Kenyan police", "name": None, "state": "KEN", "sector": "police"}
PROTESTERS = {"text": "40 protesters", "name": None, "state": "KEN", "sector": "protesters"}
USA = {"text": "The United States", "name": None, "state": "USA", "sector": "state"}
ODINGA = {"text": "Raila Odinga", "name": "Raila Odinga", "state": "KEN", "sector": "opposition"}
ANNOTATION = {
    "id": "test:freedom",
    "sentences": [
        {
            "text": "Kenyan police arrested 40 protesters in Nairobi on Tuesday.",
            "mentions": [{**KEN_POLICE, "kind": "group"}, {**PROTESTERS, "kind": "group"}],
            "events": [
                {"trigger": "arrested", "type": "COERCE", "mode": "arrest", "modality": "asserted",
                 "source": KEN_POLICE, "target": PROTESTERS, "date": "2023-07-11", "date_text": "on Tuesday"},
            ],
        },
        {
            "text": "The United States condemned the arrests.",
            "mentions": [{**USA, "kind": "state"}],
            "events": [
                {"trigger": "condemned", "type": "ACCUSE", "mode": "disapprove", "modality": "asserted",
                 "source": USA, "target": {"text": None, "name": None, "state": "KEN", "sector": "police"},
                 "date": None},
            ],
        },
        {
            "text": "Officials said the army could deploy troops if the protests continue.",
            "events": [
                {"trigger": "deploy", "type": "MOBILIZE", "mode": "troops", "modality": "hypothetical",
                 "source": {"text": "the army", "name": None, "state": "KEN", "sector": "military"},
                 "target": None, "date": None},
            ],
        },
    ],
    "quotes": [{"text": "We will not be silenced,", "speaker": ODINGA, "cue": "said", "chain": []}],
}  # fmt: skip


def _event(body: str, trigger: str, type_: str, source: str | None, target: str | None, **kw) -> Event:
    start = body.index(trigger)
    return Event(
        event_id=trigger, doc_id="d", sent_idx=0, type=type_, source=source, target=target,
        trigger=trigger, trigger_start=start, trigger_end=start + len(trigger), **kw,
    )  # fmt: skip


def _coded(events: list[Event], quotes: list[Quote] = (), mentions: list[Mention] = ()) -> CodedDocument:  # type: ignore[assignment]
    doc = CleanDocument(doc_id="d", raw_sha256="x", origin="o", body=BODY, published=dt.date(2023, 7, 13))
    return CodedDocument(document=doc, events=list(events), quotes=list(quotes), mentions=list(mentions))


# parley's cleaned body: the title line is gone, the rest as in the article.
BODY = TEXT.split("\n\n", 1)[1]


def _run(kb, events, quotes=(), mentions=(), article_id="test:freedom") -> dict:
    gold = anchor({**ANNOTATION, "id": article_id}, {**ARTICLE, "id": article_id})
    assert gold.problems == []
    report = ArticleReport()
    _evaluate_one(gold, _coded(events, quotes, mentions), ActorView(kb, dt.date(2023, 7, 13)), report, True)
    return {**report.as_dict(), "errors": report.errors, "withheld": report.withheld_errors}


def test_anchoring_gives_offsets_into_the_article():
    gold = anchor(ANNOTATION, ARTICLE)
    assert gold.problems == []
    ev = gold.events[0]
    assert TEXT[ev.trigger_start : ev.trigger_end] == "arrested"
    assert [TEXT[m.start : m.end] for m in gold.mentions] == ["Kenyan police", "40 protesters", "The United States"]
    assert TEXT[gold.quotes[0].start : gold.quotes[0].end] == "We will not be silenced,"


def test_anchoring_reports_every_problem_with_its_place():
    bad = json.loads(json.dumps(ANNOTATION))
    bad["sentences"][0]["events"][0]["type"] = "ARREST"
    bad["sentences"][1]["events"][0]["modality"] = "maybe"
    bad["sentences"][1]["mentions"][0]["state"] = "United States"
    bad["sentences"][2]["text"] = "A sentence that is not in the article."
    bad["quotes"][0]["speaker"]["sector"] = "opposition party"
    problems = anchor(bad, ARTICLE, origin="f.json").problems
    assert any("sentence 1 event 1: type 'ARREST'" in p for p in problems)
    assert any("sentence 2 event 1: modality 'maybe'" in p for p in problems)
    assert any("sentence 2 mention 1: state 'United States'" in p for p in problems)
    assert any("sentence 3: text not found" in p for p in problems)
    assert any("quote 1 speaker: sector" in p for p in problems)
    assert all(p.startswith("f.json") for p in problems)


def test_perfect_prediction_scores_one(kb):
    events = [
        _event(BODY, "arrested", "COERCE", "KEN", "KEN", source_agent="KEN:police", date=dt.date(2023, 7, 11)),
        _event(BODY, "condemned", "ACCUSE", "USA", "KEN"),
        _event(BODY, "deploy", "MOBILIZE", "KEN", None, modality="hypothetical"),
    ]
    q0 = BODY.index("We will")
    quote = Quote("q", "d", 3, "We will not be silenced,", q0, q0 + 24, "P-NOBODY", (), "")
    report = _run(kb, events, [quote])
    assert report["events"]["overall"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 2, "fp": 0, "fn": 0}
    assert report["events_with_date"]["overall"]["f1"] == 1.0
    assert report["events_with_modality"]["overall"]["tp"] == 3
    assert report["false_assertions"] == {"rate": 0.0, "hits": 0, "total": 2}
    assert report["eventful_sentences_missed"] == {"rate": 0.0, "hits": 0, "total": 2}
    assert report["dated_right"] == {"rate": 1.0, "hits": 1, "total": 1}
    assert report["quotes"]["tp"] == 1 and report["quotes"]["fp"] == 0
    # An unknown speaker id resolves to no state: the quote is found, its speaker is wrong.
    assert report["quote_speaker_state"] == {"rate": 0.0, "hits": 0, "total": 1}


def test_words_quoted_twice_are_each_judged_where_they_are_quoted(kb):
    # A summit calls a deal "null and void", then a prime minister does: each quotation is found in
    # its own sentence (anchoring both at the first had given the second the summit's speaker).
    text = (
        'Summit\n\nThe Egyptian and French ministers called the deal "null and void" on Monday. '
        'Greek Prime Minister Kyriakos Mitsotakis also called it "null and void" on Tuesday.'
    )
    ministers = {"text": "The Egyptian and French ministers", "name": None, "state": "EGY", "sector": "government"}
    mitsotakis = {"text": "Kyriakos Mitsotakis", "name": "Kyriakos Mitsotakis", "state": "GRC", "sector": "government"}
    sentences = text.split("\n\n", 1)[1].split(" Greek")
    annotation = {
        "id": "test:summit",
        "sentences": [{"text": sentences[0]}, {"text": "Greek" + sentences[1]}],
        "quotes": [
            {"text": "null and void", "speaker": ministers, "cue": "called", "chain": []},
            {"text": "null and void", "speaker": mitsotakis, "cue": "called", "chain": []},
        ],
    }
    gold = anchor(annotation, {"id": "test:summit", "published": "2020-01-08", "text": text})
    assert gold.problems == []
    body = text.split("\n\n", 1)[1]
    first, second = body.index("null and void"), body.rindex("null and void")
    quotes = [
        Quote("q1", "d", 0, "null and void", first, first + 13, "EGY:government", (), "", "ministers"),
        Quote("q2", "d", 1, "null and void", second, second + 13, "GRC:government", (), "", "Kyriakos Mitsotakis"),
    ]
    doc = CleanDocument(doc_id="d", raw_sha256="x", origin="o", body=body, published=dt.date(2020, 1, 8))
    report = ArticleReport()
    _evaluate_one(gold, CodedDocument(document=doc, quotes=quotes), ActorView(kb, dt.date(2020, 1, 8)), report, False)
    assert report.quotes.tp == 2 and report.quotes.fp == 0
    assert (report.quote_speaker_state.hits, report.quote_speaker_state.total) == (2, 2)


def test_a_sentence_with_an_event_and_nothing_coded_is_counted(kb):
    # The arrest is coded; the condemnation's sentence gets no event at all.
    report = _run(kb, [_event(BODY, "arrested", "COERCE", "KEN", "KEN", date=dt.date(2023, 7, 11))])
    assert report["eventful_sentences_missed"] == {"rate": 0.5, "hits": 1, "total": 2}


def test_wrong_actor_asserted_hypothesis_and_wrong_date_are_errors(kb):
    events = [
        _event(BODY, "arrested", "COERCE", "KEN", "KEN", date=dt.date(2023, 7, 13)),  # publication date, not Tuesday
        _event(BODY, "condemned", "ACCUSE", "USA", "USA"),  # wrong target
        _event(BODY, "deploy", "MOBILIZE", "KEN", None),  # asserted, but the text only says "could"
    ]
    report = _run(kb, events)
    ev = report["events"]["overall"]
    assert (ev["tp"], ev["fp"], ev["fn"]) == (1, 2, 1)
    assert report["events_with_date"]["overall"]["tp"] == 0
    assert report["dated_right"] == {"rate": 0.0, "hits": 0, "total": 1}
    assert report["false_assertions"] == {"rate": round(1 / 3, 4), "hits": 1, "total": 3}
    kinds = sorted((e["kind"], e["type"]) for e in report["errors"] if e["type"] != "MENTION")
    assert kinds == [("false", "ACCUSE"), ("false", "MOBILIZE"), ("missed", "ACCUSE"), ("wrong", "DATE")]
    # The date error gives the gold date beside the predicted one, so an analyst sees why.
    (dated,) = [e for e in report["errors"] if e["type"] == "DATE"]
    assert (dated["trigger"], dated["source"]) == ("arrested", "2023-07-11")
    assert dated["target"].startswith("2023-07-13")
    # No mentions were predicted: every gold mention with a state is listed as missed, with its state.
    missed = [e for e in report["errors"] if e["type"] == "MENTION"]
    assert missed and all(e["kind"] == "missed" and e["source"] for e in missed)
    assert len(missed) == report["mentions"]["fn"]
    assert next(e for e in report["errors"] if e["type"] == "MOBILIZE")["hedged_in_gold"] is True


def test_actor_level_needs_the_same_person_or_sector(kb):
    # At state level KEN -> KEN is right; at actor level the source must be police, not the army.
    events = [_event(BODY, "arrested", "COERCE", "KEN", "KEN", source_agent="KEN:military")]
    report = _run(kb, events)
    assert report["events"]["overall"]["tp"] == 1
    assert report["events_actor_level"]["overall"]["tp"] == 0


def test_events_outside_annotated_sentences_are_false(kb):
    report = _run(kb, [_event(BODY, "silenced", "COERCE", "KEN", None)])
    assert report["events"]["overall"]["fp"] == 1


def test_mentions_are_judged_at_state_level(kb):
    s = BODY.index("Kenyan police")
    u = BODY.index("The United States")
    n = BODY.index("Nairobi")
    mentions = [
        Mention(0, s, s + 6, "Kenyan", "KEN", "demonym"),
        Mention(1, u, u + 17, "The United States", "GBR", "alias"),  # wrong state
        Mention(0, n, n + 7, "Nairobi", "KEN", "place"),  # a place, not an actor claim: not judged
    ]
    m = _run(kb, [], mentions=mentions)["mentions"]
    # gold: Kenyan police (found), 40 protesters (missed), The United States (wrong -> missed)
    assert (m["tp"], m["fp"], m["fn"]) == (1, 1, 2)


def test_missed_proposals_are_listed_with_their_holder(kb):
    demanding = json.loads(json.dumps(ANNOTATION))
    demanding["sentences"][1]["proposals"] = [
        {"kind": "demand", "holder": USA, "addressee": KEN_POLICE, "condition": None, "then": None,
         "cue": "condemned"}
    ]  # fmt: skip
    gold = anchor(demanding, ARTICLE)
    assert gold.problems == []
    report = ArticleReport()
    _evaluate_one(gold, _coded([]), ActorView(kb, dt.date(2023, 7, 13)), report, True)
    listed = [(e["kind"], e["source"], e["target"]) for e in report.errors if e["type"] == "PROPOSAL"]
    assert listed == [("missed", "USA", "KEN")] and report.proposals.fn == 1


def test_test_split_errors_are_withheld(kb):
    test_id = next(f"test:{i}" for i in range(1000) if split_of(f"test:{i}") == "test")
    report = _run(kb, [_event(BODY, "condemned", "ACCUSE", "USA", "USA")], article_id=test_id)
    assert report["errors"] == [] and report["withheld"] == 1


def test_eval_refuses_to_list_test_errors(tmp_path: Path):
    result = runner.invoke(app, ["eval", str(tmp_path), "--format", "articles", "--split", "test", "--errors"])
    assert result.exit_code == 2
    assert "locked" in result.output


def test_eval_articles_command_end_to_end(tmp_path: Path):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / file_name(ARTICLE["id"])).write_text(json.dumps(ANNOTATION), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(folder), "--articles", str(articles), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["format"] == "articles" and report["articles"] == 1
    ev = report["events"]["overall"]
    assert ev["tp"] + ev["fn"] == 2  # the two asserted gold events
    assert report["gold_sentences_missing_from_body"] == 0


def test_splits_are_a_function_of_the_id():
    ids = [f"doc-{i}" for i in range(2000)]
    parts = assign(ids)
    assert sum(len(v) for v in parts.values()) == 2000
    assert 0.55 < len(parts["train"]) / 2000 < 0.65 and 0.15 < len(parts["test"]) / 2000 < 0.25
    assert select(ids, "dev", str) == [i for i in ids if split_of(i) == "dev"]
    with pytest.raises(ValueError):
        select(ids, "holdout", str)


def test_committed_split_file_agrees_with_the_hash():
    data = json.loads((REPO / "data" / "splits" / "splits.json").read_text(encoding="utf-8"))
    assert set(data["sets"]) >= {"wikinews", "plover-gold-dev", "petrarch-unit-tests", "parley-gold"}
    for parts in data["sets"].values():
        for name, ids in parts.items():
            assert all(split_of(i) == name for i in ids)
        assert len(parts["test"]) > 0


def test_cameo_era_country_codes_map_to_iso():
    assert [iso_code(c) for c in ("JAP", "ITL", "VTN", "USA", None)] == ["JPN", "ITA", "VNM", "USA", None]


def test_plover_loader_reports_and_skips_malformed_records(tmp_path: Path):
    path = tmp_path / "plover.json"
    records = [
        {"id": "ok-1", "event": "ACCUSE", "text": "Japan accused China.", "source": [{"code": "JAP"}], "target": ""},
        {"id": "bad-1", "event": "ACCUSE", "text": "X accused Y.", "source": [{"code": "USA"}], "target": "CHN"},
        {"id": "ok-2", "event": "CONSULT", "text": "Italy met Vietnam.", "source": [{"code": "ITL"}],
         "target": [{"code": "VTN"}]},
    ]  # fmt: skip
    path.write_text(json.dumps(records), encoding="utf-8")
    problems: list[str] = []
    loaded = load_records(path, problems)
    assert [r["id"] for r in loaded] == ["ok-1", "ok-2"]
    assert len(problems) == 1 and "bad-1" in problems[0] and "target" in problems[0]
    result = runner.invoke(app, ["eval", str(path), "--format", "plover", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["skipped_records"] == 1


WIKINEWS = SHARED / "eval" / "wikinews" / "articles.jsonl"
CORPUS = REPO / "data" / "gold" / "wikinews"


@pytest.mark.skipif(not WIKINEWS.exists(), reason="../shared/eval/wikinews not present")
def test_every_wikinews_article_is_annotated_and_valid():
    articles = load_articles(WIKINEWS)
    files = sorted(CORPUS.glob("*.json"))
    assert {load_annotation(f, articles).id for f in files} == set(articles)
    problems = [p for f in files for p in load_annotation(f, articles).problems]
    assert problems == []
    events = sum(len(load_annotation(f, articles).events) for f in files)
    assert events >= 800


def test_a_quotation_s_annotated_intermediary_counts_when_the_chain_names_it(kb):
    text = (
        'Talks\n\nThe minister told the BBC the deal was "null and void" on Monday. '
        'Her deputy called it "a disgrace" on Tuesday.'
    )
    minister = {"text": "The minister", "name": None, "state": "GBR", "sector": "government"}
    sentences = text.split("\n\n", 1)[1].split(" Her")
    annotation = {
        "id": "test:chain",
        "sentences": [{"text": sentences[0]}, {"text": "Her" + sentences[1]}],
        "quotes": [
            {"text": "null and void", "speaker": minister, "cue": "told", "chain": ["the BBC"]},
            {"text": "a disgrace", "speaker": minister, "cue": "called", "chain": ["Reuters"]},
        ],
    }
    gold = anchor(annotation, {"id": "test:chain", "published": "2020-01-08", "text": text})
    body = text.split("\n\n", 1)[1]
    first, second = body.index("null and void"), body.index("a disgrace")
    quotes = [
        Quote("q1", "d", 0, "null and void", first, first + 13, "GBR", ("outlet:x", "MEDIA-BBC", "GBR"), "", "m"),
        Quote("q2", "d", 1, "a disgrace", second, second + 10, "GBR", ("outlet:x", "GBR"), "", "m"),
    ]
    doc = CleanDocument(doc_id="d", raw_sha256="x", origin="o", body=body, published=dt.date(2020, 1, 8))
    report = ArticleReport()
    _evaluate_one(gold, CodedDocument(document=doc, quotes=quotes), ActorView(kb, dt.date(2020, 1, 8)), report, False)
    # "the BBC" is MEDIA-BBC's name; Reuters is missing from the second chain.
    assert (report.quote_chain.hits, report.quote_chain.total) == (1, 2)
