"""Whole-article evaluation against the real-news gold corpus (``parley eval --format articles``).

Each annotated article is run through the same path as ``parley ingest`` (cleaning, then the
document coder), and what parley codes is compared with the annotation, sentence by sentence:
a predicted event belongs to the gold sentence that contains its trigger (gold sentences are
found in parley's cleaned body by their text), and an event is right when the sentence, the
type and the source and target agree. What "agree" means is one of two levels:

- **state level**: the state or international body (``NGA``, ``IGO-UN``; a person counts as the
  state of the office held on the article's date, an organ as its state);
- **actor level**: the state and, for a person, the same person (surname), otherwise the same
  sector (government, military, police, judiciary, ...).

Reported (all as precision / recall / F1 with counts):

- ``events``: asserted events only (what an event database records) at state level; the
  headline figure; ``events_actor_level``, ``events_with_date`` (the date must agree at the
  precision the gold gives, and be null where the gold's is), ``events_any_modality`` (every
  event, whatever its modality), ``events_with_modality`` (the modality must agree too),
  ``event_types`` (sentence and type only), each with a per-type table;
- ``false_assertions``: predicted asserted events whose act the text presents as hypothetical,
  predicted, wished, conditional, intended or negated (a gold event of the same type in the
  sentence with that modality, and none asserted), as a share of all predicted asserted events;
- ``dated_right``: of the matched asserted events whose sentence states a date, the share
  dated right;
- ``quotes``: gold quotations found (a predicted quote covers half of it or more), and of
  those the speaker right by person and by state;
- ``mentions``: actor mentions, resolution at state level (a predicted mention overlapping a
  gold mention of the same state); parley's place mentions (a city placing a group in a state)
  are not actor claims and are left out of precision;
- ``proposals`` and ``preconditions``: same sentence and same holder state.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from parley.coding.document import DocumentCoder
from parley.evaluation.corpus import GoldActor, GoldArticle, GoldEvent, GoldProposal, GoldQuote
from parley.evaluation.intervals import ArticleCounts, intervals
from parley.evaluation.metrics import LabelledScore, Score
from parley.evaluation.splits import split_of
from parley.kb.actors import PERSON, ActorKB, iso_code
from parley.kb.sectors import sector_of
from parley.models import CodedDocument, Event, Proposal, RawDocument
from parley.text.clean import clean_document

T = TypeVar("T")
U = TypeVar("U")

NON_ASSERTED = ("negated", "hypothetical", "predicted", "wished", "conditional", "intended")
PRECONDITION_KINDS = ("precondition", "conditional_offer", "unconditional")


@dataclass
class Rate:
    hits: int = 0
    total: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return {"rate": round(self.hits / self.total, 4) if self.total else 0.0, "hits": self.hits, "total": self.total}


@dataclass
class ArticleReport:
    articles: int = 0
    gold_sentences_missing: int = 0  # gold sentences parley's cleaned body does not contain
    events: LabelledScore = field(default_factory=LabelledScore)
    events_actor_level: LabelledScore = field(default_factory=LabelledScore)
    events_with_date: LabelledScore = field(default_factory=LabelledScore)
    events_any_modality: LabelledScore = field(default_factory=LabelledScore)
    events_with_modality: LabelledScore = field(default_factory=LabelledScore)
    event_types: LabelledScore = field(default_factory=LabelledScore)
    false_assertions: Rate = field(default_factory=Rate)
    # Sentences with an asserted gold event where parley codes no event at all (issue target: <= 10%).
    eventful_sentences_missed: Rate = field(default_factory=Rate)
    dated_right: Rate = field(default_factory=Rate)
    quotes: Score = field(default_factory=Score)
    quote_speaker_person: Rate = field(default_factory=Rate)
    quote_speaker_state: Rate = field(default_factory=Rate)
    # Of the intermediaries annotated in found quotations' chains ("told the BBC", "(Reuters)"),
    # those parley's chain names.
    quote_chain: Rate = field(default_factory=Rate)
    mentions: Score = field(default_factory=Score)
    proposals: Score = field(default_factory=Score)
    preconditions: Score = field(default_factory=Score)
    errors: list[dict[str, Any]] = field(default_factory=list)
    withheld_errors: int = 0  # articles of the test split whose errors are not listed
    # What each article added to the headline figures: their bootstrap intervals (evaluation/intervals.py).
    per_article: list[ArticleCounts] = field(default_factory=list)

    def counts(self, article: str) -> ArticleCounts:
        """The headline counts so far, under an article's name (the difference of two is what it added)."""
        ev, m = self.events.overall, self.mentions
        return ArticleCounts(
            article, ev.tp, ev.fp, ev.fn, m.tp, m.fp, m.fn,
            self.quote_speaker_person.hits, self.quote_speaker_person.total,
            self.dated_right.hits, self.dated_right.total,
        )  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "articles": self.articles,
            "gold_sentences_missing_from_body": self.gold_sentences_missing,
        }
        for name in (
            "events", "events_actor_level", "events_with_date", "events_any_modality",
            "events_with_modality", "event_types",
        ):  # fmt: skip
            out[name] = getattr(self, name).as_dict()
        out["false_assertions"] = self.false_assertions.as_dict()
        out["eventful_sentences_missed"] = self.eventful_sentences_missed.as_dict()
        out["dated_right"] = self.dated_right.as_dict()
        out["quotes"] = self.quotes.as_dict()
        out["quote_speaker_person"] = self.quote_speaker_person.as_dict()
        out["quote_speaker_state"] = self.quote_speaker_state.as_dict()
        out["quote_chain"] = self.quote_chain.as_dict()
        out["mentions"] = self.mentions.as_dict()
        out["proposals"] = self.proposals.as_dict()
        out["preconditions"] = self.preconditions.as_dict()
        out["intervals"] = intervals(self.per_article)
        out["per_article"] = [c.as_dict() for c in self.per_article]
        return out


# ---- actors ------------------------------------------------------------------------------
class ActorView:
    """State, sector and name of parley's actor ids, as of a document's date."""

    def __init__(self, kb: ActorKB, day: dt.date | None) -> None:
        self.kb = kb
        self.day = day

    def state(self, actor_id: str | None) -> str | None:
        """The state or body an actor acts for, as the coder aggregates events (``ActorKB.principal``)."""
        return iso_code(self.kb.mention_principal(actor_id, self.day)) if actor_id else None

    def sector(self, actor_id: str | None) -> str | None:
        return sector_of(self.kb, actor_id, self.day)

    def person_name(self, actor_id: str | None) -> str | None:
        actor = self.kb.get(actor_id) if actor_id else None
        return actor.name if actor is not None and actor.kind == PERSON else None


def gold_state(actor: GoldActor | None) -> str | None:
    return iso_code(actor.state) if actor is not None and actor.state else None


def _name_words(name: str) -> list[str]:
    """A name's words, lower case, without accents or an Arabic article: "Erdoğan" and "Erdogan",
    "al-Obeidi" and "Obeidi" are one name."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    words = re.findall(r"[\w'’-]+", plain)
    return [re.sub(r"^(?:al|el|ad|ash|as|an|ar)[-’']|[’']s?$", "", w) for w in words]


def _same_person(gold_name: str, name: str) -> bool:
    """Whether two names of a person agree: the same last word, or either's last word among the
    other's words after the first (a double surname, "Ricardo Rosselló Nevares" and "Ricardo Rosselló")."""
    a, b = _name_words(gold_name), _name_words(name)
    if not a or not b:
        return False
    return a[-1] == b[-1] or a[-1] in b[1:] or b[-1] in a[1:]


def _names_person(gold_name: str, words: str) -> bool:
    """Whether a speaker's words name the gold person: the surname, or another of the person's
    names after the first ("Secretary Vázquez" for "Wanda Vázquez Garced")."""
    said = _name_words(words)
    names = _name_words(gold_name)
    return bool(names) and (names[-1] in said or any(n in said for n in names[1:]))


def same_actor(gold: GoldActor | None, agent: str | None, words: str | None, view: ActorView) -> bool:
    """Actor-level agreement: same state, and the same person or the same sector."""
    if gold is None:
        return agent is None and not words
    if gold_state(gold) != view.state(agent):
        return False
    person = view.person_name(agent)
    if gold.name and gold.sector not in ("state",) and person:
        return _same_person(gold.name, person)
    if gold.name and person is None and words and gold.sector not in ("state",):
        return _names_person(gold.name, words)
    predicted_sector = view.sector(agent)
    if gold.sector == "state":
        return predicted_sector in ("state", "government", None)
    return predicted_sector == gold.sector or (predicted_sector is None and gold.sector in ("civilians", "other"))


# ---- anchoring ---------------------------------------------------------------------------
def _find(body: str, text: str, start: int = 0) -> int:
    pos = body.find(text, start)
    if pos >= 0:
        return pos
    # The cleaner normalises whitespace and typography; fall back to a tolerant search.
    pattern = r"\s+".join(re.escape(w) for w in text.split())
    m = re.compile(pattern).search(body, start)
    return m.start() if m else -1


def _sentence_spans(gold: GoldArticle, body: str) -> list[tuple[int, int] | None]:
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for sent in gold.sentences:
        pos = _find(body, sent.text, cursor)
        if pos < 0:
            pos = _find(body, sent.text)
        if pos < 0:
            spans.append(None)
            continue
        # Length in the body may differ a little after normalisation; the next sentence bounds it.
        spans.append((pos, pos + len(sent.text)))
        cursor = pos + 1
    return spans


def _sentence_of(offset: int, spans: Sequence[tuple[int, int] | None]) -> int | None:
    for i, span in enumerate(spans):
        if span is not None and span[0] <= offset < span[1]:
            return i
    return None


def _greedy(gold: Sequence[T], pred: Sequence[U], same: Callable[[T, U], bool]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), each used once, first fit in gold order."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and same(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def _count(score: Score, gold: Sequence[T], pred: Sequence[U], same: Callable[[T, U], bool]) -> list[tuple[int, int]]:
    """Add one sentence's greedy matches to ``score``; the matched pairs."""
    pairs = _greedy(gold, pred, same)
    score.tp += len(pairs)
    score.fn += len(gold) - len(pairs)
    score.fp += len(pred) - len(pairs)
    return pairs


def _by_sentence(
    gold: Sequence[T], gold_idx: Callable[[T], int], pred: Sequence[U], pred_offset: Callable[[U], int],
    spans: Sequence[tuple[int, int] | None],
) -> tuple[list[list[T]], list[list[U]]]:  # fmt: skip
    """Gold and predicted items per gold sentence; the last list holds predictions outside every one."""
    n = len(spans)
    g_by: list[list[T]] = [[] for _ in range(n + 1)]
    p_by: list[list[U]] = [[] for _ in range(n + 1)]
    for g in gold:
        g_by[gold_idx(g)].append(g)
    for p in pred:
        idx = _sentence_of(pred_offset(p), spans)
        p_by[n if idx is None else idx].append(p)
    return g_by, p_by


def _score(
    target: LabelledScore,
    gold: Sequence[T],
    pred: Sequence[U],
    same: Callable[[T, U], bool],
    glabel: Callable[[T], str],
    plabel: Callable[[U], str],
) -> list[tuple[int, int]]:
    pairs = _count(target.overall, gold, pred, same)
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    for gi, g in enumerate(gold):
        s = target.by_label.setdefault(glabel(g), Score())
        if gi in matched_g:
            s.tp += 1
        else:
            s.fn += 1
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            target.by_label.setdefault(plabel(p), Score()).fp += 1
    return pairs


def same_states(gold: GoldEvent, pred: Event, view: ActorView) -> bool:
    """One act at state level: the same type, source state and target state."""
    return (
        gold.type == pred.type
        and gold_state(gold.source) == view.state(pred.source)
        and gold_state(gold.target) == view.state(pred.target)
    )


def _modality(e: Event) -> str:
    return "negated" if e.negated else e.modality


def asserted_by_sentence(
    gold: GoldArticle, events: Sequence[Event], spans: Sequence[tuple[int, int] | None], view: ActorView
) -> list[tuple[list[int], set[int]]]:
    """The asserted coded events per gold sentence, in order of first appearance: (their indices in
    ``events``, those matched one to one to an asserted annotated event of that sentence at state
    level), as `parley eval` matches them. The learned second stages label their examples so."""
    groups: dict[int | None, list[int]] = {}
    for n, e in enumerate(events):
        if _modality(e) == "asserted":
            groups.setdefault(_sentence_of(e.trigger_start, spans), []).append(n)
    out = []
    for idx, members in groups.items():
        annotated = [g for g in gold.events if g.sent_idx == idx and g.asserted] if idx is not None else []
        pairs = _greedy(annotated, [events[n] for n in members], partial(same_states, view=view))
        out.append((members, {members[pi] for _, pi in pairs}))
    return out


def _date_agrees(gold: GoldEvent, pred: Event) -> bool:
    if gold.date is None:
        return pred.date is None
    if pred.date is None:
        return False
    return pred.date.isoformat()[: len(gold.date)] == gold.date


# ---- evaluation --------------------------------------------------------------------------
def code_article(gold: GoldArticle, coder: DocumentCoder) -> CodedDocument:
    raw = RawDocument(origin=gold.id, content=gold.text, content_type="text", published=gold.published, url=gold.url)
    return coder.code(clean_document(raw))


def evaluate_articles(
    articles: Sequence[GoldArticle],
    coder: DocumentCoder,
    *,
    errors: bool = False,
    progress: Any = None,
    report: ArticleReport | None = None,
) -> ArticleReport:
    """Code each article and score it; ``report``: add to it (the folds of a cross-fitted run)."""
    report = report if report is not None else ArticleReport()
    for gold in articles:
        coded = code_article(gold, coder)
        before = report.counts(gold.id)
        _evaluate_one(gold, coded, ActorView(coder.kb, coded.document.published or gold.published), report, errors)
        report.per_article.append(_added(before, report.counts(gold.id)))
        if progress is not None:
            progress()
    return report


def _added(before: ArticleCounts, after: ArticleCounts) -> ArticleCounts:
    then = before.as_dict()
    return ArticleCounts(after.article, **{k: v - then[k] for k, v in after.as_dict().items() if k != "article"})


def _evaluate_one(
    gold: GoldArticle, coded: CodedDocument, view: ActorView, report: ArticleReport, errors: bool
) -> None:
    body = coded.document.body
    report.articles += 1
    spans = _sentence_spans(gold, body)
    report.gold_sentences_missing += sum(1 for s in spans if s is None)
    n = len(gold.sentences)
    g_by, p_by = _by_sentence(gold.events, lambda g: g.sent_idx, coded.events, lambda p: p.trigger_start, spans)

    def state_key(ge: GoldEvent, pe: Event) -> bool:
        return same_states(ge, pe, view)

    def actor_key(ge: GoldEvent, pe: Event) -> bool:
        return (
            ge.type == pe.type
            and same_actor(ge.source, pe.source_agent or pe.source, pe.source_text, view)
            and same_actor(ge.target, pe.target_agent or pe.target, pe.target_text, view)
        )

    def glabel(ge: GoldEvent) -> str:
        return ge.type

    def plabel(pe: Event) -> str:
        return pe.type

    for i in range(n + 1):
        gs, ps = g_by[i], p_by[i]
        g_as = [g for g in gs if g.asserted]
        p_as = [p for p in ps if _modality(p) == "asserted"]
        pairs = _score(report.events, g_as, p_as, state_key, glabel, plabel)
        _score(report.events_actor_level, g_as, p_as, actor_key, glabel, plabel)
        _score(
            report.events_with_date, g_as, p_as,
            lambda g, p: state_key(g, p) and _date_agrees(g, p), glabel, plabel,
        )  # fmt: skip
        _score(report.events_any_modality, gs, ps, state_key, glabel, plabel)
        _score(
            report.events_with_modality, gs, ps,
            lambda g, p: state_key(g, p) and g.modality == _modality(p), glabel, plabel,
        )  # fmt: skip
        _score(report.event_types, g_as, p_as, lambda g, p: g.type == p.type, glabel, plabel)
        for gi, pi in pairs:
            if g_as[gi].date is not None:
                report.dated_right.total += 1
                dated = _date_agrees(g_as[gi], p_as[pi])
                report.dated_right.hits += dated
                if errors and not dated and split_of(gold.id) != "test":
                    report.errors.append(
                        {
                            "article": gold.id, "kind": "wrong", "type": "DATE", "trigger": p_as[pi].trigger,
                            "source": g_as[gi].date,
                            "target": f"{p_as[pi].date} ({p_as[pi].date_basis}: {p_as[pi].date_text})",
                            "sentence": gold.sentences[i].text if i < n else p_as[pi].sentence,
                        }
                    )  # fmt: skip
        if g_as and i < n:
            report.eventful_sentences_missed.total += 1
            report.eventful_sentences_missed.hits += not ps
        asserted_types = {g.type for g in g_as}
        hedged_types = {g.type for g in gs if not g.asserted}
        for p in p_as:
            report.false_assertions.total += 1
            report.false_assertions.hits += p.type in hedged_types and p.type not in asserted_types
        if errors:
            _collect_errors(gold, i, gs, ps, g_as, p_as, pairs, spans, body, view, report)

    _evaluate_quotes(gold, coded, spans, view, report, errors and split_of(gold.id) != "test")
    _evaluate_mentions(gold, coded, spans, body, report, view, errors and split_of(gold.id) != "test")
    _evaluate_proposals(gold, coded, spans, report, view, errors and split_of(gold.id) != "test")


def _collect_errors(
    gold: GoldArticle, i: int, gs: list[GoldEvent], ps: list[Event], g_as: list[GoldEvent], p_as: list[Event],
    pairs: list[tuple[int, int]], spans: Sequence[tuple[int, int] | None], body: str, view: ActorView,
    report: ArticleReport,
) -> None:  # fmt: skip
    if split_of(gold.id) == "test":
        if i == 0:
            report.withheld_errors += 1
        return
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    sentence = gold.sentences[i].text if i < len(gold.sentences) else None
    for gi, g in enumerate(g_as):
        if gi not in matched_g:
            report.errors.append(
                {
                    "article": gold.id, "kind": "missed", "type": g.type, "trigger": g.trigger,
                    "source": gold_state(g.source), "target": gold_state(g.target),
                    "sentence": sentence,
                }
            )  # fmt: skip
    for pi, p in enumerate(p_as):
        if pi not in matched_p:
            report.errors.append(
                {
                    "article": gold.id, "kind": "false", "type": p.type, "trigger": p.trigger,
                    "source": view.state(p.source) or p.source_text, "target": view.state(p.target) or p.target_text,
                    "hedged_in_gold": any(g.type == p.type and not g.asserted for g in gs),
                    "sentence": sentence or p.sentence,
                }
            )  # fmt: skip


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _in_own_sentence(
    gold: GoldArticle, start: int, text: str, spans: Sequence[tuple[int, int] | None], body: str
) -> int:
    """Where annotated words at ``start`` in the article are in the body, searched from their own
    sentence (gold offsets move into the body through it); -1 when not found there."""
    sent = next((s for s in gold.sentences if s.start <= start < s.end), None)
    span = spans[sent.idx] if sent is not None else None
    if sent is None or span is None:
        return -1
    return _find(body, text, span[0] + max(0, start - sent.start - 2))


def _quote_in_body(gold: GoldArticle, quote: GoldQuote, spans: Sequence[tuple[int, int] | None], body: str) -> int:
    """Where an annotated quotation is in the body: searched from its own sentence, so that words
    quoted twice ("null and void" from a summit, then from a prime minister) are each found where
    they are; else anywhere (-1: nowhere)."""
    pos = _in_own_sentence(gold, quote.start, quote.text, spans, body)
    return pos if pos >= 0 else _find(body, quote.text)


def _evaluate_quotes(
    gold: GoldArticle, coded: CodedDocument, spans: Sequence[tuple[int, int] | None], view: ActorView,
    report: ArticleReport, errors: bool = False,
) -> None:  # fmt: skip
    body = coded.document.body
    predicted = [(q.start, q.end, q) for q in coded.quotes]
    matched_pred: set[int] = set()
    for gq in gold.quotes:
        pos = _quote_in_body(gold, gq, spans, body)
        if pos < 0:
            report.quotes.fn += 1
            continue
        span = (pos, pos + len(gq.text))
        best, best_i = 0, -1
        for i, (s, e, _) in enumerate(predicted):
            ov = _overlap(span, (s, e))
            if ov > best:
                best, best_i = ov, i
        if best_i < 0 or best < 0.5 * (span[1] - span[0]):
            report.quotes.fn += 1
            continue
        report.quotes.tp += 1
        matched_pred.add(best_i)
        q = predicted[best_i][2]
        named = _chain_names(q.chain, view) if gq.chain else set()
        for link in gq.chain:
            report.quote_chain.total += 1
            report.quote_chain.hits += _plain(link) in named
            if errors and _plain(link) not in named:
                report.errors.append(
                    {
                        "article": gold.id, "kind": "missed", "type": "CHAIN", "trigger": gq.text[:80],
                        "source": link, "target": " > ".join(q.chain),
                        "sentence": body[max(0, pos - 160) : pos + len(gq.text) + 160].replace("\n", " "),
                    }
                )  # fmt: skip
        if gq.speaker is not None:
            report.quote_speaker_state.total += 1
            report.quote_speaker_state.hits += gold_state(gq.speaker) == view.state(q.speaker)
            report.quote_speaker_person.total += 1
            right = same_actor(gq.speaker, q.speaker, q.speaker_text, view)
            report.quote_speaker_person.hits += right
            if errors and not right:
                report.errors.append(
                    {
                        "article": gold.id, "kind": "wrong", "type": "SPEAKER", "trigger": gq.text[:80],
                        "source": f"{gq.speaker.name or gq.speaker.text} "
                        f"({gold_state(gq.speaker)}, {gq.speaker.sector})",
                        "target": f"{q.speaker_text} ({q.speaker}: {view.state(q.speaker)}, {view.sector(q.speaker)})",
                        "sentence": body[max(0, pos - 160) : pos + len(gq.text) + 160].replace("\n", " "),
                    }
                )  # fmt: skip
    report.quotes.fp += len(predicted) - len(matched_pred)


def _plain(name: str) -> str:
    """A name as chains are compared: lower case, words only, no leading "the", no "News"."""
    words = re.findall(r"\w+", name.lower())
    words = words[1:] if words[:1] == ["the"] else words
    return " ".join(words[:-1] if len(words) > 1 and words[-1] == "news" else words)


def _chain_names(chain: Sequence[str], view: ActorView) -> set[str]:
    """Every name of the actors, outlets and agencies in a predicted chain ("MEDIA-BBC" -> "bbc",
    "british broadcasting corporation"; "agency:Reuters" -> "reuters")."""
    names: set[str] = set()
    for item in chain:
        names.add(_plain(item.split(":", 1)[-1]))
        actor = view.kb.get(item)
        if actor is not None:
            names.add(_plain(actor.name))
            names.update(_plain(text) for text in view.kb.alias_texts(item))
    return names


def located_mentions(
    gold: GoldArticle, spans: Sequence[tuple[int, int] | None], body: str
) -> tuple[list[tuple[tuple[int, int], str | None]], int]:
    """The gold mentions as (offsets in the body, state), and how many with a state could not be located.

    Gold mentions carry offsets into the article; they move into the body through their sentence."""
    located: list[tuple[tuple[int, int], str | None]] = []
    lost = 0
    for m in gold.mentions:
        if m.start is None or m.text is None:
            continue
        pos = _in_own_sentence(gold, m.start, m.text, spans, body)
        if pos < 0:
            lost += 1 if gold_state(m) is not None else 0
            continue
        located.append(((pos, pos + len(m.text)), gold_state(m)))
    return located, lost


def _evaluate_mentions(
    gold: GoldArticle, coded: CodedDocument, spans: Sequence[tuple[int, int] | None], body: str,
    report: ArticleReport, view: ActorView, errors: bool = False,
) -> None:  # fmt: skip
    def error(kind: str, text: str, gold_actor: str | None, predicted: str | None, at: int) -> None:
        if errors:
            context = body[max(0, at - 60) : at + 60].replace("\n", " ")
            report.errors.append(
                {"article": gold.id, "kind": kind, "type": "MENTION", "trigger": text, "source": gold_actor,
                 "target": predicted, "sentence": context}
            )  # fmt: skip

    located, lost = located_mentions(gold, spans, body)
    report.mentions.fn += lost
    preds = [m for m in coded.mentions if m.how != "place"]
    pred_hit = [False] * len(preds)
    for span, state in located:
        overlapping = [i for i, m in enumerate(preds) if _overlap(span, (m.start, m.end)) > 0]
        if state is None:
            for i in overlapping:
                pred_hit[i] = True  # not judged: the gold cannot resolve it either
            continue
        right = [i for i in overlapping if view.state(preds[i].actor_id) == state]
        if right:
            report.mentions.tp += 1
            for i in right:
                pred_hit[i] = True
        else:
            report.mentions.fn += 1
            wrong = ",".join(str(view.state(preds[i].actor_id) or preds[i].actor_id) for i in overlapping)
            error("missed", body[span[0] : span[1]], state, wrong or None, span[0])
    # Predicted mentions that match no gold mention of their state: wrong or not actors.
    report.mentions.fp += sum(1 for hit in pred_hit if not hit)
    for hit, pred in zip(pred_hit, preds, strict=True):
        if not hit:
            error("false", pred.text, None, view.state(pred.actor_id) or pred.actor_id, pred.start)


def _evaluate_proposals(
    gold: GoldArticle, coded: CodedDocument, spans: Sequence[tuple[int, int] | None], report: ArticleReport,
    view: ActorView, errors: bool = False,
) -> None:  # fmt: skip
    g_by, p_by = _by_sentence(gold.proposals, lambda g: g.sent_idx, coded.proposals, lambda p: p.start, spans)

    def same(g: GoldProposal, p: Proposal) -> bool:
        return gold_state(g.holder) == view.state(p.holder)

    for i, (gs, ps) in enumerate(zip(g_by, p_by, strict=True)):
        pairs = _count(report.proposals, gs, ps, same)
        if errors:
            sentence = gold.sentences[i].text if i < len(gold.sentences) else None
            found_g, found_p = {g for g, _ in pairs}, {p for _, p in pairs}
            for gi, g in enumerate(gs):
                if gi not in found_g:
                    report.errors.append(
                        {"article": gold.id, "kind": "missed", "type": "PROPOSAL", "trigger": g.cue or g.kind,
                         "source": gold_state(g.holder), "target": gold_state(g.addressee), "sentence": sentence}
                    )  # fmt: skip
            for pi, p in enumerate(ps):
                if pi not in found_p:
                    report.errors.append(
                        {"article": gold.id, "kind": "false", "type": "PROPOSAL", "trigger": p.cue,
                         "source": view.state(p.holder), "target": view.state(p.addressee),
                         "sentence": sentence or p.first_text}
                    )  # fmt: skip
        _count(
            report.preconditions,
            [g for g in gs if g.kind in PRECONDITION_KINDS],
            [p for p in ps if p.kind in PRECONDITION_KINDS],
            same,
        )
