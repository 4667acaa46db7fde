"""Which source a file comes from, told by its header (``formats.FORMATS`` in order)."""

from __future__ import annotations

from dataclasses import dataclass

from incidents.imports.formats import FALLBACK, FORMATS


@dataclass(frozen=True)
class Detection:
    format: str  # a name in ``formats.BY_NAME``
    reason: str  # for the user: which columns gave it away


def detect_format(columns: list[str]) -> Detection:
    """The source whose signature columns the header has all of; else the mapped table."""
    present = {str(c).strip().lower() for c in columns}
    for found in FORMATS:
        if found.detects(present):
            listed = ", ".join(sorted(found.signature))
            return Detection(found.name, f"{found.label}: the header has {listed}")
    return Detection(FALLBACK.name, "no source's signature columns; mapping columns by name")
