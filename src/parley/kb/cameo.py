"""CAMEO codes beside PLOVER types, from the field's verb dictionary.

``data/cameo_verbs.json`` is converted from the PETRARCH2 CAMEO verb dictionary (MIT) and the
official CAMEO-to-PLOVER table (CC BY-SA 4.0) by ``scripts/convert_cameo_verbs.py``; the
licence notices travel in the file. A verb's synonym block holds patterns ("RUSH * AID" ->
070); the most specific pattern whose words all occur after the verb wins, else the verb's own
code, else the block's. A code is used only if the official table maps it to the event's PLOVER
type; otherwise the event gets its type's generic CAMEO code (ASSAULT -> 190), so GDELT and
ICEWS users can always read the column. A pattern whose code the table leaves out of PLOVER
(CAMEO's public statements: "decline * comment", "plead * {not guilty}"), or that the dictionary
marks as no event ([---], kept as the code "---"), tells the coder that the verb states rather than acts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

# The generic CAMEO code of each PLOVER type (the root the official table maps to it).
GENERIC: dict[str, str] = {
    "AGREE": "030",
    "CONSULT": "040",
    "SUPPORT": "050",
    "COOPERATE": "060",
    "AID": "070",
    "CONCEDE": "080",
    "RETREAT": "084",
    "REQUEST": "100",
    "ACCUSE": "110",
    "REJECT": "120",
    "THREATEN": "130",
    "PROTEST": "140",
    "MOBILIZE": "150",
    "SANCTION": "160",
    "COERCE": "170",
    "ASSAULT": "190",
}


@dataclass(frozen=True)
class CameoLexicon:
    verbs: dict[str, list[str | None]]
    blocks: dict[str, dict[str, Any]]
    synsets: dict[str, list[str]]
    plover: dict[str, list[str | None] | None]

    def plover_type(self, code: str | None) -> str | None:
        mapped = self.plover.get(code) if code else None
        return str(mapped[0]) if mapped else None

    def _present(self, part: str, text: str) -> bool:
        """Whether one of the part's phrases (a synset's, or the part itself) occurs in ``text``."""
        # A phrase's pattern only matches where each of its words occurs, so one word (its longest)
        # is enough to skip the pattern where it cannot match (most texts, most phrases).
        return any(key in text and _phrase_pattern(phrase).search(text) for key, phrase in self._checks(part))

    @cached_property
    def _part_checks(self) -> dict[str, tuple[tuple[str, str], ...]]:
        return {}

    def _checks(self, part: str) -> tuple[tuple[str, str], ...]:
        """(a word the phrase needs, the phrase) of each phrase a pattern part stands for."""
        found = self._part_checks.get(part)
        if found is None:
            phrases = self.synsets.get(part, []) if part.startswith("&") else [part]
            found = tuple((max(words, key=len), phrase) for phrase in phrases if (words := phrase.split()))
            self._part_checks[part] = found
        return found

    @cached_property
    def _block_patterns(self) -> dict[str, tuple[tuple[int, str, tuple[str, ...]], ...]]:
        """Per block, its patterns that need words after the verb: (weight, code, parts)."""
        return {
            name: tuple(
                (sum(len(p.split()) for p in post), code, tuple(post))
                for _pre, post, code in block.get("patterns", [])
                if post
            )
            for name, block in self.blocks.items()
        }

    def readings(self, verb: str, following: str = "") -> tuple[list[str], list[tuple[int, str]]]:
        """What the dictionary says of ``verb``: its own and its block's codes, and the codes of the
        patterns whose words all occur in ``following`` with their weight (words required)."""
        entry = self.verbs.get(verb.lower())
        if entry is None:
            return [], []
        block_name, own = entry
        block = self.blocks.get(str(block_name), {})
        defaults = [str(code) for code in (own, block.get("code")) if code]
        text = following.lower()
        if not text:
            return defaults, []  # every part needs a word, and an empty text has none
        seen: dict[str, bool] = {}
        matched = []
        for weight, code, parts in self._block_patterns.get(str(block_name), ()):
            for part in parts:
                present = seen.get(part)
                if present is None:
                    present = seen[part] = self._present(part, text)
                if not present:
                    break
            else:
                matched.append((weight, code))
        return defaults, matched

    def statement_code(self, verb: str, following: str) -> str | None:
        """The code of the dictionary's most specific pattern for ``verb`` with ``following`` words
        when it is one the official table leaves out of PLOVER (CAMEO's public statements: "decline *
        comment" 011, "plead * {not guilty}" 016) or one it marks as no event ("crash * victim" [---],
        the code "---"): the verb states something, or does no act between actors. Else None."""
        _, matched = self.readings(verb, following)
        if not matched:
            return None
        weight = max(w for w, _ in matched)
        best = sorted(c for w, c in matched if w == weight)  # "---", then the most general statement
        if any(c not in self.plover or self.plover[c] is not None for c in best):
            return None
        return best[0]

    def code_for(self, event_type: str, verb: str, following: str = "") -> str:
        """The CAMEO code of an event of ``event_type`` triggered by ``verb`` with ``following`` words:
        the most specific matching pattern of that type, else the verb's own or its block's code."""
        defaults, matched = self.readings(verb, following)
        best: tuple[int, str] | None = None
        for weight, code in matched:
            if self.plover_type(code) == event_type and (best is None or weight > best[0]):
                best = (weight, code)
        if best is not None:
            return best[1]
        return next((code for code in defaults if self.plover_type(code) == event_type), GENERIC.get(event_type, ""))


@cache
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Pattern words are heads: up to two modifiers may stand between them ("to the border")."""
    gap = r"\W+(?:[\w'-]+\W+){0,2}"
    return re.compile(r"\b" + gap.join(re.escape(w) for w in phrase.split()) + r"(?:s|es)?\b")


@lru_cache(maxsize=1)
def load_cameo_lexicon() -> CameoLexicon:
    path = resources.files("parley.kb") / "data" / "cameo_verbs.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return CameoLexicon(verbs=data["verbs"], blocks=data["blocks"], synsets=data["synsets"], plover=data["plover"])
