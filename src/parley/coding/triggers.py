"""The learned trigger classifier: which words of a parsed sentence name an event, and of which type.

Every verb and noun of a parsed sentence is a candidate. Its features are read from the parse
(lemma, dependency, the words it governs: object, particle, prepositions, negation, auxiliaries,
and the verb that governs it) and from the field's dictionaries (the CAMEO verb dictionary's
code for the verb and its objects, mapped to PLOVER; parley's trigger lexicon). A multinomial
logistic regression trained by ``parley train`` on the repo's annotated data (the train split
of the real-news corpus and the purpose-written sentences) gives each candidate one of the 16
PLOVER types or ``O`` (no event).

The model ships as plain arrays (``models/triggers.npz``: feature names, class names, weights),
so loading it needs neither pickle nor the scikit-learn version it was trained with.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from parley.coding.events import Trigger
from parley.kb.cameo import CameoLexicon, load_cameo_lexicon
from parley.kb.ontology import Ontology, load_ontology

NONE = "O"
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
MODEL_FILE = "triggers.npz"


def candidates(doc: Doc) -> list[Token]:
    return [t for t in doc if t.pos_ in CANDIDATE_POS and t.is_alpha]


def _following(tok: Token) -> str:
    """The words the token governs to its right (its objects and prepositional phrases)."""
    words = [t.lower_ for child in tok.rights for t in child.subtree]
    return " ".join(words[:12])


def features(tok: Token, onto: Ontology, cameo: CameoLexicon) -> list[str]:
    lemma = tok.lemma_.lower()
    head = tok.head
    f = [
        "bias",
        f"lemma={lemma}",
        f"pos={tok.pos_}",
        f"tag={tok.tag_}",
        f"dep={tok.dep_}",
        f"lemma_pos={lemma}_{tok.pos_}",
        f"head_lemma={head.lemma_.lower()}",
        f"head_dep={tok.dep_}>{head.lemma_.lower()}",
        f"head_pos={head.pos_}",
    ]
    lex = onto.verbs.get(lemma) if tok.pos_ == "VERB" else None
    if lex:
        f.append(f"lex_verb={lex}")
    noun = onto.nouns.get(lemma) if tok.pos_ == "NOUN" else None
    if noun:
        f.append(f"lex_noun={noun}")
    rel = onto.relational_nouns.get(lemma)
    if rel:
        f.append(f"lex_rel={rel}")
    for child in tok.children:
        dep = child.dep_
        clemma = child.lemma_.lower()
        if dep in ("dobj", "obj", "attr", "oprd"):
            f += [f"obj={clemma}", f"lemma_obj={lemma}_{clemma}"]
        elif dep == "prt":
            f += [f"prt={clemma}", f"lemma_prt={lemma}_{clemma}"]
        elif dep == "prep":
            pobj = next((g.lemma_.lower() for g in child.children if g.dep_ == "pobj"), "")
            f += [f"prep={clemma}", f"lemma_prep={lemma}_{clemma}", f"prep_pobj={clemma}_{pobj}"]
        elif dep == "neg":
            f.append("neg")
        elif dep in ("aux", "auxpass"):
            f.append(f"aux={clemma}")
        elif dep in ("nsubj", "nsubjpass"):
            f += [f"{dep}_ent={child.ent_type_ or 'none'}", f"{dep}_pos={child.pos_}"]
        elif dep in ("compound", "amod"):
            f += [f"{dep}={clemma}", f"mod_lemma={clemma}_{lemma}"]
        elif dep == "xcomp":
            f.append(f"xcomp={clemma}")
    if head.dep_ == "xcomp" or tok.dep_ in ("xcomp", "ccomp"):
        f.append(f"gov={head.lemma_.lower()}")
    if tok.pos_ == "NOUN" and head.pos_ == "VERB":
        f.append(f"light={head.lemma_.lower()}_{lemma}")
    if tok.pos_ == "VERB":
        for etype in _cameo_types(lemma, _following(tok), cameo):
            f.append(f"cameo={etype}")
    if tok.i > 0:
        f.append(f"prev={tok.nbor(-1).lower_}")
    if tok.i + 1 < len(tok.doc):
        f.append(f"next={tok.nbor(1).lower_}")
    return f


def _cameo_types(lemma: str, following: str, cameo: CameoLexicon) -> Iterable[str]:
    entry = cameo.verbs.get(lemma)
    if entry is None:
        return ()
    block = cameo.blocks.get(str(entry[0]), {})
    found = set()
    for code in (entry[1], block.get("code")):
        t = cameo.plover_type(code)
        if t:
            found.add(t)
    for _pre, post, code in block.get("patterns", []):
        if post and all(cameo._present(part, following) for part in post):
            t = cameo.plover_type(code)
            if t:
                found.add("pattern_" + t)
    return sorted(found)


@dataclass(frozen=True)
class TriggerModel:
    vocabulary: dict[str, int]
    classes: tuple[str, ...]
    weights: np.ndarray  # (features, classes)
    intercept: np.ndarray  # (classes,)

    def scores(self, feats: list[list[str]]) -> np.ndarray:
        out = np.tile(self.intercept, (len(feats), 1))
        for row, names in enumerate(feats):
            idx = [self.vocabulary[n] for n in names if n in self.vocabulary]
            if idx:
                out[row] += self.weights[idx].sum(axis=0)
        return out

    def predict(self, tokens: list[Token], onto: Ontology, cameo: CameoLexicon) -> list[tuple[str, float]]:
        """(label, probability) for each token."""
        if not tokens:
            return []
        s = self.scores([features(t, onto, cameo) for t in tokens])
        s = np.exp(s - s.max(axis=1, keepdims=True))
        p = s / s.sum(axis=1, keepdims=True)
        best = p.argmax(axis=1)
        return [(self.classes[b], float(p[i, b])) for i, b in enumerate(best)]

    def save(self, path: Path) -> None:
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path,
            names=np.array(names),
            classes=np.array(self.classes),
            weights=self.weights.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
        )


def read_model(path: Path | str) -> TriggerModel:
    with np.load(path, allow_pickle=False) as data:
        names = [str(n) for n in data["names"]]
        return TriggerModel(
            vocabulary={n: i for i, n in enumerate(names)},
            classes=tuple(str(c) for c in data["classes"]),
            weights=data["weights"].astype(np.float64),
            intercept=data["intercept"].astype(np.float64),
        )


@lru_cache(maxsize=1)
def packaged_model() -> TriggerModel | None:
    """The model ``parley train`` wrote into the package, or None before the first training."""
    path = resources.files("parley.coding") / "models" / MODEL_FILE
    if not path.is_file():
        return None
    with resources.as_file(path) as p:
        return read_model(p)


def label_tokens(
    doc: Doc, model: TriggerModel, onto: Ontology | None = None, cameo: CameoLexicon | None = None
) -> list[tuple[Token, str, float]]:
    """The candidate tokens the model labels as triggers, with type and probability."""
    onto = onto or load_ontology()
    cameo = cameo or load_cameo_lexicon()
    toks = candidates(doc)
    return [
        (t, label, p) for t, (label, p) in zip(toks, model.predict(toks, onto, cameo), strict=True) if label != NONE
    ]


def model_triggers(doc: Doc, model: TriggerModel, threshold: float = 0.5) -> list[Trigger]:
    """Triggers from the model: a token is an event word when P(no event) falls below ``threshold``.

    A verb reads its own arguments; a noun that is the object of a verb ("launched war games",
    "carried out an air strike") is read through that verb; any other noun is a nominal event.
    """
    onto, cameo = load_ontology(), load_cameo_lexicon()
    toks = candidates(doc)
    if not toks:
        return []
    s = model.scores([features(t, onto, cameo) for t in toks])
    s = np.exp(s - s.max(axis=1, keepdims=True))
    p = s / s.sum(axis=1, keepdims=True)
    none_i = model.classes.index(NONE) if NONE in model.classes else -1
    out: list[Trigger] = []
    for tok, probs in zip(toks, p, strict=True):
        if none_i >= 0 and probs[none_i] >= threshold:
            continue
        ranked = [i for i in np.argsort(-probs) if i != none_i]
        etype = model.classes[ranked[0]]
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "attr", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
            out.append(Trigger(tok.head, tok, etype, None, tok))
        else:
            end = next((c for c in tok.children if c.dep_ == "prt"), tok)
            out.append(Trigger(tok, tok, etype, None, end))
    return out
