"""File bytes -> a table of text cells, whatever the encoding or spreadsheet type.

Exports arrive as UTF-8 (with or without a byte-order mark), as Windows cp1252 from
Excel, or as workbooks.  Every cell is read as text so nothing is reinterpreted
before the source's own rules are applied.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field

import pandas as pd

from incidents.imports.errors import ImportFileError

DEFAULT_MAX_MB = 200
ENCODINGS = ("utf-8-sig", "cp1252")
EXCEL_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # xlsx (zip), xls (OLE)


@dataclass(frozen=True)
class RawTable:
    """Text cells as read, and how they were read."""

    frame: pd.DataFrame
    encoding: str = ""  # "" for workbooks
    sheet: str = ""
    malformed: list[tuple[int, str, str]] = field(default_factory=list)  # row, text, why


def max_bytes() -> int:
    """The size limit: ``INCIDENT_MAP_MAX_IMPORT_MB`` megabytes (default 200)."""
    try:
        megabytes = float(os.environ.get("INCIDENT_MAP_MAX_IMPORT_MB", DEFAULT_MAX_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


def read_table(data: bytes, name: str, sheet: str | None = None,
               limit: int | None = None) -> RawTable:
    """Read ``data`` (the content of file ``name``) as a table of text cells."""
    limit = max_bytes() if limit is None else limit
    if len(data) > limit:
        raise ImportFileError(f"{name} is {len(data) / 1e6:.1f} MB, over the "
                              f"{limit / 1024 / 1024:.0f} MB limit (INCIDENT_MAP_MAX_IMPORT_MB)")
    if not data.strip():
        raise ImportFileError(f"{name} is empty")
    if data.startswith(EXCEL_MAGIC) or name.lower().endswith((".xlsx", ".xlsm", ".xls")):
        return _read_workbook(data, name, sheet)
    return _read_text(data, name)


def _read_workbook(data: bytes, name: str, sheet: str | None) -> RawTable:
    try:
        book = pd.ExcelFile(io.BytesIO(data))
    except Exception as exc:  # the readers raise many types for a damaged file
        raise ImportFileError(f"{name} is not a readable Excel workbook ({exc})") from exc
    sheets = [str(s) for s in book.sheet_names]
    if sheet is None:
        if len(sheets) != 1:
            raise ImportFileError(f"{name} has {len(sheets)} sheets ({', '.join(sheets)}); "
                                  "choose one", sheets=sheets)
        sheet = sheets[0]
    if sheet not in sheets:
        raise ImportFileError(f"{name} has no sheet {sheet!r}; it has {', '.join(sheets)}",
                              sheets=sheets)
    frame = pd.read_excel(book, sheet_name=sheet, dtype=str, keep_default_na=False,
                          na_filter=False)
    frame = frame.map(lambda v: "" if v is None else str(v))
    frame.index = range(2, 2 + len(frame))
    return RawTable(_check_header(frame, name), sheet=sheet)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if b"\x00" in data[:8192]:
        raise ImportFileError(f"{name} is not a text table (it contains binary data)")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError(f"{name} is neither UTF-8 nor Windows-1252 text")


def _read_text(data: bytes, name: str) -> RawTable:
    """CSV (or ;/tab/| separated) text.  A record with the wrong number of fields is
    kept aside in ``malformed`` with its row number, not allowed to sink the file."""
    text, encoding = _decode(data, name)
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(f"{name} is not a table: {exc}") from exc
    records = [r for r in records if any(cell.strip() for cell in r)]
    if not records:
        raise ImportFileError(f"{name} is empty")
    header, body = records[0], records[1:]
    width = len(header)
    good, malformed, rows = [], [], []
    for number, record in enumerate(body, start=2):
        if len(record) > width and not any(c.strip() for c in record[width:]):
            record = record[:width]  # trailing empty cells
        if len(record) < width:
            record = record + [""] * (width - len(record))  # trailing cells left off
        if len(record) == width:
            good.append(record)
            rows.append(number)
        else:
            malformed.append((number, delimiter.join(record),
                              f"has {len(record)} fields, the header has {width}"))
    frame = pd.DataFrame(good, columns=header, dtype=str)
    frame.index = rows
    return RawTable(_check_header(frame, name), encoding=encoding, malformed=malformed)


def _check_header(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    frame.columns = [str(c).strip() for c in frame.columns]
    if len(frame.columns) < 2:
        raise ImportFileError(f"{name} is not a table: its header has one column "
                              f"({frame.columns[0]!r})" if len(frame.columns) else f"{name} has no header")
    return frame
