"""The PLOVER event ontology and its trigger lexicon, read from ``plover.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from parley.kb.yamlfile import load_yaml

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True)
class EventType:
    name: str
    intensity: float
    quad: str
    description: str
    modes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ontology:
    types: dict[str, EventType]
    verbs: dict[str, str]  # lemma -> type
    phrasal: dict[tuple[str, str], tuple[str, str | None]]  # (lemma, particle) -> (type, mode)
    light_verbs: frozenset[str]
    nouns: dict[str, str]  # noun lemma -> type
    relational_nouns: dict[str, str]
    mode_cues: dict[str, dict[str, tuple[str, ...]]]
    reporting_verbs: frozenset[str]
    negating_verbs: frozenset[str]
    stative_passives: frozenset[str]
    rejection_predicates: tuple[str, ...]
    hypothetical_modals: frozenset[str]
    intended_modals: frozenset[str]
    trigger_words: frozenset[str] = field(default=frozenset())
    cameo_roots: dict[str, str | None] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)  # inflected form -> lexicon lemma
    legacy_types: dict[str, str] = field(default_factory=dict)

    def from_cameo(self, code: str) -> str | None:
        """PLOVER type of a CAMEO event code ("064" -> COOPERATE); INVESTIGATE has no PLOVER type."""
        return self.cameo_roots.get(str(code).strip()[:2])

    def from_legacy(self, name: str) -> str:
        return self.legacy_types.get(name, name)

    def intensity(self, event_type: str) -> float:
        return self.types[event_type].intensity

    def mode_for(self, event_type: str, context: str) -> str | None:
        """Pick a mode from cue words in the event's object phrase."""
        text = context.lower()
        for mode, cues in self.mode_cues.get(event_type, {}).items():
            if any(cue in text for cue in cues):
                return mode
        return None


def _inflections(word: str) -> set[str]:
    """Cheap surface forms of a lemma for the first-pass sentence filter."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ion", word[:-1] + "al"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


# Irregular forms the suffix rules miss.
_IRREGULAR = {
    "meet": {"met"},
    "seek": {"sought"},
    "strike": {"struck"},
    "shoot": {"shot"},
    "hold": {"held"},
    "give": {"gave", "given"},
    "freeze": {"froze", "frozen"},
    "fight": {"fought"},
    "tell": {"told"},
    "swear": {"swore", "sworn"},
    "say": {"said"},
    "make": {"made"},
    "send": {"sent"},
    "begin": {"began", "begun"},
    "withdraw": {"withdrew", "withdrawn"},
    "hit": {"hit"},
    "lead": {"led"},
    "bring": {"brought"},
    "mean": {"meant"},
    "speak": {"spoke", "spoken"},
    "stand": {"stood"},
    "arm": {"arms"},
    "back": {"backing"},
    "deny": {"denial"},
    "refuse": {"refusal"},
    "reject": {"rejection"},
    "dismiss": {"dismissal"},
    "propose": {"proposal"},
    "criticize": {"criticism"},
    "threaten": {"threat"},
    "condemn": {"condemnation"},
    "accuse": {"accusation"},
}


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    path = resources.files("parley.kb") / "data" / "plover.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    types = {
        name: EventType(name, float(v["intensity"]), v["quad"], v["description"], tuple(v.get("modes", ())))
        for name, v in data["types"].items()
    }
    unknown = set(types) ^ set(PLOVER_TYPES)
    if unknown:
        raise ValueError(f"plover.yaml: types differ from PLOVER's 16: {sorted(unknown)}")
    verbs: dict[str, str] = {}
    for etype, lemmas in data["verbs"].items():
        for lemma in lemmas:
            verbs.setdefault(lemma, etype)
    phrasal = {(str(p["lemma"]), str(p["particle"])): (p["type"], p.get("mode")) for p in data["phrasal"]}
    if any(key[1] in ("True", "False") for key in phrasal):
        raise ValueError('plover.yaml: quote particles such as "on" and "off" (YAML reads them as booleans)')
    nouns = {noun: etype for etype, words in data["nouns"].items() for noun in words}
    relational = {noun: etype for etype, words in data["relational_nouns"].items() for noun in words}
    mode_cues = {
        etype: {mode: tuple(cues) for mode, cues in modes.items()} for etype, modes in data["mode_cues"].items()
    }
    trigger_words: set[str] = set()
    forms: dict[str, str] = {}
    for lemma in set(verbs) | {p[0] for p in phrasal} | set(data["light_verbs"]):
        for form in _inflections(lemma) | _IRREGULAR.get(lemma, set()):
            forms.setdefault(form, lemma)
    for lemma in list(verbs) + [p[0] for p in phrasal] + list(nouns) + list(relational):
        for part in lemma.split():
            trigger_words |= _inflections(part) | _IRREGULAR.get(part, set())
    for light in data["light_verbs"]:
        trigger_words |= _inflections(light) | _IRREGULAR.get(light, set())
    return Ontology(
        types=types,
        verbs=verbs,
        phrasal=phrasal,
        light_verbs=frozenset(data["light_verbs"]),
        nouns=nouns,
        relational_nouns=relational,
        mode_cues=mode_cues,
        reporting_verbs=frozenset(data["reporting_verbs"]),
        negating_verbs=frozenset(data["negating_verbs"]),
        stative_passives=frozenset(data.get("stative_passives") or ()),
        rejection_predicates=tuple(str(p).lower() for p in data.get("rejection_predicates") or ()),
        hypothetical_modals=frozenset(data["hypothetical_modals"]),
        intended_modals=frozenset(data["intended_modals"]),
        trigger_words=frozenset(trigger_words),
        cameo_roots={str(k): v for k, v in (data.get("cameo_roots") or {}).items()},
        legacy_types=dict(data.get("legacy_types") or {}),
        forms=forms,
    )
