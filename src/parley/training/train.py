"""``parley train``: rebuild the learned components from the annotated data in the repository."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc

from parley.coding.conditions import MODEL_FILE as CONDITIONS_FILE
from parley.coding.conditions import REPORT_FILE as CONDITIONS_REPORT
from parley.coding.confidence import MODEL_FILE as CONFIDENCE_FILE
from parley.coding.confidence import REPORT_FILE as CONFIDENCE_REPORT
from parley.coding.descriptions import MODEL_FILE as DESCRIPTION_FILE
from parley.coding.descriptions import REPORT_FILE as DESCRIPTION_REPORT
from parley.coding.document import DocumentCoder
from parley.coding.mention_sense import MODEL_FILE as SENSE_FILE
from parley.coding.mention_sense import REPORT_FILE as SENSE_REPORT
from parley.coding.mention_sense import STORY_MODEL_FILE, STORY_REPORT_FILE
from parley.coding.modality import MODEL_FILE as MODALITY_FILE
from parley.coding.modality import REPORT_FILE as MODALITY_REPORT
from parley.coding.parties import MODEL_FILE as PARTIES_FILE
from parley.coding.parties import REPORT_FILE as PARTIES_REPORT
from parley.coding.roles import MODEL_FILE as ROLES_FILE
from parley.coding.roles import SOURCE, TARGET
from parley.coding.triggers import MODEL_FILE, SPANS_MODEL_DIR, SpanModel, TriggerModel
from parley.evaluation.corpus import load_real_news
from parley.evaluation.sentences import TrainingSentence
from parley.evaluation.splits import split_of
from parley.kb.actors import load_kb
from parley.nlp.pipeline import full_pipeline
from parley.training.conditions import article_cue_sentences, train_conditions, written_cue_sentences
from parley.training.confidence import train_confidence
from parley.training.crossfit import TrainConfig, fold_models, install
from parley.training.data import REPO, article_sentences, training_sentences
from parley.training.mention_sense import train_sense
from parley.training.modality import train_modality
from parley.training.parties import train_parties
from parley.training.roles import role_examples
from parley.training.spacy_triggers import token_comparison, train_spans
from parley.training.triggers import examples, fit, label_scores, token_scores

PACKAGE_MODELS = Path(__file__).resolve().parents[1] / "coding" / "models"
# The coder's senses: its attribute, the key of their report, their model and report files.
SENSES = (
    ("sense", "mention_sense", SENSE_FILE, SENSE_REPORT),
    ("story_sense", "story_sense", STORY_MODEL_FILE, STORY_REPORT_FILE),
    ("description_sense", "description_sense", DESCRIPTION_FILE, DESCRIPTION_REPORT),
)
SPANS_REPORT = "trigger_spans.json"


def train(
    repo: Path = REPO, shared: Path | None = None, out: Path = PACKAGE_MODELS, config: TrainConfig | None = None
) -> dict[str, Any]:
    """Train on the train split and the written sentences; report token scores on train and dev."""
    config = config or TrainConfig()
    shared = shared or repo.parent / "shared"
    corpus = load_real_news(repo / "data" / "gold", shared)  # loaded once: sentences, mention sense and confidence
    train_articles = [a for a in corpus if split_of(a.id) == "train"]
    dev_articles = [a for a in corpus if split_of(a.id) == "dev"]
    sentences = training_sentences(repo, shared, corpus)
    dev_sentences = [s for a in dev_articles for s in article_sentences(a)]
    nlp = full_pipeline()
    docs = list(nlp.pipe((s.text for s in sentences), batch_size=64))
    dev_docs = list(nlp.pipe((s.text for s in dev_sentences), batch_size=64))
    data = examples(sentences, docs)
    model = fit(data, c=config.c, min_count=config.min_count, seed=config.seed)
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / MODEL_FILE)
    dev = examples(dev_sentences, dev_docs)
    role_data = role_examples(sentences, docs)
    roles = fit(role_data, c=config.c, min_count=config.min_count, seed=config.seed)
    roles.save(out / ROLES_FILE)
    role_dev = role_examples(dev_sentences, dev_docs)
    modality, modality_report = train_modality(sentences, docs, dev_sentences, dev_docs, seed=config.seed)
    if modality is None:
        raise ValueError("the training sentences have one modality only: nothing to learn modality from")
    modality.save(out / MODALITY_FILE)
    (out / MODALITY_REPORT).write_text(json.dumps(modality_report, indent=1) + "\n", encoding="utf-8")
    fitted = (model, roles, modality)
    kb = load_kb()

    def coder() -> DocumentCoder:
        """A coder with the trigger, role and modality models just fitted (not the package's, when
        ``out`` is elsewhere): the later components learn from its output."""
        fresh = DocumentCoder(kb)
        install(fresh, fitted)
        fresh.parties.model = None  # the ranker changes no mention or cue, and is trained below
        return fresh

    conditions, _, conditions_report = train_conditions(
        written_cue_sentences((repo / "data/train/proposals").glob("*.jsonl")),
        train_articles,
        article_cue_sentences(dev_articles),
        nlp,
        seed=config.seed,
        coder=coder(),
    )
    conditions.save(out / CONDITIONS_FILE)
    (out / CONDITIONS_REPORT).write_text(json.dumps(conditions_report, indent=1) + "\n", encoding="utf-8")
    # The senses, each on the coder's own decisions over the train articles: whether a matched name is an
    # actor or only a place; whether a person or organisation placed only by the story's state is an actor
    # mention at all; which definite descriptions ("the company", "the doctors") are actors of that state.
    sense_reports = {}
    for which, key, model_file, report_file in SENSES:
        fitted_sense, sense_reports[key] = train_sense(
            which, train_articles, dev_articles, seed=config.seed, coder=coder()
        )
        fitted_sense.save(out / model_file)
        (out / report_file).write_text(json.dumps(sense_reports[key], indent=1) + "\n", encoding="utf-8")
    # A second look at the parties an event was left without, on the coder's output over train. Learned
    # from the stacked output too it chose a lower margin and took a state acting as a whole for its own
    # target ("Brazil called for restraint from all parties": BRA -> BRA), with no gain on cross-fitted
    # train (0.299 -> 0.298) or test; it learns from the in-sample output.
    parties, parties_report = train_parties(train_articles, dev_articles, models=fitted, seed=config.seed)
    parties.save(out / PARTIES_FILE)
    (out / PARTIES_REPORT).write_text(json.dumps(parties_report, indent=1) + "\n", encoding="utf-8")
    if config.confidence:
        # The confidence learns from the coder's output over the train articles. Coded by the models just
        # fitted, those articles come out as the models remember them (events F1 0.37 against 0.30
        # cross-fitted, README); each is coded instead by models fitted without its fold, as unseen news
        # is, so the confidence users filter on is that of unseen news.
        stacked = fold_models(train_articles, sentences, docs, kb, config) if config.folds > 1 else fitted
        conf, conf_report = train_confidence(
            train_articles,
            dev_articles,
            models=stacked,
            dev_models=fitted,
            ranker=(parties, parties_report["margin"]),
            seed=config.seed,
        )
        conf.save(out / CONFIDENCE_FILE)
        (out / CONFIDENCE_REPORT).write_text(json.dumps(conf_report, indent=1) + "\n", encoding="utf-8")
    report = {
        "model": MODEL_FILE,  # beside this report
        "sentences": len(sentences),
        "examples": len(data.labels),
        "features": len(model.vocabulary),
        "config": config.__dict__,
        "train_tokens": token_scores(model, data),
        "dev_tokens": token_scores(model, dev),
        "role_examples": len(role_data.labels),
        "role_features": len(roles.vocabulary),
        "dev_roles": {label: label_scores(roles, role_dev, label) for label in (SOURCE, TARGET)},
    }
    (out / "triggers.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    report["modality"] = modality_report
    report["conditions"] = conditions_report
    report.update(sense_reports)
    report["parties"] = parties_report
    if config.spans:
        report["spans"] = train_trigger_spans(sentences, dev_sentences, dev_docs, model, out, config.seed)
    return report


# Settings compared on dev: (source, regression threshold on P(O), spans threshold on P(O)).
COMPARED = [("lr", 0.7, 0.5)] + [("spacy", 0.7, t) for t in (0.5, 0.7, 0.9)]
COMPARED += [("union", 0.7, t) for t in (0.5, 0.9)] + [("agree", t, s) for t in (0.7, 0.9) for s in (0.7, 0.9)]
COMPARED += [("mean", t, 0.5) for t in (0.5, 0.7)]


def train_trigger_spans(
    sentences: Sequence[TrainingSentence],
    dev_sentences: Sequence[TrainingSentence],
    dev_docs: Sequence[Doc],
    model: TriggerModel,
    out: Path,
    seed: int,
) -> dict[str, Any]:
    """``spacy train`` the trigger spans; compare them with the regression, alone and together, on dev tokens."""
    report = train_spans(sentences, dev_sentences, out, overrides={"system.seed": seed})
    spans = SpanModel(spacy.load(out / SPANS_MODEL_DIR))
    started = time.perf_counter()
    for doc in dev_docs:
        spans.distributions(doc)
    report["ms_per_dev_sentence"] = round(1000 * (time.perf_counter() - started) / max(len(dev_docs), 1), 2)
    report["dev_tokens"] = token_comparison(dev_sentences, dev_docs, model, spans, COMPARED)
    report["size_bytes"] = sum(f.stat().st_size for f in (out / SPANS_MODEL_DIR).rglob("*") if f.is_file())
    (out / SPANS_REPORT).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report
