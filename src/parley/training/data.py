"""Training examples from the repo's annotated data, as sentences with event spans.

Two sources, one shape (:class:`parley.evaluation.sentences.TrainingSentence`):

- the real-news corpus (``data/gold/wikinews``), train split only: every body sentence of an
  annotated article is an example, and a sentence the annotation does not list has no event (the
  guidelines list every sentence with an event), so the articles give true negatives too;
- the purpose-written sentences (``data/train/sentences/*.jsonl``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from parley.evaluation.corpus import GoldArticle, load_corpus
from parley.evaluation.sentences import SentenceEvent, Span, TrainingSentence, load_sentences
from parley.evaluation.splits import split_of
from parley.nlp.sentences import is_heading, split_sentences

REPO = Path(__file__).resolve().parents[3]


def article_sentences(article: GoldArticle) -> list[TrainingSentence]:
    out = []
    for sent in split_sentences(article.text):
        if is_heading(sent.text):
            continue
        events = []
        for ev in article.events:
            if not sent.start <= ev.trigger_start < sent.end:
                continue

            def span(actor_text: str | None, text: str = sent.text) -> Span | None:
                if not actor_text:
                    return None
                pos = text.find(actor_text)
                return Span(pos, pos + len(actor_text)) if pos >= 0 else None

            events.append(
                SentenceEvent(
                    type=ev.type, mode=ev.mode, modality=ev.modality,
                    trigger=Span(ev.trigger_start - sent.start, ev.trigger_end - sent.start),
                    source=span(ev.source.text if ev.source else None),
                    target=span(ev.target.text if ev.target else None),
                    source_state=ev.source.state if ev.source else None,
                    target_state=ev.target.state if ev.target else None,
                )
            )  # fmt: skip
        out.append(TrainingSentence(id=f"{article.id}#{sent.idx}", text=sent.text, events=events, origin=article.id))
    return out


def corpus_sentences(folder: Path, articles_path: Path, split: str = "train") -> list[TrainingSentence]:
    corpus = load_corpus(folder, articles_path)
    return [s for a in corpus if split_of(a.id) == split for s in article_sentences(a)]


def written_sentences(paths: Iterable[Path]) -> list[TrainingSentence]:
    problems: list[str] = []
    out = [s for p in sorted(paths) for s in load_sentences(p, problems)]
    if problems:
        raise ValueError("training sentences have problems:\n" + "\n".join(problems[:20]))
    return out


def training_sentences(repo: Path = REPO, shared: Path | None = None) -> list[TrainingSentence]:
    """Everything ``parley train`` learns from: corpus train split plus the written sentences."""
    shared = shared or repo.parent / "shared"
    corpus = corpus_sentences(repo / "data/gold/wikinews", shared / "eval/wikinews/articles.jsonl")
    return corpus + written_sentences((repo / "data/train/sentences").glob("*.jsonl"))
