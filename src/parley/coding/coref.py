"""Which person "he" or "she" is: only when it is safe.

News pronouns are resolved wrongly far more often than they are hard: "he" goes to the last person
the knowledge base happens to know, while the article is about someone it does not. Here every
person the text names counts, known or not, and a pronoun resolves only when one person of the
last three sentences agrees with it in gender (where the text tells: "Mr.", "Queen", "spokeswoman",
an earlier "he" or "she" for that person, a given name of one gender from
``kb/data/given_names.yaml``), or, for a pronoun that is a subject, when several do and one of
them was the subject of its own sentence or the one before (the topic continues). A person
parley cannot place still counts: the pronoun then stays unresolved, better than a wrong actor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from parley.kb.names import given_name_gender

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
WINDOW = 2  # sentences back a pronoun may reach

_MALE_CUES = frozenset({
    "mr", "sir", "lord", "king", "prince", "sheikh", "emir", "sultan", "father", "son", "brother", "husband",
    "businessman", "spokesman", "chairman", "congressman", "councilman", "man", "boy", "uncle", "grandfather",
    "nephew", "duke", "pope", "cardinal", "monk", "actor", "mullah",
})  # fmt: skip
_FEMALE_CUES = frozenset({
    "mrs", "ms", "miss", "lady", "dame", "queen", "princess", "mother", "daughter", "sister", "wife",
    "businesswoman", "spokeswoman", "chairwoman", "congresswoman", "councilwoman", "woman", "girl", "aunt",
    "grandmother", "niece", "duchess", "actress", "nun", "widow",
})  # fmt: skip
# Two or more capitalised words: a name the text uses, perhaps a person parley does not know.
_NAME_RUN = re.compile(r"\b[A-Z][a-z'\u2019]+(?:[ -](?:(?:al|bin|de|van|von|el)[ -])?[A-Z][a-z'\u2019]+)+\b")
_NOT_NAMES = frozenset({
    "the", "a", "an", "in", "on", "at", "last", "this", "next", "but", "and", "for", "after", "before", "when",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip


class Reference(Protocol):
    @property
    def principal(self) -> str | None: ...
    @property
    def agent(self) -> str | None: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class PersonMention:
    """A person the text named (or referred to by a pronoun resolved to them)."""

    ref: Reference | None  # None: a person parley cannot place
    key: str  # what tells people apart: a knowledge-base id, else the surname
    gender: str | None  # "m", "f" or unknown
    sent: int  # sentence index
    token: int  # token index in its sentence (-1 when the sentence was not parsed)
    subject: bool = False


def pronoun_gender(word: str) -> str | None:
    lower = word.lower()
    return "m" if lower in MALE_PRONOUNS else "f" if lower in FEMALE_PRONOUNS else None


def gender_cue(words: Sequence[str]) -> str | None:
    """The gender the words before or around a name tell ("Mr.", "Queen", "spokeswoman"), if any,
    else the gender of a given name among them ("Mark" Ruffalo, "Angela" Merkel)."""
    for word in words:
        lower = word.lower().rstrip(".")
        if lower in _MALE_CUES:
            return "m"
        if lower in _FEMALE_CUES:
            return "f"
    for word in reversed(words):  # the name's own first name, nearest its surname
        if word[:1].isupper():
            gender = given_name_gender(word)
            if gender is not None:
                return gender
    return None


def choose(history: Sequence[PersonMention], sent: int, pronoun: str, is_subject: bool) -> PersonMention | None:
    """The person a he/she pronoun in sentence ``sent`` refers to, or None when it is not safe.

    ``history`` is every person mention before the pronoun, oldest first.
    """
    gender = pronoun_gender(pronoun)
    if gender is None:
        return None
    known: dict[str, str] = {}
    for p in history:
        if p.gender is not None:
            known[p.key] = p.gender
    seen: set[str] = set()
    candidates: list[PersonMention] = []
    for p in reversed(history):
        if sent - p.sent > WINDOW or p.key in seen:
            continue
        seen.add(p.key)
        if known.get(p.key, gender) == gender:
            candidates.append(p)
    if len(candidates) == 1:
        return candidates[0]
    if is_subject:
        # Salience: a subject pronoun continues the subject of the sentence before, or of its own
        # sentence ("Kim met Moon on Monday. He said ..."), when that subject is one person.
        for back in (0, 1):
            subjects = [c for c in candidates if c.subject and c.sent == sent - back]
            if subjects:
                return subjects[0] if len({c.key for c in subjects}) == 1 else _shared_state(subjects)
    return _shared_state(candidates)


@dataclass(frozen=True)
class StateOnly:
    """What a pronoun refers to when every person it may mean acts for one state: that state, and
    no person ("Ri Jong Chol ... Kim Jong Nam ... He died": North Korea's, whichever of the two)."""

    principal: str
    via: str
    agent: str | None = None
    text: str = ""


def _shared_state(candidates: Sequence[PersonMention]) -> PersonMention | None:
    """The candidates' one state as the referent, when all of them are placed and in it; else None."""
    refs = [c.ref for c in candidates]
    principals = {getattr(r, "principal", None) for r in refs}
    if len(principals) != 1 or None in principals:
        return None
    principal = next(iter(principals))
    assert principal is not None
    # A state the story placed someone in is the story's guess; the pronoun inherits it as such.
    via = "story" if any(getattr(r, "via", None) == "story" for r in refs) else "coref"
    return replace(candidates[0], ref=StateOnly(principal, via), key=f"state:{principal}")


def as_pronoun_mention(chosen: PersonMention, pronoun: str, sent: int, token: int, subject: bool) -> PersonMention:
    """The pronoun as a mention of the same person, so that a chain of "he"s stays with them."""
    return replace(chosen, gender=pronoun_gender(pronoun), sent=sent, token=token, subject=subject)


def unknown_names(text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Runs of capitalised words outside the known names: people parley may not know.

    Used in sentences that were not parsed, so that a pronoun after "Hatice Cengiz said" is not given
    to a person named earlier.
    """
    out = []
    for m in _NAME_RUN.finditer(text):
        start, words = m.start(), m.group().split()
        while words and words[0].lower() in _NOT_NAMES:
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2 or any(a < m.end() and start < b for a, b in covered):
            continue
        out.append((start, m.end(), " ".join(words)))
    return out
