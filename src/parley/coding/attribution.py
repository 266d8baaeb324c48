"""Quotes and chains of attribution ("X reported that Y said ...")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from parley.coding.context import Resolved, SentenceContext, subject_of
from parley.kb.ontology import Ontology

# Curly and straight double quotes, paired within one sentence.
_QUOTE = re.compile(r"“([^”]{2,600})”|\"([^\"]{2,600})\"")
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)


@dataclass(frozen=True)
class QuoteSpan:
    text: str
    start: int  # offsets within the sentence text
    end: int


def find_quotes(sentence: str) -> list[QuoteSpan]:
    """Quotations in one sentence: paired marks, and the open end of a quotation that runs over
    several sentences (it opens at the start of the sentence and does not close, or closes at its
    end without opening in it)."""
    out: list[QuoteSpan] = []
    covered: list[tuple[int, int]] = []
    for m in _QUOTE.finditer(sentence):
        group = 1 if m.group(1) is not None else 2
        _add(out, sentence, m.start(group), m.end(group))
        covered.append((m.start(), m.end()))
    marks = [i for i, ch in enumerate(sentence) if ch in '"“”' and not any(b <= i < e for b, e in covered)]
    if len(marks) == 1:
        i = marks[0]
        if i <= 1 and sentence[i] in '"“':
            _add(out, sentence, i + 1, len(sentence))  # opens here, continues in the next sentence
        elif i >= len(sentence) - 2 and sentence[i] in '"”' and sentence[:i].rstrip()[-1:] in ".!?,":
            _add(out, sentence, 0, i)  # the last sentence of a quotation that opened earlier
    return sorted(out, key=lambda q: q.start)


def _add(out: list[QuoteSpan], sentence: str, start: int, end: int) -> None:
    raw = sentence[start:end]
    text = raw.strip()
    if len(text) >= 2:
        # Offsets of the stripped words, so body[start:end] is exactly the quote.
        begin = start + (len(raw) - len(raw.lstrip()))
        out.append(QuoteSpan(text, begin, begin + len(text)))


_AGENCIES = r"(Reuters|AP|AFP|Associated Press|Agence France-Presse|Xinhua|Yonhap|Kyodo|Bloomberg|dpa|UPI)"
# Where pages name the wire agency: a dateline "(Reuters) -", a credit line "Associated Press writers ...
# contributed", Reuters' "(Reporting by ...; Editing by ...)", a byline that is the agency.
_DATELINE_AGENCY = re.compile(r"\(" + _AGENCIES + r"\)")
_CREDIT_AGENCY = re.compile(
    _AGENCIES + r" (?:writers?|reporters?|correspondents?|staff)\b[^.]{0,120}\bcontributed", re.I
)
_REUTERS_CREDIT = re.compile(r"\(Reporting by [^)]{3,200}\)")
_BYLINE_AGENCY = re.compile(r"^\W*(?:by\s+)?(?:the\s+)?" + _AGENCIES + r"\W*$", re.I)


def wire_agency(body: str, dateline: str | None = None, byline: str | None = None) -> str | None:
    """The news agency a page credits for its story, as the page names it ("Reuters", "AP"), if any."""
    head, tail = body[:300], body[-600:]
    for text in (dateline or "", head):
        m = _DATELINE_AGENCY.search(text)
        if m:
            return m.group(1)
    if byline:
        m = _BYLINE_AGENCY.match(byline.strip())
        if m:
            return m.group(1)
    m = _CREDIT_AGENCY.search(tail)
    if m:
        return m.group(1)
    if _REUTERS_CREDIT.search(tail):
        return "Reuters"
    return None


def outlet_label(outlet: str | None) -> str:
    return f"outlet:{outlet}" if outlet else "outlet:(this article)"


def reporters_above(token: Token, ctx: SentenceContext, onto: Ontology) -> list[tuple[Token, Resolved]]:
    """Reporting verbs governing ``token`` with a resolvable subject, innermost first."""
    out: list[tuple[Token, Resolved]] = []
    current = token
    steps = 0
    while current.head.i != current.i and steps < 20:
        current = current.head
        steps += 1
        if current.pos_ in ("VERB", "AUX") and current.lemma_.lower() in onto.reporting_verbs:
            subj = subject_of(current)
            ref = ctx.resolve(subj) if subj is not None else None
            if ref is not None:
                out.append((current, ref))
    # "..., according to Yonhap" attaches anywhere; treat it as the outermost reporter.
    for tok in ctx.doc:
        if tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
            for pobj in ctx.doc[tok.i + 1].children:
                ref = ctx.resolve(pobj)
                if ref is not None:
                    out.append((tok, ref))
    return out


def speaker_of(
    token: Token, ctx: SentenceContext, onto: Ontology, quoted: range = range(0)
) -> tuple[Resolved | None, list[Resolved]]:
    """Who says the words at ``token``, and who relays them (outermost first). Verbs inside the
    quotation (token indices ``quoted``) are its content, not its attribution."""
    current = token
    speaker: Resolved | None = None
    speaker_verb: Token | None = None
    steps = 0
    while steps < 20:
        steps += 1
        if current.pos_ in ("VERB", "AUX") and current.i not in quoted:
            subj = subject_of(current)
            # A speaker parley cannot place is still named ("Sanders said"): the words are kept.
            ref = (ctx.resolve(subj) or ctx.unresolved(subj)) if subj is not None else None
            if ref is not None:
                speaker, speaker_verb = ref, current
                break
        if current.head.i == current.i:
            break
        current = current.head
    relays = reporters_above(speaker_verb, ctx, onto) if speaker_verb is not None else []
    # A spokesperson who "told reporters that South Korea is asking ..." is the voice of that state.
    if (
        speaker is not None
        and relays
        and relays[0][1].principal == speaker.principal
        and speaker.agent is None
        and not _is_media(relays[0][1].agent, ctx)
    ):
        speaker = relays[0][1]
        relays = relays[1:]
    relayed = [ref for _, ref in reversed(relays) if speaker is None or ref != speaker]
    return speaker, relayed


def _is_media(agent: str | None, ctx: SentenceContext) -> bool:
    actor = ctx.kb.get(agent) if agent else None
    return actor is not None and actor.kind in ("state_media", "agency", "media")


def build_chain(
    outlet: str | None, relays: list[Resolved], speaker: Resolved | None, agency: str | None = None
) -> tuple[str, ...]:
    """outlet -> the wire agency it credits -> relaying agencies -> speaker -> the state or body the
    speaker speaks for."""
    chain: list[str] = [outlet_label(outlet)]
    if agency:
        chain.append(agency)
    for ref in relays:
        chain.append(ref.agent or ref.principal or ref.text)
    if speaker is not None:
        if speaker.agent:
            chain.append(speaker.agent)
        chain.append(speaker.principal or speaker.text or "(unknown)")
    deduped: list[str] = []
    for item in chain:
        if not deduped or deduped[-1] != item:
            deduped.append(item)
    return tuple(deduped)
