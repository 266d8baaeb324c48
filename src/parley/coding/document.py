"""Code one clean document: sentences, mentions, dates, events, proposals, quotes.

Two passes keep it fast: every sentence gets the cheap tokenizer and phrase
matchers; only sentences that name an actor (or refer back to one) and hold a
trigger word, a quote or a sequencing cue get the statistical parse.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from parley.coding.attribution import (
    QuoteBook,
    build_chain,
    find_quotes,
    reporters_above,
    wire_agency,
)
from parley.coding.conditions import conditions_floor, conditions_model, find_cues, is_candidate
from parley.coding.confidence import packaged_floor, with_confidence
from parley.coding.confidence import packaged_model as confidence_model
from parley.coding.context import (
    PLAN_NOUNS,
    Discourse,
    Group,
    Resolved,
    SentenceContext,
    someone_elses_surname,
    subject_of,
)
from parley.coding.coref import PersonMention, Reference, as_pronoun_mention, choose, gender_cue, unknown_names
from parley.coding.dates import is_vague, resolve
from parley.coding.descriptions import definite_descriptions, description_features, description_sense, name_words
from parley.coding.domestic import (
    DOMESTIC_AGENTS,
    domestic_words,
    office_holders,
    place_domestic_agents,
    place_domestic_mentions,
    reports_news,
    story_state,
)
from parley.coding.events import (
    Trigger,
    find_triggers,
    governed_by_trigger,
    in_condition,
    intent_type,
    is_symmetric,
    modality,
    negated,
    nominal_parties,
    noun_event_type,
    received_parties,
    sources_of,
    targets_of,
)
from parley.coding.first_person import FIRST_PERSON, speakers_act
from parley.coding.implicit import ToldActs, fill_implicit_roles, place_in_story_state
from parley.coding.mention_sense import mention_features, mention_sense, story_features, story_sense
from parley.coding.modality import learned_modality
from parley.coding.modality import packaged_model as modality_model
from parley.coding.parties import party_ranker
from parley.coding.proposals import (
    ProposalSpan,
    clause_after,
    demand_cues,
    find_conditions,
    find_proposal_spans,
    holder_of,
    span_of_cue,
)
from parley.coding.roles import assign_roles, kind_reader
from parley.coding.roles import packaged_model as roles_model
from parley.coding.triggers import following_words, model_triggers, packaged_model
from parley.kb.actors import PERSON, STATE, ActorKB
from parley.kb.cameo import load_cameo_lexicon
from parley.kb.issues import issue_of, issues_in
from parley.kb.ontology import Ontology, load_ontology
from parley.kb.sectors import sector_of
from parley.models import CleanDocument, CodedDocument, Event, Mention, Proposal, Sentence, TimeRef, stable_id
from parley.nlp.mentions import GENERIC, RawMatch, mention_finder
from parley.nlp.pipeline import MAX_PARSED_SENTENCE_CHARS, full_pipeline
from parley.nlp.sentences import is_heading, split_sentences

_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
# Between a state's name and a person's: a title in lower case ("Saudi journalist ", "Egyptian foreign minister ").
_TITLE_WORDS = re.compile(r"(?:\s+[a-z][\w-]*){1,4}\s+")
# Between a person's name and the state that describes them: ", a ", " is a ", ", the former ".
_DESCRIBED_AS = re.compile(r"(?:,|\s+(?:is|was))\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,2}")
# A person introduced by a title ("U.S. Ambassador to the European Union Gordon Sondland", "Foreign
# Minister Wang Yi"): the sentence is parsed so later mentions of the name can be placed.
_INTRODUCTION = re.compile(
    r"\b(?:[Aa]mbassador|[Ee]nvoy|[Mm]inister|[Ss]ecretary|[Ss]pokes(?:man|woman|person)|[Ss]enator|[Gg]overnor"
    r"|[Pp]resident|[Pp]rime [Mm]inister|[Cc]hancellor|[Gg]eneral|[Dd]irector|[Cc]hief|[Ll]eader|[Cc]ommander"
    r"|[Pp]rosecutor|[Jj]udge|[Mm]ayor|[Rr]epresentative|[Ll]awmaker|[Oo]fficial)\b"
    r"(?:\W+\w+){0,6}?\W+[A-Z][a-z]+ [A-Z][a-z]"
)
_SEQUENCING_CUE = re.compile(
    r"\b(must|should|before|prior to|once|until|unless|first|precondition|pre-condition|contingent|conditional|"
    r"in exchange for|provided that)\b",
    re.I,
)
# Demands and conditions are parsed for their holder even where no actor is named near them ("Some
# called for ...", "Protesters called for ..."): the proposals take the story's state.
_PROPOSAL_CUE = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:on|for)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|on condition)\b", re.I
)
# The pronouns annotators record as mentions (docs/annotation.md §2: he/she/they/him/her/them), and
# "the latter"/"the former". On train and dev, mention precision 0.626 -> 0.654 and 0.661 -> 0.693 at
# the same recall; "it", "itself", "himself" and the possessives still resolve for events.
MENTION_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "latter", "former"})
# Subjects that point back at the previous event: "The dismissal, delivered via ...".
# Words after a verb that a CAMEO pattern saying it does no act may use (4 and 6 code the same on dev).
_PATTERN_REACH = 5
_ANAPHORIC_HEADS = {"statement", "announcement", "decision", "move", "response", "remarks", "message", "step"}


class DocumentCoder:
    def __init__(self, kb: ActorKB, ontology: Ontology | None = None, prefilter: bool | None = None) -> None:
        """``prefilter=True`` (or PARLEY_PREFILTER=1) parses and codes only the sentences that name an
        actor or follow one that does, and quotations: faster, but on real pages it loses the events
        of sentences whose parties are only implied ("Two federal prison officers were charged
        Tuesday"): web-page dev event F1 0.23 -> 0.16, Wikinews dev 0.331 -> 0.333. Off by default."""
        self.kb = kb
        self.prefilter = prefilter if prefilter is not None else os.environ.get("PARLEY_PREFILTER", "0") == "1"
        self.onto = ontology or load_ontology()
        self.cameo = load_cameo_lexicon()
        # Event words: the lexicon's and the trigger classifier's, on words the lexicon left
        # (PARLEY_TRIGGERS=rules: the lexicon alone). Since roles left implicit are filled from
        # context (coding/implicit.py), the classifier's words add right events on dev.
        # Which learned components run (the switches below); models installed later (cross-fitting,
        # ``parley train``) replace only these.
        self.learned = {
            "triggers": os.environ.get("PARLEY_TRIGGERS", "both") == "both",
            "roles": os.environ.get("PARLEY_ROLES", "model") != "rules",
            "modality": os.environ.get("PARLEY_MODALITY", "model") != "rules",
        }
        self.trigger_model = packaged_model() if self.learned["triggers"] else None
        self.place_domestic = os.environ.get("PARLEY_DOMESTIC", "1") == "1"
        self._agency_ids: dict[str, str] | None = None
        self.introduce = os.environ.get("PARLEY_INTRODUCED", "1") == "1"
        self.implicit_roles = os.environ.get("PARLEY_IMPLICIT", "1") == "1"
        # Argument roles: the classifier picks the words and the rules resolve them (PARLEY_ROLES=rules: rules alone).
        self.role_model = roles_model() if self.learned["roles"] else None
        self.trigger_threshold = float(os.environ.get("PARLEY_TRIGGER_THRESHOLD", "0.7"))
        # Modality: the classifier, with the rules' answer among its features (PARLEY_MODALITY=rules: rules alone).
        self.modality_model = modality_model() if self.learned["modality"] else None
        # Every event gets a learned confidence; below the trained floor it is dropped
        # (PARLEY_MIN_CONFIDENCE overrides the floor; 0 keeps every event, with its confidence).
        self.confidence_model = confidence_model()
        self.conditions_model = conditions_model()
        self.conditions_floor = conditions_floor()
        # Conditions: the learned cues and the cue rules together by default ("union"): the classifier
        # has seen few real-news conditions and misses textbook ones the rules find (README);
        # "model": the classifier alone where it has a word to judge; "rules": the rules alone.
        self.conditions_mode = os.environ.get("PARLEY_CONDITIONS", "union")
        if self.conditions_mode not in ("union", "model", "rules"):
            raise ValueError(f"PARLEY_CONDITIONS is {self.conditions_mode!r}: use union, model or rules")
        floor = os.environ.get("PARLEY_MIN_CONFIDENCE")
        self.confidence_floor = float(floor) if floor is not None else packaged_floor()
        # The first pass parses only sentences with a possible event word: with the model, every
        # verb form of the CAMEO dictionary counts too.
        self.trigger_words = self.onto.trigger_words | (
            frozenset(w for w in self.cameo.verbs if " " not in w) if self.trigger_model is not None else frozenset()
        )
        self.finder = mention_finder(kb)
        # Whether a name stands for an actor or only for a place, and whether a person or organisation
        # no actor matched, taken to be of the story's state, is an actor mention at all ("Maria Lopez
        # said", not "on Twitter"): the learned senses of coding/mention_sense.py. Training gives their
        # ``log`` a list, which then receives every decision.
        self.sense = mention_sense()
        self.story_sense = story_sense()
        self.description_sense = description_sense()
        # A learned second look at each event's source and target among the actors its sentence,
        # the one before and the story offer (coding/parties.py; PARLEY_PARTIES=0: the coder's own).
        self.parties = party_ranker(kb)
        if os.environ.get("PARLEY_PARTIES", "1") == "0":
            self.parties.model = None

    # ---- pass 1 -----------------------------------------------------------
    def first_pass(self, document: CleanDocument) -> tuple[list[Sentence], list[RawMatch], list[int]]:
        sentences = split_sentences(document.body)
        matches = self._read_shared_names(self.finder.find(document.body), document.published)
        referring = _referring(sentences, _by_sentence(sentences, matches))
        candidates = []
        for sent in sentences:
            words = {w.lower() for w in re.findall(r"[\w'-]+", sent.text)}
            has_trigger = bool(words & self.trigger_words)
            quoted = "“" in sent.text or '"' in sent.text
            introduces = _INTRODUCTION.search(sent.text) is not None
            cues = has_trigger or quoted or _SEQUENCING_CUE.search(sent.text) or introduces
            # A quotation is parsed even when no known actor is near: its speaker is named by the parse
            # ("Sanders said", "Cengiz told reporters").
            if len(sent.text) > MAX_PARSED_SENTENCE_CHARS:
                continue
            if not self.prefilter or (sent.idx in referring and cues) or quoted or _PROPOSAL_CUE.search(sent.text):
                candidates.append(sent.idx)
        return sentences, matches, candidates

    def _read_shared_names(self, matches: list[RawMatch], day: dt.date | None) -> list[RawMatch]:
        """ "Georgia" in a story about the United States is the US state, "the Senate" in a story
        about Puerto Rico its own legislature (kb shared_names; "*" stands for any other story state)."""
        shared = self.kb.shared_names
        if not shared or not any(m.text in shared for m in matches):
            return matches
        story = provisional_story([m for m in matches if m.text not in shared], self.kb, day)
        if story is None:
            return matches
        ends = {m.end for m in matches}
        out = []
        for m in matches:
            by_story = shared.get(m.text, {})
            actor = by_story.get(story) or by_story.get("*")
            if actor is None or (story not in by_story and any(m.start - 2 <= e <= m.start for e in ends)):
                out.append(m)  # not shared, or named with its state ("U.S. Senate"): as matched
            elif actor.startswith(GENERIC):
                out.append(replace(m, actor_id=actor, how="organ"))
            else:
                out.append(replace(m, actor_id=actor))
        return out

    # ---- both passes ------------------------------------------------------
    def code(self, document: CleanDocument) -> CodedDocument:
        return next(iter(self.code_many([document])))

    def code_many(
        self, documents: Iterable[CleanDocument], batch_size: int = 256, window: int = 16
    ) -> Iterator[CodedDocument]:
        """Code a stream of documents; ``window`` documents share one batched parse, so memory stays flat."""
        nlp = full_pipeline()
        buffer: list[tuple[CleanDocument, list[Sentence], list[RawMatch], list[int]]] = []

        def flush() -> Iterator[CodedDocument]:
            texts = [sents[i].text for _, sents, _, cands in buffer for i in cands]
            docs = iter(nlp.pipe(texts, batch_size=batch_size))
            for document, sents, matches, cands in buffer:
                parsed = {i: next(docs) for i in cands}
                yield self._code_parsed(document, sents, matches, parsed)
            buffer.clear()

        for document in documents:
            buffer.append((document, *self.first_pass(document)))
            if len(buffer) >= window:
                yield from flush()
        if buffer:
            yield from flush()

    def _code_parsed(
        self, document: CleanDocument, sentences: list[Sentence], matches: list[RawMatch], parsed: dict[int, Doc]
    ) -> CodedDocument:
        coded = CodedDocument(document=document, sentences=sentences)
        per_sentence = _by_sentence(sentences, matches)
        # Sentences parsed only for their quotation's speaker (no actor named in or just before them)
        # are not coded for events: the first pass's precision holds there.
        referring = _referring(sentences, per_sentence)
        discourse = Discourse()
        proposer: tuple[int, Resolved] | None = None
        quotes = QuoteBook(document.body, sentences, self.kb, self.onto)
        unplaced: list[Mention] = []
        provisional = provisional_story(matches, self.kb, document.published)
        # Unqualified domestic agents of every sentence, found once: descriptions they cover are not
        # judged, and those no name places are placed in the story's state at the end.
        agents = {sent.idx: domestic_words(sent.text) for sent in sentences}
        acts = ToldActs(coded.events)
        for sent in sentences:
            sent_matches = per_sentence.get(sent.idx, [])
            doc = parsed.get(sent.idx)
            if doc is None:
                self._note_unparsed(sent, sent_matches, discourse, coded)
                quotes.unparsed(sent, discourse)
                continue
            day = document.published
            sent_matches = self._without_namesakes(sent_matches, doc, sent.start, discourse)
            ctx = SentenceContext(doc, sent.start, sent_matches, self.kb, day, discourse, sent.idx)
            ctx.story = provisional
            ctx.quoted = quotes.quoted_tokens(sent, doc)
            if self.introduce:
                ctx.introduce_people()
            times = self._time_refs(sent, doc, document.published)
            coded.time_refs.extend(times)
            eventful = sent.idx in referring or not self.prefilter
            events = self._events(document, sent, ctx, times, acts) if eventful else []
            anaphor = self._refine_previous_agent(sent, ctx, coded.events)
            coded.events.extend(events)
            for ev in events:
                if ev.type in ("AGREE", "REQUEST") and ev.source:
                    proposer = (sent.idx, Resolved(ev.source, ev.source_agent, "event", 0))
            recent_proposer = proposer[1] if proposer and sent.idx - proposer[0] <= 8 else None
            coded.proposals.extend(self._proposals(document, sent, ctx, events, recent_proposer))
            quotes.parsed(sent, ctx, anaphor)
            ctx.story_people = True  # for the mentions only: quotation speakers have their own fallback
            unplaced.extend(self._record_mentions(sent, ctx, coded, agents.get(sent.idx, [])))
            ctx.close_group()
            ctx.commit_people()
        coded.quotes = quotes.quotes(document, self._agency(document), coded.mentions)
        coded.events = speakers_act(coded.events, coded.quotes, self.kb, document.published)
        # The domestic agents placed below are of this same state, so they cannot change it.
        story = story_state(coded.mentions, self.kb, document.published)
        if self.place_domestic:
            coded.events = place_domestic_agents(coded.events, story)
            taken = [(m.start, m.end) for m in coded.mentions]
            pending = [m for m in self._domestic_words(sentences, matches, agents) if not _overlaps(m, taken)]
            coded.mentions.extend(place_domestic_mentions(pending, story))
        if self.implicit_roles:
            coded.events = fill_implicit_roles(coded.events, coded.mentions, self.kb, document.published)
            coded.events = place_in_story_state(coded.events, story, self.kb, document.published)
            coded.events = acts.follow(coded.events)
            if story is not None:
                # People and organisations no actor or introduction placed ("Pierluisi", "NBC News"),
                # taken to be of the story's state as the parties of events are: on train and dev,
                # mention recall 0.44 -> 0.54 and 0.52 -> 0.61 at the same precision.
                # A word a domestic agent already took ("Farmers" opening a sentence) is one mention.
                placed = [(m.start, m.end) for m in coded.mentions]
                coded.mentions.extend(replace(m, actor_id=story) for m in unplaced if not _overlaps(m, placed))
        coded.events = self.parties.rerank(coded.events, coded.mentions, sentences, parsed, story, document.published)
        coded.events = _both_ways(coded.events)
        coded.events = [self._with_sectors(e, document.published) for e in coded.events]
        coded.events = with_confidence(coded.events, self.kb, self.confidence_model, self.confidence_floor)
        return coded

    def _without_namesakes(
        self, matches: list[RawMatch], doc: Doc, offset: int, discourse: Discourse
    ) -> list[RawMatch]:
        """The sentence's matches less knowledge-base people named only by the surname of someone
        else: "Miles Ortega" (not Daniel Ortega), and "Ortega" after him unless the article named
        Daniel Ortega in full."""
        out = []
        for m in matches:
            word = m.text.lower()
            if someone_elses_surname(m, doc, offset, self.kb):
                discourse.namesakes.add(word)
            elif word not in discourse.namesakes or word in discourse.surnames:
                out.append(m)
        return out

    def _with_sectors(self, ev: Event, day: dt.date | None) -> Event:
        return replace(
            ev,
            source_sector=sector_of(self.kb, ev.source_agent or ev.source, ev.date or day, ev.source_text),
            target_sector=sector_of(self.kb, ev.target_agent or ev.target, ev.date or day, ev.target_text),
        )

    # ---- mentions and discourse --------------------------------------------
    def _note_unparsed(
        self, sent: Sentence, matches: list[RawMatch], discourse: Discourse, coded: CodedDocument
    ) -> None:
        people: list[tuple[int, PersonMention]] = []  # (offset in the sentence, person)
        for match in matches:
            if match.actor_id.startswith(GENERIC):
                continue
            coded.mentions.append(Mention(sent.idx, match.start, match.end, match.text, match.actor_id, match.how))
            principal = self.kb.principal(match.actor_id, coded.document.published) or match.actor_id
            ref = Resolved(principal, None if principal == match.actor_id else match.actor_id, match.how, 0)
            discourse.note(ref, self.kb.is_person(match.actor_id), as_subject=False)
            if self.kb.is_person(match.actor_id):
                words = sent.text[: match.start - sent.start].split()[-2:] + match.text.split()[:-1]
                cue = gender_cue(words)
                people.append((match.start - sent.start, PersonMention(ref, match.actor_id, cue, sent.idx, -1)))
        # Without a parse: names the text uses that parley does not know (they keep pronouns from
        # going to someone else), later mentions of people introduced earlier, and he/she pronouns.
        covered = [(m.start - sent.start, m.end - sent.start) for m in matches]
        for start, end, name in unknown_names(sent.text, covered):
            key = name.split()[-1].lower()
            cue = gender_cue(sent.text[:start].split()[-2:])
            if key not in discourse.people:
                state = self._introduction(sent, matches, start, end, coded.document.published)
                if state is not None:
                    discourse.people[key] = Resolved(state, None, "introduced", 0, name)
                    at = sent.start + start
                    coded.mentions.append(Mention(sent.idx, at, sent.start + end, name, state, "introduced"))
                    covered.append((start, end))
            people.append((start, PersonMention(discourse.people.get(key), key, cue, sent.idx, -1)))
        named_before = {p.key: p for p in discourse.persons}
        for word in _WORD.finditer(sent.text):
            at, text = word.start(), word.group()
            if any(a <= at < b for a, b in covered):
                continue
            if text[0].isupper() and text.lower() in named_before and not any(o == at for o, _ in people):
                # A surname named before ("Cengiz called ..."): the same person again.
                earlier = named_before[text.lower()]
                people.append((at, PersonMention(earlier.ref, earlier.key, None, sent.idx, -1)))
            known = discourse.people.get(text.lower()) if text[0].isupper() else None
            if known is not None and known.principal is not None:
                coded.mentions.append(_mention(sent.idx, sent.start + at, text, known, "introduced"))
            if text.lower() in ("he", "she", "him"):
                history = discourse.persons + [p for offset, p in sorted(people, key=lambda x: x[0]) if offset < at]
                chosen = choose(history, sent.idx, text, is_subject=False)
                if chosen is None:
                    continue
                people.append((at, as_pronoun_mention(chosen, text, sent.idx, -1, False)))
                if chosen.ref is not None and chosen.ref.principal is not None:
                    coded.mentions.append(_mention(sent.idx, sent.start + at, text, chosen.ref, "coref"))
        discourse.add_persons([p for _, p in sorted(people, key=lambda x: x[0])])

    @staticmethod
    def _domestic_words(
        sentences: list[Sentence], matches: list[RawMatch], agents: dict[int, list[tuple[int, int, str]]]
    ) -> list[Mention]:
        """Unqualified domestic agents ("the police", "protesters"), their organ for actor id: no
        name of a state or body next to them (those are placed by the name). ``agents``: each
        sentence's ``domestic_words``."""
        named = [(m.start, m.end) for m in matches if not m.actor_id.startswith(GENERIC)]
        out = []
        for sent in sentences:
            for start, end, organ in agents.get(sent.idx, []):
                a, b = sent.start + start, sent.start + end
                if any(x - 4 <= b and a <= y + 4 and sent.start <= x < sent.end for x, y in named):
                    continue  # "Kenyan police", "Nigeria's parliament", "police in Lagos" is placed by Lagos
                # (a name ending the sentence before places nothing: "... in Manchester. The police said")
                out.append(Mention(sent.idx, a, b, sent.text[start:end], organ, "domestic"))
        return out

    def _introduction(
        self, sent: Sentence, matches: list[RawMatch], start: int, end: int, day: dt.date | None
    ) -> str | None:
        """The state an unparsed sentence's words give a name it introduces: "Saudi journalist Jamal
        Khashoggi", "Hatice Cengiz, a Turkish national", "Hatice Cengiz is a Turkish national"."""
        for m in matches:
            if m.actor_id.startswith(GENERIC) or m.how not in ("demonym", "alias"):
                continue
            m_start, m_end = m.start - sent.start, m.end - sent.start
            before = m_end <= start and _TITLE_WORDS.fullmatch(sent.text[m_end:start])
            after = m.how == "demonym" and end <= m_start and _DESCRIBED_AS.fullmatch(sent.text[end:m_start])
            if before or after:
                principal = self.kb.principal(m.actor_id, day)
                actor = self.kb.get(principal) if principal else None
                if actor is not None and actor.kind == "state":
                    return principal
        return None

    def _record_mentions(
        self, sent: Sentence, ctx: SentenceContext, coded: CodedDocument, agents: list[tuple[int, int, str]]
    ) -> list[Mention]:
        """Records the sentence's mentions; returns those of the people and organisations it names that
        nobody placed (the parser's PERSON and ORG names that no actor and no introduction matched).
        ``agents``: the sentence's unqualified domestic agents (``domestic_words``)."""
        for match, start, end in ctx.match_tokens:
            if match.actor_id.startswith(GENERIC):
                continue
            how = match.how if self._names_an_actor(sent, ctx.doc[start:end], match) else "place"
            coded.mentions.append(Mention(sent.idx, match.start, match.end, match.text, match.actor_id, how))
            tok = ctx.doc[start]
            ref = ctx.resolve(tok) or ctx._from_match(match, start)
            if ref is None:
                continue
            head = tok
            while head.dep_ in ("compound", "amod") and head.head.i != head.i:
                head = head.head
            ctx.discourse.note(ref, self.kb.is_person(match.actor_id), as_subject=head.dep_ in ("nsubj", "nsubjpass"))
            if self.kb.is_person(match.actor_id) and ref.principal is not None:
                ctx.note_office(start, ref)
            surname = match.text.split()[-1] if " " in match.text else ""
            if self.kb.is_person(match.actor_id) and surname[:1].isupper() and ref.principal is not None:
                # "Nancy Pelosi ... Pelosi said": the surname alone names the person the article named.
                ctx.discourse.surnames[surname.lower()] = Resolved(
                    ref.principal, ref.agent, "surname", start, match.text
                )
        # "The foreign minister said": the person the article last gave that office by title.
        for start, end, office in office_holders(sent.text):
            holder = ctx.discourse.offices.get(office)
            if holder is not None and holder.principal is not None:
                coded.mentions.append(_mention(sent.idx, sent.start + start, sent.text[start:end], holder, "coref"))
        # People introduced earlier in the article, named again ("Navalny", "Cengiz"): the parser's
        # PERSON names, and capitalised words the parser did not take for one.
        taken: set[int] = set()
        unplaced: list[Mention] = []
        persons = {ent.start for ent in ctx.person_ents()}
        for ent in ctx.doc.ents:
            person = ent.start in persons
            if not (person or ent.label_ == "ORG") or any(i in ctx.token_match for i in range(ent.start, ent.end)):
                continue
            if person and ctx.discourse.repeats_known_person(ent.text.split()) is not None:
                continue  # the surname of a person the article named in full: a mention below
            known = ctx.discourse.people.get(ent[-1].lower_) if person else None
            if known is not None and known.principal is not None:
                how = "story" if known.via == "story" else "introduced"
                if how == "introduced" or self._story_names_an_actor(sent, ent, "person"):
                    coded.mentions.append(_mention(sent.idx, sent.start + ent.start_char, ent.text, known, how))
                taken.update(range(ent.start, ent.end))
            elif self._story_names_an_actor(sent, ent, "unplaced"):
                start = sent.start + ent.start_char
                unplaced.append(Mention(sent.idx, start, start + len(ent.text), ent.text, "", "story"))
        for tok in ctx.doc:
            if tok.i in taken or tok.i in ctx.token_match or not tok.text[:1].isupper():
                continue
            known = ctx.discourse.people.get(tok.lower_)
            if known is None and tok.lower_ in ctx.discourse.surnames and _alone_or_person(tok):
                coded.mentions.append(
                    _mention(sent.idx, sent.start + tok.idx, tok.text, ctx.discourse.surnames[tok.lower_], "surname")
                )
                continue
            if known is not None and known.principal is not None:
                how = "story" if known.via == "story" else "introduced"
                if how == "introduced" or self._story_names_an_actor(sent, ctx.doc[tok.i : tok.i + 1], "surname"):
                    coded.mentions.append(_mention(sent.idx, sent.start + tok.idx, tok.text, known, how))
        # Personal pronouns resolved through the discourse are mentions too ("they", "the latter"); "it",
        # reflexives and possessives still resolve for events but are no mentions (docs/annotation.md §2).
        # An unresolved "they" just after an unnamed group ("the rebels", "police") in this sentence or
        # the one before is that group, of the story's state.
        collectives = [t.i for t in ctx.doc if _collective(ctx, t)]
        # The token after which such a group is in view: any, when the sentence before named one.
        group_from = -1 if ctx.discourse.collective_at == sent.idx - 1 else min(collectives, default=len(ctx.doc))
        for tok in ctx.doc:
            if tok.i in ctx.token_match or tok.dep_ == "poss":
                continue
            if tok.lower_ in MENTION_PRONOUNS:
                ref = ctx.resolve(tok)
                # A "they" of several states is no mention of one (annotators leave it out).
                if ref is not None and ref.principal is not None and ref.via != "group":
                    how = "story" if ref.via == "story" else "coref"
                    coded.mentions.append(_mention(sent.idx, sent.start + tok.idx, tok.text, ref, how))
                elif ref is None and tok.lower_ in ("they", "them") and group_from < tok.i:
                    # "He said of the rebels, 'They are rich in enthusiasm'".
                    at = sent.start + tok.idx
                    unplaced.append(Mention(sent.idx, at, at + len(tok.text), tok.text, "", "story"))
        if collectives:
            ctx.discourse.collective_at = sent.idx
        unplaced.extend(self._descriptions(sent, ctx, coded, agents))
        return unplaced

    def _descriptions(
        self, sent: Sentence, ctx: SentenceContext, coded: CodedDocument, agents: list[tuple[int, int, str]]
    ) -> list[Mention]:
        """Definite descriptions of actors ("the company", "the doctors") that no mention or domestic
        agent of the sentence covers, as the learned description sense judges them; placed later in
        the story's state, as unplaced names are (coding/descriptions.py)."""
        covered = [(m.start, m.end) for m in coded.mentions if m.sent_idx == sent.idx]
        covered += [(sent.start + a, sent.start + b) for a, b, _ in agents]
        out = []
        discourse = ctx.discourse
        spans = definite_descriptions(ctx.doc, set(ctx.token_match))
        candidates = []
        for span in spans:
            start = sent.start + span.start_char
            mention = Mention(sent.idx, start, start + len(span.text), span.text, "", "story")
            if not _overlaps(mention, covered):
                candidates.append((span, mention))
        feats = [description_features(span, discourse.name_words, discourse.described) for span, _ in candidates]
        judged = self.description_sense.judge_many(feats, sent.idx, [(m.start, m.end) for _, m in candidates])
        for (span, mention), actor in zip(candidates, judged, strict=True):
            if not actor:
                continue
            body = discourse.name_words.get(span[-1].lower_) or discourse.name_words.get(span[-1].lemma_.lower())
            if body:
                # "The commission" after "the Electoral Commission": that body, wherever it is.
                coded.mentions.append(replace(mention, actor_id=body, how="described"))
            else:
                out.append(mention)
        bodies = [(m.text, m.actor_id) for m, _, _ in ctx.match_tokens if self._is_body(m.actor_id)]
        discourse.name_words.update(name_words(ctx.doc, bodies))
        discourse.described |= {span[-1].lower_ for span in spans}
        return out

    def _is_body(self, actor_id: str) -> bool:
        actor = self.kb.get(actor_id)
        return actor is not None and actor.kind not in (STATE, PERSON)

    def _names_an_actor(self, sent: Sentence, span: Span, match: RawMatch) -> bool:
        """Whether a matched name stands for an actor, not only for a place ("protests in Iraq",
        "U.S. law"): the learned sense of the name in its parse. Names the knowledge base files as
        places ("Lagos") stay places."""
        if match.how == "place":
            return False
        return self.sense.judge(mention_features(span, match, self.kb), sent.idx, match.start, match.end)

    def _story_names_an_actor(self, sent: Sentence, span: Span, source: str) -> bool:
        """Whether a person or organisation no actor matched, taken to be of the story's state, is an
        actor mention ("Maria Lopez said") or a name the guidelines do not count ("on Twitter", "UTC"):
        the learned story sense of the name in its parse (coding/mention_sense.py)."""
        start = sent.start + span.start_char
        return self.story_sense.judge(story_features(span, source), sent.idx, start, start + len(span.text))

    # ---- time -------------------------------------------------------------
    def _time_refs(self, sent: Sentence, doc: Doc, published: dt.date | None) -> list[TimeRef]:
        out = []
        for ent in doc.ents:
            # The parser's TIME names a day too, now and then: "last night", "Monday night".
            day_time = ent.label_ == "TIME" and _DAY_IN_TIME.search(ent.text) is not None
            if (ent.label_ != "DATE" and not day_time) or is_vague(ent.text):
                continue
            first, last, precision, basis = resolve(ent.text, published)
            out.append(
                TimeRef(
                    sent.idx,
                    sent.start + ent.start_char,
                    sent.start + ent.end_char,
                    ent.text,
                    first,
                    last,
                    precision,
                    basis,
                )
            )
        return out

    def _event_date(self, trigger: Trigger, ctx: SentenceContext, times: list[TimeRef]) -> tuple[TimeRef | None, str]:
        """A date attached to the trigger's clause, else to a clause reporting it."""
        if not times:
            return None, "unknown"
        anchors: list[tuple[Token, str]] = [(trigger.head, "explicit")]
        # "was convicted and sentenced last Thursday": a date on the last of conjoined verbs dates them all.
        anchors += [(c, "explicit") for c in trigger.head.conjuncts if c.i > trigger.head.i and c.pos_ == "VERB"]
        current = trigger.head
        while current.head.i != current.i:
            current = current.head
            if current.pos_ in ("VERB", "AUX"):
                anchors.append((current, "reporting"))
        spans = [ctx.doc.char_span(r.start - ctx.offset, r.end - ctx.offset, alignment_mode="expand") for r in times]
        # The act's own clause first, then the clauses that report it, then an infinitive or gerund
        # under the act ("was convicted of conspiracy to distribute marijuana in 2008").
        for (anchor, basis), through in [*((a, False) for a in anchors), (anchors[0], True)]:
            for ref, span in zip(times, spans, strict=True):
                if span is None:
                    continue
                loose = bool(_NEWS_DAY.search(ref.text))
                if _attaches_to(span.root, anchor, trigger, loose=loose, through_nonfinite=through):
                    return ref, basis
        return None, "unknown"

    # ---- events -----------------------------------------------------------
    def _events(
        self, document: CleanDocument, sent: Sentence, ctx: SentenceContext, times: list[TimeRef], acts: ToldActs
    ) -> list[Event]:
        if is_heading(sent.text):
            return []  # headlines repeat the story; the body sentences carry the evidence
        triggers = find_triggers(list(ctx.doc), self.onto)
        if self.trigger_model is not None:
            taken = {t.word.i for t in triggers} | {t.head.i for t in triggers}
            extra = [
                t
                for t in model_triggers(ctx.doc, self.trigger_model, self.trigger_threshold)
                if t.word.i not in taken and t.head.i not in taken
            ]
            triggers += extra
        # The field's dictionary knows verbs that state, or do no act, in some words ("declined to
        # comment", "pleaded not guilty", "attended the funeral", "withdrew from the race"): such a
        # pattern outranks the verb's own type. Wikinews train and dev: 10 false events fewer, none
        # lost; web pages: 7 fewer, one lost ("unveiled a plan").
        triggers = [t for t in triggers if not self._states_only(t)]
        # The sentence's main event first: the trigger nearest the root of the parse ("refused to
        # deploy ..." before "deploy"), then in reading order.
        triggers.sort(key=lambda t: (_depth(t.head), t.word.i))
        triggers = _protests_by_purpose(triggers)
        out: list[Event] = []
        # "the attack", "the strikes": an act the story told already, told again with its parties
        # (coding/implicit.py ToldActs). The nouns read are the event words found and what an
        # attitude is about ("condemned the attack"), which the trigger words leave out as its content.
        # An ambiguous noun ("the strikes": a walkout or an air raid) refers to an act of either kind
        # the story told: the trigger's type first, then the lexicon's.
        nouns = (
            [(t.head, t.type) for t in triggers if t.head.pos_ == "NOUN"]
            + [
                (t.head, kind)
                for t in triggers
                if t.head.pos_ == "NOUN" and (kind := noun_event_type(t.head, self.onto)) not in (None, t.type)
            ]
            + [
                (noun, kind)
                for t in triggers
                if t.type in _ATTITUDES
                for noun in _objects(t.head)
                if noun.pos_ == "NOUN" and (kind := noun_event_type(noun, self.onto)) is not None
            ]
        )
        retold: dict[int, list[Event]] = {}
        for noun, kind in nouns:
            if noun.i not in retold and _anaphoric(noun) and (told := acts.antecedents(kind, sent.idx)):
                retold[noun.i] = told
                out.extend(self._retold(document, sent, ctx, times, Trigger(noun, noun, kind, None, noun), told, acts))
        for trig in triggers:
            if trig.head.i in retold or trig.word.i in retold:
                continue
            if governed_by_trigger(trig, triggers, self.onto) or in_condition(trig):
                continue  # the content of a request, or the condition of a proposal ("once X denuclearizes")
            relational = {trig.head.lemma_.lower(), trig.head.lower_} & set(self.onto.relational_nouns)
            sides = _between(trig.head, ctx) if trig.head.pos_ in ("NOUN", "PROPN") else []
            if len(sides) >= 2:
                object_text = " ".join(t.text for t in trig.head.subtree)
                pairs = [(sides[0], sides[1:])]  # "Clashes between police and protesters"
            elif (
                trig.head.pos_ in ("NOUN", "PROPN")
                and not relational
                and (own := nominal_parties(trig.head, trig.type, ctx))
            ):
                object_text = " ".join(t.text for t in trig.head.subtree)
                pairs = [own]  # "Turkish airstrikes on Syria", "Russia's invasion of Ukraine"
            elif trig.head.pos_ in ("NOUN", "PROPN") and trig.head.dep_ == "nsubj" and not relational:
                # A nominal event as subject whose words name no party `nominal_parties` reads: the
                # phrase as a whole may still be an actor's ("Iran sanctions hurt", a bare compound),
                # and "against X" names an unplaced target by its words.
                source = ctx.resolve(trig.head) or Resolved(None, None, "unresolved", trig.head.i, "")
                targets = [
                    ref
                    for prep in trig.head.children
                    if prep.dep_ == "prep" and prep.lower_ in ("against", "on", "with")
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                    for ref in ctx.resolve_all(pobj)
                    if ref.principal != source.principal
                ]
                if source.principal is None and not targets:
                    continue
                object_text = " ".join(t.text for t in trig.head.subtree)
                pairs = [(source, targets)]
            elif trig.head.pos_ in ("NOUN", "PROPN"):
                # What `nominal_parties` leaves: relational nouns, whose first party named after them
                # acts ("talks with Seoul"), and acts whose words name no party, left to the context
                # (coding/implicit.py): "weeks of protests", "the travel ban". A bare "the attack"
                # refers back to an act the story told already.
                refs, object_text = targets_of(trig, ctx, None)
                if not refs and _anaphoric(trig.head):
                    continue
                unnamed = Resolved(None, None, "unresolved", trig.head.i, "")
                pairs = [(refs[0], refs[1:2])] if refs else [(unnamed, [])]
            elif received := received_parties(trig, ctx):
                # "X faced criticism from Y": Y's act on X (the role classifier reads the subject as the actor)
                pairs, object_text = received, " ".join(t.text for t in trig.head.subtree)
            else:
                pairs = []
                sources = sources_of(trig, ctx)
                for source in sources:
                    targets, object_text = targets_of(trig, ctx, source)
                    pairs.append((source, _or_each_other(trig, source, targets, sources)))
                if self.role_model is not None:
                    pairs, object_text = self._combine(pairs, *self._learned_roles(trig, ctx), ctx.doc)
                acting = [s for s, _ in pairs if s.principal is not None]
                if len({s.principal for s in acting}) >= 2 and acting[0].via != "group":
                    ctx.discourse.group = Group(tuple(acting), sent.idx)  # "they" or "the ministers" later
            about = _retold_object(trig, retold)
            for source, targets in pairs:
                if about is not None and about.source != source.principal and all(t.principal is None for t in targets):
                    # "Syria condemned the strikes": whoever struck is the one condemned
                    targets = [Resolved(about.source, about.source_agent, "antecedent", trig.head.i)]
                out.extend(self._events_for(document, sent, ctx, times, trig, source, targets, object_text))
        # "struck targets ..., killing three people": one act, coded once per (type, source, target)
        # (keeping one per trigger added 22 events on Wikinews train, 3 of them right); but "Durbin
        # and Schiff questioned ..." is an act of each, so two people of one state keep one event each.
        unique: dict[tuple[str, str | None, str | None], list[Event]] = {}
        for ev in out:
            same = unique.setdefault((ev.type, ev.source or ev.source_text, ev.target), [])
            if not any(_same_actors(ev, kept) for kept in same):
                same.append(ev)
        with_target = {(t, s) for (t, s, target) in unique if target is not None}
        return [
            ev for key, evs in unique.items() if key[2] is not None or (key[0], key[1]) not in with_target for ev in evs
        ]

    def _states_only(self, trig: Trigger) -> bool:
        verb = trig.word
        if verb.pos_ != "VERB":
            return False
        # The pattern's words near the verb: "murdered ... after posting pictures of herself" is no
        # suicide ("kill * herself" [---]).
        code = self.cameo.statement_code(verb.lemma_.lower(), following_words(verb, _PATTERN_REACH))
        if code is None:
            return False
        # Where parley's guidelines code CAMEO's statements (docs/annotation.md): tributes (017,
        # symbolic acts) are SUPPORT, and rejecting an accusation (016, "rejected the charge") is REJECT.
        return not (code.startswith("017") or (code.startswith("016") and trig.type == "REJECT"))

    def _retold(
        self,
        document: CleanDocument,
        sent: Sentence,
        ctx: SentenceContext,
        times: list[TimeRef],
        trig: Trigger,
        told: list[Event],
        acts: ToldActs,
    ) -> list[Event]:
        """The events of an act told again ("the attack"), one per pair coded for the act it refers to."""
        out = []
        object_text = " ".join(t.text for t in trig.head.subtree)
        for act in told:
            source = Resolved(act.source, act.source_agent, "antecedent", trig.head.i)
            target = Resolved(act.target, act.target_agent, "antecedent", trig.head.i)
            for ev in self._events_for(document, sent, ctx, times, trig, source, [target], object_text):
                if ev.type != act.type:
                    continue  # "the attack was planned" speaks of the act's planning, not a new threat
                acts.links[ev.event_id] = act.event_id
                out.append(replace(ev, implicit=("source", "target")))
        return out

    def _combine(
        self,
        ruled: list[tuple[Resolved, list[Resolved]]],
        learned: list[tuple[Resolved, list[Resolved]]],
        object_text: str,
        ctx_doc: Doc,
    ) -> tuple[list[tuple[Resolved, list[Resolved]]], str]:
        """The classifier picks the words; the parse rules resolve them where they read the same words.

        The rules carry conventions the classifier does not learn from words alone (an organ and its
        state, domestic targets, unknown attackers placed where they struck), so a word both chose keeps
        the rules' reading, and a target the classifier leaves unresolved takes the rules' resolved one.
        """
        if not any(s.principal is not None or s.text for s, _ in learned):
            return ruled, object_text
        if all(s.principal is None for s, _ in learned) and any(s.principal is not None for s, _ in ruled):
            return ruled, object_text  # the classifier found only words the knowledge base cannot place
        # The members of a group ("They called on Turkey") share the word that names them all.
        by_token = {r.token: r for src, targets in ruled for r in (src, *targets) if r.via != "group"}
        ruled_pairs = {
            (src.token, src.principal): [t for t in targets if t.principal is not None] for src, targets in ruled
        }
        every = [t for _, targets in ruled for t in targets if t.principal is not None]
        out = []
        # A known actor the parse reads as the subject outweighs a classifier's other choice
        # ("Spain said it would not meet Morocco's demands": "it", not "Morocco").
        subjects = [s for s, _ in ruled if s.principal is not None and self._is_subject(s.token, ctx_doc)]
        if subjects and len(learned) == 1 and learned[0][0].token not in {s.token for s in subjects}:
            learned = [(subjects[0], learned[0][1])]
        acting = {s.principal for s, _ in ruled if s.principal is not None}
        if len(learned) == 1 and len(acting) > 1 and learned[0][0].principal in acting:
            return ruled, object_text  # a conjoined subject the classifier took one of ("X and his counterpart Y")
        for source, targets in learned:
            source = by_token.get(source.token, source)
            same_actor = [ruled_pairs[r.token, r.principal] for r, _ in ruled if r.principal == source.principal]
            rule_targets = (
                ruled_pairs.get((source.token, source.principal))
                or (same_actor[0] if same_actor else [])
                or [t for t in every if t.principal != source.principal]
            )
            mine = [by_token.get(t.token, t) for t in targets]
            if not mine or all(t.principal is None for t in mine):
                words = next((t.text for t in mine if t.text), "")
                # The rules place the target ("in Nairobi"); the classifier's words say who it is.
                mine = [replace(t, text=t.text or words) for t in rule_targets] or mine
            elif any(t.token in {r.token for r in rule_targets} for t in mine):
                mine = rule_targets  # the rules read the same addressee and its conjuncts ("X and Y")
            out.append((source, mine))
        return out, object_text

    @staticmethod
    def _is_subject(token: int, doc: Doc) -> bool:
        return 0 <= token < len(doc) and doc[token].dep_ in ("nsubj", "nsubjpass", "agent")

    def _learned_roles(self, trig: Trigger, ctx: SentenceContext) -> tuple[list[tuple[Resolved, list[Resolved]]], str]:
        """Source and targets chosen by the role classifier, resolved through the knowledge base."""
        assert self.role_model is not None

        matches = [(m.start - ctx.offset, m.end - ctx.offset, m.actor_id) for m, _, _ in ctx.match_tokens]
        kind = kind_reader(ctx.doc, matches, self.kb)

        def refs(tok: Token | None) -> list[Resolved]:
            if tok is None:
                return []
            out: list[Resolved] = []
            for t in (tok, *tok.conjuncts):
                for ref in ctx.resolve_all(t) or [ctx.as_words(t)]:
                    if all((r.principal, r.agent, r.text) != (ref.principal, ref.agent, ref.text) for r in out):
                        out.append(ref)
            return out

        src_tok, tgt_tok = assign_roles(trig.head, trig.word, trig.type, ctx.doc, kind, self.role_model)
        subj = subject_of(trig.head)
        if subj is not None and subj.lower_ in FIRST_PERSON:
            # "We condemn the launch by North Korea": the speaker acted, not a party the act names.
            src_tok = subj
        plan = trig.head.head
        if src_tok is None and trig.head.dep_ == "acl" and plan.lemma_.lower() in PLAN_NOUNS:
            # An act a plan holds ("announced their intention to hold a rally") has the subject of the
            # clause that announces the plan; the classifier reads the trigger's own words only.
            src_tok = subj
        sources = refs(src_tok) or [Resolved(None, None, "unresolved", trig.head.i, "")]
        targets = refs(tgt_tok)
        object_text = " ".join(t.text for child in trig.head.rights for t in child.subtree)
        pairs = []
        for source in sources:
            mine = [t for t in targets if t.principal != source.principal or t.principal is None]
            pairs.append((source, _or_each_other(trig, source, mine, sources)))
        return pairs, object_text

    def _events_for(
        self,
        document: CleanDocument,
        sent: Sentence,
        ctx: SentenceContext,
        times: list[TimeRef],
        trig: Trigger,
        source: Resolved,
        targets: list[Resolved],
        object_text: str,
    ) -> list[Event]:
        out: list[Event] = []
        time_ref, date_basis = self._event_date(trig, ctx, times)
        relays = [
            (tok, ref)
            for tok, ref in reporters_above(trig.head, ctx, self.onto)
            if not (
                source.principal is not None and ref.principal == source.principal and ref.agent in (None, source.agent)
            )
        ]
        speaker = relays[0][1] if relays else None
        if (
            speaker is not None
            and source.agent is None
            and source.principal
            and speaker.principal == source.principal
            and speaker.agent
        ):
            source = Resolved(source.principal, speaker.agent, "speaker", source.token)
        # outlet > relaying agencies (outermost first) > who acted > the state or body it acts for
        chain = build_chain(document.outlet, [r for _, r in reversed(relays)], source, self._agency(document))
        mode = trig.mode or self.onto.mode_for(trig.type, object_text + " " + trig.word.text)
        event_type, event_modality = trig.type, modality(trig, self.onto)
        is_negated = negated(trig, self.onto)
        stated = intent_type(trig, self.onto, event_modality, is_negated)
        if stated is not None:
            # The promised or threatened act is kept as the mode ("AGREE/aid", "THREATEN/coerce"); a
            # promise or threat keeps the rules' reading of modality, which decided its type.
            if stated == "REJECT":
                is_negated = False  # "will not meet their demands" is a refusal, not a negated event
            event_type, mode = stated, trig.type.lower()
        elif self.modality_model is not None:
            event_modality, is_negated = learned_modality(
                trig, self.onto, self.modality_model, event_modality, is_negated
            )
        target_list: list[Resolved | None] = list(targets) or [None]
        for target in target_list:
            if time_ref is not None and time_ref.basis == "unknown":
                basis = "unknown"
            elif time_ref is not None:
                basis = time_ref.basis if date_basis == "explicit" else "reporting"
            else:
                basis = "unknown"
            event = Event(
                event_id=stable_id(
                    document.doc_id,
                    sent.idx,
                    trig.word.idx,
                    event_type,
                    source.principal,
                    target and target.principal,
                    *[a for a in (source.agent, target and target.agent) if a],  # two people of one state
                ),
                doc_id=document.doc_id,
                sent_idx=sent.idx,
                type=event_type,
                source=source.principal,
                target=target.principal if target else None,
                source_agent=source.agent,
                source_text=source.text or None,
                target_text=(target.text or None) if target else None,
                target_agent=target.agent if target else None,
                mode=mode,
                cameo=self.cameo.code_for(event_type, trig.word.lemma_, object_text),
                negated=is_negated,
                modality=event_modality,
                date=time_ref.value if time_ref else None,
                date_end=time_ref.value_end if time_ref else None,
                date_text=time_ref.text if time_ref else None,
                date_basis=basis,
                trigger=ctx.doc[min(trig.head.i, trig.word.i) : max(trig.end.i, trig.word.i) + 1].text,
                start=sent.start,
                end=sent.end,
                trigger_start=sent.start + trig.word.idx,
                trigger_end=sent.start + trig.word.idx + len(trig.word.text),
                sentence=sent.text,
                quote=self._quote_for(trig, ctx, target),
                speaker=(speaker.agent or speaker.principal) if speaker else None,
                chain=chain if relays else (),
                issues=issues_in(object_text),
            )
            out.append(event)
        return out

    def _quote_for(self, trig: Trigger, ctx: SentenceContext, target: Resolved | None) -> str | None:
        """The quote inside the event's clause; with several, the first after its target."""
        subtree = {t.i for t in trig.head.subtree}
        inside = []
        for q in find_quotes(ctx.doc.text):
            span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None and span.root.i in subtree:
                inside.append((span.start, q.text))
        if not inside:
            return None
        if target is not None:
            after = [text for start, text in inside if start > target.token]
            if after:
                return after[0]
        return inside[0][1]

    def _refine_previous_agent(self, sent: Sentence, ctx: SentenceContext, events: list[Event]) -> Resolved | None:
        """ "The dismissal, delivered via a statement from the CPRC, ..." names who acted in the last event.

        Returns the actor the anaphoric subject stands for, so quotes in the sentence can be attributed.
        """
        root = next((t for t in ctx.doc if t.dep_ == "ROOT"), None)
        if root is None:
            return None
        subj = subject_of(root)
        if subj is None or not any(c.lower_ in ("the", "this", "that") for c in subj.children):
            return None
        lemma = subj.lemma_.lower()
        noun_type = self.onto.nouns.get(lemma)
        if noun_type is None and lemma not in _ANAPHORIC_HEADS:
            return None
        for i in range(len(events) - 1, -1, -1):
            ev = events[i]
            if sent.idx - ev.sent_idx > 2:
                break
            if ev.source is None or (noun_type is not None and ev.type != noun_type):
                continue  # an act whose actor the sentence left open names no one ("an offer for dialogue")
            for ref in ctx.mentions_in(list(subj.subtree)):
                if ref.principal == ev.source and ref.agent and ev.source_agent in (None, ref.principal):
                    events[i] = replace(ev, source_agent=ref.agent)
                    return ref
            return Resolved(ev.source, ev.source_agent, "anaphor", subj.i)
        return None

    # ---- proposals ----------------------------------------------------------
    def _proposals(
        self,
        document: CleanDocument,
        sent: Sentence,
        ctx: SentenceContext,
        events: list[Event],
        proposer: Resolved | None,
    ) -> list[Proposal]:
        out = self._demands(document, sent, ctx)
        # "everyday": the rules' everyday phrasing, which counts only with a holder the parse resolves.
        rules = [(s, "rule") for s in find_proposal_spans(sent.text)]
        rules += [(s, "everyday") for s in find_conditions(sent.text)]
        learned: list[ProposalSpan] = []
        if self.conditions_model is not None and self.conditions_mode != "rules":
            for found in find_cues(ctx.doc, self.conditions_model, self.conditions_floor):
                words = ctx.doc[found.start : found.end]
                learned.append(span_of_cue(sent.text, words.start_char, words.end_char, found.kind))
            if self.conditions_mode == "model":
                # The classifier judges every cue with a word of its list; the rules stay only for
                # constructions with none ("offered to", "a reward for", "a budget that does not").
                rules = [(s, source) for s, source in rules if not is_candidate(s.cue)]
        # Learned cues first: where one stands with a holder, the rules' reading of the same words goes.
        taken: list[ProposalSpan] = []
        for span, source in [*((s, "learned") for s in learned), *rules]:
            if source != "learned" and any(_same_cue(span, other) for other in taken):
                continue
            cue = ctx.doc.char_span(span.cue_start, span.cue_start + len(span.cue), alignment_mode="expand")
            outside = span.holder_outside_condition
            if source == "learned" and cue is not None:
                outside = cue.root.head.i > cue.root.i  # the cue opens the clause of the condition
            holder = holder_of(cue.root, ctx, outside) if cue is not None else None
            if cue is not None and span.kind == "precondition" and cue.root.lower_ == "before":
                # "they would need to deliver before the administration would agree": the one who acts
                # once the condition is met holds it, where the clause after "before" names them.
                holder = _before_holder(cue.root, ctx) or holder
            if source != "rule" and (holder is None or holder.principal is None):
                continue  # everyday phrasing counts only with a holder the parse resolves
            if source == "learned":
                taken.append(span)
            if holder is None and span.kind == "conditional_offer":
                holder = proposer
            if holder is None and span.first_issue is None and span.then_issue is None:
                continue
            addressee = None
            if holder is not None:
                for ev in events:
                    if ev.source == holder.principal and ev.target and ev.type in ("REQUEST", "AGREE", "REJECT"):
                        addressee = ev.target
                        break
            kind = span.kind
            out.append(
                Proposal(
                    proposal_id=stable_id(document.doc_id, sent.idx, span.cue_start, kind),
                    doc_id=document.doc_id,
                    sent_idx=sent.idx,
                    kind=kind,
                    holder=holder.principal if holder else None,
                    holder_agent=holder.agent if holder else None,
                    addressee=addressee,
                    first=span.first_issue,
                    then=span.then_issue,
                    first_text=span.first_text.strip(),
                    then_text=span.then_text.strip() if span.then_text else None,
                    cue=span.cue,
                    start=sent.start,
                    end=sent.end,
                    sentence=sent.text,
                )
            )
        return out

    @staticmethod
    def _demands(document: CleanDocument, sent: Sentence, ctx: SentenceContext) -> list[Proposal]:
        """Demands: who calls on whom for what ("called on Y to Z", "urged", "demanded", "pleading for");
        what is asked is the rest of the clause. Only with a holder the parse resolves."""
        out = []
        for cue in demand_cues(ctx.doc):
            holder = holder_of(cue, ctx)
            if holder is None or holder.principal is None:
                continue
            addressee = None
            for child in cue.children:
                objects = [child] if child.dep_ == "dobj" else [g for g in child.children if g.dep_ == "pobj"]
                if child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ == "on"):
                    for obj in objects:
                        ref = ctx.resolve(obj)
                        if ref is not None and ref.principal is not None:
                            addressee = ref.principal
            asked = clause_after(sent.text, cue.idx + len(cue.text)).strip(" ,.")
            out.append(
                Proposal(
                    proposal_id=stable_id(document.doc_id, sent.idx, cue.idx, "demand"),
                    doc_id=document.doc_id, sent_idx=sent.idx, kind="demand",
                    holder=holder.principal, holder_agent=holder.agent, addressee=addressee,
                    first=issue_of(asked), then=None, first_text=asked, then_text=None, cue=cue.text,
                    start=sent.start, end=sent.end, sentence=sent.text,
                )
            )  # fmt: skip
        return out

    # ---- quotes -------------------------------------------------------------
    def _agency(self, document: CleanDocument) -> str | None:
        """The wire agency the page credits, as a knowledge-base id where it is one (MEDIA-REUTERS)."""
        name = _agency_name(document.body, document.dateline, document.byline)
        if name is None:
            return None
        if self._agency_ids is None:
            self._agency_ids = {a.text: a.actor_id for a in self.kb.aliases if reports_news(a.actor_id, self.kb)}
        return self._agency_ids.get(name) or f"agency:{name}"


def _same_cue(a: ProposalSpan, b: ProposalSpan) -> bool:
    return a.cue_start < b.cue_start + len(b.cue) and b.cue_start < a.cue_start + len(a.cue)


# Meetings, talks and calls are coded for both parties (docs/annotation.md, "Several parties"); a
# visit, hosting or mediation goes one way (visitor -> host, mediator -> parties). (Taking a meeting
# in a place of the target's state for a visit split "Delegates from Chile and Peru met in Lima".)
_BOTH_WAYS = frozenset({"CONSULT"})
_MUTUAL_FIGHT = re.compile(r"(?i)clash(?:es|ed)?|skirmish(?:es)?|fighting|battles?|firefights?|gunfights?")
_ONE_WAY_MODES = frozenset({"visit", "host", "third-party"})
_ONE_WAY_WORDS = re.compile(
    r"\b(visit\w*|host\w*|mediat\w*|welcom\w*|receiv\w*|greet\w*|invit\w*|arriv\w*|trips?|tours?)\b", re.I
)


def _between(noun: Token, ctx: SentenceContext) -> list[Resolved]:
    """The parties a nominal event names with "between": "talks between India and Pakistan", "clashes
    between police and protesters" (words no actor matched stay as words, placed later)."""
    return [
        ctx.resolve(side) or ctx.as_words(side)
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "between"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for side in (pobj, *pobj.conjuncts)
    ]


def _mutual_fight(e: Event) -> bool:
    """ "Clashes between police and protesters": each side attacked the other (two events, even of
    one state: the annotators code police -> protesters and protesters -> police)."""
    if e.type != "ASSAULT" or not _MUTUAL_FIGHT.fullmatch(e.trigger):
        return False
    after = e.sentence[e.trigger_end - e.start :] if e.sentence else ""
    return bool(re.match(r"\W*(?:\w+\W+){0,4}?between\b", after, re.I)) and (
        e.source != e.target or (e.source_agent, e.source_text) != (e.target_agent, e.target_text)
    )


def _both_ways(events: list[Event]) -> list[Event]:
    """ "Trump spoke with Erdogan": the talk is Turkey's with the United States as well."""
    out = list(events)
    have = {(e.sent_idx, e.type, e.source, e.target, e.source_agent or e.source_text) for e in events}
    for e in events:
        mutual = _mutual_fight(e)
        if not mutual and (e.type not in _BOTH_WAYS or e.source == e.target):
            continue
        if not e.source or not e.target:
            continue
        if (
            e.mode in _ONE_WAY_MODES
            or _ONE_WAY_WORDS.search(e.trigger)
            or (e.sent_idx, e.type, e.target, e.source, e.target_agent or e.target_text) in have
        ):
            continue
        have.add((e.sent_idx, e.type, e.target, e.source, e.target_agent or e.target_text))
        swapped = replace(
            e,
            source=e.target, target=e.source, source_agent=e.target_agent, target_agent=e.source_agent,
            source_text=e.target_text, target_text=e.source_text,
            implicit=tuple({"source": "target", "target": "source"}[r] for r in e.implicit),
        )  # fmt: skip
        word = e.trigger_start - e.start
        # two sides of one state: their words tell them apart
        agents = [a for a in (e.target_agent or e.target_text, e.source_agent or e.source_text) if a and mutual]
        out.append(
            replace(swapped, event_id=stable_id(e.doc_id, e.sent_idx, word, e.type, e.target, e.source, *agents))
        )
    return out


def _same_actors(a: Event, b: Event) -> bool:
    """Whether two events of one (type, source, target) name the same actors: agents that agree or
    that one of them leaves unsaid (a state and its leader)."""
    return all(
        x is None or y is None or x == y
        for x, y in ((a.source_agent, b.source_agent), (a.target_agent, b.target_agent))
    )


def _or_each_other(trig: Trigger, source: Resolved, targets: list[Resolved], sources: list[Resolved]) -> list[Resolved]:
    """ "Armenia and Azerbaijan agreed": with no target, a mutual act's sources are each other's targets."""
    if not targets and is_symmetric(trig) and len(sources) > 1:
        return [s for s in sources if s.principal != source.principal]
    return targets


def _by_sentence(sentences: list[Sentence], matches: list[RawMatch]) -> dict[int, list[RawMatch]]:
    starts = [s.start for s in sentences]
    out: dict[int, list[RawMatch]] = {}
    for match in matches:
        out.setdefault(_sentence_at(starts, match.start), []).append(match)
    return out


def _referring(sentences: list[Sentence], per_sentence: dict[int, list[RawMatch]]) -> set[int]:
    """Sentences that name an actor (a generic agent such as "police" or "the protesters" too), or
    follow one that did: news carries its parties over to the next sentence ("The minister arrived
    on Monday. Talks began at noon."), and the context fills the roles left unnamed
    (coding/implicit.py). On train and dev this found more right events than it added wrong ones
    (event F1 train 0.226 -> 0.248, dev 0.266 -> 0.293; requiring a pronoun in the second sentence
    and a named, not generic, actor had been the rule)."""
    named = set(per_sentence)
    return {s.idx for s in sentences if s.idx in named or s.idx - 1 in named}


def provisional_story(matches: list[RawMatch], kb: ActorKB, day: dt.date | None) -> str | None:
    """The story's state from the first pass's names alone (before any parse)."""
    named = [m for m in matches if not m.actor_id.startswith(GENERIC)]
    return story_state([Mention(0, m.start, m.end, m.text, m.actor_id, m.how) for m in named], kb, day)


def _anaphoric(noun: Token) -> bool:
    """ "the attack", "the fighting": a definite event noun with nothing of its own, which refers
    back to an act the story has told."""
    kids = [c for c in noun.children if c.dep_ not in ("det", "punct")]
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children) and not kids


_ATTITUDES = frozenset({"ACCUSE", "REJECT", "PROTEST", "SUPPORT"})


def _objects(head: Token) -> list[Token]:
    """What a verb is about: its object ("condemned the attack") or its preposition's ("protested
    against the strikes")."""
    out = []
    for child in head.children:
        if child.dep_ == "dobj":
            out.append(child)
        elif child.dep_ == "prep":
            out.extend(p for p in child.children if p.dep_ == "pobj")
    return out


def _retold_object(trig: Trigger, retold: dict[int, list[Event]]) -> Event | None:
    """The act told again that a trigger is about."""
    return next((retold[tok.i][0] for tok in _objects(trig.head) if tok.i in retold), None)


def _before_holder(before: Token, ctx: SentenceContext) -> Resolved | None:
    """The resolved subject of the clause "before" opens, if it has one of its own."""
    if before.dep_ != "mark":
        return None
    subjects = [c for c in before.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
    ref = ctx.resolve(subjects[0]) if subjects else None
    return ref if ref is not None and ref.principal is not None else None


_NOT_COLLECTIVES = frozenset({"people", "members", "leaders", "officials", "authorities", "governments", "ministers"})


def _collective(ctx: SentenceContext, tok: Token) -> bool:
    """An unnamed group of people no actor matched: "the rebels", "police", "the hostages"; not
    "people" nor a government's officials, whose "they" is as often another government's."""
    if tok.i in ctx.token_match or tok.pos_ != "NOUN" or tok.lower_ in _NOT_COLLECTIVES:
        return False
    organ = DOMESTIC_AGENTS.get(tok.lower_)
    return organ not in (None, "government") or (tok.tag_ == "NNS" and ctx.is_group(tok))


def _alone_or_person(tok: Token) -> bool:
    """Whether a word may be a surname named again: outside any entity, in a PERSON, or an entity of
    its own whatever the parser's label ("voted for Pelosi" tags "Pelosi" FAC); not a word inside a
    longer name of something else ("Trump Tower")."""
    if tok.ent_type_ in ("PERSON", ""):
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.ent_iob_ == "B" and (nxt is None or nxt.ent_iob_ != "I")


def _overlaps(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(mention.start < end and start < mention.end for start, end in spans)


def _mention(sent_idx: int, start: int, text: str, ref: Resolved | Reference, how: str) -> Mention:
    """A mention of the actor ``ref`` stands for, by the words at ``start`` (document offset)."""
    return Mention(sent_idx, start, start + len(text), text, ref.agent or ref.principal or "", how)


@lru_cache(maxsize=64)
def _agency_name(body: str, dateline: str | None, byline: str | None) -> str | None:
    return wire_agency(body, dateline, byline)


def _sentence_at(starts: list[int], offset: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)


_DAY_IN_TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last night|"
    r"this (?:morning|afternoon|evening))\b",
    re.I,
)
_NEWS_DAY = re.compile(r"^(on )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)$", re.I)
# Prepositions whose date is a span's end or start, not the act's time ("denied visas until last week").
_SPAN_EDGES = frozenset({"until", "till", "since", "through", "throughout"})


def _attaches_to(
    date_root: Token, anchor: Token, trigger: Trigger, loose: bool = False, through_nonfinite: bool = False
) -> bool:
    """Does the date modify ``anchor`` directly (not through another noun)?

    ``loose``: a bare weekday ("on Tuesday") dates the main event in news style even when
    the parser hangs it on the nearest noun or verb ("accused X of blocking talks on Tuesday").
    ``through_nonfinite``: an adverbial date ("in 2016") may modify an infinitive or gerund under the
    anchor ("confessed to killing his sister by strangling her in 2016"); a date that modifies a
    noun ("breaking the 2014 truce") still does not. In every pass, an adverbial date on the
    participle of the act's occasion dates the act ("In a statement published Oct. 25, ... accused").
    """
    if loose:
        return any(a.i == anchor.i for a in date_root.ancestors) or date_root.i == anchor.i
    # A point in time, not a span's end or start ("denied visas until last week").
    adverbial = date_root.dep_ == "npadvmod" or (
        date_root.dep_ == "pobj" and date_root.head.head.pos_ == "VERB" and date_root.head.lower_ not in _SPAN_EDGES
    )
    current = date_root
    for _ in range(12):
        if current.i == anchor.i:
            return True
        head = current.head
        if head.i == current.i:
            return False
        # "the summit ... on June 12": the date belongs to the summit, not to the event.
        # ("In a Nov. 5 letter, the doctors pleaded": a date before the noun of the occasion is the act's.)
        on_other_noun = head.i != anchor.i and head.pos_ in ("NOUN", "PROPN") and head.i != trigger.word.i
        on_other_noun = on_other_noun and not _dates_the_occasion(current, head, anchor)
        if on_other_noun and current.dep_ in ("prep", "pobj", "npadvmod", "nmod", "appos") and not loose:
            return False
        crossable = adverbial and (_releases_the_occasion(head, anchor) or (through_nonfinite and _nonfinite(head)))
        if head.pos_ in ("VERB", "AUX") and head.i != anchor.i and not crossable:
            return False
        current = head
    return False


def _releases_the_occasion(verb: Token, anchor: Token) -> bool:
    """ "In a joint statement published Oct. 25, the ministries accused", "in a letter posted on
    Twitter Tuesday": the date of the statement or letter the act was made in."""
    noun = verb.head
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "acl"
        and noun.dep_ == "pobj"
        and noun.head.lower_ in _OCCASION_PREPS
        and noun.head.head.i == anchor.i
    )


def _nonfinite(verb: Token) -> bool:
    """An infinitive or gerund clause under another verb ("to distribute", "by strangling"), not a
    finite one ("that would fund")."""
    if verb.dep_ not in ("xcomp", "pcomp", "acl", "advcl"):
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBG":
        return not auxiliaries
    return verb.tag_ == "VB" and [c.tag_ for c in auxiliaries] == ["TO"]


# Prepositions that give the occasion or medium of an act: "*In* a Nov. 5 letter, the doctors pleaded".
_OCCASION_PREPS = frozenset({"in", "at", "during", "through", "via"})


def _dates_the_occasion(date: Token, noun: Token, anchor: Token) -> bool:
    """A date before the noun of the act's occasion dates the act: "In a Nov. 5 letter, the doctors
    pleaded", "At a July 4 rally, he said", "during Monday's session" (not "criticized the summit on
    June 12", a date after it)."""
    prep = noun.head
    return (
        date.dep_ in ("nmod", "compound", "poss")
        and date.i < noun.i
        and noun.dep_ == "pobj"
        and prep.lower_ in _OCCASION_PREPS
        and prep.head.i == anchor.i
    )


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


# An act done for a purpose takes the purpose's type: "shunned work to protest" is a protest, "opened
# fire to disperse demonstrators" is violent repression (COERCE, CAMEO 175). (act types, purpose type)
_BY_PURPOSE = ((("REJECT", "SANCTION"), "PROTEST"), (("ASSAULT",), "COERCE"))


def _protests_by_purpose(triggers: list[Trigger]) -> list[Trigger]:
    by_head = {t.head.i: t for t in triggers}
    out: list[Trigger] = []
    absorbed: set[int] = set()
    for trig in triggers:
        purposes = [
            by_head[c.i]
            for c in trig.head.children
            if c.i in by_head and c.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in c.children)
        ]
        recoded = trig
        for purpose in purposes:
            for acts, purpose_type in _BY_PURPOSE:
                if trig.type in acts and purpose.type == purpose_type:
                    recoded = replace(trig, type=purpose_type)
                    absorbed.add(purpose.head.i)
        out.append(recoded)
    return [t for t in out if t.head.i not in absorbed]
