"""Errors about one input; the batch goes on without it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputProblem:
    """What went wrong with one input, named so a person can find it."""

    origin: str  # path, "path:line" or "<stdin>"
    message: str
    # skipped: nothing of this input was stored; warning: it was stored, with what the message says
    # (an unreadable date stored as unknown, bad bytes replaced).
    severity: str = "skipped"

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"
