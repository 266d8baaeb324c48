"""Whitespace and punctuation repairs that scraped text needs before parsing."""

from __future__ import annotations

import re
import unicodedata

# Zero-width characters and NUL (PostgreSQL refuses it; both stores get the same text).
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00]")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
# "dialog.Lee" / "region.the": a sentence glued to the next one. Three
# lower-case letters before the period keep abbreviations ("U.S.") intact, and domain endings
# ("Polygraph.info", "UOL.com.br": two lower-case letters are a country's) keep names whole.
_GLUED_PERIOD = re.compile(
    r"(?<=[a-z]{3})([.!?])(?=[A-Za-z][a-z])(?![a-z]{2}\b)(?!(?:com|org|net|gov|edu|int|info|news|biz)\b)"
)
# "China,North Korea": a comma glued to the next word (not "1,000").
_GLUED_COMMA = re.compile(r"(?<=[A-Za-z\)])([,;])(?=[A-Za-z])")


def normalize_line(line: str) -> str:
    line = _ZERO_WIDTH.sub("", line)
    line = _SPACES.sub(" ", line).strip()
    line = _GLUED_PERIOD.sub(r"\1 ", line)
    line = _GLUED_COMMA.sub(r"\1 ", line)
    return line


def normalize_text(text: str) -> str:
    """NFC, unified newlines, one space between words, glued sentences split."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(normalize_line(line) for line in text.split("\n"))
