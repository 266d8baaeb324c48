"""Cross-fitted coders: honest figures on the articles the models learn from.

The trigger and role classifiers learn from the sentences of the train articles, so coding those
articles with the packaged models measures what the models remember, not what they generalise:
event F1 on train was 0.37 in-sample and 0.27 cross-fitted, against 0.33 on dev and 0.24 on test
(README). ``parley eval --split train --cross-fit K`` splits the train articles into K folds by
article and codes each fold with trigger and role models fitted, exactly as ``parley train`` fits
them, on everything but that fold. The later learned steps (mention and story sense, party ranker,
condition cues, confidence) keep their packaged models; they learn from the coder's output on the
same articles, so a little optimism remains there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from parley.coding.document import DocumentCoder
from parley.coding.linear import LinearModel
from parley.evaluation.corpus import GoldArticle
from parley.evaluation.sentences import TrainingSentence
from parley.kb.actors import ActorKB
from parley.nlp.pipeline import full_pipeline
from parley.training.data import REPO, training_sentences
from parley.training.modality import train_modality
from parley.training.roles import role_examples
from parley.training.triggers import examples, fit

# The (trigger, role, modality) models a coder runs with (None: that component off).
Models = tuple[LinearModel | None, LinearModel | None, LinearModel | None]
# Which models code which train article: one set for all, or per article id (stacked training).
ModelsFor = Models | Mapping[str, Models] | None


@dataclass(frozen=True)
class TrainConfig:
    c: float = 1.0  # inverse regularisation strength, chosen on the dev split
    min_count: int = 2
    seed: int = 0
    spans: bool = True  # also train the spaCy trigger spans (spacy train, a few minutes)
    confidence: bool = True  # also fit the event confidence on the coder's output over the train split
    folds: int = 5  # the later steps learn from train articles coded by models fitted without them


def models_for(models: ModelsFor, article_id: str) -> Models | None:
    """The models to code one article with: the set given for it, the one set, or the package's (None)."""
    if models is None or isinstance(models, tuple):
        return models
    return models[article_id]


def install(coder: DocumentCoder, models: Models) -> None:
    """Have ``coder`` run with ``models`` instead of the package's; a component the coder runs
    without (``PARLEY_TRIGGERS``, ``PARLEY_ROLES`` or ``PARLEY_MODALITY`` set to ``rules``) stays off,
    so a cross-fitted comparison of the rules against a model compares what it says."""
    trigger, roles, modality = models
    coder.trigger_model = trigger if coder.learned["triggers"] else None
    coder.role_model = roles if coder.learned["roles"] else None
    coder.modality_model = modality if coder.learned["modality"] else None


def folds_of(articles: Sequence[GoldArticle], folds: int, seed: int = 0) -> list[list[GoldArticle]]:
    """The articles in ``folds`` groups, by a seeded permutation (the same groups every run)."""
    if not 2 <= folds <= len(articles):
        raise ValueError(f"--cross-fit needs between 2 and {len(articles)} folds, not {folds}")
    order = np.random.default_rng(seed).permutation(len(articles))
    return [[articles[int(i)] for i in sorted(order[k::folds])] for k in range(folds)]


def fitted_folds(
    articles: Sequence[GoldArticle],
    sentences: Sequence[TrainingSentence],
    docs: Sequence[Doc],
    kb: ActorKB,
    config: TrainConfig,
    folds: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[tuple[list[GoldArticle], Models]]:
    """Each fold of ``articles`` with the trigger, role and modality models fitted, as ``parley train`` fits them,
    on every training sentence but those of its articles (``sentences`` and their parsed ``docs``)."""
    folds = folds or config.folds
    out: list[tuple[list[GoldArticle], Models]] = []
    for k, held in enumerate(folds_of(articles, folds, config.seed)):
        ids = {a.id for a in held}
        kept = [(s, d) for s, d in zip(sentences, docs, strict=True) if s.origin not in ids]
        if progress:
            progress(f"fold {k + 1} of {folds}: fitting without its {len(held)} articles")
        fold_sentences, fold_docs = [s for s, _ in kept], [d for _, d in kept]
        trigger = fit(examples(fold_sentences, fold_docs), c=config.c, min_count=config.min_count, seed=config.seed)
        roles = fit(
            role_examples(fold_sentences, fold_docs, kb), c=config.c, min_count=config.min_count, seed=config.seed
        )
        modality, _ = train_modality(fold_sentences, fold_docs, [], [], seed=config.seed)
        out.append((held, (trigger, roles, modality)))
    return out


def fold_models(
    articles: Sequence[GoldArticle],
    sentences: Sequence[TrainingSentence],
    docs: Sequence[Doc],
    kb: ActorKB,
    config: TrainConfig,
) -> dict[str, Models]:
    """For each of ``articles`` (by id), the models of :func:`fitted_folds` that never saw it."""
    return {a.id: models for held, models in fitted_folds(articles, sentences, docs, kb, config) for a in held}


def fold_coders(
    articles: Sequence[GoldArticle],
    corpus: Sequence[GoldArticle],
    kb: ActorKB,
    folds: int = 5,
    repo: Path = REPO,
    shared: Path | None = None,
    config: TrainConfig | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[tuple[list[GoldArticle], DocumentCoder]]:
    """Each fold of ``articles`` with a coder whose trigger and role models never saw it.

    ``corpus``: the whole annotated corpus, whose train split ``parley train`` learns from.
    """
    shared = shared or repo.parent / "shared"
    config = config or TrainConfig()
    sentences = training_sentences(repo, shared, corpus)
    if progress:
        progress(f"parsing {len(sentences)} training sentences")
    docs = list(full_pipeline().pipe((s.text for s in sentences), batch_size=64))
    out = []
    for held, models in fitted_folds(articles, sentences, docs, kb, config, folds, progress):
        coder = DocumentCoder(kb)
        install(coder, models)
        out.append((held, coder))
    return out
