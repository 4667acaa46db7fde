"""Many reports in one file: a media-monitoring export as CSV or JSON Lines.

``python -m intake reports.csv --text-col text --published-col published`` reads
each row as a report.  Each candidate then names the row it came from (its URL, or
``reports.csv row 12``), so a reviewer can find the report behind it.  A row with no
text is refused with its row number and field; a date that cannot be read leaves
the report undated (its candidates say so) and is reported too: rows in = reports
read + rows refused.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from ground.encodings import decode_text
from intake.reports import MAX_REPORT_FILE_BYTES, Report, ReportError, from_text, publication_day

BATCH_SUFFIXES = (".csv", ".jsonl", ".ndjson")


@dataclass(frozen=True)
class Columns:
    """Which column holds what; only the text is required."""

    text: str = "text"
    published: str = ""
    url: str = ""
    title: str = ""
    source: str = ""


@dataclass
class Batch:
    reports: list[Report] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "row 5: text is empty"
    warnings: list[str] = field(default_factory=list)
    rows: int = 0


def _rows(data: bytes, name: str) -> list[dict]:
    text = decode_text(data)
    if name.lower().endswith(".csv"):
        return list(csv.DictReader(io.StringIO(text, newline="")))
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReportError(f"{name} line {number}: not JSON ({exc.msg})") from None
        except RecursionError:
            raise ReportError(
                f"{name} line {number}: JSON nested too deeply to be a report"
            ) from None
        if not isinstance(value, dict):
            raise ReportError(f"{name} line {number}: each line must be a JSON object")
        rows.append(value)
    return rows


def read_batch(data: bytes, name: str, columns: Columns = Columns(), source: str = "") -> Batch:
    """The reports of one export (``name`` says CSV or JSON Lines)."""
    if len(data) > MAX_REPORT_FILE_BYTES:
        raise ReportError(
            f"{name} is {len(data) / 1e6:,.0f} MB, over the "
            f"{MAX_REPORT_FILE_BYTES / 1e6:.0f} MB limit for a report file"
        )
    rows = _rows(data, name)
    if rows:
        _check_columns(rows[0], columns, name)
    batch = Batch(rows=len(rows))
    first = 2 if name.lower().endswith(".csv") else 1  # a CSV's row 1 is its header
    for number, row in enumerate(rows, start=first):
        where = f"{name} row {number}" if first == 2 else f"{name} line {number}"
        report = _report(row, columns, where, source, batch)
        if report is not None:
            batch.reports.append(report)
    return batch


def _check_columns(row: dict, columns: Columns, name: str) -> None:
    wanted = {
        "text": columns.text,
        "published": columns.published,
        "url": columns.url,
        "title": columns.title,
        "source": columns.source,
    }
    missing = [f"--{k}-col {v!r}" for k, v in wanted.items() if v and v not in row]
    if missing:
        raise ReportError(
            f"{name}: no column {', '.join(missing)}; its columns are {', '.join(map(str, row))}"
        )


def _cell(row: dict, column: str) -> str:
    value = row.get(column) if column else None
    return "" if value is None else str(value).strip()


def _report(row: dict, columns: Columns, where: str, source: str, batch: Batch) -> Report | None:
    body, title = _cell(row, columns.text), _cell(row, columns.title)
    if not body and not title:
        batch.refused.append(f"{where}: {columns.text} is empty")
        return None
    published = _cell(row, columns.published)
    if published and publication_day(published) is None:
        batch.warnings.append(
            f"{where}: {columns.published} {published[:40]!r} is not a "
            "date (YYYY-MM-DD); the report is read undated"
        )
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body or title
    try:
        report = from_text(
            text,
            published,
            _cell(row, columns.source) or source,
            _cell(row, columns.url),
            name=where,
        )
    except ReportError as exc:
        batch.refused.append(f"{where}: {exc}")
        return None
    return report if report.source else replace(report, source=where)  # name the row


def is_batch(path: Path) -> bool:
    return path.suffix.lower() in BATCH_SUFFIXES
