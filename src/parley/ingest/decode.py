"""Bytes to text: UTF-8 first, then a detected legacy encoding, never silently garbled."""

from __future__ import annotations

from charset_normalizer import from_bytes

# Share of control characters (other than whitespace) above which we call a file binary.
_BINARY_CONTROL_SHARE = 0.02


class DecodeError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > _BINARY_CONTROL_SHARE


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises DecodeError for binary or undecodable data."""
    if looks_binary(data):
        raise DecodeError("looks like a binary file, not text or HTML")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError(
            f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and no other encoding fits"
        )
    return str(best), best.encoding
