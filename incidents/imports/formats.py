"""Every kind of file the importer reads, in the order headers are tried: the coded
datasets first, the mapped spreadsheet last (what any other header becomes).  The
command's ``--format`` choices, the upload's format choice, detection, the status
an import starts with and the error texts all read this list."""

from __future__ import annotations

from incidents.imports import acled, gtd, plain, ucdp
from incidents.imports.errors import ImportFileError
from incidents.imports.source_format import SourceFormat

FORMATS: tuple[SourceFormat, ...] = (acled.FORMAT, ucdp.FORMAT, gtd.FORMAT, plain.FORMAT)
BY_NAME: dict[str, SourceFormat] = {f.name: f for f in FORMATS}
FALLBACK: SourceFormat = next(f for f in FORMATS if f.maps_columns)


def names() -> tuple[str, ...]:
    return tuple(BY_NAME)


def listed() -> str:
    """The names as a sentence lists them: "acled, ucdp, gtd or csv"."""
    *most, last = names()
    return f"{', '.join(most)} or {last}" if most else last


def format_named(name: str) -> SourceFormat:
    """The format called ``name``; an unknown name is refused with the known ones."""
    found = BY_NAME.get(name)
    if found is None:
        raise ImportFileError(f"unknown format {name!r}; use {listed()}")
    return found
