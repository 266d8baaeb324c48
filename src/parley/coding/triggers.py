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
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Token

from parley.coding.events import Trigger, not_an_act, noun_event_type
from parley.coding.linear import LinearModel, packaged, read_model
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
    if tok.pos_ == "NOUN":
        f += _noun_features(tok, lemma, onto, cameo)
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


_SUFFIXES = (
    "ations", "ation", "itions", "ition", "ions", "ion", "ments", "ment", "als", "al", "ures", "ure", "ances", "ance",
)  # fmt: skip


def _verb_of(noun: str, onto: Ontology, cameo: CameoLexicon) -> str | None:
    """The event verb a noun is derived from ("invasion" -> invade, "commutation" -> commute)."""
    for suffix in _SUFFIXES:
        if noun.endswith(suffix) and len(noun) - len(suffix) >= 4:
            stem = noun[: -len(suffix)]
            doubled = stem[:-1] if stem[-1:] == stem[-2:-1] else stem
            for verb in (stem, stem + "e", stem + "ate", doubled, stem[:-1] + "de" if stem.endswith("s") else stem):
                if verb in onto.verbs or verb in cameo.verbs:
                    return verb
    return None


def _noun_features(tok: Token, lemma: str, onto: Ontology, cameo: CameoLexicon) -> list[str]:
    """What the lexicons say of a noun: its type as an event noun (two-word names first: "hunger
    strike"), the type of the verb it names an act of ("protest", "invasion" -> invade), and the type
    the lexicon gives it as the object of a light verb ("held talks", "filed a lawsuit")."""
    out = []
    noun_type = noun_event_type(tok, onto)
    if noun_type:
        out.append(f"lex_noun2={noun_type}")
        if tok.head.lemma_.lower() in onto.light_verbs and tok.dep_ in ("dobj", "nsubjpass", "attr"):
            out.append(f"light_lex={noun_type}")
    verb = lemma if lemma in cameo.verbs else _verb_of(lemma, onto, cameo)
    if verb is not None:
        lexical = onto.verbs.get(verb)
        if lexical:
            out.append(f"deverbal={lexical}")
        for etype in _cameo_types(verb, "", cameo):
            out.append(f"cameo_noun={etype}")
    return out


def _cameo_types(lemma: str, following: str, cameo: CameoLexicon) -> Iterable[str]:
    """PLOVER types the CAMEO dictionary gives the verb (its codes) and its matching patterns ("pattern_")."""
    defaults, matched = cameo.readings(lemma, following)
    found = {t for t in map(cameo.plover_type, defaults) if t}
    found |= {"pattern_" + t for t in (cameo.plover_type(code) for _, code in matched) if t}
    return sorted(found)


TriggerModel = LinearModel
__all__ = ["TriggerModel", "candidates", "features", "model_triggers", "packaged_model", "read_model"]


@lru_cache(maxsize=1)
def packaged_model() -> TriggerModel | None:
    """The model ``parley train`` wrote into the package, or None before the first training."""
    return packaged(MODEL_FILE)


def model_triggers(doc: Doc, model: TriggerModel, threshold: float = 0.5) -> list[Trigger]:
    """Triggers from the model: a token is an event word when P(no event) falls below ``threshold``.

    A verb reads its own arguments; a noun that is the object of a verb ("launched war games",
    "carried out an air strike") is read through that verb; any other noun is a nominal event.
    """
    onto, cameo = load_ontology(), load_cameo_lexicon()
    toks = candidates(doc)
    if not toks:
        return []
    p = model.probabilities([features(t, onto, cameo) for t in toks])
    none_i = model.classes.index(NONE) if NONE in model.classes else -1
    out: list[Trigger] = []
    for tok, probs in zip(toks, p, strict=True):
        if (none_i >= 0 and probs[none_i] >= threshold) or not_an_act(tok):
            continue
        ranked = [i for i in np.argsort(-probs) if i != none_i]
        etype = model.classes[ranked[0]]
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "attr", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
            out.append(Trigger(tok.head, tok, etype, None, tok))
        else:
            end = next((c for c in tok.children if c.dep_ == "prt"), tok)
            out.append(Trigger(tok, tok, etype, None, end))
    return out
