"""File bytes -> a table of text cells, whatever the encoding or spreadsheet type.

Exports arrive as UTF-8 (with or without a byte-order mark), as Windows cp1252 from
Excel, or as workbooks.  Every cell is read as text so nothing is reinterpreted
before the source's own rules are applied.

Uploads are untrusted, so reading has limits (``ReadLimits``) and never repairs a
file silently: a record it cannot read as a row is set aside with its row number
(``malformed``), and anything it had to change or guess is a warning that names the
rows (``warnings``).  Every failure is an ``ImportFileError`` naming the file.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from dataclasses import dataclass, field

import pandas as pd

from ground.csv_cells import unguard
from ground.encodings import decode_wide
from incidents.imports.errors import ImportFileError

DEFAULT_MAX_MB = 200
EXCEL_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # xlsx (zip), xls (OLE)
LISTED = 10  # rows or columns named in one message before "and N more"

csv.field_size_limit(2**31 - 1)  # cells are measured against ReadLimits instead


@dataclass(frozen=True)
class ReadLimits:
    """What one file may hold.  The unzipped limit stops a small crafted workbook
    (2.7 MB that unzips to 699 MB) from taking minutes and gigabytes; a cell longer
    than a spreadsheet cell can be is not an incident's text."""

    max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024
    max_unzipped_bytes: int = 100 * 1024 * 1024
    max_columns: int = 500
    max_cell_chars: int = 32_767  # Excel's own limit

    @classmethod
    def from_env(cls) -> ReadLimits:
        """``INCIDENT_MAP_MAX_IMPORT_MB`` and ``INCIDENT_MAP_MAX_UNZIPPED_MB``."""
        return cls(
            max_bytes=_megabytes("INCIDENT_MAP_MAX_IMPORT_MB", DEFAULT_MAX_MB),
            max_unzipped_bytes=_megabytes("INCIDENT_MAP_MAX_UNZIPPED_MB", 100),
        )


def _megabytes(variable: str, default: float) -> int:
    try:
        megabytes = float(os.environ.get(variable, default))
    except ValueError:
        megabytes = default
    return int(megabytes * 1024 * 1024)


@dataclass(frozen=True)
class RawTable:
    """Text cells as read, and how they were read."""

    frame: pd.DataFrame
    encoding: str = ""  # "" for workbooks
    sheet: str = ""
    malformed: list[tuple[int, str, str]] = field(default_factory=list)  # row, text, why
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a clean file also says: no warning


def listed(items: list, limit: int = LISTED) -> str:
    """ "2, 5, 9" or "2, 5, 9, ... and 40 more": a message stays one readable line."""
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def read_table(
    data: bytes, name: str, sheet: str | None = None, limits: ReadLimits | None = None
) -> RawTable:
    """Read ``data`` (the content of file ``name``) as a table of text cells, within
    ``limits`` (default: ``ReadLimits.from_env()``)."""
    limits = limits or ReadLimits.from_env()
    if len(data) > limits.max_bytes:
        raise ImportFileError(
            f"{name} is {len(data) / 1e6:.1f} MB, over the "
            f"{limits.max_bytes / 1024 / 1024:.0f} MB limit "
            "(INCIDENT_MAP_MAX_IMPORT_MB)"
        )
    if not data.strip():
        raise ImportFileError(f"{name} is empty")
    if data.startswith(EXCEL_MAGIC) or name.lower().endswith((".xlsx", ".xlsm", ".xls")):
        return _read_workbook(data, name, sheet, limits)
    return _read_text(data, name, limits)


def _check_unzipped(data: bytes, name: str, limits: ReadLimits) -> None:
    """Refuse a workbook whose parts unzip to more than the limit, before reading it."""
    if not data.startswith(b"PK"):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(
            f"{name} is not a readable Excel workbook (damaged or incomplete: {exc})"
        ) from exc
    if unzipped > limits.max_unzipped_bytes:
        raise ImportFileError(
            f"{name} unzips to {unzipped / 1024 / 1024:.0f} MB, over the "
            f"{limits.max_unzipped_bytes / 1024 / 1024:.0f} MB limit for workbooks "
            "(INCIDENT_MAP_MAX_UNZIPPED_MB); save the sheet as CSV instead"
        )


def _read_workbook(data: bytes, name: str, sheet: str | None, limits: ReadLimits) -> RawTable:
    _check_unzipped(data, name, limits)
    try:
        book = pd.ExcelFile(io.BytesIO(data))
    except Exception as exc:  # the readers raise many types for a damaged file
        raise ImportFileError(f"{name} is not a readable Excel workbook ({exc})") from exc
    sheets = [str(s) for s in book.sheet_names]
    if sheet is None:
        if len(sheets) != 1:
            raise ImportFileError(
                f"{name} has {len(sheets)} sheets ({listed(sheets)}); choose one", sheets=sheets
            )
        sheet = sheets[0]
    if sheet not in sheets:
        raise ImportFileError(
            f"{name} has no sheet {sheet!r}; it has {listed(sheets)}", sheets=sheets
        )
    try:
        frame = pd.read_excel(
            book, sheet_name=sheet, dtype=str, keep_default_na=False, na_filter=False
        )
    except Exception as exc:  # a truncated or damaged sheet: zlib, XML and zip errors
        raise ImportFileError(
            f"{name}: sheet {sheet!r} cannot be read (damaged or incomplete: {type(exc).__name__})"
        ) from exc
    frame = frame.map(lambda v: "" if v is None else str(v))
    frame.index = range(2, 2 + len(frame))
    _check_width(len(frame.columns), name, limits)
    frame, malformed = _long_cells(frame, limits)
    frame, notes = _without_hxl(frame, name)
    return RawTable(_check_header(frame, name), sheet=sheet, malformed=malformed, notes=notes)


def _long_cells(
    frame: pd.DataFrame, limits: ReadLimits
) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """Rows with a cell over the length limit, set aside as malformed."""
    lengths = frame.apply(lambda column: column.str.len()).fillna(0)
    over = lengths.gt(limits.max_cell_chars)
    bad = over.any(axis=1)
    malformed = [
        (
            int(row),
            "",
            f"its cell in column {str(over.columns[over.loc[row]][0])!r} "
            f"is over {limits.max_cell_chars} characters",
        )
        for row in frame.index[bad]
    ]
    return frame[~bad], malformed


def _decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """The text, its encoding, and warnings naming the lines read another way.

    A file that is UTF-8 except for a few lines (an edit in another program) is read
    as UTF-8 with those lines as Windows-1252, and the lines are named: reading the
    whole file as cp1252 garbled every other row.  UTF-16 and UTF-32 (Windows'
    "Unicode text") are read as such (``ground.encodings``)."""
    wide = decode_wide(data)
    if wide is not None:
        return wide[0], wide[1], []
    if b"\x00" in data[:8192]:
        raise ImportFileError(f"{name} is not a text table (it contains binary data)")
    try:
        return data.decode("utf-8-sig"), "utf-8-sig", []
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    bad, utf8_text = [], False
    for number, line in enumerate(lines, start=1):
        try:
            utf8_text |= not line.isascii() and bool(line.decode("utf-8"))
        except UnicodeDecodeError:
            bad.append(number)
    if not utf8_text:
        return data.decode("cp1252", errors="replace"), "cp1252", _undefined_cp1252(data, name)
    text = "\n".join(
        line.decode("utf-8") if number not in set(bad) else line.decode("cp1252", errors="replace")
        for number, line in enumerate(lines, start=1)
    )
    return (
        text.lstrip("\ufeff"),
        "utf-8",
        [
            f"{name}: {_lines(bad)} not valid UTF-8 like the rest of the file; "
            "read as Windows-1252, check the accents there"
        ],
    )


def _lines(numbers: list[int]) -> str:
    return f"line {numbers[0]} is" if len(numbers) == 1 else f"lines {listed(numbers)} are"


def _undefined_cp1252(data: bytes, name: str) -> list[str]:
    try:
        data.decode("cp1252")
        return []
    except UnicodeDecodeError:
        return [f"{name}: some bytes are neither UTF-8 nor Windows-1252; they are shown as �"]


def _without_nul(text: str, name: str) -> tuple[str, list[str]]:
    """NUL characters removed, and the lines that held them named."""
    if "\x00" not in text:
        return text, []
    lines = [n for n, line in enumerate(text.split("\n"), start=1) if "\x00" in line]
    return text.replace("\x00", ""), [
        f"{name}: NUL characters (binary data) were removed from "
        f"{'line' if len(lines) == 1 else 'lines'} {listed(lines)}"
    ]


def _check_width(width: int, name: str, limits: ReadLimits) -> None:
    if width > limits.max_columns:
        raise ImportFileError(
            f"{name} has {width} columns, over the limit of "
            f"{limits.max_columns}; is it an incident table?"
        )


@dataclass
class _Record:
    cells: list[str]
    first_line: int
    last_line: int
    unclosed: bool = False  # a quote opened here is never closed


def _records(text: str, delimiter: str, first_line: int = 1) -> tuple[list[_Record], bool]:
    """Parsed records with their file lines, and whether the last one ran to the end
    of the file inside an open quote."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, line = [], first_line - 1
    for cells in reader:
        start, line = line + 1, first_line - 1 + reader.line_num
        records.append(_Record(cells, start, line))
    unclosed = False
    if records and records[-1].last_line > records[-1].first_line:
        try:
            for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
                pass
        except csv.Error as exc:
            unclosed = "unexpected end of data" in str(exc)
    return records, unclosed


def _all_records(text: str, delimiter: str) -> list[_Record]:
    """Every record; a quote never closed swallows the rest of the file as one cell,
    so its line is marked ``unclosed`` and the lines after it are read on their own."""
    records: list = []
    first_line = 1
    while True:
        found, unclosed = _records(text, delimiter, first_line)
        if not unclosed:
            return records + found
        last = found.pop()
        lines = list(io.StringIO(text, newline=""))  # the csv reader's own line breaks
        skip = last.first_line - first_line
        records += [
            *found,
            _Record(
                [lines[skip].rstrip("\r\n")[:200]], last.first_line, last.first_line, unclosed=True
            ),
        ]
        text = "".join(lines[skip + 1 :])
        first_line = last.first_line + 1


def _read_text(data: bytes, name: str, limits: ReadLimits) -> RawTable:
    """CSV (or ;/tab/| separated) text.  A record with the wrong number of fields is
    kept aside in ``malformed`` with its row number, not allowed to sink the file."""
    text, encoding, warnings = _decode(data, name)
    text, nul_warnings = _without_nul(text, name)
    warnings += nul_warnings
    first_line = next(iter(io.StringIO(text, newline="")), "").rstrip("\r\n")
    try:
        delimiter = csv.Sniffer().sniff(first_line[:65536], delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        header = next(csv.reader([first_line], delimiter=delimiter), [])
    except csv.Error:
        header = []
    _check_width(len(header), name, limits)
    if len(header) == 1 and header[0].strip():
        _check_header(pd.DataFrame(columns=header), name)  # refused before any row is read
    records = [r for r in _all_records(text, delimiter) if any(c.strip() for c in r.cells)]
    if not records:
        raise ImportFileError(f"{name} is empty")
    header, body = records[0].cells, records[1:]
    width = len(header)
    good, rows, spanning, malformed = [], [], [], []
    for number, record in enumerate(body, start=2):  # the row a spreadsheet shows
        cells = record.cells
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            cells = cells[:width]  # trailing empty cells
        if len(cells) < width and not record.unclosed:
            cells = cells + [""] * (width - len(cells))  # trailing cells left off
        if record.unclosed:
            malformed.append(
                (
                    number,
                    cells[0],
                    f"a quote opened on line {record.first_line} "
                    "is never closed; the line was set aside and the lines after it "
                    "read on their own",
                )
            )
        elif len(cells) != width:
            malformed.append(
                (
                    number,
                    delimiter.join(cells)[:1000],
                    f"has {len(cells)} fields, the header has {width}",
                )
            )
        elif (longest := max(len(c) for c in cells)) > limits.max_cell_chars:
            malformed.append(
                (
                    number,
                    delimiter.join(cells)[:1000],
                    f"a cell holds {longest} characters, over the limit of {limits.max_cell_chars}",
                )
            )
        else:
            good.append([unguard(c) for c in cells])
            rows.append(number)
            if record.last_line > record.first_line:
                spanning.append(f"{number} (lines {record.first_line}–{record.last_line})")
    frame = pd.DataFrame(good, columns=header, dtype=str)
    frame.index = rows
    frame, notes = _without_hxl(frame, name)
    if spanning:  # UCDP's own quoted headlines: correct CSV, said once, not a warning
        notes.append(
            f"{name}: {len(spanning)} rows hold a quoted cell with line breaks "
            f"(rows {listed(spanning, 3)})"
        )
    return RawTable(
        _check_header(frame, name),
        encoding=encoding,
        malformed=malformed,
        warnings=warnings,
        notes=notes,
    )


def _without_hxl(frame: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[str]]:
    """The humanitarian data exchange adds a row of HXL hashtags (``#date+start``,
    ``#geo+lat``) under the header: it is a second header, not an incident, so it is
    skipped with a note and counted neither as read nor as rejected."""
    if frame.empty:
        return frame, []
    first = [str(v).strip() for v in frame.iloc[0]]
    filled = [v for v in first if v]
    if not filled or not all(v.startswith("#") for v in filled):
        return frame, []
    return frame.iloc[1:], [
        f"{name}: row {frame.index[0]} holds HXL hashtags "
        f"({listed(filled, 3)}); skipped as a second header"
    ]


def _check_header(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    names = [str(c).strip() for c in frame.columns]
    if len(names) < 2:
        raise ImportFileError(
            f"{name} is not a table: its header has one column ({names[0][:80]!r})"
            if names
            else f"{name} has no header"
        )
    names = [n or f"(column {i})" for i, n in enumerate(names, start=1)]
    seen: dict[str, int] = {}
    for position, column in enumerate(names, start=1):
        if column in seen:
            raise ImportFileError(
                f"{name}: the header names {column[:80]!r} twice (columns "
                f"{seen[column]} and {position}); rename one"
            )
        seen[column] = position
    frame.columns = names
    return frame
