"""CSV files that spreadsheet programs open safely and that read back row for row.

Formula injection: Excel and LibreOffice run a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula, so a description such as
``=HYPERLINK("http://...")`` from an untrusted source would act when a briefer opens
the download.  As OWASP recommends, such a text cell is written with a leading
apostrophe, which the spreadsheet shows as text; plain numbers such as ``-33.5``
are left alone.  Reading a CSV takes the apostrophe off again (``unguard``), so a
file the project wrote reads back to the values it holds.

Line breaks: every cell holding ``\\r`` or ``\\n`` is quoted (rows end in ``\\r\\n``),
so a bare carriage return cannot split a row in two.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_GUARDED = re.compile(r"'[=+\-@\t\r]")


def guard(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made text."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def unguard(value: str) -> str:
    """The cell as it was before ``guard``."""
    return value[1:] if _GUARDED.match(value) else value


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """``table`` as UTF-8 CSV with formula cells guarded and line breaks quoted."""
    guarded = table.copy()
    for column in guarded.columns:
        if guarded[column].dtype == object or pd.api.types.is_string_dtype(guarded[column]):
            guarded[column] = guarded[column].map(guard)
    guarded.columns = [guard(str(c)) for c in guarded.columns]
    return guarded.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def unguard_table(table: pd.DataFrame) -> pd.DataFrame:
    """Text cells read from a CSV, with ``guard``'s apostrophes removed."""
    return table.map(lambda v: unguard(v) if isinstance(v, str) else v)
