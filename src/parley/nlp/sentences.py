"""Split a body into sentences with exact character offsets."""

from __future__ import annotations

import re

from parley.models import Sentence
from parley.nlp.pipeline import fast_pipeline

_PARAGRAPH = re.compile(r"\n\s*\n")
# A list label ("United States: The State Department ...") is a heading of its own,
# so the parser does not take it for the subject of the sentence after it.
_LABEL = re.compile(r"^[*•\-–\d.)\s]*([^:.!?\n]{2,60}?):\s+(?=[A-Z“\"])")
# ... but "The ministry's statement read: "..."" and "Smith said: "..."" are attributions, not labels.
_SAYS = re.compile(
    r"\b(?:said|says|told|tells|read|reads|wrote|writes|added|adds|stated|states|declared|declares|explained|"
    r"explains|announced|announces|tweeted|tweets|noted|notes|warned|warns|replied|replies|insisted|insists|"
    r"argued|argues|commented|comments|continued|continues|concluded|concludes|posted|posts|asked|asks|saying|"
    r"stating|adding|writing|reading)$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?](?:[\"”’')\]]|'')*\s*$")
_MAX_SENTENCE_CHARS = 2000


def is_heading(text: str) -> bool:
    """Headlines, section titles and list labels: no sentence-final punctuation.

    A long line ending in a colon introduces a list and is a sentence.
    """
    if _TERMINAL.search(text):
        return False
    return not (text.rstrip().endswith(":") and len(text.split()) > 6)


def _split_label(start: int, text: str) -> list[tuple[int, str]]:
    m = _LABEL.match(text)
    if m is None or len(m.group(1).split()) > 6 or len(text[m.end() :].split()) < 4:
        return [(start, text)]
    if _SAYS.search(m.group(1).rstrip()):
        return [(start, text)]
    label_start = start + m.start(1)
    return [(label_start, m.group(1)), (start + m.end(), text[m.end() :])]


def split_sentences(body: str) -> list[Sentence]:
    """Sentences never cross paragraph breaks; offsets index into ``body``."""
    nlp = fast_pipeline()
    out: list[Sentence] = []
    pos = 0
    paragraphs: list[tuple[int, str]] = []
    for match in _PARAGRAPH.finditer(body):
        paragraphs.append((pos, body[pos : match.start()]))
        pos = match.end()
    paragraphs.append((pos, body[pos:]))
    texts = [p for _, p in paragraphs]
    for (offset, _), doc in zip(paragraphs, nlp.pipe(texts, batch_size=64), strict=True):
        for sent in doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            # Overlong "sentences" (lists without punctuation) are cut so the parser stays fast.
            while len(text) > _MAX_SENTENCE_CHARS:
                cut = text.rfind(" ", 0, _MAX_SENTENCE_CHARS)
                cut = cut if cut > 0 else _MAX_SENTENCE_CHARS
                out.append(Sentence(len(out), start, start + cut, text[:cut]))
                start += cut + 1
                text = text[cut + 1 :]
            for piece_start, piece in _split_label(start, text):
                out.append(Sentence(len(out), piece_start, piece_start + len(piece), piece))
    return _reattach_opening_quotes(out, body)


_GLUED_OPENING = re.compile(r"\s+([\"“])$")


def _reattach_opening_quotes(sentences: list[Sentence], body: str) -> list[Sentence]:
    """'... Omar said. "The allegations ...': the tokenizer leaves the opening mark on the sentence
    before; it belongs to the next one, or the quotation cannot be found whole."""
    out = list(sentences)
    for i in range(len(out) - 1):
        m = _GLUED_OPENING.search(out[i].text)
        nxt = out[i + 1]
        if m is None or body[out[i].start + m.start(1) : nxt.start].strip() not in ('"', "“"):
            continue
        cut = out[i].start + m.start()
        mark = out[i].start + m.start(1)
        out[i] = Sentence(out[i].idx, out[i].start, cut, body[out[i].start : cut])
        out[i + 1] = Sentence(nxt.idx, mark, nxt.end, body[mark : nxt.end])
    return out
