"""Who acted on whom: a learned second look at each event's source and target.

The coder's steps each propose the parties of an event from what they see: the role classifier
a word of the sentence, the parse rules the subject and object, the context fill the story's
last actor, the story's state the people it could not place. On the train split of the real-news
corpus, a third of the events of the right type in the right sentence still had a party wrong,
and in most of them the right state was named in that sentence or the one before (README). This
component looks at the whole choice at once: for each role of a finished event, the candidates are
the state it has, the states named in its sentence and the one before, the story's state and no
one; a logistic regression scores each candidate from where its name stands towards the trigger
(parse relation, preposition, side, distance), how the story uses it (named in the sentence,
the story's state, how often named) and what the coder chose (the current party, the other
role's). The best candidate replaces the coder's only when its score is higher by
:data:`margin <PartyRanker.margin>`, which ``parley train`` chooses by cross-validation on train.

Events of a trigger that gave several (a meeting of three states, "A and B") keep their parties:
the choice here is one party per role.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from parley.coding.implicit import DIPLOMATIC, acts_at_home
from parley.coding.linear import LinearModel, packaged, packaged_report
from parley.kb.actors import ActorKB
from parley.models import Event, Mention, Sentence, stable_id

MODEL_FILE = "parties.npz"
REPORT_FILE = "parties.json"
RIGHT = "right"
ROLES = ("source", "target")


@dataclass(frozen=True)
class Candidate:
    """One actor that could fill one role of one event, with what the ranker reads about it."""

    principal: str | None
    agent: str | None
    text: str | None
    features: tuple[str, ...]


@dataclass(frozen=True)
class Choice:
    """The candidates for one role of one event (the first is the coder's own party)."""

    event: Event
    role: str
    candidates: tuple[Candidate, ...]


def _bucket(n: int, edges: Sequence[int]) -> int:
    return next((e for e in edges if n <= e), edges[-1] + 1)


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _path(a: Token, b: Token) -> int:
    """Edges between two tokens of one parse."""
    up: dict[int, int] = {}
    tok, d = a, 0
    while True:
        up[tok.i] = d
        if tok.head.i == tok.i or d > 40:
            break
        tok, d = tok.head, d + 1
    tok, d = b, 0
    while tok.i not in up and tok.head.i != tok.i and d < 40:
        tok, d = tok.head, d + 1
    return d + up.get(tok.i, 40)


def _relation(name: Token, trigger: Token) -> list[str]:
    """Where a name stands towards the trigger in the parse."""
    head = name
    # "Russian" in "Russian forces", "Iran's" in "Iran's navy": the noun phrase's relation counts.
    while head.dep_ in ("compound", "amod", "poss", "nmod") and head.head.i != head.i:
        head = head.head
    dep = head.dep_
    out = [f"dep={dep}", f"side={'before' if name.i < trigger.i else 'after'}"]
    out.append(f"dist={_bucket(abs(name.i - trigger.i), (1, 3, 6, 10, 20))}")
    out.append(f"path={_bucket(_path(head, trigger), (1, 2, 3, 4, 6))}")
    if dep == "pobj":
        out.append(f"prep={head.head.lower_}")
        if head.head.head.i == trigger.i:
            out.append(f"trigger_prep={head.head.lower_}")
    if head.head.i == trigger.i:
        out.append(f"of_trigger={dep}")
    elif head.head.i == trigger.head.i and trigger.dep_ in ("xcomp", "ccomp", "dobj", "advcl", "conj"):
        out.append(f"of_governor={dep}")
    if head.i in {t.i for t in trigger.subtree}:
        out.append("under_trigger")
    if head is not name:
        out.append(f"modifier={name.dep_}")
    return out


@dataclass
class _Named:
    principal: str
    agent: str | None
    text: str
    where: str  # sentence | previous
    relation: list[str]


class PartyRanker:
    """Scores the candidates of each role; ``log``, when a list, receives every choice (training)."""

    def __init__(self, kb: ActorKB, model: LinearModel | None, margin: float) -> None:
        self.kb = kb
        self.model = model
        self.margin = margin
        self.log: list[Choice] | None = None

    def _named(
        self,
        mentions: list[Mention],
        sentence: Sentence,
        doc: Doc | None,
        trigger: Token | None,
        day: dt.date | None,
        where: str,
    ) -> list[_Named]:
        out: dict[str, _Named] = {}
        for m in mentions:
            principal = self.kb.mention_principal(m.actor_id, day)
            if principal is None:
                continue
            relation: list[str] = []
            if doc is not None and trigger is not None and where == "sentence":
                tok = _token_at(doc, m.start - sentence.start, m.end - sentence.start)
                relation = _relation(tok, trigger) if tok is not None else []
            agent = m.actor_id if m.actor_id != principal else None
            seen = out.get(principal)
            # The name nearest the trigger in the parse speaks for the state.
            if seen is None or (relation and _closer(relation, seen.relation)):
                out[principal] = _Named(principal, agent, m.text, where, relation)
        return list(out.values())

    def choices(
        self,
        events: list[Event],
        mentions: list[Mention],
        sentences: list[Sentence],
        parsed: dict[int, Doc],
        story: str | None,
        day: dt.date | None,
    ) -> list[Choice]:
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sent_idx, []).append(m)
        counts = Counter(
            self.kb.mention_principal(m.actor_id, day) for m in mentions if m.how not in ("coref", "story")
        )
        ranks = {p: n for n, (p, _) in enumerate(counts.most_common(), start=1)}
        per_trigger = Counter((e.sent_idx, e.trigger_start, e.type) for e in events)
        out = []
        for ev in events:
            if per_trigger[(ev.sent_idx, ev.trigger_start, ev.type)] > 1:
                continue
            sentence = sentences[ev.sent_idx]
            doc = parsed.get(ev.sent_idx)
            trigger = (
                _token_at(doc, ev.trigger_start - sentence.start, ev.trigger_end - sentence.start) if doc else None
            )
            named = self._named(by_sentence.get(ev.sent_idx, []), sentence, doc, trigger, day, "sentence")
            here = {n.principal for n in named}
            if ev.sent_idx > 0:
                before = self._named(
                    by_sentence.get(ev.sent_idx - 1, []), sentences[ev.sent_idx - 1], None, None, day, "previous"
                )
                named += [n for n in before if n.principal not in here]
            for role in ROLES:
                if (ev.source if role == "source" else ev.target) is not None:
                    continue  # a party the coder chose: second looks there lost more than they won
                out.append(Choice(ev, role, tuple(self._candidates(ev, role, named, here, story, ranks, day))))
        return out

    def _candidates(
        self,
        ev: Event,
        role: str,
        named: list[_Named],
        here: set[str],
        story: str | None,
        ranks: dict[str | None, int],
        day: dt.date | None,
    ) -> list[Candidate]:
        current = ev.source if role == "source" else ev.target
        other = ev.target if role == "source" else ev.source
        implicit = role in ev.implicit

        def feats(principal: str | None, extra: list[str]) -> tuple[str, ...]:
            base = list(extra)
            if principal is None:
                base.append("none")
            else:
                actor = self.kb.get(principal)
                base.append(f"kind={actor.kind if actor is not None else 'unknown'}")
                base.append(f"rank={_bucket(ranks.get(principal, 99), (1, 2, 3, 5))}")
                base += ["story"] if principal == story else []
                base += ["named_here"] if principal in here else []
            if principal == current:
                base += ["current", f"current_implicit={int(implicit)}"]
            if principal is not None and principal == other:
                base.append("other_role")
            out = [f"{role}:{f}" for f in base] + [f"{role}:{ev.type}:{f}" for f in base if not f.startswith("rank")]
            return tuple(out)

        # The coder's own choice comes first: for the empty roles `choices` offers, no one (its words, if any).
        words = ev.source_text if role == "source" else ev.target_text
        cands = [Candidate(current, ev.source_agent if role == "source" else ev.target_agent, words, ())]
        # A group the sentence names that a state's military acts on ("French warplanes killed
        # militants") is left unplaced by the coder on purpose: a force abroad is not assumed to act
        # at home, so that state is no candidate for it.
        other_agent = ev.target_agent if role == "source" else ev.source_agent
        barred = {other} if current is None and words and (other_agent or "").endswith(":military") else set()
        # Nor is a state the target of its own diplomatic act when the sentence names that target
        # in words no actor matched ("Brazil called for restraint from all parties in the conflict"):
        # those words name someone else (the rule of the context fill, coding/implicit.py).
        # Otherwise the ranker decides: the gold codes many such acts at home.
        if (
            role == "target"
            and words
            and other is not None
            and ev.type in DIPLOMATIC
            and not acts_at_home(ev, other_agent, other, self.kb, day)
        ):
            barred.add(other)
        for n in named:
            if n.principal != current and n.principal not in barred:
                cands.append(Candidate(n.principal, n.agent, None, ()))
        if story is not None and story not in barred and all(c.principal != story for c in cands):
            cands.append(Candidate(story, None, None, ()))
        relation = {n.principal: [f"{n.where}"] + n.relation for n in named}
        return [
            replace(c, features=feats(c.principal, relation.get(c.principal, []) if c.principal else [])) for c in cands
        ]

    def rerank(
        self,
        events: list[Event],
        mentions: list[Mention],
        sentences: list[Sentence],
        parsed: dict[int, Doc],
        story: str | None,
        day: dt.date | None,
    ) -> list[Event]:
        if self.model is None and self.log is None:
            return events
        choices = self.choices(events, mentions, sentences, parsed, story, day)
        if self.log is not None:
            self.log.extend(choices)
        if self.model is None or not choices:
            return events
        return apply(events, choices, candidate_scores(self.model, choices), self.margin)


def candidate_scores(model: LinearModel, choices: Sequence[Choice]) -> list[list[float]]:
    """The model's chance that each candidate of each choice is the analyst's party."""
    rows = [list(c.features) for ch in choices for c in ch.candidates]
    if not rows:
        return []
    p = model.probabilities(rows)[:, model.classes.index(RIGHT)]
    out, n = [], 0
    for ch in choices:
        out.append([float(x) for x in p[n : n + len(ch.candidates)]])
        n += len(ch.candidates)
    return out


def _closer(a: list[str], b: list[str]) -> bool:
    def path(rel: list[str]) -> int:
        return next((int(f.split("=")[1]) for f in rel if f.startswith("path=")), 99)

    return not b or path(a) < path(b)


def apply(
    events: list[Event], choices: Sequence[Choice], scores: Sequence[Sequence[float]], margin: float
) -> list[Event]:
    """The events with each role's best candidate where it beats the coder's own by ``margin``."""
    changed: dict[str, dict[str, Candidate]] = {}
    for ch, s in zip(choices, scores, strict=True):
        best = max(range(len(s)), key=s.__getitem__)
        if best != 0 and s[best] - s[0] > margin:
            changed.setdefault(ch.event.event_id, {})[ch.role] = ch.candidates[best]
    out: list[Event] = []
    seen: set[str] = set()
    for ev in events:
        new = changed.get(ev.event_id)
        if new:
            ev = _with_parties(ev, new)
        if ev.event_id not in seen:
            seen.add(ev.event_id)
            out.append(ev)
    return out


def _with_parties(ev: Event, new: dict[str, Candidate]) -> Event:
    src, tgt = new.get("source"), new.get("target")
    if src is not None:
        ev = replace(ev, source=src.principal, source_agent=src.agent, source_text=src.text,
                     implicit=tuple(r for r in ev.implicit if r != "source"))  # fmt: skip
    if tgt is not None:
        ev = replace(ev, target=tgt.principal, target_agent=tgt.agent, target_text=tgt.text,
                     implicit=tuple(r for r in ev.implicit if r != "target"))  # fmt: skip
    word = ev.trigger_start - ev.start  # the trigger's offset in its sentence, as the coder keys events
    return replace(ev, event_id=stable_id(ev.doc_id, ev.sent_idx, word, ev.type, ev.source, ev.target))


@lru_cache(maxsize=1)
def packaged_ranker_model() -> LinearModel | None:
    return packaged(MODEL_FILE)


@lru_cache(maxsize=1)
def packaged_margin() -> float:
    """The margin ``parley train`` chose (0 before the first training, when there is no model to apply)."""
    report = packaged_report(REPORT_FILE)
    return float(report["margin"]) if report is not None else 0.0


def party_ranker(kb: ActorKB) -> PartyRanker:
    return PartyRanker(kb, packaged_ranker_model(), packaged_margin())
