"""The usual gender of given names (``kb/data/given_names.yaml``), so that "she" never goes to
"Mark Ruffalo" nor "he" to "Angela Merkel". Names borne by both men and women in some region
("Jean", "Andrea", "Kim") are not listed: their bearers' gender stays unknown."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from parley.kb.yamlfile import load_yaml


@lru_cache(maxsize=1)
def _genders() -> dict[str, str]:
    path = resources.files("parley.kb") / "data" / "given_names.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    out = {str(name).lower(): "m" for name in data.get("male", [])}
    out.update({str(name).lower(): "f" for name in data.get("female", [])})
    return out


def given_name_gender(word: str) -> str | None:
    """ "m", "f", or None for a word that is no listed given name."""
    return _genders().get(word.lower())
