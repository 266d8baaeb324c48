"""Resolve noun phrases in a parsed sentence to actors, with document context.

A :class:`SentenceContext` knows the parsed sentence, which tokens fall inside
knowledge-base mentions, and the document's discourse state (recent actors)
for pronouns, "the latter" and similar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from parley.coding.coref import PersonMention, as_pronoun_mention, choose, gender_cue
from parley.coding.domestic import OFFICES, office_keys
from parley.kb.actors import PERSON, ActorKB
from parley.kb.ontology import load_ontology
from parley.nlp.mentions import GENERIC, RawMatch

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
NP_MODIFIER_DEPS = ("compound", "poss", "amod", "nmod", "det", "nummod", "appos")
_QUANTITIES = {
    "tens",
    "hundreds",
    "thousands",
    "dozens",
    "millions",
    "scores",
    "some",
    "many",
    "group",
    "groups",
    "crowd",
    "crowds",
    "number",
    "band",
    "handful",
}
_LOCATED_PREPS = {"in", "inside", "throughout", "across", "from"}
# Labels the small English model gives a person's name it misreads ("Khashoggi" as a GPE).
_MISTAKEN_LABELS = frozenset({"GPE", "ORG", "LOC", "NORP", "FAC"})
# How a reference found in the knowledge base came: its names, its organs, a place it locates.
_KB_VIAS = frozenset({"alias", "demonym", "metonym", "context", "organ", "located", "place"})
_SPEAKS_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "counsel"})
ORG_PRONOUNS = {"it", "its", "they", "them", "their", "itself"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "himself", "herself"}
_PRONOUN_WORDS = frozenset(ORG_PRONOUNS | PERSON_PRONOUNS)
# Words that may stand before a surname without making it another person's name: "General
# Soleimani", "Senator Graham", "Mr. Lam" after the person's full name.
_NAME_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "president", "vice", "prime",
    "minister", "foreign", "defence", "defense", "premier", "chancellor", "governor", "senator", "sen",
    "rep", "representative", "congressman", "congresswoman", "speaker", "secretary", "ambassador", "envoy",
    "general", "gen", "lt", "lieutenant", "major", "colonel", "col", "admiral", "commander", "marshal",
    "judge", "justice", "prosecutor", "mayor", "king", "queen", "prince", "princess", "sheikh", "emir",
    "ayatollah", "chairman", "chairwoman", "chief", "director", "leader", "supreme", "former", "acting",
})  # fmt: skip
# Titles of people posted abroad: "X's ambassador to Y" acts for X, not for Y.
_ENVOYS = frozenset({"ambassador", "envoy", "emissary", "representative", "consul", "delegate", "chargé"})
# People whose field a state's name can be: "a Ukraine specialist on the National Security
# Council", "a China expert" study that state; they are not of it ("a Chinese analyst" is).
_TOPIC_ROLES = frozenset({
    "specialist", "expert", "analyst", "scholar", "researcher", "historian", "watcher", "correspondent",
})  # fmt: skip


@dataclass(frozen=True)
class Resolved:
    """An actor reference: the principal (state or IGO) and the organ or person who acted."""

    principal: str | None  # None: an actor the knowledge base does not know ("rebels", "Amnesty")
    agent: str | None  # KB id, or "<principal>:<organ kind>" for generic organs
    via: str  # alias | coref | organ | unresolved | ...
    token: int  # token index the reference was found at
    text: str = ""  # the words, for references the knowledge base cannot resolve


# Plural nouns that refer back to actors the text named together: "Egypt's foreign minister and his
# Greek, Cypriot and French counterparts gathered ... The foreign ministers agreed to meet again".
GROUP_NOUNS = frozenset({
    "minister", "leader", "side", "country", "nation", "delegation", "government", "counterpart", "president",
    "premier", "envoy", "negotiator", "diplomat", "signatory", "ally", "partner", "neighbour", "neighbor",
})  # fmt: skip
_GROUP_DETERMINERS = frozenset({"the", "both", "all", "these", "two", "three", "four", "five", "six"})
GROUP_WINDOW = 2  # sentences a group stays the referent of "they" or "the ministers" after it was named


@dataclass(frozen=True)
class Group:
    """Actors of several states named together as the subject of one act, and the sentence where
    the text last referred to them."""

    members: tuple[Resolved, ...]
    sent: int


@dataclass
class Discourse:
    """What the document has said so far, for pronouns and anaphora."""

    recent: list[Resolved] = field(default_factory=list)  # newest last
    last_subject: Resolved | None = None
    # Every person named so far, known or not, and the pronouns resolved to them (parley.coding.coref).
    persons: list[PersonMention] = field(default_factory=list)
    # People the knowledge base does not know, placed by how the text introduced them
    # ("Egyptian Foreign Minister Sameh Shoukry", "Ayat al-Qormozi, a Bahraini poet"): surname -> actor.
    people: dict[str, Resolved] = field(default_factory=dict)
    # People of the knowledge base the article named in full, by surname: "Pelosi" after "Nancy
    # Pelosi" is a mention of her (events and speakers resolve surnames their own way).
    surnames: dict[str, Resolved] = field(default_factory=dict)
    # Surnames of knowledge-base people that the article gave someone else ("Miles Ortega"): alone,
    # they name that someone, unless the article names the knowledge base's person in full.
    namesakes: set[str] = field(default_factory=set)
    # The last person the article gave each office by a title before their name ("Foreign Minister
    # Wang Yi"): a later "the foreign minister" or "the minister" is them (coding/domestic.py).
    offices: dict[str, Resolved] = field(default_factory=dict)
    # Surnames of the people the parser named (PERSON), placed or not: the small English model
    # often takes the same name for a place elsewhere in the article ("Khashoggi", "Jamal" as GPE).
    person_names: set[str] = field(default_factory=set)
    # The actors last named together as a subject, for a later "they" or "the foreign ministers".
    group: Group | None = None
    # Lower-case words of the organisations named so far, with the actor last named by each where
    # one was matched ("commission" -> the Electoral Commission; "" for a name no actor matched),
    # and the head words of the definite descriptions so far: "the commission" after "the Electoral
    # Commission" refers back to it, as a description the article repeats names someone it follows.
    name_words: dict[str, str] = field(default_factory=dict)
    described: set[str] = field(default_factory=set)
    # The last sentence that named an unnamed group ("the rebels", "police"): an unresolved "they"
    # in it or the next is that group.
    collective_at: int = -2

    def note(self, ref: Resolved, is_person: bool, as_subject: bool) -> None:
        self.recent.append(ref)
        del self.recent[:-12]
        if as_subject and not is_person:
            self.last_subject = ref

    def repeats_known_person(self, words: list[str]) -> Resolved | None:
        """The knowledge-base person a name repeats: "Soleimani" or "General Soleimani" after
        "Qasem Soleimani" (the surname, after titles or the person's own names), else None. Such a
        name is no new person to place by its introduction or the story's state."""
        ref = self.surnames.get(words[-1].lower()) if words else None
        if ref is None:
            return None
        own = {w.lower() for w in ref.text.split()}
        others = [w.lower().rstrip(".") for w in words[:-1]]
        return ref if all(w in own or w in _NAME_TITLES for w in others) else None

    def add_persons(self, mentions: list[PersonMention]) -> None:
        self.persons.extend(mentions)
        del self.persons[:-40]


class SentenceContext:
    def __init__(
        self,
        doc: Doc,
        offset: int,
        matches: list[RawMatch],
        kb: ActorKB,
        day: dt.date | None,
        discourse: Discourse,
        sent_idx: int = 0,
    ) -> None:
        self.doc = doc
        self.sent_idx = sent_idx
        # he/she pronouns of this sentence -> the person chosen (None: not safe to say)
        self.pronoun_people: dict[int, PersonMention | None] = {}
        self.offset = offset
        self.kb = kb
        self.onto = load_ontology()
        self.onto_reporting: frozenset[str] = self.onto.reporting_verbs
        self.day = day
        self.discourse = discourse
        # The state the story is about, from the first pass's names: people the knowledge base and
        # their introduction do not place are taken to be of it (None: no state dominates).
        self.story: str | None = None
        # Whether people placed only by the story's state count when resolving: for mentions, not
        # for the parties of events, which the context places better (coding/implicit.py; on train
        # and dev, events lost 0.005-0.02 F1 the other way), nor for quotation speakers, which
        # have their own order of fallbacks (coding/attribution.py).
        self.story_people = False
        # Tokens inside a quotation (set by the document coder from the quotation marks).
        self.quoted: frozenset[int] = frozenset()
        self._person_ents: list[Span] | None = None
        self.token_match: dict[int, RawMatch] = {}
        self.match_tokens: list[tuple[RawMatch, int, int]] = []
        for match in matches:
            span = doc.char_span(match.start - offset, match.end - offset, alignment_mode="expand")
            if span is None:
                continue
            self.match_tokens.append((match, span.start, span.end))
            for i in range(span.start, span.end):
                self.token_match[i] = match

    # ---- single references ------------------------------------------------
    def _from_match(self, match: RawMatch, token: int) -> Resolved | None:
        if match.actor_id.startswith(GENERIC):
            return None
        actor_id = match.actor_id
        if match.alternatives and self.day is not None:
            # "President Bush" in 1990 and in 2003 are two people: the one in office that day.
            in_office = [a for a in (actor_id, *match.alternatives) if self.kb.role_on(a, self.day) is not None]
            actor_id = in_office[0] if in_office else actor_id
        actor = self.kb.get(actor_id)
        principal = self.kb.principal(actor_id, self.day) or actor_id
        agent = None if principal == actor_id else actor_id
        if actor is not None and actor.kind == PERSON:
            agent = actor.id
        return Resolved(principal, agent, match.how, token)

    # ---- actors named together, referred to again ----------------------------
    def group_members(self, token: Token) -> list[Resolved]:
        """The actors a plural subject refers back to ("They called on Turkey", "The foreign ministers
        agreed"), when the text named them together as the subject of an act within the last
        ``GROUP_WINDOW`` sentences and no other plural or organisation acted since; else none.

        Annotators code such an act once for each of them (docs/annotation.md §3); a single state
        chosen from among them, as "they" got before, is wrong for all but one."""
        group = self.discourse.group
        if group is None or self.sent_idx - group.sent > GROUP_WINDOW or not self._refers_to_group(token):
            return []
        self.discourse.group = Group(group.members, self.sent_idx)
        return [replace(m, via="group", token=token.i) for m in group.members]

    def _refers_to_group(self, token: Token) -> bool:
        by_agent = token.dep_ == "pobj" and token.head.dep_ == "agent"  # "was signed by the ministers"
        if not (token.dep_ in ("nsubj", "nsubjpass") or by_agent) or token.i in self.quoted:
            return False
        verb = token.head.head if by_agent else token.head
        if any(t.dep_ in ("nsubj", "nsubjpass") and not (by_agent and t.head == verb) for t in self.doc[: token.i]):
            return False  # a subject earlier in the sentence is the nearer antecedent (not the passive's own)
        if token.lower_ == "they":
            return True
        if token.tag_ != "NNS" or token.lemma_.lower() not in GROUP_NOUNS:
            return False
        if not {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "nummod")} & _GROUP_DETERMINERS:
            return False
        # "the Turkish ministers" are Turkey's, "the leaders of Serbia and Kosovo" those two states'
        return not any(
            t.i in self.token_match and not self.token_match[t.i].actor_id.startswith(GENERIC) for t in token.subtree
        )

    def close_group(self) -> None:
        """At the end of a sentence: an organisation or a plural that acted and is not the group
        ends it ("the Turkish Ministry of Foreign Affairs denounced ... they invited": the ministry's
        "they"); a person alone does not ("The Italian foreign minister joined the talks. They ...")."""
        group = self.discourse.group
        if group is None or group.sent == self.sent_idx:
            return
        for tok in self.doc:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.i in self.quoted:
                continue
            ref = self.resolve(tok)
            if ref is not None and ref.via == "group":
                continue
            plural = tok.tag_ in ("NNS", "NNPS") or bool(tok.conjuncts)
            organisation = ref is not None and ref.principal is not None and not self.kb.is_person(ref.agent or "")
            if organisation or (plural and (ref is not None or self.is_group(tok))):
                self.discourse.group = None
                return

    def resolve(self, token: Token) -> Resolved | None:
        """The actor a noun phrase headed by ``token`` refers to, if any."""
        if self.discourse.group is not None and (members := self.group_members(token)):
            return members[0]
        lower = token.lower_
        # "the latter" / "the former": the last two actors named before this token.
        if lower in ("latter", "former"):
            before = [m for m, s, _ in self.match_tokens if s < token.i and not m.actor_id.startswith(GENERIC)]
            distinct: list[RawMatch] = []
            for m in before:
                if not distinct or distinct[-1].actor_id != m.actor_id:
                    distinct.append(m)
            if len(distinct) >= 2:
                chosen = distinct[-1] if lower == "latter" else distinct[-2]
                ref = self._from_match(chosen, token.i)
                return Resolved(ref.principal, ref.agent, "coref", token.i, ref.text) if ref else None
        if token.pos_ == "PRON" or lower in ORG_PRONOUNS | PERSON_PRONOUNS:
            return self._pronoun(token)
        own = self.token_match.get(token.i)
        if own is not None and not own.actor_id.startswith(GENERIC):
            if own.how == "demonym":
                if self._ethnic(token):
                    return None  # "ethnic Albanians" in Serbia are not Albania
                for child in token.children:
                    # "Bosnian Serbs", "Croatian Serb refugees": the outer name is the state.
                    outer = self.token_match.get(child.i)
                    if child.i < token.i and child.dep_ in ("amod", "compound") and outer is not None:
                        ref = self._from_match(outer, child.i)
                        if ref is not None and ref.principal != own.actor_id:
                            return Resolved(ref.principal, ref.agent, ref.via, ref.token, self._phrase(token))
                ref = self._from_match(own, token.i)
                # "Young Algerians": people of the state, not the state; keep the words.
                return Resolved(ref.principal, ref.agent, ref.via, ref.token, self._phrase(token)) if ref else None
            return self._from_match(own, token.i)
        organ_kind = own.actor_id[len(GENERIC) :] if own is not None else None
        # Search the noun phrase's modifiers: "South Korea's offer", "Russia's TASS news agency".
        found: list[Resolved] = []
        possessors: list[Resolved] = []
        for child in self._np_tokens(token):
            match = self.token_match.get(child.i)
            if match is not None and match.how == "demonym" and self._ethnic(child):
                continue  # "ethnic Albanian guerrillas": an ethnicity, not the state
            if (
                match is not None
                and match.how != "demonym"
                and child.dep_ == "compound"
                and child.head.lemma_.lower() in _TOPIC_ROLES
                and self.kb.is_state(match.actor_id)
            ):
                continue  # "a Ukraine specialist": the field, not the state ("Commerzbank analyst" works there)
            if match is not None and self.is_against(child):
                continue  # "an anti-Syria journalist" is not Syria's
            if match is None or match.actor_id.startswith(GENERIC):
                if child.dep_ == "poss" and child.pos_ == "PRON":
                    ref = self._pronoun(child)
                    if ref is not None:
                        possessors.append(ref)
                continue
            ref = self._from_match(match, child.i)
            if ref is not None:
                found.append(ref)
        # "his Greek counterparts" are Greece's: a possessive pronoun places the phrase only when
        # nothing else in it does ("his government").
        found = found or possessors
        if not found:
            named = token.ent_type_ == "PERSON" or token.pos_ == "PROPN"
            introduced = self.discourse.people.get(token.lower_) if named else None
            if introduced is not None and (introduced.via != "story" or self.story_people):
                return Resolved(introduced.principal, introduced.agent, "introduced", token.i, introduced.text)
            holder = self._office_holder(token)
            if holder is not None:
                return holder
            return self._located(token, organ_kind)
        # The most specific reference wins: an organ or person over the bare state.
        specific = [r for r in found if r.agent is not None]
        best = self._with_organ(specific[0] if specific else found[0], organ_kind)
        if best.agent is None and organ_kind is None and self.is_group(token):
            # "Sudanese rebels": the state's people, not the state; keep the words for the analyst.
            return Resolved(best.principal, None, best.via, best.token, self._phrase(token))
        return best

    def person_ents(self) -> list[Span]:
        """The parser's PERSON names, and names it took for something else that the article gave a
        person earlier ("Khashoggi" as a GPE after "Jamal Khashoggi" as a PERSON); names the knowledge
        base matched are its own. Worked out once per sentence (introductions and mentions read it)."""
        if self._person_ents is None:
            self._person_ents = self._find_person_ents()
        return self._person_ents

    def _find_person_ents(self) -> list[Span]:
        out = []
        for ent in self.doc.ents:
            if any(i in self.token_match for i in range(ent.start, ent.end)):
                continue
            if ent.label_ == "PERSON":
                self.discourse.person_names.add(ent[-1].lower_)
                out.append(ent)
            elif (
                ent.label_ in _MISTAKEN_LABELS
                and ent[-1].lower_ in self.discourse.person_names
                and all(t.pos_ == "PROPN" for t in ent)
            ):
                out.append(ent)
        return out

    def introduce_people(self) -> None:
        """Remember people outside the knowledge base by the state their introduction names."""
        for ent in self.person_ents():
            if self.discourse.repeats_known_person(ent.text.split()) is not None:
                continue  # "General Soleimani" after "Qasem Soleimani": the person the article named
            head = ent.root
            ref = self._sender(head) or self.resolve(head)
            if ref is None or ref.principal is None:
                # "Ayat al-Qormozi, a Bahraini poet"; "Hatice Cengiz is a Turkish national".
                # (The apposition of any word of the name: the parser sometimes hangs a surname on the
                # first name, "Amadou" <- "Seck" <- "director general ...".)
                described = [c for t in ent for c in t.children if c.dep_ == "appos" and c.i >= ent.end]
                if head.dep_ == "appos":
                    # "the Greek prime minister Kyriakos Mitsotakis", "Malaysia's Prime Minister, Najib
                    # Razak": the name is in apposition to the title that places it. The parser hangs
                    # "the UN envoy for Syria, Geir Pedersen" on the last noun; it describes the phrase.
                    anchor = head.head
                    while anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" and anchor.head.head.pos_ == "NOUN":
                        anchor = anchor.head.head
                    described.append(anchor)
                if head.dep_ == "nsubj" and head.head.lemma_ == "be":
                    described += [c for c in head.head.children if c.dep_ == "attr"]
                for appos in described:
                    ref = self.resolve(appos) or self._employer(appos)
                    if ref is not None and ref.principal is not None:
                        break
            if ref is not None and ref.principal is not None and ref.via != "introduced":
                # "Trump's physician Harold Bornstein": the description places him (USA); the
                # person it names is someone else, not who he is.
                agent = None if ref.agent is not None and self.kb.is_person(ref.agent) else ref.agent
                person = Resolved(ref.principal, agent, "introduced", head.i, ent.text)
                known = self.discourse.people.get(ent[-1].lower_)
                if known is None or known.via == "story":  # an introduction outranks the story's state
                    self.discourse.people[ent[-1].lower_] = person
                self.note_office(ent.start, person)
            elif (ref is None or ref.principal is None) and self.story is not None:
                person = Resolved(self.story, None, "story", head.i, ent.text)
                self.discourse.people.setdefault(ent[-1].lower_, person)

    def _employer(self, title: Token, depth: int = 0) -> Resolved | None:
        """The body a description's chain of "of" phrases ends in: "director general of the technical
        secretariat of Mozambique's electoral commission" -> Mozambique. Only names the knowledge base
        matched: a person there ("the fiancée of Jamal Khashoggi") does not give theirs."""
        if depth > 2:
            return None
        for prep in title.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                ref = self.resolve(pobj)
                if (
                    ref is not None
                    and ref.principal is not None
                    and ref.via in _KB_VIAS
                    and (ref.agent is None or not self.kb.is_person(ref.agent))
                ):
                    return ref
                if ref is None:
                    ref = self._employer(pobj, depth + 1)
                    if ref is not None:
                        return ref
        return None

    def _office_holder(self, token: Token) -> Resolved | None:
        """ "The foreign minister" (said): the person the article last gave that office by title."""
        if token.lower_ not in OFFICES or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            return None  # "the president of Harvard"
        words = [c.lower_ for c in token.children if c.i < token.i and c.dep_ in ("amod", "compound")]
        key = f"{words[-1]} {token.lower_}" if words else token.lower_
        holder = self.discourse.offices.get(key)
        if holder is None or holder.principal is None:
            return None
        return Resolved(holder.principal, holder.agent, "coref", token.i, holder.text)

    def note_office(self, name_start: int, person: Resolved) -> None:
        """Remember the office a title right before a name gives the person ("U.S. President Donald
        Trump", "Italian economic development minister Stefano Patuanelli")."""
        words = [t.text for t in self.doc[max(0, name_start - 3) : name_start]]
        if words and words[-1].lower() in OFFICES:
            for key in office_keys(words):
                self.discourse.offices[key] = person

    def _sender(self, person: Token) -> Resolved | None:
        """The state an envoy is sent by. "Afghan Ambassador to the United States Hamdullah Mohib" parses
        the name as the object of "to": the state named inside it is where the envoy is posted, and
        the one before the title ("Afghan", "China's") is the envoy's own."""
        prep = person.head
        title = prep.head
        if not (person.dep_ == "pobj" and prep.lower_ == "to" and title.lemma_.lower() in _ENVOYS):
            return None
        for child in title.children:
            match = self.token_match.get(child.i)
            if child.i < title.i and child.dep_ in ("compound", "amod", "poss", "nmod") and match is not None:
                return self._from_match(match, child.i)
        return None

    @staticmethod
    def _phrase(token: Token) -> str:
        return noun_phrase(token)

    def resolve_all(self, token: Token) -> list[Resolved]:
        """The actor of a noun phrase, and more when its naming modifier is conjoined ("US and British forces")."""
        first = self.resolve(token)
        if first is None:
            return []
        if first.via == "group":
            return self.group_members(token)
        out = [first]
        named = self.doc[first.token]
        # "US and British forces", "the delegations of Cyprus, Greece and Israel"
        of = named.head.dep_ == "prep" and named.head.lower_ == "of" and named.head.head.i == token.i
        if named.i != token.i and (named.head.i == token.i or of):
            for other in named.conjuncts:
                match = self.token_match.get(other.i)
                ref = self._from_match(match, other.i) if match is not None else None
                if ref is not None and all(r.principal != ref.principal for r in out):
                    out.append(ref)
        return out

    def is_against(self, token: Token) -> bool:
        """Whether the words set a name against its actor ("anti-Syria")."""
        before = self.doc[max(0, token.i - 2) : token.i].text.lower().replace(" ", "")
        return before.endswith(("anti-", "anti"))

    def _ethnic(self, token: Token) -> bool:
        return token.i > 0 and self.doc[token.i - 1].lower_ == "ethnic"

    def is_group(self, token: Token) -> bool:
        return token.lemma_.lower() in self.kb.unnamed_groups or token.lower_ in self.kb.unnamed_groups

    def _located(self, token: Token, organ_kind: str | None) -> Resolved | None:
        """A group or organ placed in a country: "rebels in the Ivory Coast", "police in Monrovia".

        CAMEO-style coders give such domestic actors their country; the words stay as the text.
        """
        if organ_kind is None and not self.is_group(token) and token.lower_ not in _QUANTITIES:
            return None
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in _LOCATED_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                ref = self.resolve(pobj)
                if ref is None or ref.principal is None or ref.principal.startswith("IGO"):
                    continue
                agent = self._organ_agent(ref.principal, organ_kind) if organ_kind else None
                return Resolved(ref.principal, agent, "located", token.i, self._phrase(token))
        if organ_kind is None:
            # "workers affiliated with the Serbian Workers' Union": the group's own description names the state.
            for tok in token.subtree:
                if tok.dep_ == "relcl":
                    break
                match = self.token_match.get(tok.i)
                if tok.i != token.i and match is not None and not match.actor_id.startswith(GENERIC):
                    ref = self._from_match(match, tok.i)
                    if ref is not None and ref.principal and not self._ethnic(tok) and not self.is_against(tok):
                        return Resolved(ref.principal, None, "located", token.i, self._phrase(token))
        return None

    def _with_organ(self, ref: Resolved, organ_kind: str | None) -> Resolved:
        if organ_kind is None or ref.agent is not None or ref.principal is None:
            return ref
        return Resolved(ref.principal, self._organ_agent(ref.principal, organ_kind), "organ", ref.token)

    def _organ_agent(self, principal: str, organ_kind: str) -> str:
        """A KB organ when exactly one fits ("KOR presidency"), else a generic label."""
        if organ_kind == "presidency":
            fits = self.kb.organs(principal, "presidency")
            if len(fits) == 1:
                return fits[0]
        return f"{principal}:{organ_kind}"

    def _np_tokens(self, token: Token) -> list[Token]:
        """Modifiers of a noun phrase, nearest first, not crossing clauses."""
        out: list[Token] = []
        stack = [(c, 0) for c in token.children if c.dep_ in NP_MODIFIER_DEPS or self._is_of(c, token)]
        while stack:
            tok, depth = stack.pop(0)
            if tok.dep_ == "prep":
                stack.extend((c, depth) for c in tok.children if c.dep_ == "pobj")
                continue
            out.append(tok)
            if depth < 2:
                # Deeper modifiers and appositions describe something else ("attempts such as X under Y").
                stack.extend((c, depth + 1) for c in tok.children if c.dep_ in NP_MODIFIER_DEPS and c.dep_ != "appos")
        return out

    @staticmethod
    def _is_of(tok: Token, head: Token) -> bool:
        # "the leaders of X"; under a noun also "an offer from X", "a proposal by X"; "a spokesperson
        # (a lawyer) for X" speaks for X (an envoy "for Syria" is posted there: not this).
        if tok.dep_ != "prep":
            return False
        if tok.lower_ == "for":
            return head.lemma_.lower() in _SPEAKS_FOR
        return tok.lower_ == "of" or (tok.lower_ in ("from", "by") and head.pos_ in ("NOUN", "PROPN"))

    def _is_subject(self, start: int, end: int) -> bool:
        return any(t.dep_ in ("nsubj", "nsubjpass") and not start <= t.head.i < end for t in self.doc[start:end])

    def people_here(self) -> list[PersonMention]:
        """The people this sentence names: known ones and the PERSON names of the parse."""
        out: list[PersonMention] = []
        for match, start, end in self.match_tokens:
            root = self.doc[start:end].root
            if root.dep_ in ("compound", "amod") and root.head.i >= end:
                continue  # "the Gaddafi army", "the Obama administration": not the person
            if self.kb.is_person(match.actor_id):
                ref = self._from_match(match, start)
                cue = gender_cue([t.text for t in self.doc[max(0, start - 2) : end - 1]])
                key = (ref.agent if ref else None) or match.actor_id
                out.append(PersonMention(ref, key, cue, self.sent_idx, start, self._is_subject(start, end)))
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or any(i in self.token_match for i in range(ent.start, ent.end)):
                continue
            key = ent[-1].lower_
            cue = gender_cue([t.text for t in self.doc[max(0, ent.start - 2) : ent.end - 1]])
            subject = self._is_subject(ent.start, ent.end)
            # "Sanders" after "Bernie Sanders" is that person again, not a second one nobody placed
            # (who would take the "he" that follows and leave it unresolved).
            ref = self.discourse.repeats_known_person([t.text for t in ent])
            if ref is not None:
                key = ref.agent or key
            else:
                ref = self.discourse.people.get(key)
            out.append(PersonMention(ref, key, cue, self.sent_idx, ent.start, subject))
        # A person named before, named again where the parser saw no PERSON ("Mitsotakis met ...").
        named_before = {p.key: p for p in self.discourse.persons}
        taken = {p.token for p in out}
        for tok in self.doc:
            if tok.i in self.token_match or tok.i in taken or not tok.text[:1].isupper():
                continue
            if tok.ent_type_ == "PERSON" or tok.lower_ not in named_before:
                continue
            earlier = named_before[tok.lower_]
            subject = self._is_subject(tok.i, tok.i + 1)
            out.append(PersonMention(earlier.ref, earlier.key, None, self.sent_idx, tok.i, subject))
        return sorted(out, key=lambda p: p.token)

    def _person_pronoun(self, token: Token) -> Resolved | None:
        if token.i not in self.pronoun_people:
            before = [p for p in self.people_here() if p.token < token.i]
            before += [p for i, p in self.pronoun_people.items() if i < token.i and p is not None]
            history = self.discourse.persons + sorted(before, key=lambda p: p.token)
            subject = token.dep_ in ("nsubj", "nsubjpass")
            chosen = choose(history, self.sent_idx, token.lower_, subject)
            self.pronoun_people[token.i] = (
                as_pronoun_mention(chosen, token.lower_, self.sent_idx, token.i, subject) if chosen else None
            )
        person = self.pronoun_people[token.i]
        ref = person.ref if person is not None else None
        by_story = getattr(ref, "via", None) == "story"
        if ref is None or ref.principal is None or (by_story and not self.story_people):
            return None
        return Resolved(ref.principal, ref.agent, "story" if by_story else "coref", token.i, ref.text)

    def commit_people(self) -> None:
        """Hand this sentence's people (and the pronouns resolved to them) to the discourse."""
        here = self.people_here() + [p for p in self.pronoun_people.values() if p is not None]
        self.discourse.add_persons(sorted(here, key=lambda p: p.token))

    def _pronoun(self, token: Token) -> Resolved | None:
        lower = token.lower_
        if lower in PERSON_PRONOUNS:
            return self._person_pronoun(token)
        if lower in ORG_PRONOUNS:
            # Within the sentence, the subject of the clause is the likeliest antecedent. Inside a
            # quotation "they" is the speaker's ("They won't be on the battlefield", of advisers the
            # speaker's words name): only a subject within the quotation is its antecedent, never
            # the article's last subject (on train, 6 of 40 such "they" and "them" had been right).
            if token.i in self.quoted:
                ref = self._sentence_subject_before(token, within=self.quoted)
            else:
                ref = self._sentence_subject_before(token) or self.discourse.last_subject
            return Resolved(ref.principal, ref.agent, "coref", token.i, ref.text) if ref else None
        return None

    def _sentence_subject_before(self, token: Token, within: frozenset[int] | None = None) -> Resolved | None:
        for tok in self.doc:
            if tok.i >= token.i:
                break
            if within is not None and tok.i not in within:
                continue
            # Not a pronoun, whatever the tagger says, nor a subject that holds the pronoun ("Kim » its
            # ... said"): resolving either would come back here.
            if (
                tok.dep_ in ("nsubj", "nsubjpass")
                and tok.pos_ != "PRON"
                and tok.lower_ not in _PRONOUN_WORDS
                and token.i not in {t.i for t in tok.subtree}
            ):
                ref = self.resolve(tok)
                if ref is not None and not self.kb.is_person(ref.agent or ""):
                    return ref
        return None

    def unresolved(self, token: Token) -> Resolved | None:
        """A named or group subject outside the knowledge base ("Rebels in the Ivory Coast")."""
        if token.pos_ == "PRON" or token.lower_ in ("latter", "former"):
            return None
        if token.lower_ in _QUANTITIES:
            # "Tens of thousands of students ...": the group is under "of" ("a human rights group" is itself one).
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            return self.resolve(pobj) or self.unresolved(pobj)
        named = token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "FAC")
        group = self.is_group(token)
        if not (named or group):
            return None
        text = noun_phrase(token)
        return Resolved(None, None, "unresolved", token.i, text)

    def as_words(self, token: Token) -> Resolved:
        """A noun phrase no actor resolves, kept as its words for the context to place later ("police")."""
        return self.unresolved(token) or Resolved(None, None, "unresolved", token.i, noun_phrase(token))

    def conjuncts_of(self, token_index: int) -> list[Token]:
        """Conjuncts of the knowledge-base mention starting at ``token_index`` ("Congo and Costa Rica")."""
        for _, start, end in self.match_tokens:
            if start == token_index:
                heads = [t for t in self.doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
                return list(heads[0].conjuncts) if heads else []
        return list(self.doc[token_index].conjuncts)

    def mentions_in(self, tokens: list[Token]) -> list[Resolved]:
        out: list[Resolved] = []
        for tok in tokens:
            match = self.token_match.get(tok.i)
            if match is not None and not self.is_against(tok) and not (match.how == "demonym" and self._ethnic(tok)):
                ref = self._from_match(match, tok.i)
                if ref is not None and all(r.token != ref.token for r in out):
                    out.append(ref)
        return out


_DOCUMENT_NOUNS = {
    "declaration",
    "statement",
    "letter",
    "resolution",
    "communique",
    "message",
    "note",
    "report",
    "decree",
    "order",
    "document",
    "memorandum",
}


def someone_elses_surname(match: RawMatch, doc: Doc, offset: int, kb: ActorKB) -> bool:
    """Whether a person's one-word name is the surname of someone else the text names in full:
    "Miles Ortega" is not Daniel Ortega, "Ann Putin" not Vladimir Putin. The word before it is a
    capitalised name of the parser's that is neither a title nor one of the person's own names."""
    if " " in match.text.strip() or not kb.is_person(match.actor_id):
        return False
    span = doc.char_span(match.start - offset, match.end - offset, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    own = {w.lower() for w in kb.actors[match.actor_id].name.split()}
    return (
        before.is_alpha
        and before.is_title
        and before.ent_type_ == "PERSON"
        and before.lower_ not in _NAME_TITLES
        and before.lower_ not in own
    )


def noun_phrase(token: Token, limit: int = 8) -> str:
    """The words of a noun phrase without its clauses ("rebels in the north", not "... who said ...")."""
    keep: list[Token] = []

    def walk(tok: Token) -> None:
        for child in tok.lefts:
            if child.dep_ not in _CLAUSE_DEPS:
                walk(child)
        keep.append(tok)
        for child in tok.rights:
            if child.dep_ not in _CLAUSE_DEPS:
                walk(child)

    walk(token)
    return " ".join(t.text for t in keep[:limit])


_CLAUSE_DEPS = {"relcl", "acl", "advcl", "punct", "appos", "cc", "conj"}


# Nouns of a plan or attempt whose infinitive names an act not (yet) done, by the noun's holder:
# "Turkey's plan to send troops", "a bid to seize the city" (modality intended); the holder is
# the subject of the verb that has the noun ("announced plans to ...").
PLAN_NOUNS = frozenset({
    "intent", "intention", "plan", "plans", "decision", "readiness", "willingness", "bid", "proposal", "aim", "goal",
})  # fmt: skip


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited through conjunction and open complements."""
    seen = 0
    current: Token | None = verb
    while current is not None and seen < 8:
        seen += 1
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        # The small model sometimes hangs the subject on the auxiliary ("Hungary <- is opposed").
        subjects += [
            s for a in current.children if a.dep_ in ("aux", "auxpass") for s in a.children if s.dep_ == "nsubj"
        ]
        if subjects:
            before = [s for s in subjects if s.i < current.i] or subjects
            subject = max(before, key=lambda s: s.i)
            if subject.pos_ == "VERB":
                # "The Red Cross operating in Iraq said": a participle misparsed as the subject.
                inner = [c for c in subject.children if c.dep_ in ("nsubj", "nsubjpass")]
                return inner[0] if inner else subject
            return subject
        if (fronted := _fronted_apposition(current)) is not None:
            return fronted
        if current.dep_ == "acl" and current.head.dep_ == "ROOT" and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head  # "A Syrian newspaper called on ...": the only verb, misread as "a paper called X"
        if current.dep_ == "acl" and current.tag_ in ("VBD", "VBZ", "VBP"):
            # A finite verb hung under a noun is a misparsed apposition: "China, X's ally, called for ..."
            noun = current.head
            return noun.head if noun.dep_ == "appos" else noun
        if current.dep_ == "acl" and current.tag_ == "VBG":
            noun = current.head
            if noun.lemma_.lower() in _DOCUMENT_NOUNS and noun.dep_ in ("dobj", "attr"):
                # "issued a declaration demanding that ...": the one who issued it demands.
                current = noun.head
                continue
            return noun  # "demonstrators protesting the results": the demonstrators protest
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and current.head.head.pos_ in ("ADJ", "VERB"):
            # "are guilty of violating the ceasefire", "accused X of attacking": through the preposition.
            current = current.head.head
            continue
        if current.dep_ in ("conj", "xcomp", "advcl", "acl", "pcomp", "acomp") and current.head.i != current.i:
            head = current.head
            if current.dep_ == "acl" and head.dep_ in ("dobj", "attr") and head.lemma_.lower() in PLAN_NOUNS:
                # "announced their intention to hold a rally": whoever announced the plan holds it.
                current = head.head
                continue
            current = head
            continue
        if current.dep_ == "relcl":
            return current.head
        return None
    return None


def _fronted_apposition(verb: Token) -> Token | None:
    """The subject the small model hangs as an apposition on the last noun of an opening phrase:
    "In an interview with Der Spiegel, Sergei Lavrov said" (Lavrov parsed as Der Spiegel's)."""
    for child in verb.lefts:
        if child.dep_ != "prep":
            continue
        for tok in child.subtree:
            if (
                tok.dep_ == "appos"
                and tok.head.dep_ == "pobj"
                and tok.right_edge.i + 1 == verb.i
                and tok.left_edge.i > 0
                and tok.doc[tok.left_edge.i - 1].text == ","
            ):
                return tok
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]
