"""Unqualified domestic agents take the state the story is about.

"Police fired tear gas", "the court ruled", "protesters marched": in a story about one country
these are that country's police, court and protesters, and an analyst codes them so (CAMEO and
PLOVER code domestic events as country -> same country). The sentence alone does not say which
country; the document does, when one state dominates its mentions. Without such a state the
agent stays unplaced (its words are kept in ``source_text``): an unresolved actor is better than
a wrong one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from parley.kb.actors import STATE, ActorKB
from parley.kb.phoenix import SECTOR_OF_CODE, agent_codes, chunks
from parley.models import Event, Mention

# Head words of unqualified agents that are domestic by default, with the organ they name.
DOMESTIC_AGENTS: dict[str, str] = {
    **dict.fromkeys(["police", "policemen", "policeman", "officers"], "police"),
    **dict.fromkeys(["court", "judge", "judges", "prosecutor", "prosecutors", "justices"], "judiciary"),
    **dict.fromkeys(
        ["parliament", "lawmakers", "legislators", "deputies", "senate", "legislature", "mps"], "legislature"
    ),
    **dict.fromkeys(
        ["protesters", "protestors", "demonstrators", "activists", "strikers", "students", "workers", "marchers"],
        "protesters",
    ),
    **dict.fromkeys(
        ["government", "authorities", "officials", "ministry", "cabinet", "regime", "administration"], "government"
    ),
    **dict.fromkeys(["opposition", "dissidents"], "opposition"),
    **dict.fromkeys(
        ["civilians", "residents", "villagers", "voters", "citizens", "people", "crowd", "victims", "hostages"],
        "civilians",
    ),
}


# Endings left out: forms the dictionary's plural expansion makes of words already plural or
# singular only ("childrens", "womans", "naturalizeds"), and with them some real plurals the same
# endings catch ("magistrates", "expatriates", "intelligences"; not measured one by one).
_NOT_PLURALS = ("ss", "mans", "rens", "childs", "peoples", "persons", "ces", "ates", "eds")
# Phoenix agents that are places or things in news English, not people acting.
_NOT_AGENTS = frozenset({
    "villages", "settlements", "neighborhoods", "neighbourhoods", "communities", "populations", "prisons",
    "chambers", "assemblages", "chanceries", "consistories", "judicatories", "judicatures", "tribunals",
    "judiciaries", "legislatures", "parliaments", "congresses", "senates", "courts", "airliners", "jetliners",
    "counsels", "representatives", "natives", "tenants", "customers", "athletes",
    "engineers", "scientists", "hunters", "tourists", "travelers", "travellers", "backpackers", "hikers",
    "sightseers", "excursionists", "tourers", "exiles", "detainees",
})  # fmt: skip


def _phoenix_collectives() -> dict[str, str]:
    """Plural people of the Phoenix agent dictionary in domestic sectors ("farmers", "lawyers",
    "dissidents", "landowners"): the field's list of who acts at home, beside the words above."""
    organ_of = {"police": "police", "judiciary": "judiciary", "legislature": "legislature",
                "opposition": "opposition", "civilians": "civilians"}  # fmt: skip
    codes = agent_codes()
    out: dict[str, str] = {}
    for words, code in codes.items():
        if " " in words or not words.endswith(("s", "men")) or words.endswith(_NOT_PLURALS):
            continue
        single = words[:-3] + "man" if words.endswith("men") else words[:-1]
        if single not in codes and single[:-1] not in codes:
            continue  # not a plural the dictionary also lists singular ("farmers" is, "police" is not)
        sector = next((SECTOR_OF_CODE[c] for c in chunks(code) if c in SECTOR_OF_CODE), None)
        if sector in organ_of and words not in _NOT_AGENTS:
            out[words] = organ_of[sector]
    return out


DOMESTIC_AGENTS = {**_phoenix_collectives(), **DOMESTIC_AGENTS}
# Two-word agents whose head alone is ambiguous ("forces" may be foreign; "security forces" are at home).
DOMESTIC_PHRASES: dict[str, str] = {
    "security forces": "police",
    "riot police": "police",
    "security services": "police",
    "interior ministry": "government",
    "supreme court": "judiciary",
}
DOMINANCE = 0.4


# Kinds of actor that report news; their state is not the story's (state media are their government's voice).
REPORTERS = frozenset({"agency", "media"})


def reports_news(actor_id: str, kb: ActorKB) -> bool:
    """A wire agency or outlet ("told Reuters", "according to The Guardian"): it relays acts and is
    no party to them, nor what a story is about."""
    actor = kb.get(actor_id)
    return actor is not None and actor.kind in REPORTERS


def story_state(
    mentions: Iterable[Mention], kb: ActorKB, day: dt.date | None, dominance: float = DOMINANCE
) -> str | None:
    """The state most of the document's actor mentions belong to, if one clearly dominates
    (a share of at least ``dominance``)."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.how in ("coref", "story", "described"):
            continue  # a pronoun, a description, or a person placed by this very count
        if reports_news(m.actor_id, kb):
            continue  # "told Reuters": the outlet that reports a story is not what it is about
        principal = kb.mention_principal(m.actor_id, day)
        actor = kb.get(principal) if principal else None
        if actor is not None and actor.kind == STATE:
            counts[principal] += 1  # type: ignore[index]
    if not counts:
        return None
    state, n = counts.most_common(1)[0]
    return state if n / sum(counts.values()) >= dominance else None


def _organ(words: str | None) -> str | None:
    if not words:
        return None
    tokens = [w.strip(".,;:'\"()").lower() for w in words.split()]
    tokens = [w for w in tokens if w]
    if not tokens or tokens[0] in ("a", "an") or len(tokens) > 4:
        return None  # "a court in London" places itself; long phrases describe, not name, an agent
    if " ".join(tokens[-2:]) in DOMESTIC_PHRASES:
        return DOMESTIC_PHRASES[" ".join(tokens[-2:])]
    return DOMESTIC_AGENTS.get(tokens[-1])


# Agents an analyst records as mentions: the guidelines count civilians as victims or voters too
# (docs/annotation.md section 2); bare "people" is left out ("people say ...").
_MENTIONED = frozenset({"police", "judiciary", "legislature", "protesters", "government", "opposition", "civilians"})
_AGENT_WORD = re.compile(
    r"\b(?:(?:the|riot|security|supreme|interior)\s+)?("
    + "|".join(sorted(DOMESTIC_AGENTS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


# "The president said", "the foreign minister": an office holder the story does not name, in a
# story about one country its own. Only as a definite noun phrase of its own: not "the president
# of Harvard", "the former governor Pierluisi" (a name follows), nor a predicate ("sworn in as
# governor", "his campaign for president"), which name an office, not someone acting.
OFFICES = ("president", "minister", "premier", "chancellor", "governor")
# Words before an office that make it another office: "the prime minister" is not "the minister".
OFFICE_RANKS = frozenset({"vice", "deputy", "prime", "former", "acting", "assistant", "junior", "shadow", "first"})
_OFFICE_HOLDER = re.compile(
    r"\bthe\s+(?:((?:foreign|prime|defen[cs]e|interior|finance|justice|vice|deputy))\s+)?"
    r"(president|minister|premier|chancellor|governor)\b(?!\s+of\b)(?!['\u2019]s\s+(?-i:[A-Z]))(?!\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)


def domestic_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, organ) of unqualified domestic agents in a sentence: "the police", "protesters"."""
    out = []
    for m in _AGENT_WORD.finditer(text):
        organ = _organ(m.group())
        if organ in _MENTIONED and m.group().lower() != "people":  # "people say ...": too often no actor
            out.append((m.start(), m.end(), organ))
    out.extend((start, end, "government") for start, end, _ in office_holders(text))
    return sorted(out)


def office_holders(text: str) -> list[tuple[int, int, str]]:
    """(start, end, office) of the unnamed office holders of a sentence: "the foreign minister" ->
    "foreign minister"."""
    return [(m.start(), m.end(), " ".join(w.lower() for w in m.groups() if w)) for m in _OFFICE_HOLDER.finditer(text)]


def office_keys(words: list[str]) -> list[str]:
    """The offices a title before a name gives its holder, for a later "the <office>": "Foreign
    Minister" -> "foreign minister" and "minister"; "Prime Minister" -> "prime minister" only."""
    lower = [w.lower().rstrip(".") for w in words]
    for i in range(len(lower) - 1, -1, -1):
        if lower[i] in OFFICES:
            before = lower[i - 1] if i else ""
            if not before or before in ("the", "'s", "\u2019s"):
                return [lower[i]]
            keys = [f"{before} {lower[i]}"]
            return keys if before in OFFICE_RANKS else [*keys, lower[i]]
    return []


def place_domestic_mentions(pending: list[Mention], state: str | None) -> list[Mention]:
    """Mentions of unqualified domestic agents, given the story's state ("USA:police"); none without one."""
    if state is None:
        return []
    return [replace(m, actor_id=f"{state}:{m.actor_id}") for m in pending]


def place_domestic_agents(events: list[Event], state: str | None) -> list[Event]:
    """Give unplaced domestic agents (source or target) the story's state."""
    if state is None:
        return events
    out = []
    for ev in events:
        changes: dict[str, str] = {}
        organ = _organ(ev.source_text) if ev.source is None else None
        if organ:
            changes.update(source=state, source_agent=f"{state}:{organ}")
        organ = _organ(ev.target_text) if ev.target is None else None
        if organ:
            changes.update(target=state, target_agent=f"{state}:{organ}")
        out.append(replace(ev, **changes) if changes else ev)  # type: ignore[arg-type]
    return out
