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

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from parley.coding.document import DocumentCoder
from parley.evaluation.corpus import GoldArticle
from parley.kb.actors import ActorKB
from parley.nlp.pipeline import full_pipeline
from parley.training.data import REPO, training_sentences
from parley.training.roles import role_examples
from parley.training.train import TrainConfig
from parley.training.triggers import examples, fit


def folds_of(articles: Sequence[GoldArticle], folds: int, seed: int = 0) -> list[list[GoldArticle]]:
    """The articles in ``folds`` groups, by a seeded permutation (the same groups every run)."""
    if not 2 <= folds <= len(articles):
        raise ValueError(f"--cross-fit needs between 2 and {len(articles)} folds, not {folds}")
    order = np.random.default_rng(seed).permutation(len(articles))
    return [[articles[int(i)] for i in sorted(order[k::folds])] for k in range(folds)]


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
    for k, held in enumerate(folds_of(articles, folds, config.seed)):
        ids = {a.id for a in held}
        kept = [(s, d) for s, d in zip(sentences, docs, strict=True) if s.origin not in ids]
        if progress:
            progress(f"fold {k + 1} of {folds}: fitting without its {len(held)} articles")
        fold_sentences, fold_docs = [s for s, _ in kept], [d for _, d in kept]
        coder = DocumentCoder(kb)
        coder.trigger_model = fit(
            examples(fold_sentences, fold_docs), c=config.c, min_count=config.min_count, seed=config.seed
        )
        coder.role_model = fit(
            role_examples(fold_sentences, fold_docs, kb), c=config.c, min_count=config.min_count, seed=config.seed
        )
        out.append((held, coder))
    return out
