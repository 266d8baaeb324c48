"""Cross-fitted evaluation: each fold of the train articles is coded by models that never saw it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli.main import app
from parley.evaluation.corpus import ARTICLES, load_corpus
from parley.evaluation.splits import split_of
from parley.training import crossfit
from parley.training.data import article_sentences

GOLD = Path(__file__).resolve().parents[2] / "data" / "gold" / "wikinews"


def test_folds_are_disjoint_cover_every_article_and_do_not_change_between_runs():
    items = list(range(23))
    folds = crossfit.folds_of(items, 5)  # type: ignore[arg-type]
    assert sorted(i for fold in folds for i in fold) == items and [len(f) for f in folds] == [5, 5, 5, 4, 4]
    assert folds == crossfit.folds_of(items, 5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="between 2 and 23 folds"):
        crossfit.folds_of(items, 1)  # type: ignore[arg-type]


def test_each_fold_is_coded_by_models_fitted_without_its_articles(monkeypatch, kb):
    train = [a for a in load_corpus(GOLD, ARTICLES) if split_of(a.id) == "train"][:4]
    sentences = [s for a in train for s in article_sentences(a)]
    monkeypatch.setattr(crossfit, "training_sentences", lambda repo, shared, corpus: sentences)
    seen: list[set[str]] = []
    real_examples = crossfit.examples

    def recording(fold_sentences, docs):
        seen.append({s.origin for s in fold_sentences})
        return real_examples(fold_sentences, docs)

    monkeypatch.setattr(crossfit, "examples", recording)
    folds = crossfit.fold_coders(train, train, kb, folds=2)
    assert [len(held) for held, _ in folds] == [2, 2]
    for (held, coder), origins in zip(folds, seen, strict=True):
        assert origins == {a.id for a in train} - {a.id for a in held}
        assert coder.trigger_model is not None and coder.role_model is not None
    assert folds[0][1].trigger_model is not folds[1][1].trigger_model


def test_cross_fitting_is_refused_outside_the_train_split():
    result = CliRunner().invoke(app, ["eval", str(GOLD), "--split", "dev", "--cross-fit", "5"])
    assert result.exit_code == 2 and "train split" in result.output


def test_stacked_training_codes_each_train_article_with_the_models_given_for_it(monkeypatch, kb):
    # parley train codes each train article by models fitted without its fold before the confidence
    # learns from the output; the dev articles by the models fitted on all.
    from parley.training import confidence

    train = [a for a in load_corpus(GOLD, ARTICLES) if split_of(a.id) == "train"][:2]
    stacked = {train[0].id: (object(), object(), object()), train[1].id: (object(), object(), object())}

    class Coded(Exception):
        pass

    def recording(gold, coder):
        raise Coded(gold.id, coder.trigger_model, coder.role_model, coder.modality_model)

    monkeypatch.setattr(confidence, "code_article", recording)
    for article in train:
        with pytest.raises(Coded) as coded:
            confidence.labelled_events([article], kb, stacked)
        assert coded.value.args == (article.id, *stacked[article.id])
    assert crossfit.models_for(stacked, train[1].id) == stacked[train[1].id]
    assert crossfit.models_for(None, train[1].id) is None
