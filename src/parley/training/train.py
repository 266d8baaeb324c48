"""``parley train``: rebuild the learned components from the annotated data in the repository."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.coding.triggers import MODEL_FILE
from parley.training.data import REPO, corpus_sentences, training_sentences
from parley.training.triggers import examples, fit, token_scores

PACKAGE_MODELS = Path(__file__).resolve().parents[1] / "coding" / "models"


@dataclass(frozen=True)
class TrainConfig:
    c: float = 1.0  # inverse regularisation strength, chosen on the dev split
    min_count: int = 2
    seed: int = 0


def train(
    repo: Path = REPO, shared: Path | None = None, out: Path = PACKAGE_MODELS, config: TrainConfig = TrainConfig()
) -> dict[str, Any]:
    """Train on the train split and the written sentences; report token scores on train and dev."""
    shared = shared or repo.parent / "shared"
    sentences = training_sentences(repo, shared)
    data = examples(sentences)
    model = fit(data, c=config.c, min_count=config.min_count, seed=config.seed)
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / MODEL_FILE)
    dev = examples(corpus_sentences(repo / "data/gold/wikinews", shared / "eval/wikinews/articles.jsonl", "dev"))
    report = {
        "model": str(out / MODEL_FILE),
        "sentences": len(sentences),
        "examples": len(data.labels),
        "features": len(model.vocabulary),
        "config": config.__dict__,
        "train_tokens": token_scores(model, data),
        "dev_tokens": token_scores(model, dev),
    }
    (out / "triggers.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report
