"""Convert the CAMEO verb dictionary (PETRARCH2) into parley's verb lexicon, mapped to PLOVER.

Reads ``../shared/dictionaries/petrarch2/CAMEO.2.0.txt`` (MIT, Open Event Data Alliance) and the
official ``../shared/dictionaries/plover/CAMEO2PLOVER-2021.txt`` (CC BY-SA 4.0), and writes
``src/parley/kb/data/cameo_verbs.json``:

- ``verbs``: every verb form (lower case; multi-word verbs with spaces, e.g. "call off") ->
  [its synonym block, its own CAMEO code or null];
- ``blocks``: block -> {"code": the block's default code or null, "patterns": [[pre, post, code]]},
  where ``pre`` and ``post`` are lists of words or phrases required before and after the verb
  (prepositional phrases as "prep noun", synonym sets expanded to their members' list index);
  a pattern the dictionary marks as no event ("CRASH * VICTIM [---]") has the code "---";
- ``synsets``: name -> list of phrases;
- ``plover``: CAMEO code -> [PLOVER type, mode or null] for every code the lexicon uses.

Both licence notices are kept in the output. Run from the repository root:

    python scripts/convert_cameo_verbs.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/parley/kb/data/cameo_verbs.json"

LICENCE = (
    "Derived from the CAMEO verb dictionary of PETRARCH2 (CAMEO.2.0.txt), The MIT License (MIT), "
    "Copyright (c) 2015 Open Event Data Alliance: Permission is hereby granted, free of charge, to any person "
    "obtaining a copy of this software and associated documentation files (the 'Software'), to deal in the "
    "Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, "
    "distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is "
    "furnished to do so, subject to the following conditions: The above copyright notice and this permission "
    "notice shall be included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "
    "'AS IS', WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED. -- The 'plover' table is derived from the "
    "CAMEO-to-PLOVER conversion table (CAMEO2PLOVER-2021.txt, PLOVER manual draft 0.8), Copyright Open Event "
    "Data Alliance, licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); this derived table "
    "is shared under the same licence."
)

_CODE = re.compile(r"\[([0-9A-Fa-f-]{2,4})(?::[0-9A-Fa-f-]+)?\]")


def read_plover_table(path: Path) -> dict[str, tuple[str, str | None]]:
    table: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*,?\s*([^,#]*)", line)
        if not m:
            continue
        mode = m.group(3).strip() or None
        table[m.group(1)] = (m.group(2), mode)
    return table


def plover_of(code: str, table: dict[str, tuple[str, str | None]]) -> tuple[str, str | None] | None:
    """A CAMEO code's PLOVER type: the table's row, else its nearest ancestor's; 02x (appeal) is REQUEST."""
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    if code.startswith("02"):
        return ("REQUEST", None)  # PLOVER merges CAMEO's appeals into REQUEST
    return None  # 01 (public statements) and unknown codes: no PLOVER event


def _code(text: str) -> str | None:
    m = _CODE.search(text)
    if not m or m.group(1).startswith("-"):
        return None
    return m.group(1)


def _words(phrase: str) -> str:
    return " ".join(w for w in phrase.replace("_", " ").replace("+", "").lower().split())


def _forms(line: str) -> list[str]:
    """The verb forms of a block line: the primary form and any irregular forms in braces."""
    body = line.split("#", 1)[0]
    body = _CODE.sub("", body)
    body = re.sub(r"\[[^\]]*\]", "", body)
    irregular = re.findall(r"\{([^}]*)\}", body)
    primary = re.sub(r"\{[^}]*\}", "", body).strip()
    forms = [primary] if primary else []
    for group in irregular:
        forms.extend(group.split())
    return [_words(f) for f in forms if _words(f)]


def _regular(verb: str) -> list[str]:
    """Regular inflections of the verb word (the last word, or the first of a particle verb)."""
    words = verb.split()
    head_i = 0
    head = words[head_i]
    if head.endswith("e"):
        forms = [head + "s", head + "d", head[:-1] + "ing"]
    elif head.endswith("y") and len(head) > 2 and head[-2] not in "aeiou":
        forms = [head[:-1] + "ies", head[:-1] + "ied", head + "ing"]
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms = [head + "es", head + "ed", head + "ing"]
    else:
        forms = [head + "s", head + "ed", head + "ing"]
    return [" ".join([f, *words[1:]]) for f in forms]


def _pattern_parts(tokens: str) -> list[str]:
    """Tokens of one side of a pattern: words, {phrases}, (prep noun), &SYNSETS; markers dropped."""
    parts: list[str] = []
    for m in re.finditer(r"\(([^()]*)\)|\{([^}]*)\}|(&[A-Z_0-9]+)|([A-Za-z][A-Za-z_'\-]*)", tokens):
        prep, phrase, synset, word = m.groups()
        if prep is not None:
            parts.append(_words(prep.replace("{", "").replace("}", "")))
        elif phrase is not None:
            parts.append(_words(phrase))
        elif synset is not None:
            parts.append(synset)
        elif word is not None:
            parts.append(_words(word))
    return [p for p in parts if p]


def convert(dictionary: Path, table_path: Path) -> dict[str, object]:
    table = read_plover_table(table_path)
    synsets: dict[str, list[str]] = {}
    verbs: dict[str, list[str | None]] = {}
    blocks: dict[str, dict[str, object]] = {}
    lines = dictionary.read_text(encoding="utf-8", errors="replace").splitlines()
    block: str | None = None
    current_synset: str | None = None
    used: set[str] = set()
    in_patterns = False
    for raw in lines:
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            current_synset = None
            continue
        if not in_patterns:
            if line.startswith("&"):
                current_synset = line.split()[0].rstrip("_")
                synsets[current_synset] = []
            elif line.startswith("+") and current_synset:
                synsets[current_synset].append(_words(line.split("#", 1)[0]))
            continue
        if line.startswith("---"):
            m = re.match(r"---\s+(.*?)\s+(\[[^\]]*\])\s+---", line)
            name = (m.group(1) if m else line.strip("- ")).strip()
            block = name
            code = _code(m.group(2)) if m else None
            blocks[block] = {"code": code, "patterns": []}
            if code:
                used.add(code)
            continue
        if block is None or line.startswith("~"):
            continue
        if line.startswith("-"):
            code = _code(line) or ("---" if "[---]" in line else None)
            body = _CODE.sub("", line[1:].split("#", 1)[0])
            body = re.sub(r"\[[^\]]*\]", "", body)
            if "*" not in body or code is None:
                continue
            pre, post = body.split("*", 1)
            patterns = blocks[block]["patterns"]
            assert isinstance(patterns, list)
            patterns.append([_pattern_parts(pre), _pattern_parts(post), code])
            used.add(code)
            continue
        own = _code(line)
        if own:
            used.add(own)
        forms = _forms(line)
        if not forms:
            continue
        has_irregular = "{" in line
        all_forms = forms if has_irregular else forms + _regular(forms[0])
        for form in all_forms:
            verbs.setdefault(form, [block, own])
    plover = {}
    for code in sorted(used):
        mapped = plover_of(code, table)
        plover[code] = list(mapped) if mapped else None
    return {"licence": LICENCE, "verbs": verbs, "blocks": blocks, "synsets": synsets, "plover": plover}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = convert(
        args.shared / "dictionaries/petrarch2/CAMEO.2.0.txt",
        args.shared / "dictionaries/plover/CAMEO2PLOVER-2021.txt",
    )
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    blocks = data["blocks"]
    assert isinstance(blocks, dict)
    n_patterns = sum(len(b["patterns"]) for b in blocks.values())
    print(f"{len(data['verbs'])} verb forms, {len(blocks)} blocks, {n_patterns} patterns -> {args.out}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
