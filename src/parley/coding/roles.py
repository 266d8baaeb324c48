"""The learned argument-role classifier: for an event word, which noun phrase is its source, which its target.

Each (trigger, candidate) pair of a parsed sentence is classified as ``source``, ``target`` or
``none``. Candidates are the heads of noun phrases (nouns, proper nouns, pronouns); the features
are the dependency path between the two words (the strongest cue: ``nsubj`` up, ``dobj`` down,
``by``-agents of passives, ``against``/``on`` objects), the candidate's relation, part of speech,
entity type and position, the trigger's voice and type, and whether the knowledge base resolves
the candidate (a state, a person, an organ, an unnamed group). The decoder keeps, per trigger,
the likeliest source and the likeliest other target above a threshold, so "none" stays an answer:
an event without a clear source keeps it unresolved rather than guessing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Token

from parley.coding.linear import LinearModel, packaged
from parley.kb.actors import ActorKB

MODEL_FILE = "roles.npz"
SOURCE, TARGET, NO_ROLE = "source", "target", "none"
CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON"})
_ANAPHORS = frozenset({"latter", "former"})
_NOT_HEADS = frozenset({"compound", "amod", "nmod", "det", "flat", "nummod", "appos"})


def candidates(doc: Doc) -> list[Token]:
    """Heads of noun phrases (a possessive or compound inside a phrase is not a head of its own)."""
    return [t for t in doc if (t.pos_ in CANDIDATE_POS and t.dep_ not in _NOT_HEADS) or t.lower_ in _ANAPHORS]


def role_candidates(doc: Doc, trigger: Token, word: Token) -> list[Token]:
    """The noun phrases that may fill a role of this trigger: not the trigger word itself, and not
    those of a conjoined clause, which has its own arguments ("expressed concern over X and urged
    Hamas to ...")."""
    other_clause = {t.i for v in trigger.children if v.dep_ == "conj" and v.pos_ in ("VERB", "AUX") for t in v.subtree}
    return [c for c in candidates(doc) if c.i != word.i and c.i not in other_clause]


def _ancestors(tok: Token) -> list[Token]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def dep_path(trigger: Token, cand: Token, limit: int = 4) -> str:
    """Relations from the candidate up to the common ancestor, then down to the trigger."""
    up_c, up_t = _ancestors(cand), _ancestors(trigger)
    ids_t = {t.i: n for n, t in enumerate(up_t)}
    for n, tok in enumerate(up_c):
        if tok.i in ids_t:
            up = [t.dep_ + ("_" + t.lower_ if t.dep_ in ("prep", "agent") else "") for t in up_c[:n]]
            down = [t.dep_ for t in up_t[: ids_t[tok.i]]]
            if len(up) > limit or len(down) > limit:
                return "far"
            return "^".join(up) + "|" + "v".join(reversed(down))
    return "none"


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or tok.tag_ == "VBN" and tok.dep_ == "acl"


def features(trigger: Token, word: Token, event_type: str, cand: Token, kind: str) -> list[str]:
    path = dep_path(trigger, cand)
    side = "before" if cand.i < word.i else "after"
    dist = min(abs(cand.i - word.i), 10)
    prep = cand.head.lower_ if cand.dep_ == "pobj" else ""
    passive = "pass" if _passive(trigger) else "act"
    return [
        "bias",
        f"path={path}",
        f"path_voice={path}_{passive}",
        f"path_type={path}_{event_type}",
        f"cdep={cand.dep_}",
        f"cdep_voice={cand.dep_}_{passive}",
        f"cpos={cand.pos_}",
        f"cent={cand.ent_type_ or 'none'}",
        f"kind={kind}",
        f"kind_path={kind}_{path}",
        f"side={side}",
        f"side_type={side}_{event_type}",
        f"dist={dist}",
        f"prep={prep}",
        f"prep_type={prep}_{event_type}",
        f"type={event_type}",
        f"tpos={trigger.pos_}",
        f"same={int(cand.i == word.i)}",
        f"clemma={cand.lemma_.lower()}" if cand.pos_ != "PROPN" else "clemma=PROPN",
        f"in_trigger_np={int(cand.head.i == word.i)}",
    ]


@lru_cache(maxsize=1)
def packaged_model() -> LinearModel | None:
    return packaged(MODEL_FILE)


def assign_roles(
    trigger: Token,
    word: Token,
    event_type: str,
    doc: Doc,
    kind_of: Callable[[Token], str],
    model: LinearModel,
    threshold: float = 0.3,
) -> tuple[Token | None, Token | None]:
    """The source and target words of one trigger (None where no candidate is likely enough)."""
    cands = role_candidates(doc, trigger, word)
    if not cands:
        return None, None
    p = model.probabilities([features(trigger, word, event_type, c, kind_of(c)) for c in cands])
    si, ti = model.classes.index(SOURCE), model.classes.index(TARGET)
    best_s = int(p[:, si].argmax())
    source = cands[best_s] if p[best_s, si] >= threshold else None
    order = [int(i) for i in (-p[:, ti]).argsort()]
    target = next((cands[i] for i in order if p[i, ti] >= threshold and cands[i] is not source), None)
    return source, target


def kind_reader(doc: Doc, matches: list[tuple[int, int, str]], kb: ActorKB) -> Callable[[Token], str]:
    """What the knowledge base makes of each noun phrase: state, person, igo, organ, group, pronoun or other.

    ``matches`` are the mention finder's (start, end, actor id) in the doc's character offsets. The
    coder and the training examples read kinds through this one function, so the classifier sees at
    run time the feature it was trained on.
    """

    def kind(tok: Token) -> str:
        if tok.pos_ == "PRON":
            return "pronoun"
        start, end = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        for m_start, m_end, actor_id in matches:
            if m_start < end and m_end > start:
                actor = kb.get(actor_id)
                return _actor_kind(actor.kind if actor else None, actor_id)
        return "other"

    return kind


def _actor_kind(kb_kind: str | None, actor_id: str) -> str:
    if ":" in actor_id:
        return "organ"
    if kb_kind in ("state",):
        return "state"
    if kb_kind == "person":
        return "person"
    if kb_kind in ("igo", "igo_organ", "ngo"):
        return "igo"
    if kb_kind in ("group", "party"):
        return "group"
    return "organ" if kb_kind else "group"
