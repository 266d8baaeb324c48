"""The sector of an actor, as event datasets carry it (POLECAT's source and target sectors).

From the knowledge base where the actor is known (its kind; for a person, the title of the role held
on the day), from the organ a generic mention names ("NGA:police"), and otherwise from the head word
of the words the text used ("gunmen", "protesters", "lawmakers").
"""

from __future__ import annotations

import datetime as dt
import re

from parley.kb.actors import PERSON, STATE, ActorKB
from parley.kb.phoenix import agent_sector

SECTORS = (
    "state", "government", "military", "police", "judiciary", "legislature", "party", "opposition",
    "rebels", "protesters", "media", "business", "ngo", "igo", "civilians", "religious", "education", "other",
)  # fmt: skip

_OF_KIND = {
    STATE: "state",
    "government": "government",
    "ministry": "government",
    "presidency": "government",
    "military": "military",
    "police": "police",
    "legislature": "legislature",
    "judiciary": "judiciary",
    "court": "judiciary",
    "party": "party",
    "state_media": "media",
    "media": "media",
    "agency": "media",
    "group": "rebels",
    "igo": "igo",
    "igo_organ": "igo",
    "ngo": "ngo",
    "business": "business",
}
# Generic organs of the knowledge base ("NGA:ministry_foreign") and unnamed groups' head words.
_OF_WORD = {
    **dict.fromkeys(["ministry_foreign", "ministry_defense", "presidency", "government", "spokesperson", "leader",
                     "envoy", "authorities", "officials", "official", "minister", "ministers", "governor", "mayor",
                     "adviser", "advisers", "advisor", "advisors", "aide", "aides", "diplomats",
                     "negotiators", "cabinet", "administration", "regime"], "government"),
    **dict.fromkeys(["military", "army", "navy", "troops", "soldiers", "forces", "commander", "warplanes"], "military"),
    **dict.fromkeys(["police", "policemen", "officers"], "police"),
    **dict.fromkeys(["judiciary", "court", "judge", "judges", "prosecutor", "prosecutors"], "judiciary"),
    **dict.fromkeys(["legislature", "parliament", "lawmakers", "legislators", "deputies", "senate"], "legislature"),
    **dict.fromkeys(["opposition", "dissidents", "opponents"], "opposition"),
    **dict.fromkeys(["rebels", "rebel", "militants", "insurgents", "gunmen", "gunman", "attackers", "fighters",
                     "militia", "militias", "militiamen", "guerrillas", "terrorists", "jihadists", "separatists",
                     "assailants", "bombers", "extremists", "unknown attacker"], "rebels"),
    **dict.fromkeys(["protesters", "protestors", "demonstrators", "activists", "strikers", "students", "workers",
                     "unions", "union", "crowd", "crowds", "protester", "protestor", "demonstrator", "activist",
                     "striker"], "protesters"),
    **dict.fromkeys(["state_media", "media", "journalists", "newspaper", "broadcaster"], "media"),
    **dict.fromkeys(["companies", "company", "firms", "businesses", "traders"], "business"),
    **dict.fromkeys(["civilians", "residents", "villagers", "people", "citizens", "voters", "refugees"], "civilians"),
    **dict.fromkeys(["clerics", "cleric", "monks", "archbishop"], "religious"),
}  # fmt: skip
# Words after a head that qualify it ("an adviser to ...", "a spokesman for ...").
_POSTMODIFIERS = frozenset({"of", "for", "to", "at", "with", "from", "in"})
_PHOENIX_TITLE = re.compile(r"^(\w+) \([A-Z]{3,}\)$")
_MILITARY_TITLES = re.compile(r"\b(general|admiral|colonel|commander|army|military|marshal)\b", re.I)
_LEGISLATURE_TITLES = re.compile(
    r"\b(senator|congress|parliament|legislator|lawmaker|mp|speaker|bundestag|knesset|duma)\b", re.I
)
# An opposition politician's role names the opposition ("Leader of the Opposition", "Opposition
# leader"): the guidelines' opposition sector, whether or not they sit in parliament.
_OPPOSITION_TITLES = re.compile(r"\bopposition\b", re.I)
_JUDICIARY_TITLES = re.compile(r"\b(judge|justice|prosecutor|attorney general)\b", re.I)
# Ministers and secretaries are government whatever they are minister of ("Minister of Justice",
# "Secretary of the Army"); "Secretary-General" is not a general.
_MINISTER_TITLES = re.compile(r"\b(minister|secretary)\b", re.I)
# "Prosecutor General", "Director-General", "Inspector General", "Governor-General": offices, no generals.
_CIVIL_GENERALS = re.compile(
    r"\b(attorney|solicitor|prosecutor|procurator|director|inspector|auditor|governor|surgeon|consul|"
    r"postmaster|comptroller)[\s-]general\b",
    re.I,
)


def sector_of(kb: ActorKB, actor_id: str | None, day: dt.date | None = None, words: str | None = None) -> str | None:
    """The sector of an actor id (organ, person, body), else of the words naming it; a bare state id
    counts as ``state`` only when the words name no sector ("forty protesters" placed in Kenya are protesters)."""
    named = sector_of_words(words)
    if actor_id and not actor_id.startswith("outlet:"):
        if ":" in actor_id:
            organ = actor_id.split(":", 1)[1]
            return _OF_KIND.get(organ) or _OF_WORD.get(organ)
        actor = kb.get(actor_id)
        if actor is not None:
            if actor.kind == PERSON:
                role = (kb.role_on(actor_id, day) if day else None) or (actor.roles[-1] if actor.roles else None)
                title = role.title if role else ""
                coded = _PHOENIX_TITLE.match(title)
                if coded:  # a Phoenix role names the sector its CAMEO code gives: "military (RUSMIL)"
                    return coded.group(1) if coded.group(1) in SECTORS else None
                body = kb.get(role.of) if role else None
                if body is not None and body.kind != STATE and body.kind in _OF_KIND:
                    return _OF_KIND[body.kind]  # the UN's envoy is igo, Amnesty's director ngo, a Taliban leader rebels
                if _OPPOSITION_TITLES.search(title):
                    return "opposition"
                if _MINISTER_TITLES.search(title):
                    return "government"
                if _JUDICIARY_TITLES.search(title):
                    return "judiciary"
                if _MILITARY_TITLES.search(_CIVIL_GENERALS.sub(r"\1", title)):
                    return "military"
                if _LEGISLATURE_TITLES.search(title):
                    return "legislature"
                return "government"
            if actor.kind == STATE and named:
                return named
            return _OF_KIND.get(actor.kind)
    return named


def sector_of_words(words: str | None) -> str | None:
    """The sector the head word(s) of a phrase name ("riot police", "the doctors"), if any."""
    tokens = [w.strip(".,;:'\"()").lower() for w in (words or "").split()]
    if not tokens:
        return None
    # A head the words qualify after it is the head: "an adviser to the Palestinian delegation",
    # "a spokesman for the Foreign Office" (not the delegation or the office).
    cut = next((i for i, w in enumerate(tokens) if w in _POSTMODIFIERS), len(tokens))
    if 0 < cut < len(tokens) and (head := _OF_WORD.get(tokens[cut - 1])):
        return head
    # parley's own table first (it follows the annotation guidelines: demonstrators are protesters,
    # not Phoenix's opposition), then Phoenix's agent dictionary for the thousands of other words.
    return _OF_WORD.get(" ".join(tokens[-2:])) or _OF_WORD.get(tokens[-1]) or agent_sector(" ".join(tokens))
