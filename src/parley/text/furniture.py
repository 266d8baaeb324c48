"""Tell article paragraphs from site furniture, one block (line) at a time.

A justext-style method: each block is classified from its own features
(length, stop-word share, sentence punctuation, truncation marks, separator
density, furniture cue words), then context decides: the article is the
stretch from the first to the last long prose block, extended forward while
blocks still read like prose, and cut at the first run of short non-prose
blocks ("You may also like", "Leave a Comment"). Nothing here lists the
strings of any particular site.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

from parley.kb.yamlfile import load_yaml

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_TRUNCATION = re.compile(r"(\.\.\.|…)")
_SEPARATORS = re.compile(r"\s[»›|>/•·]\s|\s[»›]|[»›]\s")
_TERMINAL = re.compile(r"[.!?:;”\"')]\s*$")


@dataclass(frozen=True)
class Block:
    index: int
    text: str
    words: int
    stop_share: float
    cue_share: float
    terminal: bool
    truncations: int
    separators: int
    kind: str


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    path = resources.files("parley.kb") / "data" / "furniture.yaml"
    return frozenset(w.lower() for w in load_yaml(path.read_text(encoding="utf-8"))["cue_words"])


def classify(index: int, text: str) -> Block:
    words = [w.lower() for w in _WORD.findall(text)]
    n = len(words)
    stop_share = sum(w in STOP_WORDS for w in words) / n if n else 0.0
    cues = cue_words()
    cue_share = sum(w in cues for w in words) / n if n else 0.0
    truncations = len(_TRUNCATION.findall(text))
    separators = len(_SEPARATORS.findall(text))
    terminal = bool(_TERMINAL.search(text))
    kind = _kind(n, stop_share, cue_share, terminal, truncations, separators, text)
    return Block(index, text, n, stop_share, cue_share, terminal, truncations, separators, kind)


def _kind(n: int, stop: float, cue: float, terminal: bool, truncations: int, separators: int, text: str) -> str:
    if n == 0:
        return BAD
    if (
        truncations >= 3
        or (truncations == 2 and n < 40)
        or (truncations == 1 and n < 25 and text.rstrip().endswith(("...", "…")))
    ):
        return BAD  # a rail of cut-off headlines
    if separators >= 2 and n < 40:
        return BAD  # breadcrumbs, menus
    if n >= 60 and stop < 0.15:
        return BAD  # tag clouds, link lists
    if n < 25 and cue >= 0.2:
        return BAD  # comment boxes, ad-block nags, share bars
    if n >= 20 and stop >= 0.25:
        return GOOD
    if n >= 8 and stop >= 0.2 and (terminal or n >= 12):
        return NEAR
    return SHORT


def _is_prose(block: Block) -> bool:
    return block.kind in (GOOD, NEAR)


@dataclass(frozen=True)
class Segmentation:
    header: list[Block]
    body: list[Block]
    trailer: list[Block]
    removed: list[Block]


def segment(lines: list[str]) -> Segmentation:
    """Split non-empty lines into header, body and trailer; list what was dropped."""
    blocks = [classify(i, line) for i, line in enumerate(lines)]
    counts = Counter(b.text for b in blocks)
    # A short line repeated on the page is navigation, unless it is the headline.
    blocks = [b if not (counts[b.text] > 1 and b.kind == SHORT and b.index > 3) else _with_kind(b, BAD) for b in blocks]
    good = [b.index for b in blocks if b.kind == GOOD]
    if not good:
        near = [b.index for b in blocks if b.kind == NEAR]
        if not near:
            # Nothing reads like prose: keep every non-furniture block rather than lose a short text.
            body = [b for b in blocks if b.kind != BAD]
            return Segmentation([], body, [], [b for b in blocks if b.kind == BAD])
        good = near
    first, last = good[0], good[-1]
    end = last
    j = last + 1
    while j < len(blocks):
        block = blocks[j]
        if block.kind == BAD:
            break
        if block.kind == SHORT:
            following = blocks[j + 1] if j + 1 < len(blocks) else None
            if following is None or not _is_prose(following):
                break
        end = j
        j += 1
    header = blocks[:first]
    body = [b for b in blocks[first : end + 1] if b.kind != BAD]
    trailer = blocks[end + 1 :]
    removed = [b for b in blocks[first : end + 1] if b.kind == BAD]
    return Segmentation(header, body, trailer, removed)


def prune_extracted(lines: list[str]) -> tuple[list[str], list[str]]:
    """Light cleaning for text a main-content extractor already isolated (HTML pages).

    The extractor has done the layout work; what it leaves are comment sections,
    newsletter boxes and headline rails. Only high-precision, language-neutral
    signals are used here: truncation rails, breadcrumb separators, short lines
    dense in furniture words, and a comment/related heading in the last part of
    the page, after which everything is dropped. Table rows are kept.
    Returns (kept, removed).
    """
    blocks = [classify(i, line) for i, line in enumerate(lines)]
    total = sum(b.words for b in blocks) or 1
    kept: list[str] = []
    removed: list[str] = []
    seen = 0
    for n, block in enumerate(blocks):
        seen += block.words
        text = block.text
        if text.lstrip().startswith("|"):
            kept.append(text)
            continue
        is_rail = block.truncations >= 3 or (block.truncations == 2 and block.words < 40)
        is_crumbs = block.separators >= 2 and block.words < 12
        is_cue_line = block.words <= 15 and block.cue_share >= 0.34 and (block.stop_share >= 0.15 or block.words < 6)
        if is_cue_line and block.words <= 4 and seen / total > 0.6 and block.cue_share >= 0.5:
            removed.extend(b.text for b in blocks[n:])  # "Comments", "Leave a Reply": the rest is not the article
            break
        if is_rail or is_crumbs or is_cue_line:
            removed.append(text)
        else:
            kept.append(text)
    return kept, removed


def _with_kind(block: Block, kind: str) -> Block:
    return Block(
        block.index,
        block.text,
        block.words,
        block.stop_share,
        block.cue_share,
        block.terminal,
        block.truncations,
        block.separators,
        kind,
    )
