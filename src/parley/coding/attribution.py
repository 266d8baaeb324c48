"""Quotes and chains of attribution ("X reported that Y said ...").

Quotations are found in the whole document, not sentence by sentence (``quotations``): one runs
from its opening mark to its closing one across sentences, and across paragraphs by the news
convention (a paragraph that opens with a quotation mark while a quotation is still open
continues it); a quotation inside a quotation is one of its own when the words around it say who
says it. A quotation interrupted by "he said" is two.

Who says one (``QuoteBook``): the one its own sentences name ("X said", "said X", "X told Y",
"according to X", "X called it ...", "X's statement read", '"..." X told reporters' split off by
the tokenizer), else the one who spoke just before ('"...," Smith said. "..."'), else the one
person, or the subject, of the sentence before ("Smith, the envoy, spoke on Monday. "...""); a
pull quote is the speaker's of the words it repeats. Named people are placed in their state or
body: by the knowledge base (also by surname after the full name, and "the president" as the
office holder), by how the article introduced them ("Iran's foreign minister Javad Zarif",
"X, a spokesman for the Canadian embassy"), else in the state the article names most (domestic
agents are placed so only where it dominates). The speaker's words are kept as the text gave them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from parley.coding.context import PERSON_PRONOUNS, Discourse, Resolved, SentenceContext, subject_of
from parley.coding.coref import PersonMention, pronoun_gender
from parley.coding.domestic import story_state
from parley.kb.actors import ActorKB
from parley.kb.ontology import Ontology
from parley.kb.sectors import sector_of
from parley.models import CleanDocument, Mention, Quote, Sentence, stable_id
from parley.nlp.mentions import GENERIC, mention_finder

# Curly and straight double quotes, paired within one sentence.
_QUOTE = re.compile(r"“([^”]{2,600})”|\"([^\"]{2,600})\"")


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


# ---- quotations across sentences and paragraphs ----------------------------------------------
_PARAGRAPH = re.compile(r"\n\s*\n")
_OPENERS = "“„"
_CLOSERS = "”"
_MARKS = '"“”„'
_DOUBLED_CLOSER = re.compile("(?<=\\S)’’")
# Where a sentence starts inside a paragraph: after ". " (or "? ", "! "), before a capital or a mark.
_SENTENCE_START = re.compile(r"[.!?]['’”\"]?\s+(?=[A-Z\"“‘'\[(])")


def quotations(body: str) -> list[tuple[int, int]]:
    """The quotations of a document: (start, end) of the quoted words, quotation marks excluded.

    A quotation runs from its opening mark to its closing one across sentences. It runs across
    paragraphs by the news convention: a paragraph that ends inside a quotation, before one that
    opens with a quotation mark, goes on there (the mark re-opens it). A quotation still open at the
    end of its paragraph otherwise ends there; a closing mark with no opening one before it closes
    a quotation that began with its sentence. Straight marks pair by their order and the spaces
    around them, curly ones by their shape; a quotation nested in another is part of it.
    """
    out: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None  # a quotation still open at the end of the paragraph before
    for p_start, p_end in _paragraphs(body):
        text = body[p_start:p_end]
        found = _paragraph_quotations(text)
        if pending is not None:
            lead = len(text) - len(text.lstrip())
            if found and text[lead : lead + 1] in _MARKS and found[0][0] == lead + 1:
                found[0] = (pending[0] - p_start, found[0][1], found[0][2])  # continued
            else:
                out.append(pending)
            pending = None
        for start, end, closed in found:
            if closed:
                out.append((p_start + start, p_start + end))
            else:
                pending = (p_start + start, p_start + end)
    if pending is not None:
        out.append(pending)
    stripped = (_strip(body, s, e) for s, e in out)
    return [(s, e) for s, e in stripped if e - s >= 2]


# Inside a quotation: 'single' or ‘curly single’ marks, or double marks of the other kind.
_INNER = re.compile(r"(?<![\w’'])['‘](?=\S)([^\n]{2,300}?)(?<=\S)['’](?![\w’'])|“([^”\n]{2,300})”|\"([^\"\n]{2,300})\"")


def nested_quotations(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Quotations inside quotations ("I offered to resign and the president said, 'Let's talk
    tomorrow.'"): (start, end, index of the quotation around it)."""
    out = []
    for qi, (start, end) in enumerate(spans):
        for m in _INNER.finditer(body, start, end):
            group = next(g for g in (1, 2, 3) if m.group(g) is not None)
            a, b = _strip(body, m.start(group), m.end(group))
            if b - a >= 2 and (a, b) != (start, end):
                out.append((a, b, qi))
    return out


def _paragraphs(body: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in _PARAGRAPH.finditer(body):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(body)))
    return out


def _strip(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_quotations(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the quotations of one paragraph, in order; only the last may be open
    (it then runs to the end of the paragraph)."""
    # Two closing single marks stand for a closing double one ("voters,’’ Moy told the BBC"); the
    # same length, so offsets hold.
    text = _DOUBLED_CLOSER.sub("”’", text)
    curly = [i for i, ch in enumerate(text) if ch in _OPENERS + _CLOSERS]
    straight = [i for i, ch in enumerate(text) if ch == '"']
    if len(curly) > 1 and len({text[i] in _OPENERS for i in curly}) == 1:
        straight = sorted(straight + curly)  # one shape for both ends: read them as straight marks
        curly = []
    spans = sorted(_pair_curly(text, curly) + _pair_straight(text, straight), key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int, bool]] = []
    for start, end, closed in spans:
        if out and start < out[-1][1]:
            last = out[-1]
            if not last[2]:
                # An open quotation before a later one ends where the later one's mark stands.
                out[-1] = (last[0], max(last[0], start - 1), True)
            elif end <= last[1]:
                continue  # nested: part of the one around it
            else:
                out[-1] = (last[0], end, closed)  # crossing pairs: one quotation
                continue
        out.append((start, end, closed))
    return out


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-'’")


def _sentence_start(text: str, before: int, floor: int) -> int:
    start = floor
    for m in _SENTENCE_START.finditer(text, floor, before):
        start = m.end()
    return start


def _pair_curly(text: str, marks: list[int]) -> list[tuple[int, int, bool]]:
    out: list[tuple[int, int, bool]] = []
    opened: int | None = None
    floor = 0
    for i in marks:
        if text[i] in _OPENERS:
            if opened is None:
                opened = i + 1
            continue  # an opening mark inside a quotation: nested, or a slip
        if opened is not None:
            out.append((opened, i, True))
            opened = None
        else:
            out.append((_sentence_start(text, i, floor), i, True))  # closes what its sentence began
        floor = i + 1
    if opened is not None:
        out.append((opened, len(text), False))
    return out


def _pair_straight(text: str, marks: list[int]) -> list[tuple[int, int, bool]]:
    """Straight marks alternate; of an odd number, the one left over is the mark that best reads as
    a quotation left open at the end, or closed at the start with no opening mark."""
    if len(marks) % 2 == 0:
        return [(marks[k] + 1, marks[k + 1], True) for k in range(0, len(marks), 2)]
    best: tuple[int, list[tuple[int, int, bool]]] | None = None
    for left_out in range(0, len(marks), 2):
        rest = marks[:left_out] + marks[left_out + 1 :]
        pairs = [(rest[k], rest[k + 1]) for k in range(0, len(rest), 2)]
        score = sum(int(_opens(text, a)) + int(_closes(text, b)) for a, b in pairs)
        spans = [(a + 1, b, True) for a, b in pairs]
        i = marks[left_out]
        if left_out == len(marks) - 1 and _opens(text, i):
            score += 2
            spans.append((i + 1, len(text), False))
        elif left_out == 0 and _closes(text, i):
            score += 2
            spans.insert(0, (_sentence_start(text, i, 0), i, True))
        else:
            score -= 1  # a stray mark
        if best is None or score > best[0]:
            best = (score, spans)
    return best[1] if best is not None else []


def pieces_in(sent: Sentence, spans: list[tuple[int, int]]) -> list[tuple[int, QuoteSpan]]:
    """The parts of the document's quotations in one sentence: (quotation index, span in the sentence)."""
    out = []
    for qi, (start, end) in enumerate(spans):
        if end <= sent.start or start >= sent.end:
            continue
        a, b = max(start, sent.start) - sent.start, min(end, sent.end) - sent.start
        raw = sent.text[a:b]
        if start < sent.start:
            raw = raw.lstrip()
            a = b - len(raw)
            if raw[:1] in _MARKS:
                a += 1  # a paragraph that continues the quotation opens with a mark of its own
        text = sent.text[a:b]
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if len(text) >= 2:
            out.append((qi, QuoteSpan(text, a + lead, a + lead + len(text))))
    return out


# ---- who says it --------------------------------------------------------------------------------
# Verbs that attribute words to a speaker, beyond the reporting verbs of the ontology.
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "write", "tweet", "post", "note", "claim", "explain", "continue", "reply",
    "respond", "answer", "ask", "insist", "warn", "announce", "declare", "comment", "remark", "argue", "stress",
    "emphasize", "emphasise", "acknowledge", "admit", "assert", "observe", "recall", "urge", "call", "describe",
    "conclude", "predict", "promise", "vow", "chant", "shout", "read", "speak", "testify", "complain", "concede",
    "suggest", "point", "mention", "counter", "deny", "reiterate", "joke", "quip", "wonder", "confirm", "plead",
    "cry", "scream", "yell", "exclaim", "demand", "accuse", "label", "term", "dub", "brand", "underline",
    "underscore", "caution", "lament", "told", "said", "added",
})  # fmt: skip
# Nouns for people by their role: they speak ("the spokesman said"), and "the judge" later is the
# judge named before.
ROLE_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "general", "judge", "prosecutor",
    "official", "officials", "leader", "chairman", "chairwoman", "secretary", "ambassador", "envoy", "governor",
    "senator", "commission", "court", "ministry", "government", "police", "analyst", "professor", "expert",
    "lawyer", "attorney", "director", "chief", "commander", "mayor", "king", "queen", "prince", "princess",
    "party", "campaign", "council", "committee", "agency", "department", "office", "army", "military",
    "spokespeople", "representative", "delegate", "negotiator", "diplomat", "premier", "chancellor", "witness",
    "victim", "activist", "protester", "resident", "lawmaker", "legislator", "member", "members", "group",
})  # fmt: skip
# What a statement says is its author's: "the statement read", "his tweet said".
_DOCUMENTS = frozenset({
    "statement", "letter", "tweet", "post", "account", "opinion", "summary", "message", "report", "memo",
    "memorandum", "ruling", "decision", "communique", "release", "order", "judgment", "judgement", "text",
    "note", "declaration", "website", "email", "speech", "announcement", "notice", "document", "transcript",
    "argument", "remark", "comment", "word", "address", "response", "reply", "answer",
})  # fmt: skip
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "cc", "conj", "punct"})
_SPEAKER_DEPS = ("nsubj", "nsubjpass", "dobj", "attr", "npadvmod", "appos", "conj", "oprd")
_NEAR = 4  # tokens between a quotation and its "he said"
_NAME_KEY = re.compile(r"^[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*$")  # a surname, not "party's"
_PARTITIVES = frozenset({"one", "some", "many", "several", "most", "few", "none", "each", "two", "three"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "mister"})
_PRONOUN_REACH = 4  # sentences back an unresolved "he said" may take the last speaker from


def _is_speech(token: Token, onto: Ontology) -> bool:
    lemma = token.lemma_.lower()
    return lemma in SPEECH_VERBS or lemma in onto.reporting_verbs or token.lower_ in SPEECH_VERBS


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
    # "..., according to Yonhap" attaches anywhere; treat it as the outermost reporter. So does
    # "per" an outlet ("..., per the New York Times"), not "per cent" or "per day". An outlet the
    # knowledge base lacks is one by its name ("according to the Intelligencer"; `_unknown_outlet`).
    for tok in ctx.doc:
        if tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
            for pobj in ctx.doc[tok.i + 1].children:
                ref = ctx.resolve(pobj) or _outlet_named(pobj, ctx)
                if ref is not None:
                    out.append((tok, ref))
        elif tok.lower_ == "per":
            for pobj in tok.children:
                ref = ctx.resolve(pobj)
                if ref is not None and _reports(ref, ctx):
                    out.append((tok, ref))
                elif ref is None and (named := _outlet_named(pobj, ctx)) is not None:
                    out.append((tok, named))
    return out


def _outlet_named(tok: Token, ctx: SentenceContext) -> Resolved | None:
    """An outlet the knowledge base lacks, by its words, where ``tok`` names one."""
    if tok.dep_ != "pobj" or not _unknown_outlet(tok, ctx):
        return None
    return Resolved(None, None, "outlet", tok.i, _outlet_name(tok))


def _attribution(
    span: Span, ctx: SentenceContext, onto: Ontology, quoted: set[int]
) -> tuple[Resolved, list[Resolved], Token, int] | None:
    """The speaker of the quotation ``span`` as its own sentence names them, the relays, the words
    that name the speaker, and how firmly (0: a speech verb, 1: "according to", 2: another verb);
    None when the sentence does not say.

    In order: a speech verb the quotation hangs from ("X said", "X told Y", "X called it ..."), a
    speech verb right next to it ("...," said X), "according to X", any other verb it hangs from
    ("X dismissed the claims as ..."), the first of these that names anyone. Among its verbs, one
    whose subject is a name, a person, a role or an actor the knowledge base knows comes first.
    """
    speech, other = _by_parse(span, onto, quoted)
    according = [
        (tok, pobj)
        for tok in ctx.doc
        if tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to"
        for pobj in ctx.doc[tok.i + 1].children
        if pobj.dep_ == "pobj" and pobj.i not in quoted
    ]
    chosen: tuple[Token, Token, Resolved, int] | None = None
    tiers = ([*speech, *_by_nearby_verb(span, ctx, onto, quoted)], according, [*other, *_hung_under(span, quoted)])
    for tier, options in enumerate(tiers):
        found: list[tuple[Token, Token, Resolved, int]] = []
        for verb, subj in options:
            token = _speaker_token(subj)
            speaker = _speaker_ref(token, ctx)
            if speaker is not None:
                found.append((verb, token, speaker, tier))
        if found:
            chosen = next((f for f in found if _agentive(f[1], f[2], ctx)), found[0])
            break
    if chosen is None:
        return None
    verb, token, speaker, tier = chosen
    if verb.lower_ == "according":
        return speaker, [], token, tier
    relays = reporters_above(verb, ctx, onto)
    cited = _cited(verb, ctx, quoted)
    if cited is not None:
        # "State media quoted Kim as saying", "Yonhap reported, citing an official, that": the
        # one cited said the words; the reporter is the relay nearest them.
        relays = [(verb, speaker), *relays]
        token, speaker = cited
    elif _reports(speaker, ctx) and verb.i >= span.end:
        # '"...," Kim said, KCNA reported', which the parser may hang the other way round: the
        # outlet after the words relays the person whose speech verb governs it.
        inner = next(((v, r) for v, r in relays if not _reports(r, ctx)), None)
        if inner is not None:
            relays = [(verb, speaker), *(r for r in relays if r is not inner)]
            token, speaker = subject_of(inner[0]) or token, inner[1]
    # A spokesperson who "told reporters that South Korea is asking ..." is the voice of that state.
    if (
        relays
        and relays[0][1].via != "outlet"
        and relays[0][1].principal == speaker.principal
        and speaker.agent is None
        and not _reports(relays[0][1], ctx)
    ):
        speaker, token = relays[0][1], subject_of(relays[0][0]) or token
        relays = relays[1:]
    outer = [ref for _, ref in reversed(relays) if ref != speaker]
    return speaker, [*_interviewers(verb, ctx, quoted), *outer], token, tier


# Words under which an outlet is the one spoken to: "speaking to the BBC", "in remarks to ABC", "in an
# interview with Der Spiegel", "when contacted by Reuters", "told NBC's Lester Holt".
_SPOKEN_TO = frozenset({
    "tell", "speak", "talk", "say", "interview", "remark", "comment", "statement", "contact", "appearance",
    "appear", "write", "op", "column", "message", "email", "letter", "conversation", "quote", "cite",
    "publish", "air", "broadcast", "carry",
})  # fmt: skip
_TO_OUTLET_DEPS = frozenset({
    "dative", "dobj", "pobj", "prep", "agent", "advcl", "acl", "nsubj", "poss", "compound", "npadvmod", "pcomp",
})  # fmt: skip


def _interviewers(verb: Token, ctx: SentenceContext, quoted: set[int]) -> list[Resolved]:
    """Outlets the speaker spoke or wrote to in the clause of ``verb`` ("X told the BBC"): relays
    between the article and the speaker, outermost first."""
    # The speaker's verb and those it is conjoined to: "Speaking to NBC News, she said, ..." hangs
    # the outlet on the first verb, "X was eager, but Y told US media ..." on the speaker's own.
    verbs = [verb]
    while verbs[-1].dep_ in ("conj", "parataxis") or _as_saying(verbs[-1]) is not verbs[-1]:
        last = verbs[-1]
        verbs.append(last.head if last.dep_ in ("conj", "parataxis") else _as_saying(last))
    top = verbs[-1]
    out: list[Resolved] = []
    for match, start, end in ctx.match_tokens:
        if not _is_media(match.actor_id, ctx):
            continue
        tok = ctx.doc[start:end].root
        ref = ctx.resolve(tok)
        if tok.i in quoted or ref is None or ref in out or not (top.left_edge.i <= tok.i <= top.right_edge.i):
            continue
        if any(_spoken_to(tok, v) for v in verbs):
            out.append(ref)
    for tok in top.subtree:
        if tok.i not in quoted and _unknown_outlet(tok, ctx) and any(_spoken_to(tok, v) for v in verbs):
            out.append(Resolved(None, None, "outlet", tok.i, _outlet_name(tok)))
    return out


# The last word of a newspaper's or broadcaster's name ("the Argus Leader", "the Kyiv Independent"):
# a name the knowledge base lacks that a speaker spoke to is an outlet only so, by a web address
# ("UOL.com.br") or in an interview ("in an interview with Folha"). Bodies and gatherings that are
# told things ("told the American Legion", "told the Commons") are not relays.
_OUTLET_WORDS = frozenset({
    "times", "post", "journal", "herald", "tribune", "leader", "independent", "gazette", "observer",
    "guardian", "telegraph", "express", "mail", "mirror", "standard", "courier", "register", "inquirer",
    "dispatch", "globe", "news", "review", "monitor", "bulletin", "record", "examiner", "enquirer",
    "intelligencer", "chronicle", "star", "sun", "daily", "today", "radio", "tv", "television", "magazine",
    "weekly", "press", "wire", "insider", "sentinel", "bee", "dealer", "advocate", "voice", "nation",
    "age", "hindu", "dawn", "statesman", "citizen", "reporter", "networks", "network", "broadcasting",
})  # fmt: skip
_WEB_ADDRESS = re.compile(r"[A-Za-z][\w-]*(?:\.[a-z]{2,6})+")
_NOT_OUTLET_ENTS = frozenset({"PERSON", "GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "EVENT", "LAW"})


def _unknown_outlet(tok: Token, ctx: SentenceContext) -> bool:
    """A name the knowledge base lacks that a speaker spoke to as to an outlet ("told the
    Argus Leader", "speaking to the Kyiv Independent", "told UOL.com.br", "in an interview with
    Folha"): a proper noun heading a name of no person, place or nation that ends as outlets' names
    do, is a web address, or was given an interview. A known place inside it ("Kyiv") is part of it.
    "Media" with its qualifier ("told US media") is a relay the text leaves unnamed."""
    if tok.lower_ == "media" and tok.dep_ != "compound":
        # "told US media", "state media"; not "the media", nor the medium ("wrote on social media")
        qualifiers = [c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")]
        return bool(qualifiers) and "social" not in qualifiers
    if tok.dep_ == "compound" or _known(tok.i, ctx):
        return False
    if _WEB_ADDRESS.fullmatch(tok.text):
        return True
    if tok.pos_ != "PROPN":
        return False
    compounds = [c for c in tok.lefts if c.dep_ == "compound"]
    article = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.lefts)
    if tok.ent_type_ in _NOT_OUTLET_ENTS and not (article and tok.ent_type_ == "PERSON" and not compounds):
        return False  # "the Intelligencer", which the small model takes for a person, is not one
    if compounds:
        persons = {p.key for p in ctx.discourse.persons}
        if any(w.ent_type_ == "PERSON" or w.lower_ in persons for w in compounds):
            return False
    interview = tok.head.lower_ == "with" and tok.head.head.lemma_.lower() == "interview"
    return tok.lower_ in _OUTLET_WORDS or interview


def _as_saying(verb: Token) -> Token:
    """The verb that "as saying" completes ("quoted Kim as saying", "was quoted by KCNA as saying"),
    else ``verb`` itself."""
    return verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else verb


def _known(i: int, ctx: SentenceContext) -> bool:
    match = ctx.token_match.get(i)
    return match is not None and not match.actor_id.startswith(GENERIC)


def _outlet_name(tok: Token) -> str:
    first = min([tok.i, *(c.i for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod"))])
    return tok.doc[first : tok.i + 1].text


def _spoken_to(tok: Token, verb: Token) -> bool:
    """``tok`` names who ``verb``'s speaker addressed: its path up to the verb is made of objects,
    prepositions and adverbial clauses only, and the word it hangs from is one of speaking."""
    current = tok
    while current.dep_ in ("compound", "appos") or (current.dep_ == "poss" and current.head.pos_ == "PROPN"):
        current = current.head  # "Der Spiegel", "NBC's Lester Holt", "the state news agency TASS"
    if current.dep_ in ("dative", "dobj", "npadvmod"):  # "told the state news agency TASS", parsed so
        return current.head.i == verb.i and verb.lemma_.lower() == "tell"
    if current.dep_ != "pobj":
        return False
    prep = current.head
    if prep.lower_ == "of" and prep.head.dep_ == "pobj" and prep.head.pos_ == "PROPN":
        prep = prep.head.head  # "speaking to Martin Smith of PBS"
    if prep.lower_ not in ("to", "with", "by", "on", "for"):
        return False
    anchor = node = prep.head
    for _ in range(8):
        if node.i == verb.i:
            return anchor.lemma_.lower() in _SPOKEN_TO
        if node.dep_ not in _TO_OUTLET_DEPS:
            return False
        node = node.head
    return False


def _agentive(token: Token, speaker: Resolved, ctx: SentenceContext) -> bool:
    """Words that can speak: a known actor, a name, a person's pronoun, a role ("the spokesman")."""
    return (
        speaker.principal is not None
        or speaker.via == "pronoun"
        or _is_person(token, ctx)
        or token.text[:1].isupper()
        or token.lemma_.lower() in ROLE_NOUNS
    )


def _by_parse(
    span: Span, onto: Ontology, quoted: set[int]
) -> tuple[list[tuple[Token, Token]], list[tuple[Token, Token]]]:
    """The verbs above the quotation with a subject outside it, nearest first: speech verbs
    ("told", "called it"), and the others."""
    candidates: list[tuple[Token, Token]] = []
    current = span.root
    for _ in range(20):
        if current.pos_ in ("VERB", "AUX") and current.i not in quoted:
            subj = _said_by(current)
            if _fits(subj, current, quoted):
                assert subj is not None
                candidates.append((current, subj))
        if current.head.i == current.i:
            break
        current = current.head
    speech = [c for c in candidates if _is_speech(c[0], onto)]
    return speech, [c for c in candidates if c not in speech]


def _named_only_inside(key: str, ctx: SentenceContext, quoted: set[int]) -> bool:
    """Whether the person ``key`` is named in this sentence only inside its quotations, and not before."""
    if not key or any(p.key == key for p in ctx.discourse.persons):
        return False
    here = [p for p in ctx.people_here() if p.key == key]
    return bool(here) and all(p.token in quoted for p in here)


def _said_by(verb: Token) -> Token | None:
    """The subject of a verb; of a participle with none of its own ("X did Y, saying "...""), the
    subject of the sentence's main verb, which the parser may have hung it under a clause of."""
    if (
        verb.tag_ == "VBG"
        and verb.dep_ in ("advcl", "conj", "xcomp")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        root = verb.sent.root
        main = subject_of(root) if root.i < verb.i and root.pos_ in ("VERB", "AUX") else None
        if main is not None and main.i < verb.i:
            return main
    return subject_of(verb)


def _fits(subj: Token | None, verb: Token, quoted: set[int]) -> bool:
    """A subject that can say the words: outside them, and not the object of a preposition (the
    parser's "a think tank called it ..." for "X, speaking to a think tank, called it ...")."""
    return subj is not None and subj.i not in quoted and subj.i != verb.i and subj.dep_ != "pobj"


def _by_nearby_verb(span: Span, ctx: SentenceContext, onto: Ontology, quoted: set[int]) -> list[tuple[Token, Token]]:
    """ "...," said Ruto; Johnson tweeted, "...": a speech verb right before or after the quotation,
    or one the parser hung under the quotation's own words, however it read the two together. Its
    subject, or the name right after it."""
    doc = ctx.doc
    under = {t.i for t in span.root.subtree} if span.root.i in quoted else set()
    verbs = [
        t
        for t in doc
        if t.i not in quoted
        and t.pos_ in ("VERB", "AUX")
        and _is_speech(t, onto)
        and (span.start - _NEAR <= t.i < span.start or span.end <= t.i < span.end + _NEAR or t.i in under)
    ]
    verbs.sort(key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)))
    out: list[tuple[Token, Token]] = []
    for verb in verbs:
        subj = _said_by(verb)
        if _fits(subj, verb, quoted):
            assert subj is not None
            out.append((verb, subj))
            continue
        for tok in doc[verb.i + 1 : min(len(doc), verb.i + 6)]:
            if tok.i in quoted:
                break
            if tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.dep_ in (*_SPEAKER_DEPS, "compound"):
                head = tok
                while head.dep_ == "compound" and head.head.i not in quoted and head.head.i > head.i:
                    head = head.head
                out.append((verb, head))
                break
    return out


def _hung_under(span: Span, quoted: set[int]) -> list[tuple[Token, Token]]:
    """ "The palace issued this statement: "..."": a verb before the quotation that the parser hung
    under the quotation's own words, with its subject."""
    if span.root.i not in quoted:
        return []
    out = []
    for tok in span.root.subtree:
        if tok.i < span.start and tok.i not in quoted and tok.pos_ in ("VERB", "AUX"):
            subj = subject_of(tok)
            if _fits(subj, tok, quoted):
                assert subj is not None
                out.append((tok, subj))
    return sorted(out, key=lambda c: span.start - c[0].i)


def _speaker_token(token: Token) -> Token:
    """Who the subject stands for: the antecedent of "who"/"which" ("Christie, who denounced ..."),
    the author of a statement, letter or post ("Judge Miller's statement reads", "a memo posted by
    Senator Dalmau", "Facebook released a statement which read")."""
    for _ in range(4):
        lower = token.lemma_.lower()
        if lower in ("who", "which", "that") and token.head.dep_ == "relcl":
            token = token.head.head
            if token.ent_type_ in ("DATE", "TIME"):
                # "X updated his account on Tuesday, which read": the clause is about the document.
                verb = token
                while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                    verb = verb.head
                token = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _DOCUMENTS), token)
            continue
        if lower in ("part", "portion", "parts") or lower in _DOCUMENTS:
            owner = _owner(token, lower in _DOCUMENTS)
            if owner is None:
                return token
            token = owner
            continue
        return token
    return token


def _owner(token: Token, document: bool) -> Token | None:
    for child in token.children:
        if child.dep_ == "poss":
            if child.lower_ in ("his", "her") and token.dep_ == "dobj":
                # "Berg updated his account": the subject of the clause.
                subj = subject_of(token.head)
                if subj is not None and subj.pos_ == "PROPN":
                    return subj
            return child  # "Judge Miller's statement", "his account"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)  # "the opinion of the Court"
        if document and child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)  # "a memo posted by X"
    if document and token.dep_ in ("dobj", "attr") and token.head.pos_ == "VERB":
        return subject_of(token.head)  # "Facebook released a statement which read ..."
    return None


def _speaker_ref(token: Token, ctx: SentenceContext) -> Resolved | None:
    """The actor a speaker's words stand for: a person the knowledge base knows, named in the
    subject or its apposition ("The Vice President, Mike Pence, said"), else what the subject's
    words resolve to, a person named earlier by their full name ("Boris Johnson" ... "Johnson
    said"), else the words alone."""
    if (token.lower_ in _PARTITIVES or token.pos_ == "NUM") and not any(c.dep_ == "appos" for c in token.children):
        # "One of the victims said": the group the speaker is one of, in the words of the text.
        group = next((c for p in token.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"), None)
        if group is not None and group.pos_ in ("NOUN", "PROPN"):
            ref = ctx.resolve(group) or ctx.unresolved(group)
            words = _phrase(token)
            if ref is not None:
                return Resolved(ref.principal, ref.agent, ref.via, token.i, words)
            return Resolved(None, None, "unresolved", token.i, words)
    names = [token, *(c for c in token.children if c.dep_ == "appos")]
    names.sort(key=lambda t: not _is_name(t))
    refs = [ctx.resolve(t) for t in names]
    person = next((r for r in refs if r is not None and r.agent and ctx.kb.is_person(r.agent)), None)
    if person is not None:
        return person
    main = refs[names.index(token)]
    if main is not None and main.principal is not None:
        return main
    for name in names:
        if _is_person(name, ctx):
            earlier = _by_surname(name, ctx)
            if earlier is not None:
                return earlier
    resolved = next((r for r in refs if r is not None and r.principal is not None), None)
    if resolved is not None:
        return resolved
    if token.lower_ in PERSON_PRONOUNS:
        # "he said" about someone parley cannot place: who, if the pronoun is clear (their surname).
        chosen = ctx.pronoun_people.get(token.i)
        key = chosen.key if chosen is not None and chosen.ref is None and _NAME_KEY.match(chosen.key) else ""
        return Resolved(None, None, "pronoun", token.i, key)
    if token.pos_ == "PRON":
        return None
    return ctx.unresolved(token) or (
        Resolved(None, None, "unresolved", token.i, _phrase(token)) if token.pos_ in ("NOUN", "PROPN") else None
    )


def _phrase(token: Token, limit: int = 12) -> str:
    """A noun phrase's words as the text has them ("Adil Abdul-Mahdi", not "Adil Abdul - Mahdi"),
    without its clauses or apposition."""
    kept: list[int] = []

    def walk(tok: Token) -> None:
        for child in tok.children:
            if child.dep_ not in _CLAUSE_DEPS:
                walk(child)
        kept.append(tok.i)

    walk(token)
    kept.sort()
    start = end = token.i
    for i in reversed([k for k in kept if k < token.i]):
        if i < start - 1 and not all(t.is_punct for t in token.doc[i + 1 : start]):
            break
        start = i
    for i in (k for k in kept if k > token.i):
        if i > end + 1 and not all(t.is_punct and t.text not in ",;" for t in token.doc[end + 1 : i]):
            break
        end = i
    words = token.doc[start : min(end + 1, start + limit)]
    return re.sub(r"\s*['’]s?$", "", words.text.strip(" ,"))  # "the ministry's statement": the ministry


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ == "PERSON"


def _is_person(token: Token, ctx: SentenceContext) -> bool:
    """A name: the parser's, or a capitalised word the text used before for a person ("Sanders
    said", which the parser may take for a common noun)."""
    if _is_name(token):
        return True
    return token.text[:1].isupper() and any(p.key == token.lower_ for p in ctx.discourse.persons)


def _by_surname(token: Token, ctx: SentenceContext) -> Resolved | None:
    """A person of the knowledge base the text named in full before, named again by a name other
    than the first ("Carrie Lam" ... "Lam said")."""
    word = token.lower_
    # "Abdourahim Said Bacar" is not "Mohamed Bacar": names given with the surname must be theirs too.
    given = [
        c.lower_
        for c in token.subtree
        if c.i < token.i and c.dep_ == "compound" and _is_name(c) and _NAME_KEY.match(c.text)
        and c.lower_ not in ROLE_NOUNS and c.lower_ not in _HONORIFICS
    ]  # fmt: skip
    found: dict[str, str] = {}  # person -> the state they speak for
    for person in ctx.discourse.persons:
        ref = person.ref
        actor = ctx.kb.get(ref.agent) if ref is not None and ref.agent else None
        if ref is None or actor is None or actor.kind != "person" or ref.principal is None:
            continue
        names = [w.lower() for w in re.split(r"[\s-]+", actor.name)]
        if word in names[1:] and all(g in names for g in given):
            found[actor.id] = ref.principal
    if len(found) != 1:
        return None
    agent, principal = next(iter(found.items()))
    return Resolved(principal, agent, "surname", token.i)


# ---- quotes of a document ----------------------------------------------------------------------
@dataclass
class _Speaker:
    """Who a sentence says speaks, with the words that name them."""

    ref: Resolved
    relays: tuple[Resolved, ...] = ()
    words: str = ""
    pronoun: bool = False  # named by "he" or "she"
    gender: str | None = None  # the pronoun's: "m" for "he", "f" for "she"
    name: str = ""  # their name as the text uses it ("Sanders"), for finding their introduction
    role: str = ""  # "the spokesman said": the role word, for finding who was introduced with it
    tier: int = 0  # how firmly the sentence names them: 0 a speech verb, 1 "according to", 2 another verb


@dataclass
class _Piece:
    """A quotation's part in one sentence, with what that sentence says of its speaker."""

    quotation: int
    sent: Sentence
    span: QuoteSpan
    speaker: _Speaker | None = None  # named by the sentence itself
    context: _Speaker | None = None  # the one person of the sentence before, or an anaphor


# '"Why would we accept that?" he asked.', '"... now!" Macron told the world.': a sentence that the
# tokenizer started at the closing mark, and that only says who spoke.
_SAID = (
    r"(?:said|says|told|tells|asked|asks|added|adds|wrote|writes|tweeted|tweets|stated|states|explained|replied|"
    r"continued|insisted|warned|declared|noted|claimed|argued|concluded|announced|commented|remarked|responded|"
    r"answered|shouted|cried|exclaimed|recalled|admitted|acknowledged|posted)"
)
_TRAILING = re.compile(
    r"^(?:(?:he|she|they|we|I|it)\s+(?:\w+\s+)?" + _SAID + r"\b|" + _SAID + r"\s+\S"
    r"|(?:[A-Z][\w.'’-]*\s+){1,5}(?:\w+ly\s+)?" + _SAID + r"\b)"
)


def _same_person(a: _Speaker, b: _Speaker) -> bool:
    """Whether two sentences name one person: one known person, or one name the text uses."""
    if a.ref.agent is not None and b.ref.agent is not None:
        return a.ref.agent == b.ref.agent and ":" not in a.ref.agent  # not a generic organ ("USA:government")
    return bool(a.name) and _surname_key(a.name) == _surname_key(b.name)


def _may_be(quote: Quote, gender: str | None, genders: dict[str, str]) -> bool:
    """Whether a pronoun of ``gender`` can stand for the speaker of ``quote`` (``genders``: the
    gender the text told of each person, by discourse key)."""
    if gender is None:
        return True
    told = next((genders[item] for item in quote.chain if item in genders), None)
    told = told or genders.get(_surname_key(quote.speaker_text))
    return told is None or told == gender


def _surname_key(name: str) -> str:
    """How the discourse keys a person the knowledge base does not know: the name's last word."""
    words = name.split()
    return words[-1].lower() if words else ""


class QuoteBook:
    """The quotations of one document, fed sentence by sentence as the coder goes."""

    def __init__(self, body: str, sentences: list[Sentence], kb: ActorKB, onto: Ontology) -> None:
        self.body = body
        self.kb = kb
        self.onto = onto
        self.spans = quotations(body)
        self.sentences = {s.idx: s for s in sentences}
        # Quotations inside quotations come after the others, each with the one around it.
        inner = nested_quotations(body, self.spans)
        self.outer = {len(self.spans) + k: qi for k, (_, _, qi) in enumerate(inner)}
        self.spans += [(a, b) for a, b, _ in inner]
        self.pieces: list[_Piece] = []
        self.persons: list[PersonMention] = []  # the discourse's people, for the gender of "he"/"she"
        # The subject of each parsed sentence outside quotations: "Smith, the envoy, spoke on Monday."
        self.subjects: dict[int, _Speaker] = {}
        self._by_sentence: dict[int, list[tuple[int, QuoteSpan]]] = {}
        for sent in sentences:
            found = pieces_in(sent, self.spans)
            if found:
                self._by_sentence[sent.idx] = found
        # Sentences that only say who spoke the quotation just before them: sentence -> quotation.
        self.trailing: dict[int, int] = {}
        for before, sent in zip(sentences, sentences[1:], strict=False):
            last = self._by_sentence.get(before.idx, [])[-1:]
            end = self.spans[last[0][0]][1] if last else -1
            if (
                last
                and 0 <= sent.start - end <= 3
                and _TRAILING.match(sent.text)
                and "\n" not in body[end : sent.start]
            ):
                self.trailing[sent.idx] = last[0][0]

    def quoted_tokens(self, sent: Sentence, doc: Doc) -> frozenset[int]:
        """The tokens of the parsed sentence that stand inside one of the document's quotations."""
        pieces = self._by_sentence.get(sent.idx, [])
        return frozenset(t.i for t in doc for _, q in pieces if q.start <= t.idx < q.end)

    def unparsed(self, sent: Sentence, discourse: Discourse) -> None:
        """A sentence with no parse: its pieces have no speaker of their own."""
        if sent.idx in self.trailing:
            said_by = self._person_of(discourse.persons, sent.idx)
            if said_by is not None:
                self.subjects[sent.idx] = said_by
        context = self._person_of(discourse.persons, sent.idx - 1)
        for qi, span in self._by_sentence.get(sent.idx, []):
            if qi not in self.outer:
                self.pieces.append(_Piece(qi, sent, span, context=context))

    def parsed(self, sent: Sentence, ctx: SentenceContext, anaphor: Resolved | None = None) -> None:
        self.persons = ctx.discourse.persons
        found = self._by_sentence.get(sent.idx, [])
        if not found:
            root = next((t for t in ctx.doc if t.dep_ == "ROOT"), None)
            subj = subject_of(root) if root is not None else None
            if subj is None and root is not None and sent.idx in self.trailing:
                # "asked Sergei Lavrov, the Russian foreign minister": the name after the verb.
                subj = next((t for t in root.rights if t.pos_ in ("PROPN", "NOUN") and t.dep_ in _SPEAKER_DEPS), None)
            if subj is not None:
                token = _speaker_token(subj)
                ref = _speaker_ref(token, ctx)
                # "In an interview with CNN, Erdogan criticized ...": the outlet relays what he says
                # in the sentences a subject reaches (`_topic`), or the quotation before a '"..." he
                # told CNN' the tokenizer split off; sought only where such a quotation is.
                ahead = range(sent.idx + 1, sent.idx + _PRONOUN_REACH + 1)
                quoted_near = sent.idx in self.trailing or any(i in self._by_sentence for i in ahead)
                relays = tuple(_interviewers(root, ctx, set())) if root is not None and quoted_near else ()
                subject = self._speaker(ref, token, ctx, relays)
                if ref is not None and subject is not None and _agentive(token, ref, ctx):
                    self.subjects[sent.idx] = subject
            return
        spans = []
        quoted: set[int] = set()
        for qi, q in found:
            span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
            spans.append((qi, q, span))
            if span is not None and qi not in self.outer:
                quoted.update(range(span.start, span.end))
        for qi, q, span in spans:
            piece = _Piece(qi, sent, q)
            if qi in self.outer:
                # A quotation inside a quotation is one of its own only when the words around it
                # say who says it ("... and the president said, 'Let's talk tomorrow.'").
                inside = {t for t in quoted if span is not None and not span.start <= t < span.end}
                named = _attribution(span, ctx, self.onto, set(range(span.start, span.end))) if span else None
                if named is not None and named[3] == 0 and named[2].i in inside:
                    piece.speaker = self._speaker(named[0], named[2], ctx, tuple(named[1]))
                    self.pieces.append(piece)
                continue
            named = _attribution(span, ctx, self.onto, quoted) if span is not None else None
            if named is not None and named[0].via == "pronoun" and _named_only_inside(named[0].text, ctx, quoted):
                # '"... a plan Colonel Dahl drew up," he said': Dahl is talked about, not speaking.
                named = (replace(named[0], text=""), *named[1:])
            if named is not None and named[0].via == "pronoun" and not named[0].text:
                # "Sanders spoke on Monday, saying he ... "...": the person the sentence is about.
                earlier = self._subject_before(named[2], ctx, quoted)
                named = (earlier[0], named[1], earlier[1], named[3]) if earlier is not None else named
            if (
                named is not None
                and anaphor is not None
                and named[0].principal is None
                and anaphor.token in {t.i for t in named[2].subtree}
            ):
                # "The dismissal, delivered via a statement from the CPRC, cited 'hostile acts'": the
                # act's subject speaks for whoever did the act it refers back to.
                named = (replace(anaphor, text=named[0].text), *named[1:])
            if named is not None:
                piece.speaker = self._speaker(named[0], named[2], ctx, tuple(named[1]))
                if piece.speaker is not None:
                    piece.speaker.tier = named[3]
            else:
                piece.context = self._person_of(ctx.discourse.persons, sent.idx - 1) or self._speaker(
                    anaphor, None, ctx
                )
            self.pieces.append(piece)

    @staticmethod
    def _subject_before(token: Token, ctx: SentenceContext, quoted: set[int]) -> tuple[Resolved, Token] | None:
        """The last person named as a subject before ``token`` in its sentence, outside quotations."""
        for subj in sorted(ctx.doc[: token.i], key=lambda t: -t.i):
            if subj.dep_ not in ("nsubj", "nsubjpass") or subj.i in quoted or not _is_person(subj, ctx):
                continue
            ref = _speaker_ref(subj, ctx)
            if ref is None or ref.via == "pronoun":
                continue
            if (ref.agent is not None and ctx.kb.is_person(ref.agent)) or (
                ref.principal is None
                and (subj.ent_type_ == "PERSON" or any(p.key == subj.lower_ for p in ctx.discourse.persons))
            ):
                return ref, subj
        return None

    def _person_of(self, persons: list[PersonMention], sent_idx: int) -> _Speaker | None:
        """The one person a sentence names (by however many mentions): placed, or by the words that
        name them ("Tomas Berg, the envoy, spoke on Monday.")."""
        named = [p for p in persons if p.sent == sent_idx]
        if len({p.key for p in named}) != 1:
            return None
        ref = named[0].ref
        if ref is not None and ref.principal is not None:
            return self._speaker(Resolved(ref.principal, ref.agent, "previous sentence", 0, ref.text), None, None)
        sent = self.sentences.get(sent_idx)
        key = named[0].key
        if sent is None or not _NAME_KEY.match(key):
            return None
        m = re.search(rf"(?:[A-Z][\w'’.-]*\s+){{0,3}}{re.escape(key)}\b", sent.text, re.I)
        words = m.group() if m else key
        return _Speaker(Resolved(None, None, "previous sentence", 0, words), words=words, name=key)

    def _speaker(
        self, ref: Resolved | None, token: Token | None, ctx: SentenceContext | None, relays: tuple[Resolved, ...] = ()
    ) -> _Speaker | None:
        if ref is None:
            return None
        out = _Speaker(ref, relays, self._words(ref, token))
        if token is None or ctx is None:
            return out
        out.pronoun = token.lower_ in PERSON_PRONOUNS
        out.gender = pronoun_gender(token.text)
        if ref.via == "pronoun":
            out.name = ref.text
        elif _is_person(token, ctx) and token.text[:1].isupper():
            out.name = token.text
        elif token.lemma_.lower() in ROLE_NOUNS and any(c.lower_ in ("the", "this") for c in token.children):
            out.role = token.lemma_.lower()
        return out

    def _words(self, speaker: Resolved, token: Token | None) -> str:
        """The speaker's words as the text gave them ("Greek Prime Minister Kyriakos Mitsotakis"),
        else the known actor's name."""
        if token is not None and token.pos_ != "PRON" and token.lower_ not in ("latter", "former"):
            # With its apposition: "Abdourahim Said Bakar, a government spokesman".
            return ", ".join(_phrase(t) for t in (token, *(c for c in token.children if c.dep_ == "appos")))
        if speaker.text:
            return speaker.text
        return self.kb.label(speaker.agent or speaker.principal, default="")

    def quotes(self, document: CleanDocument, agency: str | None, mentions: Sequence[Mention] = ()) -> list[Quote]:
        """One quote per quotation, with its speaker.

        A quotation whose own sentences name no speaker is the last speaker's when it follows their
        quotation ("...," Smith said. "..."), else that of the one person, or the subject, of the
        sentence before ("Smith, the envoy, spoke on Monday. "...""). A speaker the sentences name
        but parley cannot place (not in the knowledge base) is placed by how the article introduced
        them, as the parse read it (``SentenceContext.introduce_people``: "Greek Prime Minister
        Kyriakos Mitsotakis", "Joao Caholo, the SADC deputy executive secretary"); "the spokesman"
        is the spokesman quoted before, "the president" the president of the state the story is
        about; failing these, a speaker is taken to be of the state the article names most.
        """
        # A speaker nothing else places is taken to be of the state the article names most, even
        # where none dominates as events require ("Senator Lindsey Graham" in a story of the US,
        # Turkey and Syria): speaker by person 0.764 -> 0.773 on train, where it was chosen.
        story = story_state(mentions, self.kb, document.published, dominance=0.0)
        grouped: dict[int, list[_Piece]] = {}
        for piece in self.pieces:
            grouped.setdefault(piece.quotation, []).append(piece)
        out: list[Quote] = []
        said: list[tuple[int, Quote]] = []  # (last sentence, quote) of the quotations before
        inner: dict[int, list[int]] = {}
        for qi in grouped:
            if qi in self.outer:
                inner.setdefault(self.outer[qi], []).append(qi)
        order = [i for qi in sorted(q for q in grouped if q not in self.outer) for i in (*inner.get(qi, []), qi)]
        for qi in order:
            pieces = grouped[qi]
            first = pieces[0]
            speakers = [p.speaker for p in pieces if p.speaker is not None]
            named = min(speakers, key=lambda n: n.tier) if speakers else None  # the firmest, then the first
            after = pieces[-1].sent.idx + 1
            ends = pieces[-1].sent.idx  # the last sentence of the quotation and its attribution
            if named is None and self.trailing.get(after) == qi:
                named = self.subjects.get(after)  # '"..." he asked.', split off by the tokenizer
                ends = after  # so '"...," she wrote. "..."' still continues her
            if named is not None and named.ref.via == "pronoun" and not named.ref.text:
                # "he said", whom parley could not tell
                named = self._topic(first.sent.idx, said, named.gender) or named
            last = said[-1] if said and said[-1][1].speaker_text else None
            follows = last is not None and first.sent.idx - last[0] <= 1
            carried = (
                None if qi in self.outer else self._carried(named, first, last[1] if last and follows else None, said)
            )
            if carried is None and named is not None and named.role and named.ref.principal is None:
                # "The general said", no general quoted before: the person introduced as one.
                holder = _role_holder(self.body, named.role, mentions, self.kb, self.spans[qi][0], document.published)
                named = replace(named, ref=holder) if holder is not None else named
            if carried is not None:
                who, chain, words = carried.speaker, carried.chain, carried.speaker_text
            else:
                chosen = named or first.context or self.subjects.get(first.sent.idx - 1)
                speaker = self._placed(chosen, story, document.published) if chosen else None
                words = chosen.words if chosen else ""
                if speaker is not None and speaker.principal and speaker.agent is None and chosen and not chosen.name:
                    # "A number of senators said": the state's organ the words name, as mentions code it.
                    sector = sector_of(self.kb, None, document.published, words)
                    if sector and sector != "state":
                        speaker = replace(speaker, agent=f"{speaker.principal}:{sector}")
                    elif speaker.via in ("story", "demonym"):
                        # "one Weibo commenter said", placed in China by the story: someone of China,
                        # not the state of China speaking.
                        speaker = replace(speaker, agent=f"{speaker.principal}:other")
                relays = list(chosen.relays) if chosen else []
                before = self.subjects.get(first.sent.idx - 1)
                if chosen is not None and not relays and before is not None and _same_person(before, chosen):
                    relays = list(before.relays)  # '"...," he said' after "Erdogan told CNN ..."
                who = (speaker.agent or speaker.principal) if speaker else None
                chain = build_chain(document.outlet, relays, speaker, agency)
            start, end = self.spans[qi]
            text = re.sub(r"(\n\s*\n\s*)[\"“„]", r"\1", self.body[start:end])
            quote = Quote(
                quote_id=stable_id(document.doc_id, first.sent.idx, first.span.start),
                doc_id=document.doc_id,
                sent_idx=first.sent.idx,
                text=text,
                start=start,
                end=end,
                speaker=who,
                chain=chain,
                sentence=first.sent.text,
                speaker_text=words,
            )
            out.append(quote)
            if qi not in self.outer:
                said.append((ends, quote))
        return _pull_quotes(out)

    def _topic(self, sent_idx: int, said: list[tuple[int, Quote]], gender: str | None = None) -> _Speaker | None:
        """The person an unresolved "he said" continues: the last one named as the subject of a
        sentence before (through sentences whose subject is "he"), unless a quotation came after
        them (then its speaker: see ``_carried``), or the text told that person's gender and it is
        not the pronoun's ("she said" is not the president the story called "he")."""
        known = self._genders()
        ends = {n for n, _ in said}
        for j in range(sent_idx, sent_idx - _PRONOUN_REACH - 1, -1):
            if j in ends:
                return None
            subject = self.subjects.get(j) if j < sent_idx else None
            if subject is None or subject.pronoun or subject.ref.via == "pronoun":
                continue
            agent = subject.ref.agent
            if subject.name or (agent is not None and self.kb.is_person(agent)):
                told = known.get(agent or "") or known.get(_surname_key(subject.name))
                return None if gender is not None and told is not None and told != gender else subject
        return None

    def _carried(
        self, named: _Speaker | None, first: _Piece, previous: Quote | None, said: list[tuple[int, Quote]]
    ) -> Quote | None:
        """The quote whose speaker this quotation takes, if it takes one: never one of a person the
        text gave the other gender ("Mark Milley said ... 'We won,' she said")."""
        if named is None:
            return previous  # "...," Smith said. "...": still Smith
        if named.ref.via == "pronoun":
            # "he said" that parley could not resolve: the last speaker of that name, or the last
            # speaker just before.
            key = named.ref.text.lower()
            genders = self._genders()
            recent = [
                q
                for n, q in said
                if first.sent.idx - n <= _PRONOUN_REACH and q.speaker_text and _may_be(q, named.gender, genders)
            ]
            same = [q for q in recent if key and key in q.speaker_text.lower()]
            return same[-1] if same else (recent[-1] if recent and not key else None)
        if named.pronoun and previous is not None and _may_be(previous, named.gender, self._genders()):
            return previous  # "...," Smith said. "...," she added: the one who just spoke
        if named.ref.principal is None and named.role:
            # "the spokesman said": the one quoted before in that role.
            role = re.compile(rf"\b{re.escape(named.role)}", re.I)
            return next((q for _, q in reversed(said) if q.speaker and role.search(q.speaker_text)), None)
        return None

    def _genders(self) -> dict[str, str]:
        """The gender the text told of each person so far, by discourse key."""
        return {p.key: p.gender for p in self.persons if p.gender is not None}

    def _placed(self, chosen: _Speaker, story: str | None, day: dt.date | None) -> Resolved | None:
        """The speaker, placed where the sentence alone could not place them."""
        ref = chosen.ref
        if ref.principal is not None:
            if ref.agent is None or not self.kb.is_person(ref.agent):
                # "The Iranian president said": the person who held the office that day.
                holder = _office_holder(self.kb, chosen.words, ref.principal, day)
                if holder is not None:
                    return holder
            return ref
        holder = _office_holder(self.kb, chosen.words, story, day)
        if holder is not None:
            return holder  # "the president said", in a story about one state: its president
        demonym = self._demonym_state(chosen.words, day)
        if demonym is not None:
            # "an advisor to the Palestinian team", placed by its words before the story's state
            return Resolved(demonym, None, "demonym", ref.token, chosen.words)
        return Resolved(story, None, "story", ref.token, chosen.words) if story else ref

    def _demonym_state(self, words: str, day: dt.date | None) -> str | None:
        """The one state the demonyms of a speaker's description name, if one."""
        states = {
            self.kb.mention_principal(m.actor_id, day)
            for m in mention_finder(self.kb).find(words)
            if m.how == "demonym"
        }
        return states.pop() if len(states) == 1 else None


def _role_holder(
    body: str, role: str, mentions: Sequence[Mention], kb: ActorKB, before: int, day: dt.date | None
) -> Resolved | None:
    """The one person of the knowledge base the text introduced in ``role`` before ``before``:
    "General Tomas Berg" or "Tomas Berg, the army's general who ..." for "the general"."""
    title_before = re.compile(rf"\b{re.escape(role)}\s+$", re.I)
    title_after = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w.'’-]+\s+){{0,4}}?{re.escape(role)}\b", re.I)
    found: dict[str, int] = {}
    for m in mentions:
        if m.end > before or not kb.is_person(m.actor_id) or m.how in ("place", "coref"):
            continue
        if title_before.search(body[max(0, m.start - 40) : m.start]) or title_after.match(body, m.end):
            found[m.actor_id] = m.start
    if len(found) != 1:
        return None
    agent = next(iter(found))
    principal = kb.mention_principal(agent, day)
    return Resolved(principal, agent, "role", found[agent]) if principal else None


_DETERMINER = re.compile(r"^(?:the|its|their)\s+", re.I)


def _office_holder(kb: ActorKB, words: str, state: str | None, day: dt.date | None) -> Resolved | None:
    """The one person who held the office the words name ("the president", "the foreign minister")
    for ``state`` on ``day``, if the knowledge base knows them."""
    if state is None or day is None or not _DETERMINER.match(words) or "," in words:
        return None
    index = _office_index(kb)
    tail = _DETERMINER.sub("", words).lower().split()
    for n in (3, 2, 1):
        title = " ".join(tail[-n:])
        if len(tail) < n or (state, title) not in index:
            continue
        holders = [
            actor_id
            for actor_id in index[(state, title)]
            if (actor := kb.get(actor_id)) is not None
            and any(r.of == state and r.title.lower() == title and r.covers(day) for r in actor.roles)
        ]
        return Resolved(state, holders[0], "office", 0, words) if len(holders) == 1 else None
    return None


_OFFICES: dict[int, dict[tuple[str, str], tuple[str, ...]]] = {}


def _office_index(kb: ActorKB) -> dict[tuple[str, str], tuple[str, ...]]:
    """(state, lower-case title) -> the people who held that office, built once per knowledge base."""
    index = _OFFICES.get(id(kb))
    if index is None:
        found: dict[tuple[str, str], list[str]] = {}
        for actor in kb.actors.values():
            for role in actor.roles:
                found.setdefault((role.of, role.title.lower()), []).append(actor.id)
        index = {key: tuple(dict.fromkeys(ids)) for key, ids in found.items()}
        _OFFICES.clear()
        _OFFICES[id(kb)] = index
    return index


def _pull_quotes(quotes: list[Quote]) -> list[Quote]:
    """A pull quote (words of the article repeated on their own, as a display) is the speaker's of
    the quotation it repeats."""
    out = []
    for q in quotes:
        words = _normal(q.text)
        if q.speaker is None and not q.speaker_text and len(words) >= _PULL_QUOTE_CHARS:
            source = next(
                (
                    o
                    for o in quotes
                    if o is not q and o.speaker and (words in _normal(o.text) or _normal(o.text) in words)
                ),
                None,
            )
            if source is not None and len(_normal(source.text)) >= _PULL_QUOTE_CHARS:
                q = replace(q, speaker=source.speaker, chain=source.chain, speaker_text=source.speaker_text)
        out.append(q)
    return out


_PULL_QUOTE_CHARS = 30


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


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


def _is_media(actor_id: str | None, ctx: SentenceContext) -> bool:
    """A news outlet, a wire agency or a state's news medium: a relay of the words it carries."""
    actor = ctx.kb.get(actor_id) if actor_id else None
    return actor is not None and actor.kind in ("state_media", "agency", "media")


def _reports(ref: Resolved, ctx: SentenceContext) -> bool:
    """An outlet, agency or state medium, named ("KCNA") or not ("North Korean state media")."""
    return _is_media(ref.agent, ctx) or _is_media(ref.principal, ctx) or (ref.agent or "").endswith(":state_media")


# "X quoted Y as saying", "Y, cited by X": the words are Y's.
_CITING = frozenset({"quote", "cite"})


def _cited(verb: Token, ctx: SentenceContext, quoted: set[int]) -> tuple[Token, Resolved] | None:
    """Whom a reporter's verb credits with the words: the object of "quoted" or "cited" ("state
    media quoted Kim as saying"), or of a "citing" that hangs from it ("Yonhap reported, citing a
    government official, that ...")."""
    verb = _as_saying(verb)
    objects = [c for c in verb.children if c.dep_ == "dobj"] if verb.lemma_.lower() in _CITING else []
    # ", citing X," hangs from the verb or, as the parser often reads it, from the clause it reports
    clauses = [verb, *(c for c in verb.children if c.dep_ == "ccomp")]
    for child in (c for clause in clauses for c in clause.children):
        if child.lemma_.lower() == "cite" and child.tag_ == "VBG" and child.i not in quoted:
            objects += [c for c in child.children if c.dep_ == "dobj"]
    for obj in objects:
        if obj.i in quoted:
            continue
        token = _speaker_token(obj)
        ref = _speaker_ref(token, ctx)
        if ref is not None:
            return token, ref
    return None


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
