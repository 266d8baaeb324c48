"""Who "I" and "we" are inside a quotation: its speaker.

'"We urge the governments of the region to work together," Rathke said' is a request by the
United States; '"I thank John for his service," he continued' a tribute by whoever "he" is. The
parse reaches the speaker only when the reporting verb governs the quoted clause in the same
sentence; a quotation that runs over several sentences, or whose speaker is named before it or
by a pronoun, reaches it only through the document's quotation attribution
(``coding/attribution.py``), which runs after the events of each sentence. So an act whose
subject is a first-person pronoun inside a quotation keeps the pronoun as its words, and once the
quotations have their speakers the act takes the speaker of the quotation holding its trigger.
A quotation with no placed speaker leaves the act to the context (``coding/implicit.py``); a first
person outside every quotation is the writer's, and the act has no actor.

The source is the speaker's state or body, not the person: "we" is seldom the speaker alone, and a
person of a government as the acting agent made the context give diplomatic acts with no target
named the speaker's own state as target (on Wikinews train, 6 of the 10 false events it added).
Wikinews event recall train 0.447 -> 0.454, dev 0.362 -> 0.365, at a lower precision (0.478 ->
0.474, 0.447 -> 0.440): F1 flat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from parley.kb.actors import ActorKB
from parley.models import Event, Quote

FIRST_PERSON = frozenset({"i", "we"})


def speakers_act(events: Sequence[Event], quotes: Sequence[Quote], kb: ActorKB, day: dt.date | None) -> list[Event]:
    """Events whose source is a quoted "I" or "we", given the speaker of their quotation."""
    spoken = sorted((q.start, q.end, q.speaker) for q in quotes if q.speaker)
    quoted = [(q.start, q.end) for q in quotes]
    out: list[Event] = []
    for ev in events:
        if ev.source is None and (ev.source_text or "").lower() in FIRST_PERSON:
            if not any(start <= ev.trigger_start < end for start, end in quoted):
                continue  # the writer's "we": no actor
            speaker = next((who for start, end, who in spoken if start <= ev.trigger_start < end), None)
            principal = kb.mention_principal(speaker, day) if speaker else None
            if principal is not None:
                ev = replace(ev, source=principal, source_text=None)
        out.append(ev)
    return out
