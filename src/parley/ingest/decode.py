"""Bytes to text: never silently garbled.

Order of evidence: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; valid UTF-8 is UTF-8; UTF-8
with a few bad bytes stays UTF-8 with those bytes replaced (and the caller is told how many); a
legacy encoding (Windows-1252, Latin-1, ...) only when the bytes are not UTF-8 at all, and the
caller is told which encoding was assumed. Binary data is refused.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

# Share of control characters (other than whitespace) above which we call a file binary.
_BINARY_CONTROL_SHARE = 0.02
# Bad bytes a UTF-8 text may have and stay UTF-8: a few stray bytes, not a legacy encoding.
_STRAY_BYTES = 8
_STRAY_SHARE = 0.001
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    """Many control bytes (NUL included) in the first 8 kB; a stray NUL in a text is not binary."""
    sample = data[:8192]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > _BINARY_CONTROL_SHARE


def decode_bytes(data: bytes) -> tuple[str, str, str | None]:
    """Return (text, encoding, note); the note says what the reader should know (bytes replaced,
    a legacy encoding assumed), else None. Raises DecodeError for binary or undecodable data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", ""), None
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}"
                ) from exc
    if looks_binary(data):
        raise DecodeError("looks like a binary file, not text or HTML")
    if b"\x00" in data:
        # NUL bytes are removed before storing (PostgreSQL refuses them; both stores get the same text).
        text, encoding, note = decode_bytes(data.replace(b"\x00", b""))
        nuls = f"{data.count(0)} NUL byte(s) removed"
        return text, encoding, f"{note}; {nuls}" if note else nuls
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    replaced = data.decode("utf-8", errors="replace")
    valid = data.decode("utf-8", errors="ignore")
    bad = len(replaced) - len(valid)  # one U+FFFD for each invalid sequence
    if bad <= max(_STRAY_BYTES, _STRAY_SHARE * len(data)) and _mostly_multibyte_utf8(valid, bad):
        note = f"{bad} byte(s) not valid UTF-8 (first at byte {utf8_error.start}) replaced by U+FFFD"
        return replaced, "utf-8", note
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError(
            f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and no other encoding fits"
        )
    encoding = best.encoding
    if encoding.startswith(("cp125", "iso8859", "latin")) and _reads_the_same(data, encoding, "cp1252"):
        # Where the detected code page and Windows-1252 give the same text, say the common one (the
        # curly quotes at 0x91-0x97 are Windows-1252's, not Latin-1's control characters).
        encoding = "cp1252"
    return data.decode(encoding, errors="replace"), encoding, f"not UTF-8: decoded as {encoding}"


def _reads_the_same(data: bytes, one: str, other: str) -> bool:
    try:
        return data.decode(one) == data.decode(other)
    except UnicodeDecodeError:
        return False


def _mostly_multibyte_utf8(valid: str, bad: int) -> bool:
    """Valid multi-byte UTF-8 sequences in the text (``valid``: its valid part) outnumber the ``bad``
    ones (or the text is ASCII apart from them): UTF-8 with a few stray bytes, not a legacy encoding."""
    multibyte = sum(1 for ch in valid if ord(ch) > 127)
    return multibyte >= bad or bad <= 2
