"""Precision, recall and F1 over multisets, with per-label breakdowns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> None:
        g, p = Counter(gold), Counter(predicted)
        overlap = sum((g & p).values())
        self.tp += overlap
        self.fp += sum(p.values()) - overlap
        self.fn += sum(g.values()) - overlap

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class LabelledScore:
    """An overall score and one per label (for example per event type)."""

    overall: Score = field(default_factory=Score)
    by_label: dict[str, Score] = field(default_factory=dict)

    def add(self, gold: list[tuple], predicted: list[tuple], label_index: int = 0) -> None:
        self.overall.add(gold, predicted)
        labels = {str(x[label_index]) for x in gold} | {str(x[label_index]) for x in predicted}
        for label in labels:
            self.by_label.setdefault(label, Score()).add(
                [x for x in gold if str(x[label_index]) == label],
                [x for x in predicted if str(x[label_index]) == label],
            )

    def as_dict(self) -> dict[str, object]:
        return {
            "overall": self.overall.as_dict(),
            "by_label": {k: v.as_dict() for k, v in sorted(self.by_label.items())},
        }


def char_overlap(predicted: str, gold: str) -> tuple[float, float, float]:
    """Character-level precision, recall, F1 of kept text (longest matching blocks)."""
    from difflib import SequenceMatcher

    if not predicted and not gold:
        return 1.0, 1.0, 1.0
    matcher = SequenceMatcher(None, predicted, gold, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    p = matched / len(predicted) if predicted else 0.0
    r = matched / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
