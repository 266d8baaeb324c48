import datetime as dt

from parley.analysis.consistency import check_document
from parley.analysis.duplicates import group_stories
from parley.analysis.dyads import DIALOGUE, HOSTILITY, dyad_series, dyad_table, event_score, turning_points
from parley.analysis.stance import stance_matrix


def ev(n, type_, source="PRK", target="KOR", date=None, **extra):
    base = {
        "event_id": f"e{n}",
        "doc_id": "d1",
        "type": type_,
        "source": source,
        "target": target,
        "date": date,
        "date_end": date,
        "date_basis": "explicit" if date else "unknown",
        "negated": False,
        "modality": "asserted",
        "sentence": f"sentence {n}",
        "start_char": 0,
        "end_char": 10,
        "issues": [],
        "doc_published": None,
        "source_agent": None,
        "sent_idx": n,
    }
    base.update(extra)
    return base


def test_event_scores_follow_type_negation_and_modality():
    assert event_score(ev(1, "ASSAULT")) < event_score(ev(2, "ACCUSE")) < 0 < event_score(ev(3, "AID"))
    assert event_score(ev(4, "ASSAULT", negated=True)) == 0
    assert event_score(ev(5, "SANCTION", modality="hypothetical")) == event_score(ev(6, "SANCTION")) / 2


def test_dyad_phases_and_turning_point():
    events = [
        ev(1, "CONSULT", date=dt.date(2018, 4, 27)),
        ev(2, "AGREE", date=dt.date(2018, 4, 27)),
        ev(3, "THREATEN", date=dt.date(2020, 6, 16)),
        ev(4, "ASSAULT", date=dt.date(2020, 6, 16)),
        ev(5, "AGREE", source="USA", target=None, date=dt.date(2020, 1, 1)),  # no target: not a dyad
    ]
    series = dyad_series(events, "month")
    assert list(series) == [("PRK", "KOR")]
    cells = series[("PRK", "KOR")]
    assert [c.phase for c in cells] == [DIALOGUE, HOSTILITY]
    (tp,) = turning_points(series)
    assert (tp.before, tp.after, tp.period) == (DIALOGUE, HOSTILITY, dt.date(2020, 6, 1))
    assert set(tp.event_ids) == {"e3", "e4"}


def test_undated_events_fall_back_on_publication_date_and_say_so():
    events = [
        ev(1, "CONSULT", date=dt.date(2019, 11, 4)),
        ev(2, "AGREE", date=None, doc_published=dt.date(2019, 11, 21)),  # the text gave no date
        ev(3, "AGREE", date=None, doc_published=None),  # nothing to place it by: left out
    ]
    (cell,) = dyad_series(events, "month")[("PRK", "KOR")]
    assert cell.count == 2 and cell.by_publication_date == 1
    assert dyad_table({("PRK", "KOR"): [cell]})[0]["dated_by_publication"] == 1


def test_stance_latest_position_and_change():
    events = [
        ev(1, "REQUEST", source="IRN", issues=["talks"], date=dt.date(2020, 1, 1)),
        ev(2, "REJECT", source="IRN", issues=["talks"], date=dt.date(2021, 1, 1)),
    ]
    proposals = [
        {
            "proposal_id": "p1",
            "doc_id": "d1",
            "kind": "precondition",
            "holder": "IRN",
            "first_issue": "sanctions_relief",
            "then_issue": "talks",
            "sentence": "s",
            "start_char": 0,
            "end_char": 1,
        }
    ]
    stances = {(s.actor, s.issue): s for s in stance_matrix(events, proposals, {"d1": dt.date(2022, 1, 1)})}
    talks = stances[("IRN", "talks")]
    assert talks.latest.position == "only after sanctions relief" and talks.changed
    assert stances[("IRN", "sanctions_relief")].latest.position == "sanctions relief first"


def test_consistency_checks(kb):
    doc = {"doc_id": "d1", "published": None}
    events = [
        ev(1, "REJECT", date=dt.date(2025, 7, 28)),
        ev(2, "AGREE", source="KOR", target=None, source_agent="P-YOON-SUK-YEOL"),
    ]
    proposals = [
        {
            "proposal_id": "p1",
            "doc_id": "d1",
            "holder": "KOR",
            "holder_agent": "P-LEE-JAE-MYUNG",
            "sentence": "s",
            "start_char": 0,
            "end_char": 1,
            "sent_idx": 3,
        }
    ]
    # Checks rest only on people their sentence names: by pronoun, the same records raise nothing.
    named = [
        {"actor_id": "P-YOON-SUK-YEOL", "sent_idx": 2, "how": "name"},
        {"actor_id": "P-LEE-JAE-MYUNG", "sent_idx": 3},
    ]
    pronouns = [{**m, "how": "coref"} for m in named]
    assert check_document(kb, doc, events, proposals, pronouns) == []
    checks = {f.check: f for f in check_document(kb, doc, events, proposals, named)}
    assert checks["role_out_of_dates"].confidence < 0.9  # dated by the story, not by the act
    assert (
        "Yoon Suk Yeol" in checks["role_out_of_dates"].message and "2025-04-04" in checks["role_out_of_dates"].message
    )
    assert "Lee Jae-myung" in checks["conflicting_attribution"].message
    old = {"doc_id": "d2", "published": dt.date(2024, 5, 1)}
    mentions = [{"text": "Swaziland", "start_char": 0, "end_char": 9, "sentence": "Swaziland said."}]
    found = {f.check for f in check_document(kb, old, [ev(3, "ACCUSE", date=dt.date(2018, 6, 12))], [], mentions)}
    assert found == {"obsolete_name", "republished"}
    # A renamed country whose old name is still common usage is no finding ("Turkey" after Türkiye).
    turkey = [{"text": "Turkey", "start_char": 0, "end_char": 6, "sentence": "Turkey said."}]
    assert not [f for f in check_document(kb, old, [], [], turkey) if f.check == "obsolete_name"]
    fresh = {"doc_id": "d3", "published": dt.date(2018, 6, 13)}
    assert check_document(kb, fresh, [ev(4, "ACCUSE", date=dt.date(2018, 6, 12))]) == []


def test_contradicting_reports_need_named_actors_and_a_stated_day():
    from parley.analysis.consistency import contradicting_reports

    day = dt.date(2025, 3, 3)
    fired = ev(1, "ASSAULT", date=day, event_id="a", doc_id="d1", sent_idx=0)
    denied = ev(2, "ASSAULT", date=day, event_id="b", doc_id="d2", sent_idx=4, negated=True)
    mentions = [
        {"doc_id": d, "sent_idx": i, "actor_id": a, "how": "name"}
        for d, i in (("d1", 0), ("d2", 4))
        for a in ("PRK", "KOR")
    ]
    (finding,) = contradicting_reports([fired, denied], mentions)
    assert finding.check == "contradicting_reports" and finding.other and finding.other[0] == "d2"
    assert finding.confidence >= 0.8  # two documents disagree
    # Not from a pronoun-resolved source, an inferred role, a wish, or another day.
    by_pronoun = [{**m, "how": "coref"} if m["doc_id"] == "d2" and m["actor_id"] == "PRK" else m for m in mentions]
    assert contradicting_reports([fired, denied], by_pronoun) == []
    assert contradicting_reports([fired, {**denied, "implicit": ["source"]}], mentions) == []
    assert contradicting_reports([fired, {**denied, "modality": "hypothetical"}], mentions) == []
    next_day = day + dt.timedelta(days=1)
    assert contradicting_reports([fired, {**denied, "date": next_day, "date_end": next_day}], mentions) == []
    assert contradicting_reports([fired, {**denied, "negated": False}], mentions) == []


def test_near_duplicates_grouped_into_stories():
    text = (
        "North Korea rejected the South's offer of talks on Monday, saying hostile drills must stop first, "
        "state media reported, in a statement that also criticised the United States for its sanctions policy. "
        "The statement, carried by the official news agency, said the joint exercises planned for next month were "
        "a rehearsal for invasion and that no dialogue was possible while they went ahead. Seoul's unification "
        "ministry said it regretted the decision and would keep the door open to talks at any level, while "
        "Washington repeated that it was ready to meet without preconditions. Analysts in Seoul said the rejection "
        "was expected after weeks of sharper rhetoric from Pyongyang and a series of short-range missile launches."
    )
    docs = [
        {"doc_id": "a", "body": text},
        {"doc_id": "b", "body": text.replace("Monday", "Tuesday") + " Reporting by a wire service."},
        {"doc_id": "c", "body": "Japan and India agreed to expand naval cooperation in the Indian Ocean this year."},
    ]
    assert group_stories(docs) == [["a", "b"], ["c"]]


def test_syndicated_copies_count_once_in_dyads(tmp_path, kb):
    from parley.analysis.overview import build_overview, once_per_story
    from parley.models import RawDocument
    from parley.pipeline import ingest_documents
    from parley.store import open_store

    story = (
        "Ethiopia accused Egypt of blocking talks on the dam on Tuesday. Cairo rejected the charge and urged "
        "Addis Ababa to sign a binding deal, officials said, adding that the talks would resume in Washington "
        "next month under the mediation of the United States and the World Bank."
    )
    copies = [story, story + " The dispute has lasted a decade."]  # a syndicated copy with one line added
    with open_store(tmp_path / "s.duckdb") as store:
        raws = [
            RawDocument(origin=f"{n}.txt", content=t, content_type="text", published=dt.date(2024, 5, 9))
            for n, t in enumerate(copies)
        ]
        ingest_documents(raws, store, kb)
        ov = build_overview(store, kb)
    assert len(ov.stories) == 1 and len(ov.stories[0]) == 2
    accusations = [e for e in ov.events if e["type"] == "ACCUSE"]
    assert len(accusations) == 2  # both copies keep their evidence
    cell = ov.dyads[("ETH", "EGY")][0]
    assert cell.count == len(once_per_story([e for e in ov.events if e["source"] == "ETH"], ov.stories)) == 1
    # The timeline counts the story once too.
    from parley.interfaces.charts import timeline_bins

    assert sum(timeline_bins(ov.story_events()).reported.values()) * 2 == len(ov.events)


def test_dates_are_shown_at_the_precision_the_text_gave():
    from parley.analysis.dyads import date_label as _when

    d = dt.date
    assert _when({"date": d(1953, 1, 1), "date_end": d(1953, 12, 31)}) == "1953"  # "the 1953 armistice"
    assert _when({"date": d(2019, 2, 1), "date_end": d(2019, 2, 28)}) == "2019-02"
    assert _when({"date": d(2019, 11, 11), "date_end": d(2019, 11, 17)}) == "2019-11-11..2019-11-17"
    assert _when({"date": d(2019, 11, 20), "date_end": d(2019, 11, 20)}) == "2019-11-20"
    assert _when({"date": None, "date_end": None}) == ""


def test_year_only_dates_count_in_years_not_in_january():
    from parley.analysis.dyads import unplaced

    d = dt.date
    events = [
        ev(1, "AGREE", date=d(2019, 1, 1), date_end=d(2019, 12, 31)),  # "in 2019"
        ev(2, "CONSULT", date=d(2019, 11, 4)),
        ev(3, "CONSULT", date=d(2019, 11, 1), date_end=d(2019, 11, 30)),  # "in November 2019"
        ev(4, "CONSULT", date=d(2019, 10, 28), date_end=d(2019, 11, 3)),  # a week across two months
    ]
    (monthly,) = dyad_series(events, "month").values()
    assert [(c.period, c.event_ids) for c in monthly] == [(d(2019, 11, 1), ["e2", "e3"])]  # nothing in January
    assert unplaced(events, "month") == {"coarser": 2}
    (yearly,) = dyad_series(events, "year").values()
    assert yearly[0].period == d(2019, 1, 1) and yearly[0].count == 4
    assert unplaced([ev(5, "AGREE")], "month") == {"undated": 1}  # no date, no publication date


def test_events_dated_well_before_their_article_are_referred_to():
    from parley.analysis.dyads import REFERRED_TO, REPORTED, reporting_days, split_timeframes, timeframe

    d = dt.date
    armistice = {"date": d(1953, 1, 1), "date_end": d(1953, 12, 31)}
    events = [
        ev(1, "SUPPORT", **armistice, doc_published=d(2018, 5, 1)),
        ev(2, "REJECT", date=d(2018, 4, 30), doc_published=d(2018, 5, 1)),
        ev(3, "REJECT", date=d(2017, 5, 2), doc_published=d(2018, 5, 1)),  # just within a year: reported
        ev(4, "AGREE", doc_published=d(2018, 5, 1)),  # undated: at its publication date
        # An article without a publication date is taken to be as recent as the collection.
        ev(5, "SUPPORT", doc_id="d2", **armistice),
        ev(6, "CONSULT", doc_id="d2"),
    ]
    days = reporting_days(events)
    assert days == {"d1": d(2018, 5, 1), "d2": d(2018, 5, 1)}
    reported, referred = split_timeframes(events)
    assert [e["event_id"] for e in referred] == ["e1", "e5"]
    assert [e["event_id"] for e in reported] == ["e2", "e3", "e4", "e6"]
    # With no publication date anywhere, the latest event date stands for the collection's present.
    alone = [ev(7, "SUPPORT", doc_id="d3", **armistice), ev(8, "REJECT", doc_id="d4", date=d(2025, 7, 28))]
    assert reporting_days(alone) == {"d3": d(2025, 7, 28), "d4": d(2025, 7, 28)}
    assert timeframe(alone[0], d(2025, 7, 28)) == REFERRED_TO and timeframe(alone[0], None) == REPORTED


def test_date_labels_keep_the_precision_of_the_text():
    from parley.analysis.dyads import date_label, date_precision

    d = dt.date
    year = {"date": d(1953, 1, 1), "date_end": d(1953, 12, 31)}
    assert (date_label(year), date_precision(year)) == ("1953", "year")
    assert date_label({"date": d(2019, 2, 1), "date_end": d(2019, 2, 28)}) == "2019-02"
    assert date_label({"date": d(1950, 1, 1), "date_end": d(1953, 12, 31)}) == "1950-01-01..1953-12-31"
    assert date_label({"date": d(2019, 11, 20), "date_end": d(2019, 11, 20)}) == "2019-11-20"
    assert date_label({"date": None}) == "" and date_precision({"date": None}) is None
