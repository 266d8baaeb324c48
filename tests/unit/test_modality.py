"""The learned modality: acts the text only forecasts, wishes or denies are not asserted
(sentences written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

from parley.coding import modality as modality_module
from parley.coding.modality import packaged_model
from tests.conftest import events_of


def _modalities(coded, type_):
    return {(e.modality, e.negated) for e in events_of(coded, type_)}


def test_a_forecast_with_unlikely_is_not_asserted(code_text):
    coded = code_text("Analysts said Russia is unlikely to agree to further output cuts with Saudi Arabia.")
    assert _modalities(coded, "AGREE") and ("asserted", False) not in _modalities(coded, "AGREE")


def test_a_hoped_for_truce_is_wished(code_text):
    coded = code_text("Hopes of a trade truce between China and the United States lifted stocks.")
    assert _modalities(coded, "AGREE") == {("wished", False)}


def test_being_unable_to_meet_negates_the_meeting(code_text):
    coded = code_text("Pakistan and India have been unable to reschedule talks between their foreign ministers.")
    assert _modalities(coded, "CONSULT") == {("asserted", True)}


def test_plain_acts_stay_asserted(code_text):
    coded = code_text("Kenyan police arrested forty protesters in Nairobi on Tuesday.")
    assert _modalities(coded, "COERCE") == {("asserted", False)}
    coded = code_text("Egypt and Sudan held talks on the dam in Cairo on Monday.")
    assert _modalities(coded, "CONSULT") == {("asserted", False)}


def test_packaged_model_is_the_one_train_reports_and_beats_the_rules_on_dev():
    model = packaged_model()
    assert model is not None and {"asserted", "negated", "wished", "predicted"} <= set(model.classes)
    report = json.loads((Path(modality_module.__file__).parent / "models" / "modality.json").read_text())
    assert report["features"] == len(model.vocabulary)
    # figures of the dev split's annotated triggers, never the test split's
    assert report["dev"]["accuracy"] > report["dev_rules"]["accuracy"]
    assert report["dev"]["false_asserted"] < report["dev_rules"]["false_asserted"]
