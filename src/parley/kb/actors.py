"""The actor knowledge base: states, organs, international bodies, media and people.

Everything is read from the YAML files in ``kb/data`` (plus pycountry for the
full list of states) and from any extension files a user passes in. An
extension file has the same shape as the packaged files::

    actors:
      - {id: FRE-MIN, name: Freedonian Foreign Ministry, kind: ministry,
         country: FRE, aliases: [Freedonian Foreign Ministry]}
    people:
      - {id: P-RUFUS, name: Rufus T. Firefly, aliases: [Firefly],
         roles: [{title: President, of: FRE, start: 1933-01-01, end: null}]}
    countries:
      FRE: {name: Freedonia, aliases: [Freedonia], demonyms: [Freedonian]}
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import pickle
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

from parley.cache import cache_path, paused_gc, read_cache, write_cache
from parley.kb.yamlfile import load_yaml

STATE = "state"
PERSON = "person"
IGO_KINDS = frozenset({"igo", "igo_organ"})


class KnowledgeBaseError(ValueError):
    """A knowledge-base file is malformed; the message names the file and entry."""


@dataclass(frozen=True)
class Role:
    title: str
    of: str  # actor id the role acts for
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Alias:
    text: str
    actor_id: str
    how: str  # alias | demonym | metonym | context
    case_sensitive: bool
    when: tuple[str, ...] = ()  # context aliases: only if one of these actors is named


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str | None = None
    parent: str | None = None
    roles: tuple[Role, ...] = ()


@dataclass
class ActorKB:
    actors: dict[str, Actor] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    generic_organs: dict[str, list[str]] = field(default_factory=dict)
    unnamed_groups: set[str] = field(default_factory=set)
    # Names a state shares with a part of another ("Georgia", the US state): name -> {story state: actor}.
    shared_names: dict[str, dict[str, str]] = field(default_factory=dict)
    # former name (as written) -> (actor id, last day it was current)
    former_names: dict[str, tuple[str, dt.date | None]] = field(default_factory=dict)
    # Former names still in common English usage ("Turkey", "Burma"): using one is no finding.
    still_common: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)
    # Names from the Phoenix dictionaries, matched by token look-up (parley.kb.phoenix):
    # lower-case tokens joined by spaces -> (actor ids, how).
    keyed: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    _organs: dict[tuple[str, str], list[str]] | None = field(default=None, repr=False)
    _alias_texts: dict[str, list[str]] | None = field(default=None, repr=False)
    # What the knowledge base was built from (load_kb: a digest of its files and settings), so what is
    # made from it can be cached on disk; None for a knowledge base built or changed by hand.
    fingerprint: str | None = field(default=None, repr=False, compare=False)

    # ---- lookups -------------------------------------------------------
    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def name(self, actor_id: str | None) -> str:
        if actor_id is None:
            return ""
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def label(self, actor: str | None, default: str = "unattributed") -> str:
        """Readable name for an actor id, a generic organ ("PRK:state_media") or an outlet ("outlet:...")."""
        if not actor:
            return default
        if actor.startswith(("outlet:", "agency:")):
            return actor.split(":", 1)[1]
        if ":" in actor:
            principal, organ = actor.split(":", 1)
            return f"{self.name(principal)} {organ.replace('_', ' ')}"
        return self.name(actor)

    def is_person(self, actor_id: str) -> bool:
        actor = self.actors.get(actor_id)
        return actor is not None and actor.kind == PERSON

    def is_state(self, actor_id: str) -> bool:
        actor = self.actors.get(actor_id)
        return actor is not None and actor.kind == STATE

    def role_on(self, actor_id: str, day: dt.date | None) -> Role | None:
        """The role a person held on ``day``; with no day, the latest role."""
        actor = self.actors.get(actor_id)
        if actor is None or not actor.roles:
            return None
        if day is None:
            return max(actor.roles, key=lambda r: r.start or dt.date.min)
        for role in actor.roles:
            if role.covers(day):
                return role
        return None

    def nearest_role(self, actor_id: str, day: dt.date | None) -> Role | None:
        """The role on ``day`` or, failing that, the one closest in time."""
        role = self.role_on(actor_id, day)
        actor = self.actors.get(actor_id)
        if role is not None or actor is None or not actor.roles or day is None:
            return role

        def distance(r: Role) -> int:
            if r.end is not None and day > r.end:
                return (day - r.end).days
            if r.start is not None and day < r.start:
                return (r.start - day).days
            return 0

        return min(actor.roles, key=distance)

    def principal(self, actor_id: str | None, day: dt.date | None = None) -> str | None:
        """The state or international body an actor acts for (events aggregate to it)."""
        seen: set[str] = set()
        current = actor_id
        while current is not None and current not in seen:
            seen.add(current)
            actor = self.actors.get(current)
            if actor is None:
                return current
            if actor.kind == STATE:
                return actor.id
            if actor.kind == PERSON:
                role = self.nearest_role(actor.id, day)
                current = role.of if role else None
                continue
            if actor.kind in IGO_KINDS:
                if actor.parent and self.actors.get(actor.parent, actor).kind in IGO_KINDS:
                    current = actor.parent
                    continue
                return actor.id
            if actor.kind == "group" and not (actor.country or actor.parent):
                return actor.id  # a transnational network acts for itself ("GRP-ALQAEDA")
            current = actor.country or actor.parent
        return current

    def mention_principal(self, actor_id: str, day: dt.date | None = None) -> str | None:
        """The state or body a mention's actor id acts for, generic organs ("NGA:police" -> "NGA")
        included; a news outlet ("outlet:...") acts for none."""
        if actor_id.startswith("outlet:"):
            return None
        if ":" in actor_id:
            return actor_id.split(":", 1)[0]
        return self.principal(actor_id, day) or actor_id

    def alias_texts(self, actor_id: str) -> list[str]:
        """The names an actor is matched by (indexed on first use)."""
        if self._alias_texts is None:
            index: dict[str, list[str]] = {}
            for alias in self.aliases:
                index.setdefault(alias.actor_id, []).append(alias.text)
            self._alias_texts = index
        return self._alias_texts.get(actor_id, [])

    def organs(self, country: str, kind: str) -> list[str]:
        """Ids of the actors of one kind that act for ``country`` (indexed on first use)."""
        if self._organs is None:
            index: dict[tuple[str, str], list[str]] = {}
            for actor in self.actors.values():
                if actor.country and actor.kind not in (STATE, PERSON):
                    index.setdefault((actor.country, actor.kind), []).append(actor.id)
            self._organs = index
        return self._organs.get((country, kind), [])

    def actor_id(self, text: str) -> tuple[str | None, list[Actor]]:
        """An id ("PRK") or a name ("North Korea", "Pyongyang") -> (the actor id, or None with the
        candidates it could be)."""
        if text in self.actors or ":" in text:
            return text, []
        exact = [a for a in self.aliases if a.text.lower() == text.lower()]
        if exact:
            return exact[0].actor_id, []
        found = self.search(text)
        return (found[0].id, []) if len(found) == 1 else (None, found)

    def search(self, text: str) -> list[Actor]:
        needle = text.lower()
        ids = {a.actor_id for a in self.aliases if needle in a.text.lower()}
        ids |= {a.id for a in self.actors.values() if needle in a.name.lower() or needle == a.id.lower()}
        return sorted((self.actors[i] for i in ids if i in self.actors), key=lambda a: a.id)

    # ---- building ------------------------------------------------------
    def add_actor(self, actor: Actor, aliases: Iterable[str] = (), cased: Iterable[str] = ()) -> None:
        self.actors[actor.id] = actor
        for text in aliases:
            self.aliases.append(Alias(text, actor.id, "alias", _needs_case(text)))
            if _needs_case(text) and text[:1].islower():
                # "al-Qaeda" opens a sentence as "Al-Qaeda": a one-word alias matches by case.
                self.aliases.append(Alias(text[0].upper() + text[1:], actor.id, "alias", True))
        for text in cased:
            self.aliases.append(Alias(text, actor.id, "alias", True))

    def extend_from_mapping(self, data: dict[str, Any], origin: str) -> None:
        """Add the ``countries``, ``actors``/``organizations`` and ``people`` sections of one file."""
        if not isinstance(data, dict):
            raise KnowledgeBaseError(f"{origin}: expected a mapping at the top level")
        for code, entry in (data.get("countries") or {}).items():
            self._add_country_entry(str(code), entry or {}, origin)
        for code, names in (data.get("places") or {}).items():
            for text in names or []:
                # Cities and regions: "protesters in Lagos" are Nigeria's, "curfew in Darfur" is in Sudan.
                self.aliases.append(Alias(str(text), str(code), "place", _needs_case(str(text))))
        for entry in list(data.get("organizations") or []) + list(data.get("actors") or []):
            self._add_org_entry(entry, origin)
        for entry in data.get("people") or []:
            self._add_person_entry(entry, origin)
        self._add_leader_rows(data.get("leaders") or [], origin)
        for kind, phrases in (data.get("generic_organs") or {}).items():
            self.generic_organs.setdefault(kind, []).extend(phrases)
        self.unnamed_groups.update(str(w).lower() for w in data.get("unnamed_groups") or [])
        for name, by_story in (data.get("shared_names") or {}).items():
            self.shared_names.setdefault(str(name), {}).update({str(k): str(v) for k, v in by_story.items()})
        self.sources.append(origin)

    def _add_country_entry(self, code: str, entry: dict[str, Any], origin: str) -> None:
        if code not in self.actors:
            name = entry.get("name") or code
            self.actors[code] = Actor(id=code, name=name, kind=STATE, country=code)
            self.aliases.append(Alias(name, code, "alias", _needs_case(name)))
        for text in entry.get("aliases") or []:
            self.aliases.append(Alias(text, code, "alias", _needs_case(text)))
        for item in entry.get("former_names") or []:
            name = str(item["name"])
            self.former_names[name] = (code, _as_date(item.get("until")))
            if item.get("common"):
                self.still_common.add(name)
            how = "metonym" if item.get("kind") == "capital" else "alias"
            self.aliases.append(Alias(name, code, how, _needs_case(name)))
        demonyms = [str(t) for t in entry.get("demonyms") or []]
        for text in demonyms:
            self.aliases.append(Alias(text, code, "demonym", True))
            # "Ghanaian" -> "Ghanaians", "Iraqi" -> "Iraqis": people of the country ("refused entry to Ghanaians").
            plural = text + "s"
            if text.endswith(("an", "i")) and plural not in demonyms:
                self.aliases.append(Alias(plural, code, "demonym", True))
            if not text.endswith("s"):
                # "Vietnamese-led forces", "Saudi-led coalition": the leading state acts.
                self.aliases.append(Alias(text + "-led", code, "demonym", True))
        for text in entry.get("capitals") or []:
            self.aliases.append(Alias(text, code, "metonym", True))
        self._add_context_aliases(entry, code, origin)

    def _add_context_aliases(self, entry: Any, code: str, origin: str) -> None:
        """Names that stand for the actor only where the text also names one of ``when``: "the North"
        (Korea), "Democrats" (the United States' party; other states' Democrats are other parties)."""
        for item in entry.get("context_aliases") or []:
            try:
                self.aliases.append(Alias(item["alias"], code, "context", True, tuple(item["when"])))
            except (KeyError, TypeError) as exc:
                raise KnowledgeBaseError(f"{origin}: bad context alias for {code}: {item!r}") from exc

    def _add_org_entry(self, entry: Any, origin: str) -> None:
        try:
            actor = Actor(
                id=str(entry["id"]),
                name=str(entry["name"]),
                kind=str(entry.get("kind", "organization")),
                country=entry.get("country"),
                parent=entry.get("parent"),
            )
        except (KeyError, TypeError) as exc:
            raise KnowledgeBaseError(f"{origin}: actor entry needs id and name: {entry!r}") from exc
        # Without an ``aliases`` list the name is one; ``aliases: []`` means the cased ones only
        # (a magazine called "The Atlantic" must not match the ocean).
        if "aliases" in entry:
            aliases = list(entry["aliases"] or [])
        else:
            aliases = [] if entry.get("context_aliases") else [actor.name]
        self.add_actor(actor, aliases, entry.get("aliases_cased") or [])
        self._add_context_aliases(entry, actor.id, origin)

    def _add_person_entry(self, entry: Any, origin: str) -> None:
        try:
            roles = tuple(
                Role(str(r["title"]), str(r["of"]), _as_date(r.get("start")), _as_date(r.get("end")))
                for r in entry.get("roles") or []
            )
            actor = Actor(id=str(entry["id"]), name=str(entry["name"]), kind=PERSON, roles=roles)
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeBaseError(f"{origin}: person entry malformed: {entry!r} ({exc})") from exc
        aliases = list(entry.get("aliases") or [actor.name])
        self.add_actor(actor, aliases, entry.get("aliases_cased") or [])

    def _add_leader_rows(self, rows: list[Any], origin: str) -> None:
        """Compact rows ``[name, [other names], title, of, start, end]``; one person may have several."""
        people: dict[str, tuple[list[str], list[Role]]] = {}
        for row in rows:
            try:
                name, others, title, of, start, end = row
                role = Role(str(title), str(of), _as_date(start), _as_date(end))
            except (TypeError, ValueError) as exc:
                raise KnowledgeBaseError(f"{origin}: leader row malformed: {row!r} ({exc})") from exc
            names, roles = people.setdefault(str(name), ([], []))
            names.extend(str(o) for o in others or [] if str(o) not in names)
            roles.append(role)
        for name, (others, roles) in people.items():
            actor_id = "P-" + re.sub(r"[^A-Z0-9]+", "-", _ascii(name).upper()).strip("-")
            if actor_id in self.actors:
                raise KnowledgeBaseError(f"{origin}: {name} is already in the knowledge base as {actor_id}")
            actor = Actor(
                id=actor_id, name=name, kind=PERSON, roles=tuple(sorted(roles, key=lambda r: r.start or dt.date.min))
            )
            self.add_actor(actor, [name, *others])


# Letters NFKD does not take apart: "Kalın", "Wałęsa", "Støre", "Đukanović".
_ASCII_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                                "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"})  # fmt: skip


def _ascii(name: str) -> str:
    """A name in ASCII letters, for ids: "İbrahim Kalın" -> "Ibrahim Kalin"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_ASCII_LETTERS))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _needs_case(text: str) -> bool:
    """One-word aliases match case-sensitively: "US" must not match "us"."""
    return len(text.split()) == 1


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _pycountry_states() -> Iterator[tuple[str, str, list[str]]]:
    for country in pycountry.countries:
        names = [country.name]
        for attr in ("official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.append(value)
        usable = [n for n in names if "," not in n and "(" not in n]
        display = getattr(country, "common_name", None) or (usable[0] if usable else country.name)
        yield country.alpha_3, display, usable


def _read_yaml(path: Path | Any, origin: str) -> dict[str, Any]:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{origin}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise KnowledgeBaseError(f"{origin}: cannot read: {exc}") from exc
    return data or {}


def extension_paths_from_env() -> tuple[str, ...]:
    """Extra actor files named in PARLEY_ACTORS (os.pathsep-separated)."""
    value = os.environ.get("PARLEY_ACTORS", "")
    return tuple(p for p in value.split(os.pathsep) if p)


def load_kb(extra_files: Iterable[str | Path] = ()) -> ActorKB:
    """The packaged knowledge base plus the given extension files (and PARLEY_ACTORS)."""
    files = tuple(str(f) for f in extra_files) + extension_paths_from_env()
    return _load_kb_cached(files)


_CACHED_KBS = 4  # knowledge-base cache files kept (8 MB each): the packaged one and a few with extensions


@lru_cache(maxsize=8)
def _load_kb_cached(extra_files: tuple[str, ...]) -> ActorKB:
    """Built from its files, or read from the on-disk cache when it was built from the same files
    (reading the YAML and the Phoenix names took a quarter of every command's start-up)."""
    phoenix = os.environ.get("PARLEY_PHOENIX", "1") != "0"
    try:
        fingerprint = _fingerprint(extra_files, phoenix)
    except OSError:  # an extension file that cannot be read: the build says which, and why
        fingerprint = None
    path = cache_path("kb", fingerprint, ".pickle") if fingerprint else None
    kb = _read_cached_kb(read_cache(path), fingerprint)
    if kb is None:
        kb = build_kb(extra_files, phoenix=phoenix)
        kb.fingerprint = fingerprint or _fingerprint(extra_files, phoenix)
        if path is not None:
            write_cache(path, pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL), keep=_CACHED_KBS)
    return kb


class _KBUnpickler(pickle.Unpickler):
    """Reads back only what a knowledge base is made of: a cache file that holds anything else
    (another program's, or one tampered with) is refused, not run."""

    _ALLOWED = frozenset(
        {("parley.kb.actors", n) for n in ("ActorKB", "Actor", "Alias", "Role")} | {("datetime", "date")}
    )

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self._ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a knowledge base")
        return super().find_class(module, name)


def _read_cached_kb(data: bytes | None, fingerprint: str | None) -> ActorKB | None:
    if data is None:
        return None
    try:
        with paused_gc():
            kb = _KBUnpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a cache file that cannot be read back is made again
        return None
    return kb if isinstance(kb, ActorKB) and kb.fingerprint == fingerprint else None


# The curated files, in the order they load: states, bodies, people with rich entries, heads of
# state and government, then other officials (ministers, legislators, envoys, ...) in leaders.yaml's
# compact rows.
_CURATED_FILES = (
    "countries.yaml",
    "organizations.yaml",
    "parties.yaml",
    "people.yaml",
    "leaders.yaml",
    "officials.yaml",
)
_KB_FILES = (*_CURATED_FILES, "phoenix_actors.json.gz")


def _fingerprint(extra_files: tuple[str, ...], phoenix: bool) -> str:
    """A digest of everything a loaded knowledge base is made from: the packaged files, the
    extension files, pycountry's version, the settings, parley's version and the class's layout."""
    from parley import __version__

    digest = hashlib.sha256(f"{__version__}|{pycountry.__version__}|{phoenix}|{sys.version}".encode())
    # The class's fields: a knowledge base pickled before one was added is not read back without it.
    digest.update(",".join(f.name for f in fields(ActorKB)).encode())
    data_dir = resources.files("parley.kb") / "data"
    for name in _KB_FILES:
        digest.update(name.encode() + b"\0" + (data_dir / name).read_bytes() + b"\0")
    for path in extra_files:
        digest.update(str(path).encode() + b"\0" + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()


def build_kb(extra_files: tuple[str, ...] = (), phoenix: bool = True) -> ActorKB:
    """A new knowledge base (not cached): the packaged files, the extension files and, below them,
    the Phoenix dictionaries' people and bodies (``PARLEY_PHOENIX=0`` leaves them out)."""
    with paused_gc():
        return _build_kb(extra_files, phoenix)


def _build_kb(extra_files: tuple[str, ...], phoenix: bool) -> ActorKB:
    kb = ActorKB()
    packaged = {}
    data_dir = resources.files("parley.kb") / "data"
    for name in _CURATED_FILES:
        packaged[name] = _read_yaml(data_dir / name, f"parley/kb/data/{name}")

    extra_countries = packaged["countries.yaml"].get("countries") or {}
    for code, display, names in _pycountry_states():
        override = (extra_countries.get(code) or {}).get("name")
        kb.actors[code] = Actor(id=code, name=override or display, kind=STATE, country=code)
        for name in names:
            kb.aliases.append(Alias(name, code, "alias", _needs_case(name)))
    for name, data in packaged.items():
        kb.extend_from_mapping(data, f"parley/kb/data/{name}")
    for path in extra_files:
        p = Path(path)
        if not p.is_file():
            raise KnowledgeBaseError(f"{path}: actor file not found")
        kb.extend_from_mapping(_read_yaml(p, str(path)), str(path))
    if phoenix:
        from parley.kb.phoenix import add_phoenix  # the layer below the curated files

        add_phoenix(kb)
    return kb


@lru_cache(maxsize=1)
def _legacy_codes() -> dict[str, str]:
    data = _read_yaml(resources.files("parley.kb") / "data" / "countries.yaml", "parley/kb/data/countries.yaml")
    return {str(k): str(v) for k, v in (data.get("legacy_codes") or {}).items()}


def iso_code(code: str | None) -> str | None:
    """A country code as parley writes it: CAMEO-era codes (JAP, ITL, VTN) become ISO alpha-3."""
    if not code:
        return None
    code = code.strip().upper()
    return _legacy_codes().get(code, code)
