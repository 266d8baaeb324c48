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

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.language import Language
from spacy.pipeline import SpanCategorizer
from spacy.tokens import Doc, Token

from parley.coding.events import Trigger, not_an_act, noun_event_type
from parley.coding.linear import LinearModel, packaged, read_model
from parley.kb.cameo import CameoLexicon, load_cameo_lexicon
from parley.kb.ontology import PLOVER_TYPES, Ontology, load_ontology

NONE = "O"
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
MODEL_FILE = "triggers.npz"
# The spaCy-trained trigger spans (``parley train`` via ``spacy train``): a pipeline folder in models/.
SPANS_MODEL_DIR = "trigger_spans"
SPANS_KEY = "triggers"


def candidates(doc: Doc) -> list[Token]:
    return [t for t in doc if t.pos_ in CANDIDATE_POS and t.is_alpha]


def following_words(tok: Token, limit: int = 12) -> str:
    """The first ``limit`` words the token governs to its right (its objects and prepositional phrases)."""
    words = [t.lower_ for child in tok.rights for t in child.subtree]
    return " ".join(words[:limit])


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
        for etype in _cameo_types(lemma, following_words(tok), cameo):
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
__all__ = [
    "TriggerModel",
    "candidates",
    "features",
    "model_triggers",
    "packaged_model",
    "packaged_spans",
    "read_model",
    "trigger_distributions",
]


@lru_cache(maxsize=1)
def packaged_model() -> TriggerModel | None:
    """The model ``parley train`` wrote into the package, or None before the first training."""
    return packaged(MODEL_FILE)


@dataclass(frozen=True)
class SpanModel:
    """The spaCy-trained trigger spans: a span categorizer over one to three words, and the
    pipeline it came from (with its own fine-tuned tok2vec, or listening to the English pipeline's)."""

    nlp: Language

    @property
    def spancat(self) -> SpanCategorizer:
        pipe = self.nlp.get_pipe("spancat")
        assert isinstance(pipe, SpanCategorizer)
        return pipe

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.spancat.labels)

    def distributions(self, doc: Doc) -> dict[int, np.ndarray]:
        """For each token that roots a suggested span: the class distribution of its most eventful
        such span, over :attr:`labels` followed by no event (the last column)."""
        if not len(doc):
            return {}
        spancat = self.spancat
        if "tok2vec" in self.nlp.pipe_names:
            # Its own tok2vec: run over a copy, so the parsed document keeps the English pipeline's tensor.
            view = Doc(self.nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
            view = self.nlp.get_pipe("tok2vec")(view)
        elif doc.tensor.size == 0:
            raise ValueError("the trigger spans need doc.tensor from the English pipeline's tok2vec")
        else:
            view = doc
        indices, scores = spancat.predict([view])
        ops = spancat.model.ops
        out: dict[int, np.ndarray] = {}
        for (start, end), dist in zip(ops.to_numpy(indices.dataXd), ops.to_numpy(scores), strict=True):
            root = doc[int(start) : int(end)].root.i
            if root not in out or dist[-1] < out[root][-1]:
                out[root] = dist
        return out


@lru_cache(maxsize=1)
def packaged_spans() -> SpanModel | None:
    """The spaCy pipeline ``parley train`` wrote into the package (``models/trigger_spans``), or None.

    Loaded from the package folder: nothing comes from a hub.
    """
    path = resources.files("parley.coding") / "models" / SPANS_MODEL_DIR
    if not path.is_dir():
        return None
    import spacy

    with resources.as_file(path) as p:
        return SpanModel(spacy.load(p))


# Where the learned triggers come from (env PARLEY_TRIGGER_SPANS, read when the coder's trigger
# model is on): the logistic regression ("lr", the default), the spaCy spans ("spacy"), either
# ("union"), both ("agree"), or their averaged distributions ("mean"). On the dev split
# (models/trigger_spans.json; `parley eval data/gold/wikinews --split dev`) none beats the
# regression alone: typed-trigger token F1 0.47 (lr) against 0.42 (spacy, threshold 0.7) and at
# most 0.44 combined; events F1 0.301 (lr) against 0.249 (spacy), 0.293 (union), 0.300 (agree,
# spans below 0.9) and 0.297 (mean). So the spans stay selectable, not on by default.
SPAN_MODES = ("lr", "spacy", "union", "agree", "mean")


def trigger_distributions(
    doc: Doc, toks: list[Token], model: TriggerModel | None, spans: SpanModel | None
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Per candidate, the distributions of the regression and of the spans over ``PLOVER_TYPES + (O,)``."""
    lr = sp = None
    if model is not None:
        onto, cameo = load_ontology(), load_cameo_lexicon()
        p = model.probabilities([features(t, onto, cameo) for t in toks])
        lr = _aligned(p, model.classes)
    if spans is not None:
        dists = spans.distributions(doc)
        none = np.zeros(len(spans.labels) + 1)
        none[-1] = 1.0
        sp = _aligned(np.array([dists.get(t.i, none) for t in toks]).reshape(len(toks), -1), (*spans.labels, NONE))
    return lr, sp


def _aligned(p: np.ndarray, classes: tuple[str, ...]) -> np.ndarray:
    out = np.zeros((p.shape[0], len(PLOVER_TYPES) + 1))
    for j, c in enumerate(classes):
        out[:, len(PLOVER_TYPES) if c == NONE else PLOVER_TYPES.index(c)] += p[:, j]
    return out


def decide(
    lr: np.ndarray | None, sp: np.ndarray | None, mode: str, threshold: float, span_threshold: float
) -> list[str]:
    """Each candidate's type, or O: a source fires when its P(no event) falls below its threshold."""
    given = lr if lr is not None else sp
    rows = given.shape[0] if given is not None else 0
    off = np.zeros(rows, dtype=bool)
    lr_on = lr[:, -1] < threshold if lr is not None else off
    sp_on = sp[:, -1] < span_threshold if sp is not None else off
    if mode == "lr" or sp is None:
        on, dist = lr_on, lr
    elif mode == "spacy" or lr is None:
        on, dist = sp_on, sp
    elif mode == "union":
        on, dist = lr_on | sp_on, lr + sp
    elif mode == "agree":
        on, dist = lr_on & sp_on, lr + sp
    elif mode == "mean":
        dist = (lr + sp) / 2
        on = dist[:, -1] < threshold
    else:
        raise ValueError(f"unknown trigger mode {mode!r}; one of {SPAN_MODES}")
    if dist is None:
        return []
    types = dist[:, :-1].argmax(axis=1)
    return [PLOVER_TYPES[k] if fire else NONE for k, fire in zip(types, on, strict=True)]


def model_triggers(
    doc: Doc,
    model: TriggerModel | None,
    threshold: float = 0.5,
    mode: str | None = None,
    spans: SpanModel | None = None,
    span_threshold: float | None = None,
) -> list[Trigger]:
    """Triggers from the learned models: a token is an event word when P(no event) falls below ``threshold``.

    ``mode`` (default: the environment's ``PARLEY_TRIGGER_SPANS``, else "lr") picks the source, one of
    :data:`SPAN_MODES`; the spaCy spans (``spans``, default the packaged ones) fire below
    ``span_threshold`` (default ``PARLEY_SPAN_THRESHOLD``, else 0.5), and a span names its event
    by the word that heads it.

    A verb reads its own arguments; a noun that is the object of a verb ("launched war games",
    "carried out an air strike") is read through that verb; any other noun is a nominal event.
    """
    mode = mode or os.environ.get("PARLEY_TRIGGER_SPANS", "lr")
    if mode not in SPAN_MODES:
        raise ValueError(f"unknown trigger mode {mode!r}; one of {SPAN_MODES}")
    if mode != "lr" and spans is None:
        spans = packaged_spans()
    if span_threshold is None:
        span_threshold = float(os.environ.get("PARLEY_SPAN_THRESHOLD", "0.5"))
    toks = candidates(doc)
    if not toks:
        return []
    lr, sp = trigger_distributions(doc, toks, model if mode != "spacy" else None, spans if mode != "lr" else None)
    out: list[Trigger] = []
    for tok, etype in zip(toks, decide(lr, sp, mode, threshold, span_threshold), strict=True):
        if etype == NONE or not_an_act(tok):
            continue
        out.append(trigger_at(tok, etype))
    return out


# Participles used as prepositions; the parser often makes them verbs of the clause.
_PREPOSITION_LIKE = frozenset({"following", "including", "regarding", "concerning", "excluding", "considering"})


def trigger_at(tok: Token, etype: str) -> Trigger:
    """The trigger an event word makes: a noun that is the object of a verb ("launched war games",
    "carried out an air strike") is read through that verb; a verb keeps its particle."""
    if (
        tok.pos_ == "NOUN"
        and tok.dep_ in ("dobj", "attr", "oprd")
        and tok.head.pos_ in ("VERB", "AUX")
        and tok.head.dep_ != "prep"
        and tok.head.lower_ not in _PREPOSITION_LIKE  # "fled following Israeli airstrikes": no light verb
    ):
        return Trigger(tok.head, tok, etype, None, tok)
    end = next((c for c in tok.children if c.dep_ == "prt"), tok)
    return Trigger(tok, tok, etype, None, end)
