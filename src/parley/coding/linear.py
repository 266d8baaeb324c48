"""Linear models over named features, stored as plain arrays.

The learned components (triggers, argument roles) are multinomial logistic regressions fitted
with scikit-learn by ``parley train``; what ships is their feature names, class names and
weights in a compressed NumPy file, so loading needs neither pickle nor the scikit-learn
version that trained them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class LinearModel:
    vocabulary: dict[str, int]
    classes: tuple[str, ...]
    weights: np.ndarray  # (features, classes)
    intercept: np.ndarray  # (classes,)

    def scores(self, feats: list[list[str]]) -> np.ndarray:
        out = np.tile(self.intercept, (len(feats), 1))
        for row, names in enumerate(feats):
            idx = [self.vocabulary[n] for n in names if n in self.vocabulary]
            if idx:
                out[row] += self.weights[idx].sum(axis=0)
        return out

    def probabilities(self, feats: list[list[str]]) -> np.ndarray:
        s = self.scores(feats)
        s = np.exp(s - s.max(axis=1, keepdims=True))
        return s / s.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path,
            names=np.array(names),
            classes=np.array(self.classes),
            weights=self.weights.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
        )


def read_model(path: Path | str) -> LinearModel:
    with np.load(path, allow_pickle=False) as data:
        names = [str(n) for n in data["names"]]
        return LinearModel(
            vocabulary={n: i for i, n in enumerate(names)},
            classes=tuple(str(c) for c in data["classes"]),
            weights=data["weights"].astype(np.float64),
            intercept=data["intercept"].astype(np.float64),
        )


def packaged_report(name: str) -> dict[str, Any] | None:
    """The report ``parley train`` wrote beside a model (its chosen floor or margin), or None
    before the first training."""
    path = resources.files("parley.coding") / "models" / name
    if not path.is_file():
        return None
    report: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return report


def packaged(name: str) -> LinearModel | None:
    """A model file ``parley train`` wrote into the package, or None before the first training."""
    path = resources.files("parley.coding") / "models" / name
    if not path.is_file():
        return None
    with resources.as_file(path) as p:
        return read_model(p)
