"""Errors about one input; the batch goes on without it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputProblem:
    """What went wrong with one input, named so a person can find it."""

    origin: str  # path, "path:line" or "<stdin>"
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"
