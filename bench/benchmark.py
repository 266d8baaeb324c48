"""parley benchmark: throughput and peak memory, as ratios against baselines run in the same process.

    python bench/benchmark.py                 # 60 synthetic articles of ~600 words + the example articles
    python bench/benchmark.py --articles 200 --words 800

Prints, for the same inputs:
  (a) cleaning: trafilatura alone on HTML vs parley's cleaning (trafilatura + furniture pruning) on HTML,
      and parley's plain-text cleaner;
  (b) coding: the full spaCy pipeline (tok2vec, tagger, parser, ner, ...) over every sentence vs parley's
      full pipeline (cheap first pass, statistical parse only for candidate sentences);
  (c) event F1 on the gold set with and without the first-pass filter (what the speed costs);
  (d) peak traced memory of the streaming pipeline for N and 2N articles (flat = streaming works);
  (e) with --dask: ingest throughput with 1 and 2 local Dask workers on the same inputs.
Machines are noisy: compare the ratios, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from parley.coding.document import DocumentCoder  # noqa: E402
from parley.evaluation.gold import evaluate_gold, load_gold  # noqa: E402
from parley.kb.actors import load_kb  # noqa: E402
from parley.models import RawDocument  # noqa: E402
from parley.nlp.pipeline import full_pipeline  # noqa: E402
from parley.nlp.sentences import split_sentences  # noqa: E402
from parley.text.clean import clean_document  # noqa: E402

STATES = [
    "North Korea",
    "South Korea",
    "the United States",
    "China",
    "Japan",
    "Russia",
    "India",
    "Pakistan",
    "Iran",
    "Israel",
    "Egypt",
    "Turkey",
    "Germany",
    "France",
    "Brazil",
    "Ukraine",
]
EVENT_SENTENCES = [
    "{a} rejected {b}'s offer of talks on {day}.",
    "{a} urged {b} to return to negotiations without preconditions.",
    "{a} accused {b} of violating the ceasefire near the border.",
    "{a} and {b} agreed to resume talks next month, officials said.",
    "The foreign ministry of {a} condemned the missile test by {b}.",
    "{a} imposed new sanctions on {b} over the nuclear programme.",
    "{a} said sanctions must be lifted before any talks with {b}.",
    "{a} deployed additional troops near the frontier with {b}.",
]
FILLER = [
    "Analysts said the move reflected a broader shift in regional priorities over the past decade.",
    "The economy has grown slowly in recent years, and unemployment remains high in several provinces.",
    "Local newspapers devoted several pages to the debate, with commentators divided on its meaning.",
    "The weather in the capital was mild, and traffic moved normally through the central districts.",
    "Historians note that similar disputes have flared and faded many times since the end of the war.",
    "A number of experts cautioned that it was too early to judge the long-term effect of the decision.",
    "Markets reacted calmly, with the currency trading within its usual range for most of the day.",
    "Residents interviewed on the street expressed a mix of hope and fatigue about the long standoff.",
]
FURNITURE = [
    "Share this article",
    "Related stories",
    "Subscribe to our newsletter for the latest news",
    "Leave a Comment",
    "Storm hits coast... Markets fall as... Minister resigns after...",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def synthetic_articles(count: int, words: int, seed: int = 7) -> list[str]:
    """Realistic-shaped articles: a headline, a byline, prose with ~1 event sentence in 4, site furniture."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        a, b = rng.sample(STATES, 2)
        paragraphs: list[str] = []
        size = 0
        while size < words:
            para = []
            for _ in range(rng.randint(2, 4)):
                if rng.random() < 0.25:
                    x, y = rng.sample(STATES, 2)
                    s = rng.choice(EVENT_SENTENCES).format(a=x, b=y, day=rng.choice(DAYS))
                    s = s[0].upper() + s[1:]
                else:
                    s = rng.choice(FILLER)
                para.append(s)
                size += len(s.split())
            paragraphs.append(" ".join(para))
        head = [f"{a} and {b} trade blame as talks stall ({n})", "By Staff Reporter"]
        out.append("\n\n".join(head + paragraphs + rng.sample(FURNITURE, 3)))
    return out


def as_html(text: str) -> str:
    parts = text.split("\n\n")
    body = "".join(f"<p>{escape(p)}</p>" for p in parts[2:-3])
    nav = "".join(f"<li><a href='#'>{escape(p)}</a></li>" for p in parts[-3:])
    return (
        f"<html><head><title>{escape(parts[0])}</title></head><body><nav><ul>{nav}</ul></nav>"
        f"<article><h1>{escape(parts[0])}</h1><p class='byline'>{escape(parts[1])}</p>{body}</article>"
        f"<footer><ul>{nav}</ul></footer></body></html>"
    )


def timed(fn: Callable[[], object], memory: Callable[[], object] | None = None) -> tuple[float, float]:
    """(seconds, peak traced MB). Time is taken untraced (tracing slows Python code several-fold);
    memory in a second, traced run of ``memory`` (default: the same call)."""
    gc.collect()
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    gc.collect()
    tracemalloc.start()
    (memory or fn)()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 1e6


def consume(items: Iterable[object]) -> None:
    for _ in items:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=60, help="synthetic articles (default 60)")
    parser.add_argument("--words", type=int, default=600, help="words per synthetic article (default 600)")
    parser.add_argument("--dask", action="store_true", help="also time ingest with 1 and 2 local Dask workers")
    args = parser.parse_args()

    seeds = REPO.parent / "shared" / "seeds"
    examples = sorted(seeds.glob("*.txt")) if seeds.is_dir() else sorted((REPO / "examples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in examples] + synthetic_articles(args.articles, args.words)
    htmls = [as_html(t) for t in texts]
    n = len(texts)
    words = sum(len(t.split()) for t in texts)
    print(f"inputs: {n} articles ({len(examples)} examples + {args.articles} synthetic), {words} words\n")

    kb = load_kb()
    coder = DocumentCoder(kb)
    nlp = full_pipeline()
    nlp("warm up the model once")
    import trafilatura

    # (a) cleaning
    t_traf, m_traf = timed(lambda: [trafilatura.extract(h) for h in htmls])
    t_clean_html, m_clean_html = timed(lambda: [clean_document(RawDocument("b", h, "html")) for h in htmls])
    t_clean_text, m_clean_text = timed(lambda: [clean_document(RawDocument("b", t, "text")) for t in texts])
    print("(a) cleaning                               docs/s    peak MB   ratio to baseline")
    print(f"    trafilatura alone (HTML, baseline)   {n / t_traf:8.1f}  {m_traf:8.1f}   1.00x")
    print(
        f"    parley cleaning (HTML)               {n / t_clean_html:8.1f}  {m_clean_html:8.1f}   "
        f"{t_traf / t_clean_html:.2f}x"
    )
    print(
        f"    parley cleaning (plain text)         {n / t_clean_text:8.1f}  {m_clean_text:8.1f}   "
        f"{t_traf / t_clean_text:.2f}x"
    )

    # (b) coding
    cleaned = [clean_document(RawDocument("b", t, "text")) for t in texts]
    sentences = [s.text for d in cleaned for s in split_sentences(d.body)]
    t_spacy, m_spacy = timed(lambda: consume(nlp.pipe(sentences, batch_size=64)))
    t_full, m_full = timed(lambda: consume(DocumentCoder(kb, prefilter=True).code_many(cleaned)))
    t_all, _ = timed(lambda: consume(DocumentCoder(kb, prefilter=False).code_many(cleaned)))
    tokens = sum(len(nlp.tokenizer(s)) for s in sentences)
    print("\n(b) coding                                docs/s    tokens/s   peak MB   ratio to baseline")
    print(
        f"    spaCy full pipeline, every sentence  {n / t_spacy:8.1f}  {tokens / t_spacy:9.0f}  {m_spacy:8.1f}   1.00x"
    )
    print(
        f"    parley, every sentence (default)     {n / t_all:8.1f}  {tokens / t_all:9.0f}            "
        f"{t_spacy / t_all:.2f}x   (target >= 2x)"
    )
    print(
        f"    parley prefiltered (PARLEY_PREFILTER=1) {n / t_full:5.1f}  {tokens / t_full:9.0f}  {m_full:8.1f}   "
        f"{t_spacy / t_full:.2f}x"
    )

    # (c) accuracy cost of the prefilter
    gold = load_gold(REPO / "tests" / "gold" / "gold.jsonl")
    f1_filtered = evaluate_gold(gold, DocumentCoder(kb, prefilter=True)).events.overall.f1
    f1_all = evaluate_gold(gold, DocumentCoder(kb, prefilter=False)).events.overall.f1
    print(
        f"\n(c) event F1 on the gold set: prefiltered {f1_filtered:.3f}, every sentence {f1_all:.3f}, "
        f"loss {100 * (f1_all - f1_filtered):+.1f} points (target <= 1)"
    )

    # (d) streaming memory
    small, large = cleaned[: max(1, n // 2)], cleaned
    _, m_small = timed(lambda: consume(coder.code_many(iter(small))))
    _, m_large = timed(lambda: consume(coder.code_many(iter(large))))
    print(
        f"\n(d) peak traced memory while streaming: {len(small)} docs {m_small:.1f} MB, "
        f"{len(large)} docs {m_large:.1f} MB (ratio {m_large / m_small:.2f}; flat is ~1)"
    )
    if args.dask:
        dask_throughput(texts)


def dask_throughput(texts: list[str]) -> None:
    import tempfile

    from parley.distributed import ingest_distributed, make_client
    from parley.store import open_store

    kb = load_kb()
    print("\n(e) ingest with a local Dask cluster      docs/s   ratio to 1 worker (cluster start-up excluded)")
    base = None
    for workers in (1, 2):
        client = make_client(workers, None)
        with tempfile.TemporaryDirectory() as tmp:
            # Warm the workers (model load) on a throw-away store, then time the real run.
            warm = open_store(f"{tmp}/warm.duckdb")
            ingest_distributed(
                [RawDocument(f"w{i}", f"Warm-up {i}: Japan urged China to talk.", "text") for i in range(workers * 2)],
                warm,
                kb,
                client,
            )
            warm.close()
            store = open_store(f"{tmp}/s.duckdb")
            start = time.perf_counter()
            ingest_distributed([RawDocument(f"d{i}", t, "text") for i, t in enumerate(texts)], store, kb, client)
            seconds = time.perf_counter() - start
            store.close()
        client.close()  # type: ignore[attr-defined]
        rate = len(texts) / seconds
        base = base or rate
        label = f"{workers} worker{'s' if workers > 1 else ''}"
        print(f"    {label:<37}{rate:8.1f}   {rate / base:.2f}x")


if __name__ == "__main__":
    main()
