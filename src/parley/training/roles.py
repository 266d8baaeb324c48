"""Train the argument-role classifier (:mod:`parley.coding.roles`).

For every annotated event of a training sentence, each noun-phrase head of the sentence is an
example: ``source`` if it heads the annotated source words, ``target`` if it heads the target
words, else ``none`` (words inside an argument that do not head it are left out). The trigger is
read as the coder reads it: the head of the trigger words, through a light verb when that head
is its object.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from parley.coding.roles import NO_ROLE, SOURCE, TARGET, features, kind_reader, role_candidates
from parley.evaluation.sentences import Span, TrainingSentence
from parley.kb.actors import ActorKB, load_kb
from parley.nlp.mentions import mention_finder
from parley.training.triggers import Examples, _depth


def head_in(doc: Doc, span: Span | None) -> Token | None:
    """The word heading an annotated span of a parsed sentence (the shallowest in the parse, the first
    of equals), as the trainers of the role and modality classifiers read triggers and arguments."""
    if span is None:
        return None
    toks = [t for t in doc if t.idx < span.end and t.idx + len(t.text) > span.start]
    return min(toks, key=lambda t: (_depth(t), t.i)) if toks else None


def kinds_for(doc: Doc, kb: ActorKB) -> Callable[[Token], str]:
    matches = [(m.start, m.end, m.actor_id) for m in mention_finder(kb).find(doc.text)]
    return kind_reader(doc, matches, kb)


def role_examples(sentences: Sequence[TrainingSentence], docs: Sequence[Doc], kb: ActorKB | None = None) -> Examples:
    kb = kb or load_kb()
    out = Examples([], [])
    for sentence, doc in zip(sentences, docs, strict=True):
        if not sentence.events:
            continue
        kind = kinds_for(doc, kb)
        for ev in sentence.events:
            word = head_in(doc, ev.trigger)
            if word is None:
                continue
            trigger = word.head if word.pos_ == "NOUN" and word.dep_ in ("dobj", "attr", "oprd") else word
            src, tgt = head_in(doc, ev.source), head_in(doc, ev.target)
            inside: set[int] = set()
            for span in (ev.source, ev.target):
                if span is not None:
                    inside.update(t.i for t in doc if t.idx < span.end and t.idx + len(t.text) > span.start)
            for cand in role_candidates(doc, trigger, word):
                if src is not None and cand.i == src.i:
                    label = SOURCE
                elif tgt is not None and cand.i == tgt.i:
                    label = TARGET
                elif cand.i in inside:
                    continue
                else:
                    label = NO_ROLE
                out.features.append(features(trigger, word, ev.type, cand, kind(cand)))
                out.labels.append(label)
    return out
