"""Demands, offers and preconditions: who wants what first.

Cue patterns ("X before Y", "Y only once X", "X is the first step",
"without preconditions", "contingent upon X") find the two sides of a
sequencing claim in a sentence; the parse finds who holds the position.
Each side is mapped to an issue of the vocabulary in ``kb/data/issues.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from parley.coding.attribution import SPEECH_VERBS
from parley.coding.context import PERSON_PRONOUNS, Resolved, SentenceContext, subject_of
from parley.kb.issues import issue_of


@dataclass(frozen=True)
class ProposalSpan:
    kind: str  # precondition | unconditional | conditional_offer
    first_text: str
    then_text: str | None
    cue: str
    cue_start: int  # offset of the cue in the sentence
    first_issue: str | None
    then_issue: str | None
    holder_outside_condition: bool = False  # "Y only once X": X's subject is not the holder


_UNCONDITIONAL = re.compile(
    r"\bwithout (?:any |imposing |setting )?(?:pre-?conditions|conditions|preconditions)\b", re.I
)
_CONDITIONAL = re.compile(
    r"\b(?:contingent|conditional|conditioned|dependent|predicated)\s+(?:up)?on\b"
    # "spoke on condition of anonymity" is how a source asks not to be named, no condition of an offer
    r"|\bon (?:the )?condition\b(?! of anonymity)(?: that| of)?|\bon the (?:provision|understanding) that\b"
    r"|\bin exchange for\b|\bin return for\b|\bprovided that\b",
    re.I,
)
_BEFORE = re.compile(r"\b(?:before|prior to|ahead of)\b", re.I)
_ONLY_ONCE = re.compile(
    r"\bonly\b(?:\s+\w+){0,3}?\s+(?:once|after|when|if)\b"
    r"|\b(?:wait|hold off)\s+until\b"
    r"|\bnot\b[^,.;]{0,60}\b(?:until|unless)\b",
    re.I,
)
_FIRST = re.compile(
    r"\b(?:is|was|be|are|as|remains?)\s+(?:the\s+)?(?:very\s+)?[“\"]?(?:first|top|foremost|primary)\s+"
    r"(?:process|step|stage|priority|condition|order of business|task)\b"
    r"|\b(?:must|should|has to|have to|would|will)? ?comes? first\b",
    re.I,
)
_PRECONDITION_FOR = re.compile(r"\bas a (?:pre-?condition|prerequisite) (?:for|to)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s(?:although|while|but|whereas)\s")


def clause_before(text: str, pos: int) -> str:
    head = text[:pos].rstrip(" ,;:")
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def clause_after(text: str, pos: int) -> str:
    tail = text[pos:]
    m = _CLAUSE_BREAK.search(tail)
    return tail[: m.start()] if m else tail


def find_proposal_spans(sentence: str) -> list[ProposalSpan]:
    out: list[ProposalSpan] = []
    for m in _UNCONDITIONAL.finditer(sentence):
        then = clause_before(sentence, m.start())
        out.append(ProposalSpan("unconditional", m.group(0), then, m.group(0), m.start(), None, issue_of(then)))
    for m in _CONDITIONAL.finditer(sentence):
        offered = clause_before(sentence, m.start())
        condition = clause_after(sentence, m.end())
        out.append(
            ProposalSpan(
                "conditional_offer", condition, offered, m.group(0), m.start(), issue_of(condition), issue_of(offered)
            )
        )
    for m in _PRECONDITION_FOR.finditer(sentence):
        first = clause_before(sentence, m.start())
        then = clause_after(sentence, m.end())
        out.append(ProposalSpan("precondition", first, then, m.group(0), m.start(), issue_of(first), issue_of(then)))
    for m in _BEFORE.finditer(sentence):
        first = clause_before(sentence, m.start())
        then = clause_after(sentence, m.end())
        fi, ti = issue_of(first), issue_of(then)
        if fi and ti and fi != ti:
            out.append(ProposalSpan("precondition", first, then, m.group(0), m.start(), fi, ti))
    for m in _ONLY_ONCE.finditer(sentence):
        # "Y only once X": X is the condition, Y what waits for it.
        cue_word = re.search(r"\b(?:once|after|when|if|until|unless)\b", m.group(0), re.I)
        assert cue_word is not None
        split = m.start() + cue_word.start()
        then = clause_before(sentence, split)
        first = clause_after(sentence, m.start() + cue_word.end())
        fi, ti = issue_of(first), issue_of(then)
        if fi and ti and fi != ti:
            out.append(ProposalSpan("precondition", first, then, m.group(0), split, fi, ti, True))
    for m in _FIRST.finditer(sentence):
        first = clause_before(sentence, m.start())
        fi = issue_of(first)
        if fi:
            out.append(ProposalSpan("precondition", first, None, m.group(0), m.start(), fi, None))
    return out


# Real-news phrasing of conditions (issue #12): "would ... if", "unless", "without", "as long as".
# These need a holder the parse resolves; they are not mapped to the issue vocabulary first.
# "even if", "as if", "what if" and "asked ... if" are no conditions of an offer.
_IF = re.compile(r"(?<!\beven )(?<!\bas )(?<!\bwhat )\b(?:if|unless|only if)\b", re.I)
# Cues that mark a condition whatever the clause they hang on ("we don't seek to exclude anyone
# provided they respect international law"); "provided" only before a clause ("provided the funds").
_PROVIDED = re.compile(
    r"\b(?:as long as|so long as|provided(?: that)?(?= (?:they|he|she|we|I|it is|the \w+ (?:is|are|was|were)\b))"
    r"|providing(?= that\b))",
    re.I,
)
_OFFER_MODAL = re.compile(
    r"\b(?:would|will|could|can|won't|wouldn't|can't|cannot|ready|willing|prepared|promised?|promises|offer(?:s|ed)?"
    r"|pledge[sd]?|vowed|threaten(?:s|ed)?)\b|'ll\b",
    re.I,
)
# A modal and "be" with no act after it foretells a state, not an offer: "who can then be removed",
# "I will be governor", "he would be okay"; "would be happy if" voices a wish (a demand).
_MODAL_BE = re.compile(r"\s+(?:\w+ly\s+|then\s+|also\s+|still\s+)?be\s+[“\"]?([\w-]+)", re.I)
_OFFERING_STATE = frozenset(
    {"ready", "willing", "prepared", "open", "able", "eager", "happy", "glad", "pleased", "delighted"}
)
_WISH = frozenset({"happy", "glad", "pleased", "delighted"})
_WISH_WORDS = re.compile(r"\b(?:happy|glad|pleased|delighted)\s+(?:if|should)\b", re.I)
# "If X, we would Y" where X holds a comma, or "if X we could Y" with none: the first clause after
# the cue that opens with a subject and a modal.
_CONSEQUENCE = re.compile(
    r"(?:,\s*(?:then\s+)?(?:[\w'-]+\s+){0,3}?|\s(?:I|we|they|he|she|you)(?:\s+\w+ly)?)"
    r"(?:\s*\b(?:would|will|could|can|won't)\b|'ll\b)",
    re.I,
)
# "if I want", "if we do it together": a condition on the speaker's own will or act is no term set
# to another party.
_OWN_CONDITION = re.compile(r"^\s*(?:I|we)\s+(?:\w+ly\s+)?(?:want|wish|choose|like|do|decide|need|can|could)\b", re.I)
_WITHOUT = re.compile(r"\bwithout\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no|won't|wouldn't|cannot|can't|refuse[sd]?|refusing)\b|n't\b", re.I)
# "will not approve a budget that does not allocate funding for a wall": the refused thing lacks the condition.
_LACKING = re.compile(r"\b(?:that|which)\s+(?:does not|doesn't|do not|don't|did not|didn't|fails? to)\b", re.I)
# "Until the House votes, nobody is conducting an inquiry": the clause that waits is negated.
_UNTIL_FIRST = re.compile(r"(?:^|[,;:“\"]\s*)(until)\b", re.I)
_REWARD = re.compile(
    r"\b(?:offer(?:s|ed|ing)?|put up|post(?:s|ed)?|announc(?:es|ed))\b[^,.;]{0,40}?\breward\b[^,.;]{0,40}?\bfor\b", re.I
)
# "to see if there are lessons", "asked if": a question, not a condition.
_ASKING_WHETHER = re.compile(
    r"\b(?:see|know|ask|asks|asked|wonder|wondered|determine|check|decide|decided|learn|find out|unclear)\s*$", re.I
)
# "if given undiluted", "if necessary": a reduced clause with no party to set the condition.
_NO_PARTY = re.compile(r"^\s*(?:given|necessary|needed|possible|required)\b", re.I)


# Offers: "offered to resign", "offers to mediate". ("ready to", "proposed" found as many wrong as
# right offers on train and dev: "proposed to set term limits" was not annotated as one.)
_OFFER = re.compile(r"\boffer(?:s|ed)?\s+to\b", re.I)


def _consequence_after(rest: str) -> tuple[str, str] | None:
    """Split "X, we would Y" (or "X we could Y") after a cue into the condition and the offer."""
    for m in _CONSEQUENCE.finditer(rest):
        condition, offered = rest[: m.start()], rest[m.start() :].lstrip(" ,")
        if len(condition.split()) >= 2 and (m.group(0).startswith(",") or condition.count(",") == 0):
            return condition, clause_after(offered, 0)
    return None


def _offer_kind(offered: str) -> str | None:
    """ "conditional_offer", "demand" for a wish ("would be happy if"), None for no offer at all."""
    if _WISH_WORDS.search(offered + " if"):
        return "demand"
    modal = _OFFER_MODAL.search(offered)
    if modal is None:
        return None
    be = _MODAL_BE.match(offered, modal.end())
    if be is not None and be.group(1).lower() not in _OFFERING_STATE:
        return None
    return "demand" if be is not None and be.group(1).lower() in _WISH else "conditional_offer"


def _span(kind: str, condition: str, offered: str, cue: str, start: int, outside: bool) -> ProposalSpan:
    condition, offered = condition.strip(' ,."“”'), offered.strip(' ,."“”')
    return ProposalSpan(kind, condition, offered, cue, start, issue_of(condition), issue_of(offered), outside)


def find_conditions(sentence: str) -> list[ProposalSpan]:
    """Conditional offers ("we could have a dialogue if this bombing stopped"), threats ("threatened
    officials with travel bans if the reform stalls"), rewards, and preconditions ("they would not
    release the body without a DNA sample", "until X, nobody is Y", "will not approve a budget that
    does not Z") in everyday phrasing. The holder is sought outside the condition's clause."""
    out: list[ProposalSpan] = []
    taken = [(m.start(), m.end()) for m in _CONDITIONAL.finditer(sentence)]
    for m in [*_IF.finditer(sentence), *_PROVIDED.finditer(sentence)]:
        if any(a <= m.start() < b for a, b in taken):
            continue
        strong = m.re is _PROVIDED
        offered = clause_before(sentence, m.start())
        condition = clause_after(sentence, m.end())
        kind = "conditional_offer" if strong and offered.strip(' "“') else _offer_kind(offered)
        if kind is None:
            # "If X, we would Y" (also after "and just to reiterate, if X, I will Y"): the offer follows.
            split = _consequence_after(sentence[m.end() :])
            if split is None:
                continue
            condition, offered = split
            kind = _offer_kind(offered)
            if kind is None:
                continue
        if len(condition.split()) < 2 or _OWN_CONDITION.search(condition) or _NO_PARTY.search(condition):
            continue
        if _ASKING_WHETHER.search(sentence[: m.start()]):
            continue
        out.append(_span(kind, condition, offered, m.group(0), m.start(), True))
    for m in _WITHOUT.finditer(sentence):
        refused = clause_before(sentence, m.start())
        condition = clause_after(sentence, m.end())
        if _NEGATED.search(refused) and _OFFER_MODAL.search(refused) and len(condition.split()) >= 2:
            out.append(_span("precondition", condition, refused, m.group(0), m.start(), False))
    for m in _LACKING.finditer(sentence):
        refused = clause_before(sentence, m.start())
        condition = clause_after(sentence, m.end())
        if _NEGATED.search(refused) and _OFFER_MODAL.search(refused) and len(condition.split()) >= 2:
            out.append(_span("precondition", condition, refused, m.group(0), m.start(), False))
    for m in _UNTIL_FIRST.finditer(sentence):
        rest = sentence[m.end(1) :]
        comma = rest.find(",")
        if comma < 0:
            continue
        condition, waiting = rest[:comma], clause_after(rest, comma + 1)
        if _NEGATED.search(waiting) or re.search(r"\b(?:nobody|no one|nothing|none)\b", waiting, re.I):
            out.append(_span("precondition", condition, waiting, m.group(1), m.start(1), True))
    for m in _OFFER.finditer(sentence):
        offered = clause_after(sentence, m.end())
        if len(offered.split()) >= 2 and not _NEGATED.search(sentence[max(0, m.start() - 12) : m.start()]):
            out.append(
                ProposalSpan("offer", offered.strip(' ,."“”'), None, m.group(0), m.start(), issue_of(offered), None)
            )
    for m in _REWARD.finditer(sentence):
        offered = sentence[m.start() : m.end()]
        condition = clause_after(sentence, m.end())
        if len(condition.split()) >= 2:
            out.append(_span("conditional_offer", condition, offered, m.group(0), m.start(), False))
    return out


_DEMAND_VERBS = frozenset(
    {"urge", "demand", "appeal", "plead", "insist", "request", "seek", "press", "call", "ask", "encourage",
     "pressure", "implore", "exhort", "want"}
)  # fmt: skip
# Verbs that ask only with these words after them: "called on/for", "pressed for", "insisted on" ("insisted
# it would" asserts).
_NEEDS = {
    "call": ("on", "for"), "press": ("for",), "plead": ("for", "with"), "appeal": ("for", "to"), "insist": ("on",),
}  # fmt: skip
# Verbs that ask only when someone is to do something ("asked Y to Z", "encouraged the CIA to release",
# "wants elected politicians to name"), or for something ("asked for his resignation").
_ASK_TO = frozenset({"ask", "encourage", "pressure", "implore", "exhort", "want"})
# What one seeks for oneself is no demand on another party: "seeking a third term", "sought refuge".
_OWN_PURSUITS = frozenset(
    {"term", "office", "refuge", "asylum", "re-election", "reelection", "nomination", "shelter", "treatment",
     "guidance", "seat", "election", "presidency", "extension", "extensions", "revenge", "vengeance"}
)  # fmt: skip
# Nouns of demanding: "protesters' demands for an inquiry", "their demands have included", "the call for
# cooperation", "appeals for calm".
_DEMAND_NOUNS = frozenset({"demand", "call", "appeal", "plea"})


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(
        c.dep_ == "dobj" and any(d.lower_ == "no" for d in c.children) for c in tok.children
    )


def _asks_to(tok: Token) -> bool:
    """ "asked Y to Z", "wants Y to Z": an open clause with its "to"; for "want", someone else is to act
    ("they want to do" is an intention)."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") and any(g.lower_ == "to" for g in c.children):
            if tok.lemma_.lower() != "want":
                return True
            others = [g for g in c.children if g.dep_ == "nsubj" and g.i > tok.i]
            others += [
                d for d in tok.children if d.dep_ == "dobj" and tok.i < d.i < c.i and d.tag_ not in ("WP", "WDT")
            ]
            if others:
                return True
    return False


def _demand_noun(tok: Token) -> bool:
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _DEMAND_NOUNS:
        return False
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    if tok.lemma_.lower() == "demand":
        return bool(preps & {"for", "of"}) or any(c.dep_ == "poss" for c in tok.children)
    # "before the call for Biden" declares a winner; calls are for acts ("calls for his resignation").
    named = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ == "pobj"]
    return "for" in preps and not any(g.pos_ == "PROPN" and not list(g.children) for g in named)


def demand_cues(doc: Doc) -> list[Token]:
    """Verbs of demanding in a parsed sentence: "called on Y to", "called for", "urged", "demanded",
    "asked Y to", "pleading for", "seeking", "encouraged Y to", "insists that the budget include";
    and nouns: "the protesters' demands", "calls for calm"."""
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if _demand_noun(tok):
            out.append(tok)
            continue
        if tok.pos_ != "VERB" or lemma not in _DEMAND_VERBS:
            continue
        after = {c.lower_ for c in tok.children if c.dep_ in ("prep", "prt")}
        if tok.i + 1 < len(doc) and doc[tok.i + 1].dep_ in ("prep", "mark", "prt"):
            after.add(doc[tok.i + 1].lower_)  # "calling for NATO forces to ...", the parse hung "for" elsewhere
        if lemma == "insist" and _subjunctive(tok):
            out.append(tok)
            continue
        if lemma in _NEEDS and not after & set(_NEEDS[lemma]):
            continue
        if _alleged(tok):
            continue
        next_word = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
        if lemma == "call" and next_word != "on" and any(c.dep_ == "dobj" for c in tok.children):
            continue  # "the AP called the election for Biden" declares, it does not ask
        if lemma in _ASK_TO and not (after & {"for"} or _asks_to(tok)):
            continue  # "asked Comey if he was under investigation" asks a question, not for anything
        if lemma == "seek":
            objects = [c for c in tok.children if c.dep_ in ("dobj", "xcomp")]
            if not objects or _negated(tok) or any(o.lemma_.lower() in _OWN_PURSUITS for o in objects):
                continue
        out.append(tok)
    return out


# "thanking France for pressuring Colombia", "suspected of asking for", "blame him for encouraging": an act
# judged, not a position held; "might have encouraged", "could demand": a guess.
_JUDGING = frozenset(
    {"accuse", "blame", "suspect", "criticize", "criticise", "condemn", "thank", "praise", "fault", "charge", "credit"}
)  # fmt: skip


def _alleged(tok: Token) -> bool:
    if tok.dep_ == "pcomp" and tok.head.lower_ in ("of", "for") and tok.head.head.lemma_.lower() in _JUDGING:
        return True
    return any(c.dep_ == "aux" and c.lower_ in ("might", "may", "could") for c in tok.children)


def _subjunctive(tok: Token) -> bool:
    """ "insists that the budget include funding", "insisted that talks must resume": a demand."""
    for c in tok.children:
        if c.dep_ == "ccomp" and any(g.lower_ == "that" for g in c.children):
            singular = any(g.dep_ == "nsubj" and g.tag_ in ("NN", "NNP") for g in c.children)
            if (
                c.tag_ == "VB"
                or (c.tag_ == "VBP" and singular)
                or any(g.lower_ in ("should", "must") for g in c.children)
            ):
                return True
    return False


def holder_of(cue_token: Token, ctx: SentenceContext, skip_condition: bool = False) -> Resolved | None:
    """Who holds the position: the nearest governing clause whose subject is an actor.

    Where no subject on the way up is one the knowledge base places, the nearest subject that is a
    person, a named or collective group, or the "I"/"we" of a quotation ("Obeidi called for",
    "residents are pleading for", "'We urge ...'") is taken to be of the story's state, as the
    parties of events and the people of mentions are (coding/implicit.py, coding/domestic.py)."""
    if cue_token.pos_ == "NOUN":
        ref = _owner(cue_token, ctx)
        if ref is not None:
            return ref
    current = cue_token
    if skip_condition:
        # Climb out of the condition clause ("once North Korea denuclearizes") first.
        while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
            current = current.head
        current = current.head
    subjects: list[Token] = []
    for _ in range(20):
        if current.pos_ == "NOUN" and current.lemma_.lower() in _HELD_NOUNS and current.i != cue_token.i:
            ref = _owner(current, ctx)  # "Assange's promise to agree to extradition if ..."
            if ref is not None:
                return ref
        if current.pos_ in ("VERB", "AUX"):
            subj = subject_of(current)
            ref = ctx.resolve(subj) if subj is not None else None
            if ref is not None and not _obligation_told(current, ctx):
                return ref
            if subj is not None:
                subjects.append(subj)
        if current.head.i == current.i:
            break
        current = current.head
    for subj in subjects:
        if subj.tag_ in ("WDT", "WP") or subj.lower_ in ("that", "it", "this"):
            return None  # "the Directive, which seeks to strike a balance": not a party's position
        ref = _story_holder(subj, ctx)
        if ref is not None:
            return ref
    return None


# "Officials told Ukraine they would need to deliver the investigations before ...", "Iran said the
# United States must lift sanctions first": what one party must do, in another's words, is the
# speaker's term.
_OBLIGATION_VERBS = frozenset({"need", "have"})
_OBLIGATION_AUX = frozenset({"must", "should"})


def _obligation_told(verb: Token, ctx: SentenceContext) -> bool:
    """Whether a verb puts its subject under an obligation in a clause someone (resolved) says."""
    obliged = any(c.dep_ == "aux" and c.lower_ in _OBLIGATION_AUX for c in verb.children) or (
        verb.lemma_.lower() in _OBLIGATION_VERBS and any(c.dep_ == "xcomp" for c in verb.children)
    )
    if not obliged or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SPEECH_VERBS:
        return False
    speaker = subject_of(verb.head)
    if speaker is None or speaker.dep_ != "nsubj":
        return False  # "officials were told they would need to": the told are not the tellers
    return (ctx.resolve(speaker) or _story_holder(speaker, ctx)) is not None


# Nouns of a position whose possessor holds it.
_HELD_NOUNS = _DEMAND_NOUNS | {"promise", "offer", "pledge", "threat", "proposal", "condition", "ultimatum"}


def _owner(noun: Token, ctx: SentenceContext) -> Resolved | None:
    """ "the protesters' demands", "demands of the protesters": the possessor holds them."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [
        g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
    ]
    for owner in owners:
        ref = ctx.resolve(owner) or _story_holder(owner, ctx)
        if ref is not None:
            return ref
    return None


_FIRST_PERSON = frozenset({"i", "we"})
# Common nouns for people and bodies that speak for a side: "Leaders in the rebel-held city called for",
# "experts signed a letter urging", "the government asked the judge to".
_PEOPLE_NOUNS = frozenset(
    {"leader", "official", "minister", "spokesman", "spokeswoman", "spokesperson", "lawmaker", "legislator",
     "activist", "protester", "protestor", "demonstrator", "resident", "critic", "opponent", "supporter",
     "campaigner", "expert", "advocate", "politician", "government", "authority", "administration", "group"}
)  # fmt: skip


def _story_holder(subject: Token, ctx: SentenceContext) -> Resolved | None:
    """A subject the knowledge base does not place, placed as the story places people."""
    saved = ctx.story_people
    ctx.story_people = True
    try:
        ref = ctx.resolve(subject)
    finally:
        ctx.story_people = saved
    if ref is not None and ref.principal is not None:
        return ref
    if ctx.story is None:
        return None
    lower = subject.lower_
    if (
        lower in _FIRST_PERSON
        or lower in PERSON_PRONOUNS
        or (subject.pos_ == "NOUN" and subject.lemma_.lower() in _PEOPLE_NOUNS)
        or ctx.unresolved(subject) is not None
    ):
        return Resolved(ctx.story, None, "story", subject.i, subject.text)
    return None


# Cues after which comes what must happen first ("X before Y", "X is a prerequisite for Y"): the
# condition is the clause before them. After every other cue ("Y if X", "Y only after X", "Y in
# exchange for X") the condition follows.
_CONDITION_BEFORE = frozenset(
    {"before", "prior", "ahead", "precede", "precedes", "preceded", "prerequisite", "prerequisites", "precondition",
     "preconditions", "pre-condition", "first", "condition", "conditions", "requirement", "requirements"}
)  # fmt: skip


def span_of_cue(sentence: str, start: int, end: int, kind: str) -> ProposalSpan:
    """The two sides of a condition whose cue (found by :mod:`parley.coding.conditions`) lies at
    ``sentence[start:end]``: the condition and what waits on it."""
    cue = sentence[start:end]
    words = {w.lower() for w in re.findall(r"[\w-]+", cue)}
    before, after = clause_before(sentence, start), clause_after(sentence, end)
    if kind == "unconditional":
        return _span(kind, cue, before, cue, start, False)
    if words & _CONDITION_BEFORE and not words & {"on", "upon", "that"}:
        if not before.strip(' "“') and "," in sentence[end:]:
            # "Before any talks can begin, Russia must withdraw": the condition is the main clause.
            comma = sentence.index(",", end)
            return _span(kind, clause_after(sentence, comma + 1), sentence[end:comma], cue, start, False)
        return _span(kind, before, after, cue, start, False)
    if not before.strip(' "“') or _offer_kind(before) is None:
        # "If X, we will Y", "said that if X he would Y": the offer follows the condition.
        split = _consequence_after(sentence[end:])
        if split is not None:
            return _span(kind, split[0], split[1], cue, start, True)
    return _span(kind, after, before, cue, start, True)
