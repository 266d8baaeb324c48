"""Fixed train / dev / test splits of every gold set, by a hash of the record's id.

A record's split is a pure function of its id (SHA-256, first 32 bits, modulo 100: below 60
train, below 80 dev, else test), so the split of an article or sentence never changes as data
is added, and a user's own gold is split the same way. ``data/splits/splits.json`` records the
outcome for the gold sets the project has; a test checks that it agrees with this function.

The test split is locked: while rules, lexicons, thresholds or models change, its texts and its
errors are not read (``parley eval --errors`` refuses to list them). Figures are reported from
the split that was not tuned on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

SPLITS = ("train", "dev", "test")
CHOICES = (*SPLITS, "all")
_TRAIN, _DEV = 60, 80  # percent cut-offs

T = TypeVar("T")


def split_of(record_id: str) -> str:
    bucket = int(hashlib.sha256(record_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < _TRAIN else "dev" if bucket < _DEV else "test"


def select(records: Iterable[T], split: str, key: Callable[[T], str]) -> list[T]:
    """The records of one split (``all``: every record)."""
    if split not in CHOICES:
        raise ValueError(f"unknown split {split!r}: use one of {', '.join(CHOICES)}")
    return [r for r in records if split == "all" or split_of(key(r)) == split]


def assign(ids: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {s: [] for s in SPLITS}
    for record_id in ids:
        out[split_of(record_id)].append(record_id)
    return {s: sorted(v) for s, v in out.items()}
