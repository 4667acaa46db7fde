"""Which Unicode encoding a text file is in, from its first bytes.

Windows tools save "Unicode text" as UTF-16 with a byte-order mark; read as UTF-8
it is half NUL bytes, which the imports refused as binary and the intake read as no
incident at all.  A byte-order mark says the encoding for certain; without one, a
file whose first kilobytes have a NUL in every other byte and none elsewhere is
UTF-16 too (a text in a Latin script, saved without its mark).
"""

from __future__ import annotations

import codecs

MARKS = (  # longest first: UTF-32 LE begins with UTF-16 LE's mark
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 4096


def wide_encoding(data: bytes) -> str | None:
    """ "utf-16", "utf-16-le"/"-be" or "utf-32" when ``data`` is in one of them,
    else None (UTF-8, a one-byte code page, or binary: the caller decides)."""
    for mark, name in MARKS:
        if data.startswith(mark):
            return name if name != "utf-8-sig" else None
    sample = data[: _SAMPLE - _SAMPLE % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) == len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) == len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode_wide(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for a UTF-16 or UTF-32 file, or None when it is neither."""
    name = wide_encoding(data)
    if name is None:
        return None
    return data.decode(name, errors="replace").lstrip("\ufeff"), name


def decode_text(data: bytes) -> str:
    """Any text file's text: UTF-16/32 by its mark or shape, else UTF-8 (a bad byte
    becomes U+FFFD rather than an error)."""
    wide = decode_wide(data)
    return wide[0] if wide else data.decode("utf-8-sig", errors="replace")
