"""Training examples from the repo's annotated data, as sentences with event spans.

Two sources, one shape (:class:`parley.evaluation.sentences.TrainingSentence`):

- the real-news gold (``data/gold/wikinews``, ``data/gold/pages``), train split only: every body
  sentence of an annotated article is an example, and a sentence the annotation does not list has
  no event (the guidelines list every sentence with an event), so the articles give true negatives
  too;
- the purpose-written sentences (``data/train/sentences/*.jsonl``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from parley.evaluation.corpus import REPO, GoldArticle, load_real_news
from parley.evaluation.sentences import SentenceEvent, Span, TrainingSentence, load_sentences
from parley.evaluation.splits import split_of
from parley.kb.ontology import PLOVER_TYPES
from parley.nlp.sentences import is_heading, split_sentences


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


def written_sentences(paths: Iterable[Path]) -> list[TrainingSentence]:
    problems: list[str] = []
    out = [s for p in sorted(paths) for s in load_sentences(p, problems)]
    if problems:
        raise ValueError("training sentences have problems:\n" + "\n".join(problems[:20]))
    return out


_MARK = re.compile(r"\((SRC|TAR|EVT|LOC): ([^()]*)\)")
_REPORTING = {"said", "says", "say", "told", "announced", "stated", "declared", "added", "reported"}


def plover_sentences(path: Path, split: str = "train") -> list[TrainingSentence]:
    """PLOVER gold records of one split as role examples: their markup marks event, source and target words.

    The plain sentence is rebuilt from the markup; the trigger is the first marked event word that
    is not a reporting verb; each marked source is paired with each marked target. These sentences
    teach argument roles only (tag ``roles-only``): the records mark one event per sentence, so
    their other event words are not negatives for the trigger classifier.
    """
    from parley.evaluation.plover_gold import load_records
    from parley.kb.ontology import load_ontology

    onto = load_ontology()
    out = []
    for record in load_records(path):
        if split_of(str(record.get("id", ""))) != split:
            continue
        markup = (record.get("textInfo") or {}).get("markup")
        etype = onto.from_legacy(record["event"])
        if not markup or etype not in PLOVER_TYPES:
            continue
        text, spans, pos = "", [], 0
        for m in _MARK.finditer(markup):
            text += markup[pos : m.start()]
            spans.append((m.group(1), Span(len(text), len(text) + len(m.group(2)))))
            text += m.group(2)
            pos = m.end()
        text += markup[pos:]
        events = [sp for kind, sp in spans if kind == "EVT" and text[sp.start : sp.end].lower() not in _REPORTING]
        if not events:
            continue
        sources: list[Span | None] = [sp for kind, sp in spans if kind == "SRC"] or [None]
        targets: list[Span | None] = [sp for kind, sp in spans if kind == "TAR"] or [None]
        evs = [SentenceEvent(etype, None, "asserted", events[0], s, t, None, None) for s in sources for t in targets]
        rid = str(record["id"])
        out.append(TrainingSentence(id=rid, text=text, events=evs, tags=("roles-only",), origin=str(path)))
    return out


def training_sentences(
    repo: Path = REPO, shared: Path | None = None, articles: Sequence[GoldArticle] | None = None
) -> list[TrainingSentence]:
    """Everything ``parley train`` learns from: the train splits of the real-news gold and of the
    PLOVER records (roles only), and the purpose-written sentences (``articles``: the real-news
    gold, when already loaded)."""
    shared = shared or repo.parent / "shared"
    articles = articles if articles is not None else load_real_news(repo / "data" / "gold", shared)
    corpus = [s for a in articles if split_of(a.id) == "train" for s in article_sentences(a)]
    plover = plover_sentences(shared / "eval/plover-gold/PLOVER_GSR_CAMEO.dev.json")
    return corpus + written_sentences((repo / "data/train/sentences").glob("*.jsonl")) + plover
