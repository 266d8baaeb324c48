"""Modality: whether the text states an act as done, or only as negated, possible, forecast,
wished, conditional or intended, decided by a learned classifier.

The rules of :func:`parley.coding.events.modality` and :func:`parley.coding.events.negated` read
the auxiliaries, conditions and plans a verb carries, but a nominal event hides its modality in
the words around it ("a new poll shows majority support for *impeachment*", "hopes of a trade
*truce*", "asked for $50 billion in *purchases*", "is unlikely to *agree*"). A logistic
regression over the trigger's parse (its auxiliaries, negations, markers and modifiers, and those
of the words that govern it up to the root of the clause) with the rules' own answer among its
features decides among the seven modalities of the annotation guidelines (docs/annotation.md,
section 4); ``parley train`` fits it on the annotated triggers of the written sentences and the
train split of the real-news corpus.
"""

from __future__ import annotations

from functools import lru_cache

from parley.coding.events import Trigger, noun_event_type
from parley.coding.linear import LinearModel, packaged
from parley.kb.ontology import Ontology

MODEL_FILE = "modality.npz"
REPORT_FILE = "modality.json"
ASSERTED, NEGATED = "asserted", "negated"

# Children that carry modality: auxiliaries ("could", "will"), negations, subordinators ("if",
# "unless"), adverbs ("never", "reportedly") and the modifiers of an event noun ("planned talks").
_CARRIERS = frozenset({"aux", "auxpass", "neg", "mark", "advmod", "amod", "compound", "det", "prt"})
_LEVELS = 4  # governors read above the trigger: enough for "said it hoped to resume talks"


def features(trig: Trigger, onto: Ontology, rule: str, neg: bool) -> list[str]:
    """The trigger's context as feature names, with the rules' answers among them (``rule``:
    :func:`parley.coding.events.modality`, ``neg``: :func:`parley.coding.events.negated`, which the
    coder has already read)."""
    word, head = trig.word, trig.head
    # Whether the word names the act of its type itself: "did not *agree*" coded REJECT is a refusal
    # (asserted), but "did not *reject*" is a negated rejection.
    own = onto.verbs.get(word.lemma_.lower()) == trig.type or noun_event_type(word, onto) == trig.type
    out = [
        f"rule={rule}",
        f"neg={neg}",
        f"own={own}",
        f"neg+own={neg}+{own}",
        f"type={trig.type}",
        f"lemma={word.lemma_.lower()}",
        f"pos={word.pos_}",
        f"dep={head.dep_}",
        f"verbform={','.join(head.morph.get('VerbForm', []))}",
        f"tense={','.join(head.morph.get('Tense', []))}",
        f"type+rule={trig.type}+{rule}",
    ]
    for tok in {word, head}:
        for child in tok.children:
            if child.dep_ in _CARRIERS:
                out.append(f"c:{child.dep_}:{child.lower_}")
    current = head
    for level in range(1, _LEVELS + 1):
        parent = current.head
        if parent.i == current.i:
            out.append(f"root@{level}")
            break
        lemma = parent.lemma_.lower()
        out += [f"g{level}:{current.dep_}:{lemma}", f"g:{lemma}", f"g{level}:{current.dep_}:{parent.pos_}"]
        for child in parent.children:
            if child.dep_ in _CARRIERS and child.i != current.i:
                out.append(f"g{level}c:{child.dep_}:{child.lower_}")
                out.append(f"gc:{child.lower_}")
        current = parent
    sent = word.sent
    for tok in word.doc[max(sent.start, word.i - 4) : word.i]:
        out.append(f"prev:{tok.lower_}")
    if any(t.lower_ in ("if", "unless", "whether") for t in word.doc[sent.start : word.i]):
        out.append("if-before")
    return out


def learned_modality(trig: Trigger, onto: Ontology, model: LinearModel, rule: str, neg: bool) -> tuple[str, bool]:
    """(modality, negated) as :class:`parley.models.Event` carries them: a negated act is
    ``asserted`` with ``negated`` set, as the rules give it."""
    label = model.classes[int(model.scores([features(trig, onto, rule, neg)])[0].argmax())]
    if label == NEGATED:
        return ASSERTED, True
    return label, False


@lru_cache(maxsize=1)
def packaged_model() -> LinearModel | None:
    return packaged(MODEL_FILE)
