"""The real-news gold corpus: article annotations, their anchoring and their checks.

An annotation file (``data/gold/wikinews/<id>.json``, format in ``docs/annotation.md``) quotes
the article's sentences, triggers, mentions and quotations as exact text rather than character
offsets: people annotate text, not numbers. Loading anchors every quoted piece in the article
(sentences in order, the n-th occurrence of a trigger, mentions in the order listed), so the
records handed on carry offsets, and a piece that cannot be anchored is a reported problem, not
a silent miss.

    python -m parley.evaluation.corpus check data/gold/wikinews/*.json

checks files against the article texts and the guidelines' vocabularies.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.kb.ontology import PLOVER_TYPES

# A source checkout (the gold and training data live in the repository, the articles beside it in shared/).
REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
ARTICLES = SHARED / "eval" / "wikinews" / "articles.jsonl"
# Real web pages (the article-extraction benchmark's HTML): a second real-news corpus, in the
# form parley meets news, read through the same extraction as `parley ingest`.
PAGES = SHARED / "eval" / "article-extraction"
PAGE_PREFIX = "page:"

MODALITIES = ("asserted", "negated", "hypothetical", "predicted", "wished", "conditional", "intended")
SECTORS = (
    "state", "government", "military", "police", "judiciary", "legislature", "party", "opposition",
    "rebels", "protesters", "media", "business", "ngo", "igo", "civilians", "religious", "education", "other",
)  # fmt: skip
MENTION_KINDS = ("person", "state", "organization", "group")
PROPOSAL_KINDS = ("demand", "offer", "precondition", "conditional_offer", "unconditional")
# Modes of the guidelines' table (PLOVER codebook), per type.
MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "allege", "investigate"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "ban", "arrest", "relations", "rights", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize", "restrict", "ban", "censor", "curfew", "arrest", "deport", "withhold", "misinformation", "cyber",
    ),
    "ASSAULT": (
        "abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive", "firearms",
        "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "cleansing",
        "massacre", "unconventional",
    ),
}  # fmt: skip
STATE_CODE = re.compile(r"^(?:[A-Z]{3}|IGO-[A-Z0-9]+|GRP-[A-Z0-9]+)$")
DATE_FORMAT = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class CorpusError(ValueError):
    """An annotation file cannot be read at all; the message names the file."""


@dataclass(frozen=True)
class GoldActor:
    text: str | None
    name: str | None
    state: str | None
    sector: str | None
    kind: str | None = None
    start: int | None = None  # mentions only: offsets into the article text
    end: int | None = None


@dataclass(frozen=True)
class GoldEvent:
    sent_idx: int
    type: str
    mode: str | None
    source: GoldActor | None
    target: GoldActor | None
    modality: str
    date: str | None
    date_text: str | None
    trigger: str
    trigger_start: int
    trigger_end: int
    cameo: str | None = None

    @property
    def asserted(self) -> bool:
        return self.modality == "asserted"


@dataclass(frozen=True)
class GoldQuote:
    text: str
    start: int
    end: int
    speaker: GoldActor | None
    cue: str | None
    chain: tuple[str, ...]


@dataclass(frozen=True)
class GoldProposal:
    sent_idx: int
    kind: str
    holder: GoldActor | None
    addressee: GoldActor | None
    condition: str | None
    then: str | None
    cue: str | None


@dataclass(frozen=True)
class GoldSentence:
    idx: int
    text: str
    start: int
    end: int


@dataclass
class GoldArticle:
    id: str
    text: str
    published: dt.date | None
    title: str | None
    url: str | None
    sentences: list[GoldSentence] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    mentions: list[GoldActor] = field(default_factory=list)
    quotes: list[GoldQuote] = field(default_factory=list)
    proposals: list[GoldProposal] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def file_name(article_id: str) -> str:
    """Annotation file name of an article id (':' is awkward in file names)."""
    return article_id.replace(":", "__") + ".json"


def articles_for(folder: str | Path, shared: Path = SHARED) -> Path:
    """Where the texts of a gold folder's articles are: the web pages for ``data/gold/pages``, the
    Wikinews articles otherwise (``shared``: the folder holding ``eval/``)."""
    if Path(folder).name == "pages":
        return shared / PAGES.relative_to(SHARED)
    return shared / ARTICLES.relative_to(SHARED)


class PageArticles(Mapping[str, dict[str, Any]]):
    """The article records of a folder of web pages (``ground-truth.json`` and ``html/<key>.html.gz``),
    id ``page:<first 16 hex digits of the key>``: the text and date parley's page extraction gives
    (trafilatura, htmldate), made when first asked for (extraction takes a moment per page)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CorpusError(f"{folder / 'ground-truth.json'}: cannot read ({exc})") from exc
        # id -> (the benchmark's key, the page's URL)
        self._pages = {PAGE_PREFIX + key[:16]: (key, rec.get("url")) for key, rec in truth.items()}
        self._made: dict[str, dict[str, Any]] = {}

    def __getitem__(self, article_id: str) -> dict[str, Any]:
        if article_id not in self._made:
            from parley.text.html import extract_page

            key, url = self._pages[article_id]
            path = self.folder / "html" / f"{key}.html.gz"
            try:
                html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            except OSError as exc:
                raise CorpusError(f"{path}: cannot read the page ({exc})") from exc
            page = extract_page(html, url)
            self._made[article_id] = {
                "id": article_id,
                "title": page.title,
                "url": url,
                "published": page.published.isoformat() if page.published else None,
                "text": page.text,
            }
        return self._made[article_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)


def load_articles(path: str | Path = ARTICLES) -> Mapping[str, dict[str, Any]]:
    """The article records of a corpus JSONL, or of a folder of web pages (id -> record)."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: article file not found")
    if path.is_dir():
        return PageArticles(path)
    out: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{lineno}: malformed JSON ({exc.msg})") from exc
            if not isinstance(rec, dict) or "id" not in rec or "text" not in rec:
                raise CorpusError(f"{path}:{lineno}: each line needs 'id' and 'text'")
            out[rec["id"]] = rec
    return out


def _actor(data: Any, where: str, problems: list[str], *, mention: bool = False) -> GoldActor | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.append(f"{where}: an actor must be an object or null")
        return None
    state, sector, kind = data.get("state"), data.get("sector"), data.get("kind")
    if state is not None and not (isinstance(state, str) and STATE_CODE.match(state)):
        problems.append(f"{where}: state {state!r} is not ISO alpha-3, IGO-X or GRP-X")
    if sector not in SECTORS:
        problems.append(f"{where}: sector {sector!r} is not one of the guidelines' sectors")
    if mention:
        if kind not in MENTION_KINDS:
            problems.append(f"{where}: mention kind {kind!r} is not one of {', '.join(MENTION_KINDS)}")
        if not data.get("text"):
            problems.append(f"{where}: a mention needs its text")
    return GoldActor(text=data.get("text"), name=data.get("name"), state=state, sector=sector, kind=kind)


def _nth(haystack: str, needle: str, n: int, start: int = 0) -> int:
    """The n-th occurrence of ``needle`` as whole words ("he" is not the end of "the"), else, when
    there are fewer than n such, the n-th anywhere (a trigger may be part of a word)."""
    pos, anywhere, whole = start - 1, [], []
    while True:
        pos = haystack.find(needle, pos + 1)
        if pos < 0:
            break
        anywhere.append(pos)
        end = pos + len(needle)
        before_ok = pos == 0 or not (needle[:1].isalnum() and haystack[pos - 1].isalnum())
        after_ok = end == len(haystack) or not (needle[-1:].isalnum() and haystack[end].isalnum())
        if before_ok and after_ok:
            whole.append(pos)
    found = whole if len(whole) >= n else anywhere
    return found[n - 1] if len(found) >= n else -1


def _locate(text: str, piece: str, cursor: int) -> int:
    """Where a quoted piece stands: the next occurrence after ``cursor``, else any (order is not required)."""
    start = text.find(piece, cursor)
    return start if start >= 0 else text.find(piece)


def _anchor_piece(text: str, piece: str | None, cursor: int, where: str, problems: list[str]) -> int | None:
    """Where an annotated piece (a sentence, a quote) starts in the article, from ``cursor`` on; a
    missing or unfound piece is a problem named by ``where``."""
    if not piece:
        problems.append(f"{where}: no text")
        return None
    start = _locate(text, piece, cursor)
    if start < 0:
        problems.append(f"{where}: text not found in the article: {piece[:60]!r}")
        return None
    return start


def _check_text_in(actor: GoldActor | None, sentence: str, where: str, problems: list[str]) -> None:
    if actor is not None and actor.text and actor.text not in sentence:
        problems.append(f"{where}: actor text {actor.text!r} is not in the sentence")


def anchor(annotation: dict[str, Any], article: dict[str, Any], origin: str = "?") -> GoldArticle:
    """Turn one annotation file's content into offset-carrying records; problems are collected."""
    text: str = article["text"]
    published = None
    if article.get("published"):
        try:
            published = dt.date.fromisoformat(article["published"])
        except ValueError:
            published = None
    gold = GoldArticle(
        id=article["id"], text=text, published=published, title=article.get("title"), url=article.get("url")
    )
    problems = gold.problems
    if annotation.get("id") != article["id"]:
        problems.append(f"{origin}: id {annotation.get('id')!r} does not name the article {article['id']!r}")
    cursor = 0
    for s_no, sent in enumerate(annotation.get("sentences", []), start=1):
        where = f"{origin}: sentence {s_no}"
        s_text = sent.get("text") if isinstance(sent, dict) else None
        start = _anchor_piece(text, s_text, cursor, where, problems)
        if s_text is None or start is None:
            continue
        cursor = start + 1
        idx = len(gold.sentences)
        gold.sentences.append(GoldSentence(idx, s_text, start, start + len(s_text)))
        seen: dict[str, int] = {}
        for m_no, m in enumerate(sent.get("mentions", []), start=1):
            actor = _actor(m, f"{where} mention {m_no}", problems, mention=True)
            if actor is None or not actor.text:
                continue
            seen[actor.text] = seen.get(actor.text, 0) + 1
            pos = _nth(s_text, actor.text, seen[actor.text])
            if pos < 0:
                problems.append(
                    f"{where} mention {m_no}: {actor.text!r} (occurrence {seen[actor.text]}) not in sentence"
                )
                continue
            gold.mentions.append(
                GoldActor(
                    actor.text,
                    actor.name,
                    actor.state,
                    actor.sector,
                    actor.kind,
                    start + pos,
                    start + pos + len(actor.text),
                )
            )
        for e_no, ev in enumerate(sent.get("events", []), start=1):
            ewhere = f"{where} event {e_no}"
            etype, mode, modality = ev.get("type"), ev.get("mode"), ev.get("modality")
            if etype not in PLOVER_TYPES:
                problems.append(f"{ewhere}: type {etype!r} is not a PLOVER type")
                continue
            if mode is not None and mode not in MODES.get(etype, ()):
                problems.append(f"{ewhere}: mode {mode!r} is not a mode of {etype}")
            if modality not in MODALITIES:
                problems.append(f"{ewhere}: modality {modality!r} is not one of {', '.join(MODALITIES)}")
                continue
            date = ev.get("date")
            if date is not None and not (isinstance(date, str) and DATE_FORMAT.match(date)):
                problems.append(f"{ewhere}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
                date = None
            trigger = ev.get("trigger") or ""
            pos = _nth(s_text, trigger, int(ev.get("nth", 1))) if trigger else -1
            if pos < 0:
                problems.append(f"{ewhere}: trigger {trigger!r} not in the sentence")
                continue
            source = _actor(ev.get("source"), f"{ewhere} source", problems)
            target = _actor(ev.get("target"), f"{ewhere} target", problems)
            _check_text_in(source, s_text, f"{ewhere} source", problems)
            _check_text_in(target, s_text, f"{ewhere} target", problems)
            gold.events.append(
                GoldEvent(
                    sent_idx=idx, type=etype, mode=mode, source=source, target=target, modality=modality,
                    date=date, date_text=ev.get("date_text"), trigger=trigger,
                    trigger_start=start + pos, trigger_end=start + pos + len(trigger), cameo=ev.get("cameo"),
                )
            )  # fmt: skip
        for p_no, prop in enumerate(sent.get("proposals", []), start=1):
            pwhere = f"{where} proposal {p_no}"
            if prop.get("kind") not in PROPOSAL_KINDS:
                problems.append(f"{pwhere}: kind {prop.get('kind')!r} is not one of {', '.join(PROPOSAL_KINDS)}")
                continue
            gold.proposals.append(
                GoldProposal(
                    sent_idx=idx, kind=prop["kind"], holder=_actor(prop.get("holder"), f"{pwhere} holder", problems),
                    addressee=_actor(prop.get("addressee"), f"{pwhere} addressee", problems),
                    condition=prop.get("condition"), then=prop.get("then"), cue=prop.get("cue"),
                )
            )  # fmt: skip
    q_cursor = 0
    for q_no, q in enumerate(annotation.get("quotes", []), start=1):
        qwhere = f"{origin}: quote {q_no}"
        q_text = q.get("text") if isinstance(q, dict) else None
        start = _anchor_piece(text, q_text, q_cursor, qwhere, problems)
        if q_text is None or start is None:
            continue
        q_cursor = start + 1
        chain = q.get("chain") or []
        gold.quotes.append(
            GoldQuote(
                text=q_text, start=start, end=start + len(q_text),
                speaker=_actor(q.get("speaker"), f"{qwhere} speaker", problems),
                cue=q.get("cue"), chain=tuple(str(c) for c in chain),
            )
        )  # fmt: skip
    return gold


def load_annotation(path: str | Path, articles: Mapping[str, dict[str, Any]]) -> GoldArticle:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read annotation ({exc})") from exc
    if not isinstance(data, dict) or "id" not in data:
        raise CorpusError(f"{path}: an annotation file is a JSON object with an 'id'")
    article = articles.get(data["id"])
    if article is None:
        raise CorpusError(f"{path}: no article with id {data['id']!r} in the corpus")
    return anchor(data, article, origin=str(path))


def load_corpus(
    folder: str | Path, articles_path: str | Path | None = None, ids: Iterable[str] | None = None
) -> list[GoldArticle]:
    """Every annotation in ``folder`` (or those of ``ids``), anchored; unreadable files raise. The
    articles' texts come from ``articles_path``, by default from where the folder's are."""
    articles = load_articles(articles_path or articles_for(folder))
    wanted = set(ids) if ids is not None else None
    out = []
    for path in sorted(Path(folder).glob("*.json")):
        gold = load_annotation(path, articles)
        if wanted is None or gold.id in wanted:
            out.append(gold)
    return out


GOLD = REPO / "data" / "gold"
CORPORA = ("wikinews", "pages")  # the repo's real-news gold: Wikinews articles, web pages


def load_real_news(gold: Path = GOLD, shared: Path = SHARED, extra: Sequence[GoldArticle] = ()) -> list[GoldArticle]:
    """Every real-news gold article of the repo (each corpus from its own texts), with ``extra``
    articles (a user's own gold) not among them: what ``parley train`` learns from, train split."""
    out: list[GoldArticle] = []
    for name in CORPORA:
        folder = gold / name
        if any(folder.glob("*.json")):
            out.extend(load_corpus(folder, articles_for(folder, shared)))
    ids = {a.id for a in out}
    return out + [a for a in extra if a.id not in ids]


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check":
        print("usage: python -m parley.evaluation.corpus check FILE... [--articles PATH]", file=sys.stderr)
        return 2
    args = argv[1:]
    articles_path: str | Path = articles_for(Path(args[0]).parent) if args else ARTICLES
    if "--articles" in args:
        i = args.index("--articles")
        articles_path = args[i + 1]
        del args[i : i + 2]
    articles = load_articles(articles_path)
    bad = 0
    totals = {"files": 0, "events": 0, "mentions": 0, "quotes": 0, "proposals": 0}
    for name in args:
        try:
            gold = load_annotation(name, articles)
        except CorpusError as exc:
            print(exc)
            bad += 1
            continue
        totals["files"] += 1
        totals["events"] += len(gold.events)
        totals["mentions"] += len(gold.mentions)
        totals["quotes"] += len(gold.quotes)
        totals["proposals"] += len(gold.proposals)
        for problem in gold.problems:
            print(problem)
        bad += bool(gold.problems)
    print(", ".join(f"{v} {k}" for k, v in totals.items()) + f"; {bad} file(s) with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
