"""Find actor names in text: aliases, demonyms, capitals, context aliases, organs.

Multi-word aliases match case-insensitively ("united States", "Moon jae-in");
one-word aliases only with their own case ("US" is not "us"). A capitalised
word of six letters or more that no alias matches is tried against the
one-word names one typing slip away ("Afganistan", "Bouteflicka"): news copy
has typos, and the match is marked ``how="fuzzy"`` so the analyst can see it.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from parley import __version__
from parley.cache import cache_path, paused_gc, read_cache, write_cache
from parley.kb.actors import PERSON, STATE, ActorKB, Alias
from parley.nlp.pipeline import fast_pipeline

GENERIC = "GENERIC:"
# Typographic variants folded for matching, one character for one (offsets stay valid).
_TYPOGRAPHY = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
     "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-", "\u00a0": " ", "\u202f": " "}
)  # fmt: skip


@dataclass(frozen=True)
class RawMatch:
    start: int  # character offsets in the text matched
    end: int
    text: str
    actor_id: str  # actor id, or GENERIC:<organ kind>
    how: str
    when: tuple[str, ...] = ()
    # Other people the same words name ("Bush"): the coder picks the one in office on the day.
    alternatives: tuple[str, ...] = ()


class MentionFinder:
    def __init__(self, kb: ActorKB) -> None:
        with paused_gc():
            self._build(kb)

    def _build(self, kb: ActorKB) -> None:
        nlp = fast_pipeline()
        self.nlp = nlp
        self.kb = kb
        self.aliases: dict[str, Alias] = {f"A{n}": alias for n, alias in enumerate(kb.aliases)}
        self.fuzzy = FuzzyNames([a for a in kb.aliases if a.how != "context"])
        index = _index(kb, nlp)
        self.lower, self.lower_labels = _phrase_matcher(nlp, "LOWER", index.lower)
        self.exact, self.exact_labels = _phrase_matcher(nlp, "ORTH", index.exact)
        # Names from the Phoenix dictionaries: look-up by tokens, the longest first at each start.
        self.longest: dict[str, int] = index.longest

    def _keyed(self, doc: Doc) -> list[tuple[int, int, tuple[str, ...], str]]:
        """(start, end, actor ids, how) of Phoenix names; a name starts and ends with a capital."""
        lowers = [t.lower_ for t in doc]
        out = []
        n = len(lowers)
        for i, first in enumerate(lowers):
            longest = self.longest.get(first)
            if not longest or not _capitalised(doc[i].text):
                continue
            for length in range(min(longest, n - i), 0, -1):
                hit = self.kb.keyed.get(" ".join(lowers[i : i + length]))
                if hit is not None and _capitalised(doc[i + length - 1].text):
                    out.append((i, i + length, *hit))
                    break
        return out

    def _fuzzy(self, doc: Doc, covered: set[int]) -> list[RawMatch]:
        out: list[RawMatch] = []
        for tok in doc:
            text = tok.text
            if tok.i in covered or not text.isalpha():
                continue
            if text.isupper():
                # The same word, shouted: no slip is assumed, so short names count too ("CHINA").
                alias = self.fuzzy.same_word(text) if len(text) >= SHOUTED_MIN else None
                if alias is not None:
                    out.append(RawMatch(tok.idx, tok.idx + len(text), text, alias.actor_id, alias.how))
                continue
            if len(text) < FUZZY_MIN or not text[0].isupper():
                continue
            alias = self.fuzzy.lookup(text)
            if alias is None:
                continue
            if self.kb.is_person(alias.actor_id):
                # A misspelt surname only after the person's given name or a title ("President Bouteflicka").
                before = doc[tok.i - 1].text if tok.i > 0 else ""
                given = self.kb.actors[alias.actor_id].name.split()[0]
                if before != given and before.lower().rstrip(".") not in _TITLES:
                    continue
            out.append(RawMatch(tok.idx, tok.idx + len(text), text, alias.actor_id, "fuzzy"))
        return out

    def find(self, text: str) -> list[RawMatch]:
        """Longest non-overlapping matches in ``text``; context aliases kept only if their context is met.

        The text is tokenized once, with typography folded (curly apostrophes and quotes, dashes,
        non-breaking spaces: "People’s Daily"); the folding keeps every character's offset, and the
        matches carry the original words.
        """
        folded = text.translate(_TYPOGRAPHY)
        found = self._find(self.nlp.make_doc(folded))
        return found if folded == text else [replace(m, text=text[m.start : m.end]) for m in found]

    def _phrases(self, doc: Doc) -> Iterator[tuple[int, int, str]]:
        """(start, end, label) of every name and generic organ phrase in ``doc``, overlaps included."""
        for _, start, end in self.exact(doc):
            for label in self.exact_labels[tuple(doc[i].orth for i in range(start, end))]:
                yield start, end, label
        for _, start, end in self.lower(doc):
            for label in self.lower_labels[tuple(doc[i].lower for i in range(start, end))]:
                yield start, end, label

    def _find(self, doc: Doc) -> list[RawMatch]:
        spans: list[Span] = []
        for start, end, label in self._phrases(doc):
            spans.append(Span(doc, start, end, label=label))
        # On equal spans the alias added last wins, so user extension files override the packaged KB;
        # the Phoenix names come last of all.
        spans.sort(key=lambda s: int(s.label_[1:]) if s.label_.startswith("A") else -1, reverse=True)
        keyed = self._keyed(doc)
        spans.extend(Span(doc, start, end, label=f"K{n}") for n, (start, end, _, _) in enumerate(keyed))
        spans = self._in_context(spans, keyed)
        people: dict[tuple[int, int], set[str]] = {}
        for span in spans:
            if span.label_.startswith("A") and self.kb.is_person(self.aliases[span.label_].actor_id):
                people.setdefault((span.start, span.end), set()).add(self.aliases[span.label_].actor_id)
        chosen = filter_spans(spans)
        covered = {i for span in chosen for i in range(span.start, span.end)}
        out: list[RawMatch] = self._fuzzy(doc, covered)
        for span in chosen:
            key = span.label_
            if key.startswith(GENERIC):
                out.append(RawMatch(span.start_char, span.end_char, span.text, key, "organ"))
                continue
            if key.startswith("K"):
                _, _, ids, how = keyed[int(key[1:])]
                out.append(RawMatch(span.start_char, span.end_char, span.text, ids[0], how, (), ids[1:]))
                continue
            alias = self.aliases[key]
            others = tuple(sorted(people.get((span.start, span.end), set()) - {alias.actor_id}))
            out.append(
                RawMatch(span.start_char, span.end_char, span.text, alias.actor_id, alias.how, alias.when, others)
            )
        named = self._named(m.actor_id for m in out if m.how != "context")
        kept = [m for m in out if m.how != "context" or any(w in named for w in m.when)]
        return self._settle(doc, sorted(kept, key=lambda m: m.start))

    def _named(self, actor_ids: Iterable[str]) -> set[str]:
        """The actors a text names and the states or bodies they act for: what context aliases need."""
        named = {a for a in actor_ids if not a.startswith(GENERIC)}
        return named | {self.kb.principal(a) or a for a in named}

    def _in_context(self, spans: list[Span], keyed: list[tuple[int, int, tuple[str, ...], str]]) -> list[Span]:
        """The spans without the context aliases whose context no name of the text gives, so that of
        two parties called "Democratic Party" the one of the state the article names is left to win
        its span (the check after choosing still applies)."""
        plain = [self.aliases[s.label_] for s in spans if s.label_.startswith("A")]
        named = self._named([ids[0] for _, _, ids, _ in keyed] + [a.actor_id for a in plain if a.how != "context"])
        return [
            s
            for s in spans
            if not s.label_.startswith("A")
            or self.aliases[s.label_].how != "context"
            or any(w in named for w in self.aliases[s.label_].when)
        ]

    def _settle(self, doc: Doc, matches: list[RawMatch]) -> list[RawMatch]:
        """Read each match against its neighbours.

        A city or capital inside a longer name is a location, not an actor ("the Baghdad-Damascus
        highway", "Baghdad airport"). An organ the knowledge base files under one state, named after
        another state ("the Nigerian Senate", "Hong Kong police"), is that other state's organ: the
        coder then resolves it through the name before it.
        """
        # "pro-Beijing councillors", "pro-Russian separatists": an allegiance, not that actor, and no
        # state that names the organ after it ("the pro-Beijing DAB" is Hong Kong's party).
        located = [(m, doc.char_span(m.start, m.end, alignment_mode="expand")) for m in matches]
        located = [(m, span) for m, span in located if not _allegiance(span)]
        ends = {m.end: m for m, _ in located}
        starts = {m.start: m for m, _ in located}
        out: list[RawMatch] = []
        for m, span in located:
            if span is None:
                out.append(m)
                continue
            before = doc[span.start - 1] if span.start > 0 else None
            after = doc[span.end] if span.end < len(doc) else None
            if m.how == "demonym" and after is not None and after.text in ("University", "College"):
                continue  # "Chinese University political scientist Ma Ngok", "American University": a name
            if m.how in ("metonym", "place"):
                joined_after = after is not None and after.text == "-" and _next_start(doc, span.end) in starts
                joined_before = before is not None and before.text == "-" and before.idx in ends
                if joined_after or joined_before or (after is not None and after.lower_ in _FACILITIES):
                    continue
            actor = self.kb.get(m.actor_id)
            # "Carla Bruni-Sarkozy" is not Nicolas Sarkozy: a double-barrelled name is another person's
            # ("the Trump-Kim summit", where both halves are matches, names two people).
            other_before = before is not None and before.idx in ends
            other_after = after is not None and _next_start(doc, span.end) in starts
            joined = (_hyphened(before, -1) and not other_before) or (_hyphened(after, 1) and not other_after)
            if actor is not None and actor.kind == PERSON and joined:
                continue
            if actor is not None and actor.country and actor.kind not in (STATE, PERSON) and before is not None:
                owner = before if before.lower_ not in ("'s", "\u2019s") else (doc[before.i - 1] if before.i else None)
                previous = ends.get(owner.idx + len(owner.text)) if owner is not None else None
                if previous is not None and not previous.actor_id.startswith(GENERIC):
                    state = self.kb.principal(previous.actor_id)
                    if state is not None and state != actor.country and self.kb.get(state) is not None:
                        m = replace(m, actor_id=GENERIC + _ORGAN_OF_KIND.get(actor.kind, "government"), how="organ")
            out.append(m)
        return out


@dataclass(frozen=True)
class _Index:
    """What the finder is built from, ready to load: each matcher's phrases (per key, in the order they
    are added) as the hashes of their tokens' LOWER or ORTH, and the longest Phoenix name per first word."""

    lower: list[tuple[str, list[list[int]]]]
    exact: list[tuple[str, list[list[int]]]]
    longest: dict[str, int]


_INDEX_FORMAT = "1"


def _index(kb: ActorKB, nlp: Language) -> _Index:
    """The finder's index, from the on-disk cache when it was made from the same names by the same
    tokenizer, else made (tokenizing every name takes a while) and cached. A cache file that cannot be
    read or does not hold an index is ignored and made again."""
    key = _index_key(kb)
    path = cache_path("mentions", key, ".marshal")
    data = read_cache(path)
    if data is not None:
        try:
            stored = marshal.loads(data)
            if isinstance(stored, dict) and stored.get("key") == key:
                return _Index(stored["lower"], stored["exact"], stored["longest"])
        except (EOFError, ValueError, TypeError, KeyError):
            pass
    index = _make_index(kb, nlp)
    write_cache(
        path,
        marshal.dumps({"key": key, "lower": index.lower, "exact": index.exact, "longest": index.longest}),
    )
    return index


def _phrase_matcher(
    nlp: Language, attr: str, keyed: list[tuple[str, list[list[int]]]]
) -> tuple[PhraseMatcher, dict[tuple[int, ...], list[str]]]:
    """A matcher of all the phrases under one match key, and the labels (alias or organ keys) each
    phrase stands for, in the order they were added. A match key per alias cost a lexeme per alias in
    spaCy's vocabulary, made at every start-up (a quarter of a second for 13,000 names)."""
    labels: dict[tuple[int, ...], list[str]] = {}
    for key, phrases in keyed:
        for phrase in phrases:
            if not phrase:
                continue  # a name the tokenizer makes nothing of matches nothing
            keys = labels.setdefault(tuple(phrase), [])
            if key not in keys:
                keys.append(key)
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    # The phrases go in as the token attributes the matcher compares: what it takes from a Doc
    # (PhraseMatcher.add takes these too, as its own unpickling does; its type hints say Docs only).
    matcher.add("PHRASE", [list(p) for p in labels])  # type: ignore[misc]
    return matcher, labels


def _index_key(kb: ActorKB) -> str:
    """A digest of everything the index depends on: the names, how each is matched, and the tokenizer."""
    digest = hashlib.sha256(f"{_INDEX_FORMAT}|{__version__}|{spacy.__version__}|{sys.version}".encode())
    digest.update("\n".join(f"{int(a.case_sensitive)}{a.text}" for a in kb.aliases).encode("utf-8", "surrogatepass"))
    for kind, phrases in kb.generic_organs.items():
        digest.update(("\0" + kind + "\n" + "\n".join(phrases)).encode("utf-8", "surrogatepass"))
    digest.update(("\0" + "\n".join(kb.keyed)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _make_index(kb: ActorKB, nlp: Language) -> _Index:
    lower: dict[str, list[list[int]]] = {}
    exact: dict[str, list[list[int]]] = {}
    for n, alias in enumerate(kb.aliases):
        doc = nlp.make_doc(alias.text)
        if alias.case_sensitive:
            exact.setdefault(f"A{n}", []).append([t.orth for t in doc])
        else:
            lower.setdefault(f"A{n}", []).append([t.lower for t in doc])
    for kind, phrases in kb.generic_organs.items():
        lower.setdefault(GENERIC + kind, []).extend([t.lower for t in nlp.make_doc(p)] for p in phrases)
    longest: dict[str, int] = {}
    for key in kb.keyed:
        first, _, _ = key.partition(" ")
        longest[first] = max(longest.get(first, 0), key.count(" ") + 1)
    return _Index(list(lower.items()), list(exact.items()), longest)


# Words after a place name that make it part of a location's name.
_FACILITIES = {
    "highway", "road", "airport", "university", "street", "avenue", "stadium", "hotel", "hospital", "bridge",
    "station", "square", "port", "harbour", "harbor", "district", "province", "region", "prison", "camp",
}  # fmt: skip
# Knowledge-base organ kinds -> the generic organ they become under another state's name.
_ORGAN_OF_KIND = {
    "legislature": "legislature", "presidency": "presidency", "ministry": "government", "government": "government",
    "military": "military", "police": "police", "judiciary": "judiciary", "court": "judiciary",
    "state_media": "state_media",
}  # fmt: skip


def _allegiance(span: Span | None) -> bool:
    """Whether a match's words are the object of "pro-" ("pro-Beijing")."""
    if span is None or span.start < 2:
        return False
    doc = span.doc
    return doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ == "pro"


def _hyphened(tok: Token | None, step: int) -> bool:
    """Whether ``tok`` is a hyphen that joins the match to a capitalised word on its other side."""
    if tok is None or tok.text != "-" or not 0 <= tok.i + step < len(tok.doc):
        return False
    return tok.doc[tok.i + step].text[:1].isupper()


def _next_start(doc: Doc, i: int) -> int:
    return doc[i + 1].idx if i + 1 < len(doc) else -1


def _capitalised(word: str) -> bool:
    return not word[:1].isalpha() or word[:1].isupper()


FUZZY_MIN = 7  # shorter words are too often another word one letter away (names indexed from 6)
SHOUTED_MIN = 4  # an all-caps word of this length or more is looked up as a name ("IRAN"; not "US", "UN")
_TITLES = {
    "president",
    "premier",
    "minister",
    "king",
    "queen",
    "general",
    "gen",
    "leader",
    "chairman",
    "chancellor",
    "secretary",
    "emir",
    "sheikh",
    "ayatollah",
    "prince",
    "mr",
    "mrs",
    "ms",
    "dr",
    "governor",
    "senator",
}


class FuzzyNames:
    """One-word names reachable by one typing slip, through a deletion index (no scan of all names).

    A slip is a letter dropped, doubled or added inside the word, or two inner letters swapped
    ("Afganistan", "Bouteflicka", "Russain"). A different letter ("Plague", "Columbia") or a change
    at either end ("Indiana", "Americas", "Dominic") is another word far too often to count.
    """

    def __init__(self, aliases: list[Alias]) -> None:
        self.by_text: dict[str, list[Alias]] = {}
        self.keys: dict[str, set[str]] = {}
        self.words: dict[str, Alias] = {}  # every one-word name, for the shouted form
        for alias in aliases:
            text = alias.text
            if " " in text or not text.replace("-", "").isalpha():
                continue
            if text[:1].isupper() and not text[1:].isupper():
                self.words.setdefault(text, alias)
            if len(text) < FUZZY_MIN - 1:
                continue
            if alias.how == "demonym":
                continue  # "Americas" is not "Americans": adjectives and plurals slip into other words
            self.by_text.setdefault(text, []).append(alias)
            for key in _deletions(text.lower()):
                self.keys.setdefault(key, set()).add(text)

    def lookup(self, word: str) -> Alias | None:
        """The one alias one slip away from ``word``; None when there is none or several actors."""
        lower = word.lower()
        candidates = {c for key in _deletions(lower) for c in self.keys.get(key, ())}
        close = [c for c in candidates if c[0] == word[0] and _slip(lower, c.lower())]
        actors = {a.actor_id for c in close for a in self.by_text[c]}
        if len(actors) != 1:
            return None
        return self.by_text[close[0]][0]

    def same_word(self, word: str) -> Alias | None:
        """ "ARGENTINA" in a shouted headline or byline is Argentina."""
        return self.words.get(word[:1] + word[1:].lower())


def _slip(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one inner insertion, deletion or adjacent swap."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and diff[0] > 0
            and diff[1] < len(a) - 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) != len(shorter) + 1:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(1, len(longer) - 1))


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


_FINDERS: dict[int, tuple[ActorKB, MentionFinder]] = {}


def mention_finder(kb: ActorKB) -> MentionFinder:
    """One finder per knowledge base (building the matchers takes a moment)."""
    cached = _FINDERS.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = (kb, MentionFinder(kb))
        _FINDERS[id(kb)] = cached
    return cached[1]
