"""Find PLOVER event triggers in a parsed sentence and fill in who did what to whom."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from parley.coding.context import (
    PLAN_NOUNS,
    Resolved,
    SentenceContext,
    agent_of,
    is_passive,
    noun_phrase,
    subject_of,
)
from parley.coding.first_person import FIRST_PERSON
from parley.kb.ontology import Ontology
from parley.nlp.mentions import GENERIC

# Prepositions that introduce the target of an event ("called on X", "solidarity with X").
TARGET_PREPS = {"with", "against", "on", "upon", "to", "toward", "towards", "at", "into", "from", "for", "over", "of"}
_REQUEST_TYPES = {"REQUEST", "THREATEN", "AGREE"}
# Claims about an act: the act is their content, not an event ("accused X of attacking", "denied
# attacking"). A refusal is not one: the refused act is kept, negated ("refused to recognize").
_DENIALS = {"deny", "dismiss", "dispute", "refute", "rebut", "reject"}
_CLAIM_PREPS = {"of", "for", "over"}
# Legal acts whose complement names what someone is only accused of ("charged the man with
# assault", "arrested for attacking police"): that act is the charge's content too. A conviction
# or sentence is a court's finding: "sentenced for her murder" asserts the murder.
_CHARGES = {"charge", "indict", "prosecute", "arrest", "detain"}
# Types where a state's organs can act on that same state's people (police arrest protesters).
_DOMESTIC_TYPES = {"COERCE", "ASSAULT", "PROTEST", "ACCUSE", "REQUEST"}
# Force-type events take the country where they happen as target when no other is named.
_LOCATIVE_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "PROTEST", "CONCEDE"}
_LOCATIVE_PREPS = {"in", "near", "along", "across", "inside", "around", "off"}


@dataclass(frozen=True)
class Trigger:
    head: Token  # the verb (or relational noun) whose arguments we read
    word: Token  # the word that names the event (the noun for light-verb constructions)
    type: str
    mode: str | None
    end: Token  # last token of the trigger phrase


@dataclass(frozen=True)
class CodedEvent:
    trigger: Trigger
    source: Resolved | None
    targets: list[Resolved]
    negated: bool
    modality: str
    object_text: str


def find_triggers(doc_tokens: list[Token], onto: Ontology) -> list[Trigger]:
    out: list[Trigger] = []
    taken: set[int] = set()
    for tok in doc_tokens:
        if tok.i in taken:
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma not in onto.verbs and lemma not in onto.light_verbs:
            # The lemmatizer slips now and then ("staged" -> "stag"): fall back on the lexicon's own forms.
            lemma = onto.forms.get(tok.lower_, lemma)
        if not_an_act(tok):
            continue
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and lemma in onto.light_verbs):
            trig = _judgement(tok, lemma) or _verb_trigger(tok, lemma, onto) or _reported_obligation(tok, lemma, onto)
            if trig is not None:
                out.append(trig)
                taken.add(trig.word.i)
        elif (
            tok.pos_ == "NOUN"
            and tok.dep_ == "nsubj"
            and tok.head.lemma_.lower() in _OCCURRENCE_VERBS
            and lemma not in onto.relational_nouns
            and tok.lower_ not in onto.relational_nouns
            and noun_event_type(tok, onto) is not None
        ):
            # "Palestinian riots against Israeli policies are continuing": the event is the subject.
            out.append(Trigger(tok, tok, noun_event_type(tok, onto) or "", None, tok))
            taken.add(tok.i)
        elif tok.pos_ in ("NOUN", "PROPN") and (lemma in onto.relational_nouns or tok.lower_ in onto.relational_nouns):
            lemma = lemma if lemma in onto.relational_nouns else tok.lower_
            between = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("between", "with")]
            if between and tok.dep_ not in ("dobj",):
                out.append(Trigger(tok, tok, onto.relational_nouns[lemma], _consult_mode(lemma), tok))
                taken.add(tok.i)
    return out


_OCCURRENCE_VERBS = {
    "continue",
    "erupt",
    "break",
    "spread",
    "escalate",
    "intensify",
    "rage",
    "persist",
    "resume",
    "occur",
    "flare",
    "begin",
    "start",
    "enter",
}
_OBLIGATION = {"must", "should", "ought"}
_OFFER_VERBS = {"offer", "promise", "pledge"}


# Verdicts a speaker passes on another's act: "called the deal null and void", "declared the vote
# illegal", "named the group as terrorists" (CAMEO 111, ACCUSE/disapprove).
# A court's finding is a ruling that a party acted unlawfully: SANCTION (docs/annotation.md, courts).
_JUDGING_VERBS = {"call", "declare", "deem", "consider", "brand", "label", "term", "pronounce", "name", "find", "rule"}
_RULING_VERBS = {"find", "rule"}
ACCUSATION_PREDICATES = (
    "null and void",
    "void",
    "illegal",
    "unlawful",
    "illegitimate",
    "invalid",
    "unconstitutional",
    "a violation",
    "a breach",
    "a flagrant violation",
    "a clear violation",
    "a crime",
    "a war crime",
    "criminal",
    "terrorist",
    "terrorists",
    "a terrorist",
    "an act of aggression",
    "an aggression",
)


def _judgement(tok: Token, lemma: str) -> Trigger | None:
    if lemma not in _JUDGING_VERBS:
        return None
    for child in tok.children:
        if child.dep_ in ("oprd", "acomp", "xcomp") or (child.dep_ == "ccomp" and child.pos_ in ("ADJ", "NOUN")):
            words = [t for t in child.subtree if t.i >= child.i]
        elif child.dep_ == "prep" and child.lower_ == "as":
            words = [t for t in child.subtree if t.i > child.i]  # "named the YPG as terrorists"
        elif child.dep_ == "ccomp" and child.lemma_.lower() == "be":
            words = [t for t in child.subtree if t.i > child.i]  # "found that the order was unlawful"
        else:
            continue
        predicate = " ".join(t.lower_ for t in words if not t.is_punct)
        if any(predicate == p or predicate.startswith(p + " ") for p in ACCUSATION_PREDICATES):
            return Trigger(tok, tok, "SANCTION" if lemma in _RULING_VERBS else "ACCUSE", None, tok)
    return None


def _reported_obligation(tok: Token, lemma: str, onto: Ontology) -> Trigger | None:
    """ "Russia said Sudan must return the helicopter": saying another must act is a demand."""
    if lemma not in onto.reporting_verbs:
        return None
    for clause in tok.children:
        if clause.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in clause.children):
            return Trigger(tok, tok, "REQUEST", None, tok)
        if clause.dep_ == "ccomp" and clause.lemma_.lower() == "be":
            # "said lifting the sanctions is out of the question / unacceptable": a refusal.
            predicate = " ".join(t.lower_ for t in clause.subtree if t.i > clause.i)
            if any(predicate.startswith(p) or f" {p}" in f" {predicate}" for p in onto.rejection_predicates):
                return Trigger(tok, tok, "REJECT", None, tok)
    return None


# A stated intention to cooperate is an AGREE in PLOVER ("will provide aid", "is ready to host
# talks"); one to use force or pressure is a THREATEN ("will impose a curfew").
COOPERATIVE_TYPES = {"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
FORCE_TYPES = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"}
_INTENT_HEADS = {
    "plan",
    "prepare",
    "prepared",
    "ready",
    "intend",
    "pledge",
    "promise",
    "vow",
    "offer",
    "willing",
    "determined",
}


def intent_type(trigger: Trigger, onto: Ontology, modality_: str, negated_: bool = False) -> str | None:
    """The PLOVER type of a stated intention, or None when the event is not one.

    "will provide aid" -> AGREE; "will impose a curfew" -> THREATEN; a promise made on a
    condition ("will withdraw unless ...") -> THREATEN; "would not meet their demands" -> REJECT.
    """
    head = trigger.head
    governor = head.head if head.dep_ in ("xcomp", "acomp") else None
    by_head = governor is not None and governor.lemma_.lower() in _INTENT_HEADS
    if not (modality_ == "intended" or by_head):
        return None
    if trigger.type not in COOPERATIVE_TYPES | FORCE_TYPES | {"AGREE"}:
        return None
    if any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in head.children):
        return "THREATEN"
    if negated_ and trigger.type in COOPERATIVE_TYPES | {"AGREE"}:
        return "REJECT"
    if trigger.type in COOPERATIVE_TYPES:
        return "AGREE"
    if trigger.type in FORCE_TYPES:
        return "THREATEN"
    return None


def _consult_mode(lemma: str) -> str | None:
    return "meet" if lemma in ("summit", "summits", "meeting", "meetings") else None


def not_an_act(tok: Token) -> bool:
    """Event verbs used for no act: a participle describing a noun ("freed hostages", "a banned
    party"), a question ("was asked whether ..."), a warning of what others or things will undergo
    ("warned that time was running out", no threat by docs/annotation.md), a release of words or
    data ("released a statement", "the information she released"), leave that names no party
    ("allowing the population to vote")."""
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if tok.dep_ == "amod":
        return True
    if lemma == "ask":
        return _question(tok)
    if lemma == "warn":
        return _warning_about_others(tok)
    if lemma in ("allow", "permit"):
        return not _named_object(tok)
    return lemma in _PUBLISHING_VERBS and _published(tok)


_NAMED = {"PERSON", "ORG", "GPE", "NORP"}


def _named_object(verb: Token) -> bool:
    """A direct object that names a party ("allowed Ouattara to run", "allowing a U.N. base")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    # "allow Ouattara to participate": the parser makes the party the subject of the clause.
    objects += [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") for s in c.children if s.dep_ == "nsubj"]
    return any(w.ent_type_ in _NAMED for obj in objects for w in obj.subtree)  # "the return of U.N. inspectors"


# Releasing a statement or information is publishing it, not releasing people or property (RETREAT).
_PUBLISHING_VERBS = {"release", "free"}
_MEDIA_NOUNS = {
    "statement", "report", "information", "video", "data", "document", "footage", "figure", "result", "album",
    "list", "detail", "finding", "recording", "photo", "image", "picture", "transcript", "letter", "text", "book",
    "film", "song", "record", "evidence", "memo", "cable", "email", "file", "study", "survey", "version", "tape",
}  # fmt: skip


def _published(verb: Token) -> bool:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "relcl":
        objects.append(verb.head)  # "the information Manning released"
    return any(o.lemma_.lower() in _MEDIA_NOUNS for o in objects)


def _verb_trigger(tok: Token, lemma: str, onto: Ontology) -> Trigger | None:
    trig = _verb_trigger_by_lexicon(tok, lemma, onto)
    if trig is not None and trig.type in ("RETREAT", "SANCTION"):
        # "called off the strike", "suspended their boycott": ending one's own protest is a concession.
        for obj in tok.children:
            if obj.dep_ in ("dobj", "nsubjpass") and (noun_event_type(obj, onto) == "PROTEST" or _labour_strike(obj)):
                return Trigger(trig.head, trig.word, "CONCEDE", "ease", trig.end)
    if trig is None and lemma in _COMPEL_VERBS:
        # "ordered the newspaper to suspend publication": compelling another to stop is coercion.
        for clause in tok.children:
            if clause.dep_ == "xcomp" and clause.lemma_.lower() in _STOP_VERBS:
                return Trigger(tok, tok, "COERCE", None, tok)
    return trig


_WH_WORDS = {"if", "whether", "what", "why", "how", "when", "who", "where", "which"}


def _question(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "about":
            return True
        if child.dep_ in ("ccomp", "advcl") and any(
            t.lower_ in _WH_WORDS and t.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr") for t in child.children
        ):
            return True
    return False


def _warning_about_others(verb: Token) -> bool:
    """ "warned that the economy would suffer": a warning whose clause says what others or things
    will do or undergo, not what the speaker will do ("warned it would retaliate")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses or any(c.dep_ in ("dobj", "prep") for c in verb.children):
        return False
    subjects = [s for c in clauses for s in c.children if s.dep_ in ("nsubj", "nsubjpass", "expl")]
    return bool(subjects) and all(s.pos_ != "PRON" or s.dep_ == "expl" or s.lower_ == "there" for s in subjects)


def _labour_strike(noun: Token) -> bool:
    """ "a four-day strike" called off is a walk-out; an air strike is not."""
    return noun.lemma_.lower() == "strike" and not any(c.lower_ in ("air", "missile", "drone") for c in noun.children)


_COMPEL_VERBS = {"order", "force", "compel", "oblige"}
_STOP_VERBS = {"suspend", "close", "stop", "halt", "cease", "leave", "shut", "quit", "abandon", "disband", "vacate"}


def _verb_trigger_by_lexicon(tok: Token, lemma: str, onto: Ontology) -> Trigger | None:
    # Phrasal verbs first: "call for", "pull out", "lift sanctions".
    for child in tok.children:
        if child.dep_ in ("prt", "prep", "dobj", "advmod"):
            words = [child.lower_, child.lemma_.lower()]
            if child.dep_ == "dobj":  # "violated the ceasefire agreement", "lifted the travel ban"
                words += [c.lower_ for c in child.children if c.dep_ == "compound"]
            for word in words:
                if (lemma, word) in onto.phrasal:
                    etype, mode = onto.phrasal[(lemma, word)]
                    return Trigger(tok, tok, etype, mode, child if child.i > tok.i else tok)
    # "went on strike", "remained on alert": the event noun sits under "on".
    if lemma in _STATE_VERBS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "on":
                for pobj in prep.children:
                    noun_type = noun_event_type(pobj, onto) if pobj.dep_ == "pobj" else None
                    if pobj.lemma_.lower() == "strike":
                        return Trigger(tok, pobj, "PROTEST", "strike", pobj)  # "on strike" is never an air strike
                    if noun_type in ("PROTEST", "MOBILIZE"):
                        return Trigger(tok, pobj, noun_type, None, pobj)
    if lemma in _PHONE_VERBS:
        # "spoke on the phone", "talked by telephone": a phone call (CAMEO 041).
        for prep in tok.children:
            on_phone = any(p.dep_ == "pobj" and p.lemma_.lower() in _PHONES for p in prep.children)
            if prep.dep_ == "prep" and prep.lower_ in ("on", "by", "over", "via") and on_phone:
                return Trigger(tok, tok, "CONSULT", "phone", tok)
    # Light verbs: "issued a warning", "expressed solidarity", "imposed sanctions".
    if lemma in onto.light_verbs:
        objects = [c for c in tok.children if c.dep_ in ("dobj", "attr", "nsubjpass")]
        # "gave 5 million dollars of aid", "providing photographs and other intelligence"
        objects += [c for o in list(objects) for c in o.conjuncts]
        objects += [
            p
            for o in list(objects)
            for prep in o.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for p in prep.children
            if p.dep_ == "pobj"
        ]
        for child in objects:
            noun_type = noun_event_type(child, onto)
            if noun_type is None or (noun_type == "CONSULT" and child.lemma_.lower() == "dialogue"):
                continue
            if lemma in _OFFER_VERBS:
                # "offered concessions", "pledged aid": the offer is the act (AGREE), the noun its content.
                return Trigger(tok, child, "AGREE", noun_type.lower(), child)
            return Trigger(tok, child, noun_type, None, child)
        if lemma not in onto.verbs:
            return None
    if lemma in onto.verbs:
        etype = onto.verbs[lemma]
        if lemma in onto.reporting_verbs and not _has_target_like(tok):
            return None
        if lemma in _VOW_VERBS:
            # "vowed to retaliate", "have sworn to fight": a promise of force is a threat.
            for child in tok.children:
                if (
                    child.dep_ != "ccomp"
                    and _complement(child)
                    and onto.verbs.get(child.lemma_.lower()) in _FORCE_TYPES
                ):
                    return Trigger(tok, tok, "THREATEN", "violence", tok)
            if etype == "THREATEN":
                return Trigger(tok, tok, etype, None, tok) if lemma != "swear" else None
        if etype == "ASSAULT" and _verbal_object(tok):
            # "attacked the decision", "attacked what he called errors": criticism, not violence.
            return Trigger(tok, tok, "ACCUSE", None, tok)
        return Trigger(tok, tok, etype, None, tok)
    return None


# Objects that only words can attack: a verbal attack on them is criticism (CAMEO 111).
_DISCOURSE_NOUNS = {
    "decision", "policy", "policies", "plan", "plans", "remark", "remarks", "comment", "comments", "statement",
    "statements", "proposal", "idea", "ideas", "stance", "move", "bill", "law", "report", "ruling", "speech",
    "claim", "claims", "error", "errors", "approach", "handling", "rhetoric", "response",
}  # fmt: skip


def _verbal_object(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "dobj" and (child.lemma_.lower() in _DISCOURSE_NOUNS or child.lower_ in _DISCOURSE_NOUNS):
            return True
        if child.dep_ == "ccomp" and child.left_edge.lower_ == "what":  # "attacked what he called errors"
            return True
    return False


_STATE_VERBS = {"go", "remain", "stay", "be", "put", "place", "keep"}
_PHONE_VERBS = {"speak", "talk", "confer", "chat"}
_PHONES = {"phone", "telephone", "call"}
_VOW_VERBS = {"vow", "swear", "pledge", "promise", "threaten"}
_FORCE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}


def noun_event_type(noun: Token, onto: Ontology) -> str | None:
    """Type of an event noun, two-word names first ("hunger strike" before "strike")."""
    lemma = noun.lemma_.lower()
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and child.i == noun.i - 1:
            pair = f"{child.lower_} {lemma}"
            if pair in onto.nouns:
                return onto.nouns[pair]
    found = onto.nouns.get(lemma) or onto.nouns.get(noun.lower_)
    if found is None and lemma in _EFFORT_NOUNS:
        # "a mediation effort", "a relief operation": the event is named by the modifier.
        for child in noun.children:
            if child.dep_ == "compound" and child.lemma_.lower() in onto.nouns:
                return onto.nouns[child.lemma_.lower()]
    return found


_EFFORT_NOUNS = {"effort", "efforts", "operation", "operations", "campaign", "mission", "initiative", "bid", "drive"}


def _has_target_like(tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "prep", "dative") for c in tok.children)


def governed_by_trigger(trigger: Trigger, triggers: list[Trigger], onto: Ontology) -> bool:
    """True for the content of a request, threat or offer ("urged X *to return*", "said Y must *allow* ..."),
    and for the act an accusation or denial is about ("accused Egypt of *blocking* talks", "denied
    *violating* the ceasefire", "blamed rebels for the *attack*"): the speaker claims it, nobody is
    recorded doing it."""
    others = [other for other in triggers if other is not trigger]
    if _refused(trigger, {other.head.i for other in others if other.type == "REJECT"}):
        return True
    heads = {other.head.i for other in others if other.type in _REQUEST_TYPES}
    claims = {
        other.head.i
        for other in others
        if other.type == "ACCUSE"
        or (other.type == "REJECT" and other.head.lemma_.lower() in _DENIALS)
        or other.head.lemma_.lower() in _CHARGES
    }
    current = trigger.head
    while current.head.i != current.i:
        if current.dep_ == "conj":  # "urged Arabs to unite and mobilize": both are the content
            current = current.head
            continue
        parent = current.head
        charge = parent.lemma_.lower() in _CHARGES
        if parent.i in claims and (
            (current.dep_ in ("xcomp", "ccomp", "dobj") and not charge)
            or (current.dep_ == "prep" and (current.lower_ in _CLAIM_PREPS or (charge and current.lower_ == "with")))
        ):
            return True
        charged_with = parent.lower_ == "with" and parent.head.lemma_.lower() in _CHARGES
        claim_prep = parent.lower_ in _CLAIM_PREPS or charged_with
        if current.dep_ in ("pcomp", "pobj") and parent.dep_ == "prep" and claim_prep:
            current = parent
            continue
        if not _complement(current):
            return False
        current = parent
        if current.i in heads:
            return True
    return False


def _refused(trigger: Trigger, refusals: set[int]) -> bool:
    """ "rejected South Korea's offer for *dialogue*", "refused the *talks*": the refused act is not
    coded, only the refusal (docs/annotation.md section 3). The event noun sits in the object of
    the refusal, through the prepositions and modifiers of one noun phrase."""
    current = trigger.head
    for _ in range(8):
        parent = current.head
        if parent.i == current.i:
            return False
        if parent.i in refusals and current.dep_ in ("dobj", "nsubjpass"):
            return True
        if current.dep_ not in ("pobj", "prep", "compound", "amod", "nmod", "conj", "poss"):
            return False
        current = parent
    return False


def _complement(token: Token) -> bool:
    """A clause complement, or a to-infinitive the small model hung as an adverbial ("sworn to fight")."""
    if token.dep_ in ("xcomp", "ccomp"):
        return True
    return token.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in token.children)


def negated(trigger: Trigger, onto: Ontology) -> bool:
    head = trigger.head
    if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in head.children):
        return True
    if trigger.word.i != head.i and any(c.dep_ == "neg" or c.lower_ == "no" for c in trigger.word.children):
        return True
    parent = head.head
    return head.dep_ == "xcomp" and parent.i != head.i and parent.lemma_.lower() in onto.negating_verbs


_CONDITIONAL_MARKS = {"if", "once", "unless", "until", "should"}


def in_condition(trigger: Trigger) -> bool:
    """A trigger in an if/once/unless/until clause states a condition, not an event."""
    clause = trigger.head
    # A nominal event is read in its clause: "only after the *disengagement* is completed".
    if clause.pos_ in ("NOUN", "PROPN") and clause.dep_ in ("nsubj", "nsubjpass") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod")}
    # "only after X", "not before X", "only when X": a precondition, not a sequence of events.
    if marks & (_CONDITIONAL_MARKS - {"should"}):
        return True
    return bool(marks & _SEQUENCE_MARKS) and (bool(marks & {"only", "not"}) or _limited(clause))


_SEQUENCE_MARKS = {"after", "before", "when"}


def _limited(clause: Token) -> bool:
    """ "only" said just before the clause's subordinator ("only after ...", parsed as a modifier of it)."""
    first = clause.left_edge
    return first.lower_ == "only" or (first.i > 0 and first.doc[first.i - 1].lower_ == "only")


_PLAN_VERBS = {"intend", "plan", "want", "hope", "wish", "aim", "schedule", "expect", "be", "prepare", "mean"}


def _purpose(clause: Token) -> bool:
    """A to-infinitive with no subject of its own hung on a verb: what the act was meant for."""
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    return to and not own_subject and clause.head.pos_ in ("VERB", "AUX")


# Modifiers that make an event noun a possibility or a plan, not an act done.
_HEDGED_NOUN_MODIFIERS = frozenset(
    {"possible", "potential", "planned", "proposed", "future", "prospective", "threatened", "expected",
     "likely", "upcoming", "imminent", "alleged", "would-be", "feared"}
)  # fmt: skip
_WISHING = ("REQUEST", "THREATEN")
_AVERTING_VERBS = frozenset({"avoid", "prevent", "avert", "seek", "propose", "consider", "prepare", "threaten"})


def modality(trigger: Trigger, onto: Ontology) -> str:
    """asserted, hypothetical (could/may/might, conditions) or intended (will; would in reported speech)."""
    if any(c.dep_ in ("mark", "advmod") and c.lower_ in _CONDITIONAL_MARKS for c in trigger.head.children):
        return "hypothetical"  # "once North Korea denuclearizes"
    governor = trigger.head.head
    if trigger.head.dep_ in ("acl", "xcomp") and governor.pos_ == "NOUN" and governor.lemma_.lower() in PLAN_NOUNS:
        return "intended"  # "announced his intention to hold a rally", "a plan to deploy troops"
    if trigger.head.dep_ == "xcomp" and governor.lemma_.lower() in _PLAN_VERBS:
        return "intended"  # "said he intended to sue", "was scheduled to meet", "is to leave office"
    if trigger.head.dep_ == "advcl" and _purpose(trigger.head):
        return "intended"  # "met in Athens to sign an agreement": the purpose, not yet the act
    heads = [trigger.head]
    if trigger.head.dep_ == "conj":
        heads.append(trigger.head.head)
    if trigger.head.dep_ == "xcomp":
        heads.append(trigger.head.head)
    if trigger.word.pos_ == "NOUN" and any(
        c.dep_ in ("amod", "compound") and c.lower_ in _HEDGED_NOUN_MODIFIERS for c in trigger.word.children
    ):
        return "hypothetical"  # "a possible attack", "staged the planned talks", "future strikes"
    if trigger.head.pos_ == "NOUN":
        noun = trigger.head
        verb = governor.head if noun.dep_ == "pobj" and governor.dep_ == "prep" else governor
        if noun.dep_ in ("dobj", "pobj", "nsubjpass", "attr") and verb.pos_ in ("VERB", "AUX"):
            lemma = verb.lemma_.lower()
            if lemma in _PLAN_VERBS | _AVERTING_VERBS:
                return "intended"  # "planned an offensive", "sought to avoid war"
            particle = governor.lower_ if governor is not verb else ""
            if onto.verbs.get(lemma) in _WISHING or onto.phrasal.get((lemma, particle), ("",))[0] in _WISHING:
                return "wished"  # "called for an investigation", "threatened them with travel bans"
            heads.append(verb)  # "would be a deal", "could have been resolved with negotiations"
    for head in heads:
        for child in head.children:
            if child.dep_ == "aux":
                word = child.lower_
                # "X said it would allow ...": future in the past, an intention.
                if word == "would" and head.dep_ == "ccomp" and head.head.lemma_.lower() in onto.reporting_verbs:
                    return "intended"
                if word in onto.hypothetical_modals:
                    return "hypothetical"
                if word in onto.intended_modals or word == "'ll":
                    return "intended"
    return "asserted"


def acts_passively(head: Token, ctx: SentenceContext) -> bool:
    """A passive whose subject is acted upon, not one of attitude ("Israel is opposed to ...")."""
    if not is_passive(head):
        return False
    return agent_of(head) is not None or head.lemma_.lower() not in ctx.onto.stative_passives


def sources_of(trigger: Trigger, ctx: SentenceContext) -> list[Resolved]:
    """Every actor in a conjoined subject acts: "Egypt and Qatar urged ..."."""
    first = source_of(trigger, ctx)
    if first is None:
        head = trigger.head
        if head.pos_ in ("NOUN", "PROPN"):
            return []
        if acts_passively(head, ctx) and agent_of(head) is None:
            # "was attacked": perpetrator unknown (placed where it happened, for force events)
            return [_unknown_attacker(trigger, [head], ctx) or Resolved(None, None, "passive", head.i, "")]
        subj = subject_of(head)
        if subj is not None and subj.pos_ == "PRON":
            # "The rebels said they will release ...": a pronoun in reported speech is the reporter.
            reporter = _reporting_subject(head, ctx.onto_reporting)
            if reporter is not None:
                subj = reporter
                ref = ctx.resolve(subj)
                if ref is not None:
                    return [ref]
            elif subj.lower_ in FIRST_PERSON and subj.i in ctx.quoted:
                # '"We urge ...," the spokesman said': the quotation's speaker, known once the
                # document's quotations are attributed (coding/first_person.py).
                return [Resolved(None, None, "speaker", subj.i, subj.text)]
        if subj is None and trigger.type in _FORCE_EVENT_TYPES and head.dep_ in ("acl", "xcomp"):
            plan = head.head
            if plan.lemma_.lower() in _ATTEMPT_NOUNS:
                # "An attempt to assassinate the governor was thwarted in Siberia": nobody named acted.
                return [
                    _unknown_attacker(trigger, [plan, plan.head], ctx) or Resolved(None, None, "unresolved", plan.i, "")
                ]
        ref = ctx.unresolved(subj) if subj is not None else None
        if ref is not None and subj is not None and ref.principal is None:
            # "Students demonstrated in Dhaka": an unnamed group acting in a country is that country's.
            ref = _placed_by_event([head, trigger.word], ref, ctx)
        if ref is None and subj is not None and trigger.type in _FORCE_EVENT_TYPES and _is_event_noun(subj):
            # "A roadside bombing killed two soldiers": the attack happened, the attacker is unknown.
            return [_unknown_attacker(trigger, [subj, head], ctx) or Resolved(None, None, "unresolved", subj.i, "")]
        if ref is None and subj is not None and subj.pos_ != "PRON":
            # "The agreement goes against ...", "one man sprayed Khan ...": a subject that names no
            # actor still did the act, whose actor the context gives (coding/implicit.py), as for
            # nominal acts. Dropping such acts had lost one in eight missed events on Wikinews train;
            # keeping them: event F1 train 0.461 -> 0.463, dev 0.391 -> 0.397, cross-fitted train
            # 0.350 -> 0.351 (recall up, precision down). An unresolved pronoun is still dropped
            # (dev 0.391 -> 0.388 when kept).
            return [Resolved(None, None, "unresolved", head.i, "")]
        return [ref] if ref is not None else []
    if first.via == "group":
        return ctx.group_members(ctx.doc[first.token])
    out = [first]
    head = ctx.doc[first.token]
    others = list(head.conjuncts)
    # "the leaders of Serbia and Kosovo": the conjuncts sit under "of".
    subj = subject_of(trigger.head)
    if subj is not None:
        for prep in subj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    others.extend(pobj.conjuncts)
        # "X and his Greek, Cypriot and French counterparts met": the small model hangs the
        # counterparts on X as an apposition, not a conjunct; each of their states acts.
        for holder in (subj, *(c for c in subj.children if c.dep_ == "appos")):
            others.extend(c for c in holder.children if c.dep_ in ("appos", "conj") and c.lemma_ == "counterpart")
    for other in others:
        refs = ctx.resolve_all(other) if other.lemma_ == "counterpart" else [ctx.resolve(other)]
        for ref in refs:
            # two people of one state each act ("Durbin and Schiff questioned"); a state twice does not
            if ref is not None and all((r.principal, r.agent) != (ref.principal, ref.agent) for r in out):
                out.append(ref)
    return out


# Types where "A and B did X" with no object means A did X with B and B with A.
SYMMETRIC_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
# Acts two parties do together whatever their type: "A and B signed a treaty", "... restored ties".
SYMMETRIC_VERBS = {"sign", "ratify", "establish", "restore", "resume", "upgrade", "normalize", "normalise"}


def is_symmetric(trigger: Trigger) -> bool:
    return trigger.type in SYMMETRIC_TYPES or trigger.head.lemma_.lower() in SYMMETRIC_VERBS


_FORCE_EVENT_TYPES = {"ASSAULT", "COERCE"}
_EVENT_NOUNS = {
    "bombing",
    "explosion",
    "blast",
    "attack",
    "raid",
    "airstrike",
    "strike",
    "shelling",
    "fire",
    "gunfire",
    "ambush",
    "mine",
    "rocket",
    "missile",
    "shell",
    "grenade",
    "bomb",
    "drone",
}


def _unknown_attacker(trigger: Trigger, holders: list[Token], ctx: SentenceContext) -> Resolved | None:
    """An attack by nobody named, placed in the state where it happened: CAMEO and PLOVER code a
    roadside bomb near Samarra as IRQ -> target. The source text says the attacker is unknown."""
    if trigger.type not in _FORCE_EVENT_TYPES:
        return None
    for holder in holders:
        for tok in holder.subtree:
            if tok.dep_ != "prep" or tok.lower_ not in _LOCATIVE_PREPS:
                continue
            for pobj in tok.children:
                place = ctx.resolve(pobj) if pobj.dep_ == "pobj" else None
                named = ctx.token_match.get(place.token) if place is not None else None
                if place is None or named is None or named.how not in _PLACE_HOWS:
                    continue
                if place.principal and not place.principal.startswith("IGO"):
                    return Resolved(place.principal, None, "located", holder.i, "unknown attacker")
    return None


_PLACE_HOWS = {"place", "metonym", "alias"}
_ATTEMPT_NOUNS = {"attempt", "plot", "bid", "conspiracy", "plan"}


def _placed_by_event(heads: list[Token], ref: Resolved, ctx: SentenceContext) -> Resolved:
    for prep in (c for h in heads for c in h.children):
        if prep.dep_ == "prep" and prep.lower_ in ("in", "throughout", "across", "inside"):
            for pobj in prep.children:
                named = ctx.token_match.get(pobj.i)  # a place named there, not "in protest of X"
                if pobj.dep_ != "pobj" or named is None or named.actor_id.startswith(GENERIC):
                    continue
                place = ctx.resolve(pobj)
                if place is not None and place.principal and not place.principal.startswith("IGO"):
                    return Resolved(place.principal, None, "located", ref.token, ref.text)
    return ref


def _is_event_noun(token: Token) -> bool:
    return token.lemma_.lower() in _EVENT_NOUNS


def _reporting_subject(head: Token, reporting: frozenset[str]) -> Token | None:
    """The non-pronoun subject of the reporting verb whose complement holds ``head``."""
    current = head
    while current.dep_ in ("conj", "xcomp", "acomp") and current.head.i != current.i:
        current = current.head
    if current.dep_ != "ccomp" or current.head.lemma_.lower() not in reporting:
        return None
    subjects = [c for c in current.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    return subjects[0] if subjects else None


def source_of(trigger: Trigger, ctx: SentenceContext) -> Resolved | None:
    head = trigger.head
    if head.pos_ in ("NOUN", "PROPN"):
        return None
    if acts_passively(head, ctx):
        agent = agent_of(head)
        return ctx.resolve(agent) if agent is not None else None
    subj = subject_of(head)
    if subj is None:
        return None
    ref = ctx.resolve(subj)
    if ref is not None and ref.agent is None:
        leader = _leader_of(subj, ctx) or _leader_of(head, ctx)
        if leader is not None and leader.principal == ref.principal:
            return Resolved(ref.principal, leader.agent, "leader", ref.token)
    return ref


def _leader_of(token: Token, ctx: SentenceContext) -> Resolved | None:
    """ "South Korea, under (the leadership of) President X, ..." names who acted for the state."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "under":
            for ref in ctx.mentions_in(list(prep.subtree)):
                if ref.agent and ctx.kb.is_person(ref.agent):
                    return ref
    return None


# Prepositions after a nominal act that name whom it is done to: "airstrikes on Aleppo", "the
# invasion of Ukraine", "sanctions against Iran", "talks with Seoul".
_NOMINAL_TARGET_PREPS = {"on", "upon", "against", "of", "into", "at", "with", "to", "toward", "towards", "over"}


# Acts whose giver a nominal's "from" names ("criticism from Beijing", "an offer from Kabul"); for
# others it is a place ("withdrawal from Syria", "an attack from Gaza").
_GIVEN_FROM = {"SUPPORT", "ACCUSE", "REQUEST", "AID", "THREATEN", "REJECT", "AGREE", "PROTEST"}


# Nouns of acts with no object of their own, whose "of" names who acts ("the visit of the Chinese
# president", "the withdrawal of US troops", "the mediation of the United States"); for the others
# it names whom the act is done to ("the invasion of Ukraine", "the capture of ISIS fighters").
_OF_ACTOR_NOUNS = {
    "visit", "arrival", "mediation", "withdrawal", "departure", "participation", "intervention", "involvement",
    "cooperation", "presence", "protest", "demonstration", "help", "assistance", "refusal", "decision", "offer",
    "proposal", "demand", "call", "warning", "appeal", "request", "statement", "announcement", "pledge", "promise",
    "commitment", "retreat", "deployment", "mobilization", "mobilisation", "response", "reaction",
}  # fmt: skip


def nominal_parties(noun: Token, event_type: str, ctx: SentenceContext) -> tuple[Resolved, list[Resolved]] | None:
    """The actor and targets a nominal act's own words name: "Turkish airstrikes on Syria", "Russia's
    invasion of Ukraine", "attacks by Hamas on Israel", "the capture of ISIS fighters" (whoever
    captured them is left to the context); None when its words name no party.

    An adjective or possessive names who acts. A compound name is as often the target or the place
    ("the Gaza blockade", "Iran sanctions"), so it names the actor only when the target is named
    after the noun ("US sanctions on Iran"). Reading the first name after the noun as the actor had
    turned such acts around ("Turkish airstrikes on Syria" coded Syria -> Turkey).
    """
    agent: Resolved | None = None
    targets: list[Resolved] = []
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        given = (
            prep.lower_ == "by"
            or (prep.lower_ == "from" and event_type in _GIVEN_FROM)
            or (prep.lower_ == "of" and noun.lemma_.lower() in _OF_ACTOR_NOUNS)
        )
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            refs = [r for t in (pobj, *pobj.conjuncts) for r in ctx.resolve_all(t) if r.principal is not None]
            if given:
                agent = agent or (refs[0] if refs else None)
            elif prep.lower_ in _NOMINAL_TARGET_PREPS:
                targets.extend(refs)
    # "Russian missile strikes": the parser may hang the adjective on the compound before the noun.
    near = [c for c in noun.children if c.i < noun.i and c.dep_ in ("poss", "amod", "compound", "nmod")]
    outer = [g for c in near if c.dep_ == "compound" for g in c.children if g.dep_ in ("poss", "amod")]
    modifiers = sorted(near + outer, key=lambda c: -c.i)
    for child in modifiers:
        if agent is not None:
            break
        if (child.dep_ in ("compound", "nmod") and not targets) or ctx.is_against(child):
            continue
        # "international and Palestinian criticism": the conjoined adjective names the actor
        refs = [r for t in (child, *child.conjuncts) if (r := ctx.resolve(t)) is not None and r.principal is not None]
        agent = refs[0] if refs else None
    if agent is None and not targets:
        return None
    source = agent or Resolved(None, None, "unresolved", noun.i, "")
    out: list[Resolved] = []
    for ref in targets:
        if ref.principal != source.principal and all(r.principal != ref.principal for r in out):
            out.append(ref)
    return source, out


# Verbs whose subject receives the act their object names: "X faced criticism from Y", "drew
# condemnation", "received threats", "suffered attacks", "earned praise from"; not "won", since
# "won the war" is the winner's act.
_RECEIVING_VERBS = {"face", "draw", "receive", "attract", "earn", "suffer", "incur", "endure", "garner"}


def received_parties(trigger: Trigger, ctx: SentenceContext) -> list[tuple[Resolved, list[Resolved]]] | None:
    """The parties of an act the subject receives: "The United States faced Palestinian criticism"
    is Palestine's act on the United States, not the reverse. None unless the trigger is such a verb
    with an act, not an actor, as its object ("Putin received Kim" is a visit Putin hosts)."""
    head = trigger.head
    if head.pos_ != "VERB" or head.lemma_.lower() not in _RECEIVING_VERBS or acts_passively(head, ctx):
        return None
    act = next((c for c in head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    subj = subject_of(head)
    if act is None or subj is None or act.i in ctx.token_match:
        return None
    receivers = [r for t in (subj, *subj.conjuncts) for r in ctx.resolve_all(t)]
    if not receivers:
        return None
    giver, _ = nominal_parties(act, trigger.type, ctx) or (Resolved(None, None, "unresolved", act.i, ""), [])
    if giver.principal is None:
        # "drew condemnation from Turkey": the parser often hangs the giver on the verb.
        givers = [
            ref
            for prep in head.children
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by")
            for pobj in prep.children
            if pobj.dep_ == "pobj" and (ref := ctx.resolve(pobj)) is not None and ref.principal is not None
        ]
        giver = givers[0] if givers else giver
    return [(giver, [r for r in receivers if r.principal != giver.principal])]


def targets_of(trigger: Trigger, ctx: SentenceContext, source: Resolved | None) -> tuple[list[Resolved], str]:
    """Targets of the event and the text of its object (for mode and issue cues)."""
    head, word = trigger.head, trigger.word
    found: list[Resolved] = []
    object_tokens: list[Token] = []
    at_home: list[Resolved] = []  # the source's own country named in the object: a domestic target

    def add(ref: Resolved | None) -> None:
        if ref is None:
            return
        if source is None or source.principal is None or ref.principal != source.principal:
            pass
        elif ref.agent == source.agent or not ref.agent or trigger.type not in _DOMESTIC_TYPES:
            # "withdrew its troops": the source's own organs are not its target, but "allowed
            # candidate X to run" or "will blockade Paris" acts on the source's own country.
            if ref.via != "coref":  # "lifted its sanctions": its own measures, not a target
                at_home.append(ref)
            return
        if all(r.principal != ref.principal for r in found):
            found.append(ref)

    def add_all(refs: list[Resolved]) -> None:
        for ref in refs:
            add(ref)

    if head.pos_ in ("NOUN", "PROPN"):  # "the summit between A and B"
        for prep in head.children:
            if prep.dep_ == "prep":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        for t in [pobj, *pobj.conjuncts]:
                            ref = ctx.resolve(t)
                            if ref is not None and all(r.principal != ref.principal for r in found):
                                found.append(ref)
        # Both sides are named after the noun: the first acts as source, the caller decides.
        return found, " ".join(t.text for t in head.subtree)

    if acts_passively(head, ctx):
        for child in head.children:
            if child.dep_ == "nsubjpass":
                object_tokens.extend(child.subtree)
                for t in [child, *child.conjuncts]:
                    add_all(ctx.resolve_all(t))

    if trigger.type == "REQUEST":
        # "demanded that the US cancel ...": the subject of the demanded act is the addressee.
        for clause in head.children:
            if clause.dep_ == "ccomp":
                for subj in clause.children:
                    if subj.dep_ in ("nsubj", "nsubjpass"):
                        for t in [subj, *subj.conjuncts]:
                            add_all(ctx.resolve_all(t))
        # "asking the North to X and the US to Y": every addressee directly followed by "to <verb>".
        for tok in head.subtree:
            nxt = tok.nbor(1) if tok.i + 1 < len(ctx.doc) else None
            if nxt is None or nxt.lower_ != "to" or tok.i < head.i or tok.pos_ not in ("PROPN", "NOUN", "PRON"):
                continue
            # ... but not "sell weapons to Taiwan to avoid ...": the addressee hangs off the request itself.
            if tok.dep_ in ("dobj", "dative", "nsubj", "conj") or (tok.dep_ == "pobj" and tok.head.head.i == head.i):
                add(ctx.resolve(tok))

    holders = [head] if word.i == head.i else [word, head]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("dobj", "dative", "iobj") and child.i != word.i:
                object_tokens.extend(child.subtree)
                for t in [child, *child.conjuncts]:
                    add_all(ctx.resolve_all(t))
            elif child.dep_ in ("prep", "prt", "advmod") and child.lower_ not in ("according", "due", "thanks"):
                # "talks with X"; through a particle: "pulled out of X", "kidnapped up to 16 X".
                preps = [child] if child.lower_ in TARGET_PREPS else []
                if child.dep_ != "prep" or child.lower_ not in TARGET_PREPS:
                    preps = [g for g in child.children if g.dep_ == "prep" and g.lower_ in TARGET_PREPS]
                for prep in preps:
                    object_tokens.extend(prep.subtree)
                    for pobj in prep.children:
                        if pobj.dep_ in ("pobj", "pcomp"):
                            for t in [pobj, *pobj.conjuncts]:
                                add_all(ctx.resolve_all(t))
            elif child.dep_ == "xcomp" or (
                child.dep_ == "ccomp" and (trigger.type in _REQUEST_TYPES or head.lemma_.lower() in ctx.onto_reporting)
            ):
                # "refused to meet Jordan's king", "agreed to lift embargoes on Iran and Libya"
                object_tokens.extend(child.subtree)
    if word.i != head.i:
        object_tokens.extend(word.subtree)
    if not found and object_tokens:
        # Fall back on the first actor named inside the object ("commitment to defending South Korea").
        for ref in ctx.mentions_in(sorted(set(object_tokens), key=lambda t: t.i)):
            add(ref)
            if found:
                # "... to Iran, Libya, North Korea and Cuba": the named actor's conjuncts are targets too.
                for other in ctx.conjuncts_of(ref.token):
                    add(ctx.resolve(other))
                break
    if not found and trigger.type == "PROTEST":
        # "rallied to show their disapproval of US policy": the purpose names whom the protest is against.
        for clause in head.children:
            if clause.dep_ in ("advcl", "xcomp"):
                for ref in ctx.mentions_in(list(clause.subtree)):
                    if source is None or ref.principal != source.principal:
                        add(ref)
                        break
            if found:
                break
    if not found and trigger.type in _LOCATIVE_TYPES:
        # "struck targets in Lebanon", "deployed warships near Taiwan"; at home too: "imposed a
        # curfew in Algiers" is the state acting on its own country.
        for tok in head.subtree:
            if tok.dep_ == "prep" and tok.lower_ in _LOCATIVE_PREPS:
                for pobj in tok.children:
                    ref = ctx.resolve(pobj) if pobj.dep_ == "pobj" else None
                    if (
                        ref is not None
                        and ref.principal is not None
                        and all(r.principal != ref.principal for r in found)
                    ):
                        found.append(ref)
            if found:
                break
    if not found and at_home and trigger.type in _DOMESTIC_DEFAULT_TYPES:
        home = at_home[0]
        words = home.text or noun_phrase(ctx.doc[home.token])
        found.append(Resolved(home.principal, home.agent, "domestic", home.token, words))
    if not found and source is not None:
        domestic = _domestic_target(trigger, source, object_tokens, ctx)
        if domestic is not None:
            found.append(domestic)
    object_text = " ".join(t.text for t in sorted(set(object_tokens), key=lambda t: t.i))
    return found, object_text


# Types whose unnamed object ("jailed 52 members", "an appeal from the president") is, by
# default, the source's own country: CAMEO and PLOVER code domestic events country -> country.
_DOMESTIC_DEFAULT_TYPES = {
    "COERCE",
    "ASSAULT",
    "PROTEST",
    "REQUEST",
    "REJECT",
    "CONCEDE",
    "ACCUSE",
    "THREATEN",
    "AGREE",
}
# Organs that act abroad: their unnamed objects are not assumed to be at home.
_OUTWARD_ORGANS = ("military", "ministry_foreign", "ministry_defense", "envoy", "state_media")


_INWARD_ORGANS = ("police", "government", "presidency", "leader")


def _inward(source: Resolved, ctx: SentenceContext) -> bool:
    agent = source.agent or ""
    return agent.split(":")[-1] in _INWARD_ORGANS or ctx.kb.is_person(agent)


def _domestic_target(
    trigger: Trigger, source: Resolved, object_tokens: list[Token], ctx: SentenceContext
) -> Resolved | None:
    """The source's own country as target when the object is an unnamed group or organ at home."""
    principal = source.principal
    if principal is None or principal.startswith("IGO") or trigger.type not in _DOMESTIC_DEFAULT_TYPES:
        return None
    if source.agent and source.agent.split(":")[-1] in _OUTWARD_ORGANS:
        return None
    if not (source.text or _inward(source, ctx)):
        # Only a group at home ("rebels in X", "Kenyan farmers") or an inward organ (police, government,
        # a leader) is assumed to act on its own country: "US drones killed militants" or "China called
        # for restraint from all parties" say nothing of home.
        return None
    for tok in sorted(set(object_tokens), key=lambda t: t.i):
        match = ctx.token_match.get(tok.i)
        generic = match is not None and match.actor_id.startswith(GENERIC)
        if generic or (match is None and ctx.is_group(tok)):
            while tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i:
                tok = tok.head  # "opposition supporters": the phrase, not its modifier
            return Resolved(principal, None, "domestic", tok.i, noun_phrase(tok))
    if trigger.type == "PROTEST":
        # A protest with no stated object is addressed to the protesters' own government.
        return Resolved(principal, None, "domestic", trigger.head.i, "")
    return None
