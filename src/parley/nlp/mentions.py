"""Find actor names in text: aliases, demonyms, capitals, context aliases, organs.

Multi-word aliases match case-insensitively ("united States", "Moon jae-in");
one-word aliases only with their own case ("US" is not "us").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from parley.kb.actors import ActorKB, Alias
from parley.nlp.pipeline import fast_pipeline

GENERIC = "GENERIC:"


@dataclass(frozen=True)
class RawMatch:
    start: int  # character offsets in the text matched
    end: int
    text: str
    actor_id: str  # actor id, or GENERIC:<organ kind>
    how: str
    when: tuple[str, ...] = ()


class MentionFinder:
    def __init__(self, kb: ActorKB) -> None:
        nlp = fast_pipeline()
        self.kb = kb
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.aliases: dict[str, Alias] = {}
        lower_patterns: dict[str, list[Doc]] = {}
        exact_patterns: dict[str, list[Doc]] = {}
        for n, alias in enumerate(kb.aliases):
            key = f"A{n}"
            self.aliases[key] = alias
            target = exact_patterns if alias.case_sensitive else lower_patterns
            target.setdefault(key, []).append(nlp.make_doc(alias.text))
        for kind, phrases in kb.generic_organs.items():
            key = GENERIC + kind
            lower_patterns.setdefault(key, []).extend(nlp.make_doc(p) for p in phrases)
        for key, docs in lower_patterns.items():
            self.lower.add(key, docs)
        for key, docs in exact_patterns.items():
            self.exact.add(key, docs)

    def find(self, doc: Doc) -> list[RawMatch]:
        """Longest non-overlapping matches; context aliases kept only if their context is met."""
        vocab = doc.vocab
        spans: list[Span] = []
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                spans.append(Span(doc, start, end, label=vocab.strings[match_id]))
        # On equal spans the alias added last wins, so user extension files override the packaged KB.
        spans.sort(key=lambda s: int(s.label_[1:]) if s.label_.startswith("A") else -1, reverse=True)
        chosen = filter_spans(spans)
        out: list[RawMatch] = []
        for span in chosen:
            key = span.label_
            if key.startswith(GENERIC):
                out.append(RawMatch(span.start_char, span.end_char, span.text, key, "organ"))
                continue
            alias = self.aliases[key]
            out.append(RawMatch(span.start_char, span.end_char, span.text, alias.actor_id, alias.how, alias.when))
        named = {m.actor_id for m in out if m.how != "context" and not m.actor_id.startswith(GENERIC)}
        named |= {self.kb.principal(a) or a for a in list(named)}
        return [m for m in out if m.how != "context" or any(w in named for w in m.when)]


_FINDERS: dict[int, tuple[ActorKB, MentionFinder]] = {}


def mention_finder(kb: ActorKB) -> MentionFinder:
    """One finder per knowledge base (building the matchers takes a moment)."""
    cached = _FINDERS.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = (kb, MentionFinder(kb))
        _FINDERS[id(kb)] = cached
    return cached[1]
