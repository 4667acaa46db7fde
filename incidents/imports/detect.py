"""Which source a file comes from, told by its header."""

from __future__ import annotations

from dataclasses import dataclass

from incidents.imports import acled, gtd, plain, ucdp

FORMATS = {module.NAME: module for module in (acled, ucdp, gtd)}
FORMAT_NAMES = {
    "acled": "ACLED export",
    "ucdp": "UCDP GED",
    "gtd": "Global Terrorism Database",
    "csv": "plain spreadsheet (column mapping)",
}


@dataclass(frozen=True)
class Detection:
    format: str  # "acled", "ucdp", "gtd" or "csv"
    reason: str  # for the user: which columns gave it away


def detect_format(columns: list[str]) -> Detection:
    """The source whose signature columns the header has all of; else a plain table."""
    present = {c.strip().lower() for c in columns}
    for name, module in FORMATS.items():
        if module.SIGNATURE <= present:
            found = ", ".join(sorted(module.SIGNATURE))
            return Detection(name, f"{FORMAT_NAMES[name]}: the header has {found}")
    return Detection(plain.NAME, "no source's signature columns; mapping columns by name")
