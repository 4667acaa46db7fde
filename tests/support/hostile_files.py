"""Hostile and careless files, made on demand (none is committed: some are large).

Each case is a file an attacker or an unlucky export could hand to the importer.
``tests/incidents/test_hostile_files.py`` checks what each gives (a clear message or
a correct import) and ``benchmarks/bench_hostile_files.py`` measures time and memory
of each through ``python -m dashboard import``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROW = "2021-08-26,Test Group,Kabul,34.5553,69.2075,3,town\n"
HEADER = "date,actor,location,latitude,longitude,fatalities,geo_precision\n"


@dataclass(frozen=True)
class HostileFile:
    """A file and what the importer must make of it: ``error`` is a phrase the one
    clear message holds, or None when the file imports with ``rows`` rows in."""

    name: str
    make: Callable[[Path], Path]
    error: str | None = None
    rows: int | None = None


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def identical_rows(count: int) -> Callable[[Path], Path]:
    return lambda folder: _write(folder / f"identical-{count}.csv", (HEADER + ROW * count).encode())


def workbook(sheet_xml: bytes, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal xlsx holding one sheet with ``sheet_xml`` as its data."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
            '"xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
            'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target='
            '"worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return out.getvalue()


def _cells(values: list[str]) -> str:
    return "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)


def sheet(rows: list[list[str]], padding: int = 0) -> bytes:
    """Sheet XML with ``rows``; ``padding`` bytes of blank space inside it, which
    compresses to almost nothing (the unzipped-size attack)."""
    body = "".join(f"<row>{_cells(r)}</row>" for r in rows)
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    return head.encode() + b" " * padding + (body + "</sheetData></worksheet>").encode()


GOOD_ROWS = [r.split(",") for r in (HEADER + ROW).strip().split("\n")]


def zip_bomb(unzipped_mb: int) -> Callable[[Path], Path]:
    return lambda folder: _write(
        folder / "bomb.xlsx", workbook(sheet(GOOD_ROWS, unzipped_mb * 1024 * 1024))
    )


def truncated_sheet(folder: Path) -> Path:
    data = workbook(sheet(GOOD_ROWS * 200))
    return _write(folder / "truncated.xlsx", data[: len(data) * 2 // 3])


def wide_header(columns: int) -> Callable[[Path], Path]:
    return lambda folder: _write(
        folder / "wide.csv", (",".join(f"column{i}" for i in range(columns)) + "\n" + ROW).encode()
    )


def unterminated_quote(folder: Path) -> Path:
    rows = [ROW.replace("Kabul", '"Kabul') if i == 0 else ROW for i in range(999)]
    return _write(folder / "quote.csv", (HEADER + "".join(rows)).encode())


def one_bad_byte(folder: Path) -> Path:
    rows = [ROW.replace("Kabul", "Kābul")] * 50
    data = (HEADER + "".join(rows)).encode() + ROW.replace("Kabul", "Caf\xe9").encode("cp1252")
    return _write(folder / "mixed.csv", data)


def late_nul(folder: Path) -> Path:
    rows = (HEADER + ROW * 200).encode()
    return _write(folder / "nul.csv", rows + ROW.replace("Kabul", "Ka\x00bul").encode())


CASES: list[HostileFile] = [
    HostileFile("20,000 identical rows", identical_rows(20_000), rows=20_000),
    HostileFile("6,000 identical rows", identical_rows(6_000), rows=6_000),
    HostileFile("workbook that unzips to 699 MB", zip_bomb(699), error="unzips to"),
    HostileFile("1,000,000 header columns", wide_header(1_000_000), error="1000000 columns"),
    HostileFile("truncated sheet", truncated_sheet, error="not a readable Excel workbook"),
    HostileFile(
        "header date,date",
        lambda f: _write(f / "twice.csv", b"date,date\n1,2\n"),
        error="names 'date' twice",
    ),
    HostileFile("unterminated quote", unterminated_quote, rows=999),
    HostileFile("UTF-8 with one cp1252 line", one_bad_byte, rows=51),
    HostileFile("NUL bytes after 8 KB", late_nul, rows=201),
    HostileFile("empty file", lambda f: _write(f / "empty.csv", b""), error="is empty"),
    HostileFile(
        "only blank lines", lambda f: _write(f / "blank.csv", b"\n\r\n  \n"), error="is empty"
    ),
    HostileFile(
        "binary renamed .csv",
        lambda f: _write(f / "image.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64),
        error="binary data",
    ),
    HostileFile(
        "one-column file",
        lambda f: _write(f / "one.csv", b"date\n2021-08-26\n"),
        error="one column",
    ),
    HostileFile(
        "a 100,000-character cell",
        lambda f: _write(
            f / "long.csv", (HEADER + ROW + ROW.replace("Kabul", "K" * 100_000)).encode()
        ),
        rows=2,
    ),
    HostileFile(
        "not a zip but named .xlsx",
        lambda f: _write(f / "fake.xlsx", b"PK\x03\x04junk"),
        error="not a readable Excel workbook",
    ),
    HostileFile("header only", lambda f: _write(f / "header.csv", HEADER.encode()), rows=0),
    HostileFile(
        "ragged rows",
        lambda f: _write(
            f / "ragged.csv", (HEADER + ROW + "2021-08-27,A,B,1,2,3,town,x,y,z\n" + ROW).encode()
        ),
        rows=3,
    ),
    HostileFile(
        "50 MB in one field a row",
        lambda f: _write(f / "column.csv", b"date\n" + b"2021-08-26\n" * 4_800_000),
        error="one column",
    ),
    HostileFile(
        "UTF-16 with its mark (Windows' Unicode text)",
        lambda f: _write(f / "unicode.csv", (HEADER + ROW * 30).encode("utf-16")),
        rows=30,
    ),
]
