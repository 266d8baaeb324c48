"""Issue vocabulary: what a demand, offer or precondition is about."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from parley.kb.yamlfile import load_yaml


@dataclass(frozen=True)
class Issue:
    id: str
    label: str
    patterns: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def load_issues() -> tuple[Issue, ...]:
    path = resources.files("parley.kb") / "data" / "issues.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    return tuple(
        Issue(key, value["label"], tuple(re.compile(r"\b" + p) for p in value["patterns"]))
        for key, value in data["issues"].items()
    )


def issue_of(text: str) -> str | None:
    """The first issue (in file order) whose pattern occurs in ``text``."""
    lowered = text.lower()
    for issue in load_issues():
        if any(p.search(lowered) for p in issue.patterns):
            return issue.id
    return None


def issues_in(text: str) -> tuple[str, ...]:
    """Every issue mentioned in ``text``, in file order, specific before broad."""
    lowered = text.lower()
    found = [i.id for i in load_issues() if any(p.search(lowered) for p in i.patterns)]
    if "sanctions_relief" in found and "sanctions" in found:
        found.remove("sanctions")
    return tuple(found)


def issue_label(issue_id: str | None) -> str:
    for issue in load_issues():
        if issue.id == issue_id:
            return issue.label
    return issue_id or "(anything else)"
