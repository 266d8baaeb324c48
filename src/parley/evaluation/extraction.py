"""Adapter: article-extraction benchmarks (HTML pages + expected main text).

Layout: ``html/<id>.html.gz`` (or ``.html``) and ``ground-truth.json`` mapping
each id to ``{"url", "articleBody"}``. The metric is the benchmark's own: per
page, 4-word shingles (words are ``\\w+`` runs) of the extracted body against
``articleBody`` as tp/fp/fn; precision and recall averaged over pages; F1 of
the averages. Compared in one run: trafilatura alone, and parley's cleaning
(trafilatura plus parley's furniture removal).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text or "")]
    return Counter(tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1)))


def page_scores(predicted: str, gold: str) -> tuple[float, float]:
    p, g = shingles(predicted), shingles(gold)
    tp = sum((p & g).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    if not p and not g:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


@dataclass
class ExtractionScore:
    name: str
    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return sum(self.precisions) / len(self.precisions) if self.precisions else 0.0

    @property
    def recall(self) -> float:
        return sum(self.recalls) / len(self.recalls) if self.recalls else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages": len(self.precisions),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "seconds": round(self.seconds, 2),
        }


def iter_pages(folder: str | Path) -> Iterator[tuple[str, str, str, str | None]]:
    """(id, html, expected body, url) for every page with a ground truth."""
    root = Path(folder)
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        entry = truth[page_id]
        gz, plain = root / "html" / f"{page_id}.html.gz", root / "html" / f"{page_id}.html"
        if gz.exists():
            html = gzip.decompress(gz.read_bytes()).decode("utf-8", errors="replace")
        elif plain.exists():
            html = plain.read_text(encoding="utf-8", errors="replace")
        else:
            continue
        yield page_id, html, entry.get("articleBody") or "", entry.get("url")


def trafilatura_alone(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def parley_cleaning(html: str, url: str | None) -> str:
    from parley.models import RawDocument
    from parley.text.clean import clean_document

    try:
        return clean_document(RawDocument(origin=url or "page", content=html, content_type="html", url=url)).body
    except ValueError:
        return ""


SYSTEMS: dict[str, Callable[[str, str | None], str]] = {"trafilatura": trafilatura_alone, "parley": parley_cleaning}


def evaluate_extraction(folder: str | Path, limit: int | None = None) -> dict[str, ExtractionScore]:
    import time

    scores = {name: ExtractionScore(name) for name in SYSTEMS}
    for n, (_, html, gold, url) in enumerate(iter_pages(folder)):
        if limit is not None and n >= limit:
            break
        for name, system in SYSTEMS.items():
            start = time.perf_counter()
            text = system(html, url)
            scores[name].seconds += time.perf_counter() - start
            p, r = page_scores(text, gold)
            scores[name].precisions.append(p)
            scores[name].recalls.append(r)
    return scores
