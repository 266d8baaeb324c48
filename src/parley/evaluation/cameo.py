"""Adapter: CAMEO-coded sentence sets, such as the PETRARCH unit-test records.

Records are ``<Sentence date=... id=...>`` elements holding ``<EventCoding
sourcecode targetcode eventcode>`` and ``<Text>``. CAMEO root codes (first two
digits) map to PLOVER types through ``kb/data/plover.yaml``. Actor codes are
compared on their first three characters (the state or root actor).

Their actor dictionary (TABARI/PETRARCH ``NAME [CODE]`` lines, ``+SYNONYM``
continuation lines, ``_`` for spaces) is converted into a parley extension file
and loaded through the same ``--actors`` mechanism users have.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from parley.coding.document import DocumentCoder
from parley.evaluation.metrics import LabelledScore
from parley.evaluation.plover_gold import TypeAccuracy
from parley.kb.actors import iso_code
from parley.kb.ontology import load_ontology
from parley.models import RawDocument
from parley.text.clean import clean_document

_ENTRY = re.compile(r"^([^\s#\[+<][^\[#]*?)\s*(?:\[([^\]]*)\])?\s*(?:#.*)?$")
_CODE = re.compile(r"\[([A-Za-z~+#-]{3}[A-Za-z]*)")


def read_cameo_actor_dictionary(path: str | Path) -> dict[str, Any]:
    """TABARI/PETRARCH actor dictionary -> parley extension mapping."""
    actors: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None

    def close() -> None:
        if current and current.get("code"):
            actors.append(current)

    for raw_line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw_line.rstrip()
        if not line.strip() or line.lstrip().startswith(("<!--", "#", "<")):
            continue
        if line.startswith("+"):
            if current is not None:
                current["aliases"].append(_name(line[1:].split("#")[0]))
            continue
        if line[0].isspace():
            code = _CODE.search(line)
            if current is not None and code and not current.get("code"):
                current["code"] = code.group(1).upper()
            continue
        close()
        m = _ENTRY.match(line)
        if not m:
            current = None
            continue
        code = _CODE.search(line)
        current = {"aliases": [_name(m.group(1))], "code": code.group(1).upper() if code else None}
    close()
    countries: dict[str, Any] = {}
    organizations: list[dict[str, Any]] = []
    for entry in actors:
        code = entry["code"]
        if not re.fullmatch(r"[A-Z]{3}[A-Z]*", code):
            continue
        aliases = sorted({a for a in entry["aliases"] if a})
        if len(code) == 3:
            countries.setdefault(code, {"name": aliases[0], "aliases": []})["aliases"].extend(aliases)
        else:
            organizations.append(
                {
                    "id": f"CAMEO-{code}",
                    "name": aliases[0],
                    "kind": "organization",
                    "country": code[:3],
                    "aliases": aliases,
                }
            )
    for entry in countries.values():
        # One-word names match case-sensitively: give both the dictionary's and the title-case form.
        entry["aliases"] = sorted({form for a in entry["aliases"] for form in (a, a.title())})
    for org in organizations:
        org["aliases"] = sorted({form for a in org["aliases"] for form in (a, a.title())})
        countries.setdefault(org["country"], {"name": org["country"], "aliases": []})
    return {"countries": countries, "organizations": organizations}


def _name(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("_", " ")).strip()


def write_extension(dictionary: str | Path, out: str | Path | None = None) -> Path:
    """The actor dictionary as a parley extension file (``out``, or a new temporary file)."""
    if out is None:
        import tempfile

        out = Path(tempfile.mkdtemp()) / "cameo_actors.yaml"
    data = read_cameo_actor_dictionary(dictionary)
    Path(out).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Path(out)


@dataclass
class CameoReport:
    types: TypeAccuracy = field(default_factory=TypeAccuracy)
    triples: LabelledScore = field(default_factory=LabelledScore)
    main_triples: LabelledScore = field(default_factory=LabelledScore)  # the sentence's main event only
    skipped: int = 0  # records whose CAMEO code has no PLOVER type (01, 09) or no coding

    def as_dict(self) -> dict[str, Any]:
        return {
            "event_type": self.types.as_dict(),
            "triples": self.triples.as_dict(),
            "main_event_triples": self.main_triples.as_dict(),
            "skipped": self.skipped,
        }


def load_cameo_records(path: str | Path) -> list[dict[str, Any]]:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    out = []
    for block in re.findall(r"<Sentence\b.*?</Sentence>", text, flags=re.S):
        block = re.sub(r"<Parse>.*?</Parse>", "", block, flags=re.S)
        try:
            node = ET.fromstring(block)
        except ET.ParseError:
            continue
        sentence = " ".join((node.findtext("Text") or "").split())
        codings = [c.attrib for c in node.findall("EventCoding")]
        if sentence:
            out.append({"id": node.get("id"), "date": node.get("date"), "text": sentence, "codings": codings})
    return out


def _root(code: str | None) -> str | None:
    if not code or code.startswith("-") or code.lower() in ("null", "---"):
        return None
    return iso_code(code[:3])


def evaluate_cameo(records: list[dict[str, Any]], coder: DocumentCoder) -> CameoReport:
    onto = load_ontology()
    report = CameoReport()
    for record in records:
        gold = []
        for coding in record["codings"]:
            etype = onto.from_cameo(coding.get("eventcode", ""))
            if etype and etype != "INVESTIGATE":
                gold.append((etype, _root(coding.get("sourcecode")), _root(coding.get("targetcode"))))
        if not gold:
            report.skipped += 1
            continue
        raw = RawDocument(origin=record["id"] or "?", content=record["text"], content_type="text")
        coded = coder.code(clean_document(raw))
        first = coded.events[0].type if coded.events else None
        report.types.total += 1
        if first == gold[0][0]:
            report.types.correct += 1
        else:
            report.types.confusion[(gold[0][0], first)] += 1
        if first is None:
            report.types.uncoded += 1
        # Dictionary organs carry their root actor as country, so principals compare directly.
        pred = list({(e.type, iso_code(e.source), iso_code(e.target)) for e in coded.events})
        report.triples.add(list(set(gold)), pred)
        main = [e for e in coded.events if e.trigger_start == coded.events[0].trigger_start] if coded.events else []
        report.main_triples.add(list(set(gold)), list({(e.type, iso_code(e.source), iso_code(e.target)) for e in main}))
    return report
