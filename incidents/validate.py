"""Turn a table of text cells into typed incidents, naming every bad cell.

Nothing is dropped silently: a row with any problem goes to ``rejected`` with its
reasons, every other row to ``incidents``, and ``len(incidents) + len(rejected)``
always equals the rows read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pandera.errors

from geocoding.precision import PRECISION_WORDS
from incidents.errors import IncidentsError
from incidents.schema import (
    COLUMNS,
    COUNT_COLUMNS,
    DATE_PRECISIONS,
    INCIDENT_SCHEMA,
    REQUIRED,
    TEXT_COLUMNS,
)

_DATE_FORMATS = {10: "%Y-%m-%d", 7: "%Y-%m", 4: "%Y"}
_IMPLIED_PRECISION = {10: "day", 7: "month", 4: "year"}
_YEARS = (1800, 2200)  # what a pandas date holds comfortably; no incident falls outside


class IncidentDataError(IncidentsError):
    """A problem with a whole file (no header, a missing required column)."""


@dataclass(frozen=True)
class RowProblem:
    """One bad cell: the 1-based data row (file line for CSV), field and value."""

    row: int
    field: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, field {self.field!r}: {self.message} (value {self.value!r})"


@dataclass
class ValidationResult:
    """Typed incidents, the rejected rows with a ``problems`` column, the problems."""

    incidents: pd.DataFrame
    rejected: pd.DataFrame
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return len(self.incidents) + len(self.rejected)


def _parse_dates(text: pd.Series, problems: list, rows: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ISO dates (YYYY-MM-DD, YYYY-MM or YYYY) and the precision their form implies."""
    cleaned = text.fillna("").astype(str).str.strip()
    dates = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    implied = pd.Series("", index=text.index, dtype=object)
    out_of_range = pd.Series(False, index=text.index)
    for length, fmt in _DATE_FORMATS.items():
        mask = cleaned.str.len() == length
        parsed = pd.to_datetime(cleaned[mask], format=fmt, errors="coerce")
        in_range = parsed.notna() & parsed.dt.year.between(*_YEARS)
        dates[mask] = parsed.where(in_range).astype("datetime64[ns]")
        out_of_range[mask] = parsed.notna() & ~in_range
        implied[mask] = _IMPLIED_PRECISION[length]
    for index in dates.index[dates.isna()]:
        value = cleaned[index]
        message = (
            "missing date"
            if not value
            else f"year outside {_YEARS[0]}–{_YEARS[1]}"
            if out_of_range[index]
            else "not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)"
        )
        problems.append(RowProblem(int(rows[index]), "date", value, message))
    return dates, implied


def _parse_numbers(
    text: pd.Series, name: str, problems: list, rows: pd.Series, integer: bool
) -> pd.Series:
    cleaned = text.fillna("").astype(str).str.strip().str.replace(",", "", regex=False)
    numbers = pd.to_numeric(cleaned.where(cleaned != ""), errors="coerce")
    bad = (numbers.isna() & (cleaned != "")) | numbers.isin([float("inf"), float("-inf")])
    if integer:
        fractional = numbers.notna() & (numbers != numbers.round())
        bad |= fractional | (numbers.abs() > 2**53)  # "1e30" is not a count
    for index in numbers.index[bad]:
        kind = "a whole number" if integer else "a number"
        problems.append(RowProblem(int(rows[index]), name, cleaned[index], f"not {kind}"))
    numbers = numbers.where(~bad)
    return numbers.astype("Int64") if integer else numbers.astype(float)


def _schema_problems(typed: pd.DataFrame, rows: pd.Series) -> list[RowProblem]:
    try:
        INCIDENT_SCHEMA.validate(typed, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        problems = []
        for case in exc.failure_cases.itertuples():
            if case.index is None or pd.isna(case.index):
                continue
            column = str(case.column)
            message = _describe_check(str(case.check), column)
            problems.append(
                RowProblem(int(rows[case.index]), column, str(case.failure_case), message)
            )
        return problems
    return []


def _describe_check(check: str, column: str) -> str:
    if check.startswith("in_range"):
        bounds = "[-90, 90]" if column == "latitude" else "[-180, 180]"
        return f"outside {bounds}"
    if check.startswith("greater_than_or_equal_to"):
        return "negative count"
    if check.startswith("isin"):
        allowed = DATE_PRECISIONS if column == "date_precision" else PRECISION_WORDS
        return "unknown word; use one of: " + ", ".join(allowed)
    if "unique" in check or "duplicate" in check:
        return "duplicate id"
    if check.startswith("str_length"):
        return "missing id"
    return check


def validate_incidents(
    raw: pd.DataFrame, first_row_number: int = 2, row_numbers: list[int] | None = None
) -> ValidationResult:
    """Type and check every row of ``raw`` (text cells, as read from a file).

    ``first_row_number`` is what the first data row is called in messages: 2 for a
    CSV file whose line 1 is the header.  ``row_numbers`` names each row instead, when
    rows were set aside before (a malformed record keeps its number).
    """
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise IncidentDataError(
            "missing required column(s): "
            + ", ".join(missing)
            + "; columns found: "
            + ", ".join(map(str, raw.columns))
        )
    raw = raw.reset_index(drop=True)
    numbers = (
        row_numbers
        if row_numbers is not None
        else range(first_row_number, first_row_number + len(raw))
    )
    rows = pd.Series(list(numbers), index=raw.index, dtype="int64")
    problems: list[RowProblem] = []
    typed = pd.DataFrame(index=raw.index)
    for column in TEXT_COLUMNS:
        values = raw[column] if column in raw.columns else pd.Series("", index=raw.index)
        typed[column] = values.fillna("").astype(str).str.strip()
    typed["date"], implied = _parse_dates(raw["date"], problems, rows)
    precision = raw.get("date_precision", pd.Series("", index=raw.index)).fillna("").astype(str)
    precision = precision.str.strip().str.lower()
    typed["date_precision"] = precision.where(precision != "", implied.replace("", "day"))
    for column in ("latitude", "longitude"):
        values = raw.get(column, pd.Series("", index=raw.index))
        typed[column] = _parse_numbers(values, column, problems, rows, integer=False)
    one_coordinate = typed["latitude"].isna() != typed["longitude"].isna()
    for index in typed.index[one_coordinate]:
        field = (
            "longitude"
            if typed.at[index, "longitude"] != typed.at[index, "longitude"]
            else "latitude"
        )
        problems.append(
            RowProblem(int(rows[index]), field, "", "latitude and longitude must come together")
        )
    geo = raw.get("geo_precision", pd.Series("", index=raw.index)).fillna("").astype(str)
    geo = geo.str.strip().str.lower()
    typed["geo_precision"] = geo.where(geo != "", "unknown")
    for column in COUNT_COLUMNS:
        values = raw.get(column, pd.Series("", index=raw.index))
        typed[column] = _parse_numbers(values, column, problems, rows, integer=True)
    seen = {(p.row, p.field) for p in problems}
    problems += [p for p in _schema_problems(typed, rows) if (p.row, p.field) not in seen]
    typed = typed[list(COLUMNS)]
    extra = [c for c in raw.columns if c not in COLUMNS]
    for column in extra:
        typed[column] = raw[column]

    bad_rows = sorted({p.row for p in problems})
    bad_mask = rows.isin(bad_rows)
    rejected = raw[bad_mask].copy()
    rejected.insert(0, "row", rows[bad_mask])
    rejected["problems"] = [
        "; ".join(str(p) for p in problems if p.row == row) for row in rows[bad_mask]
    ]
    problems.sort(key=lambda p: (p.row, p.field))
    return ValidationResult(
        typed[~bad_mask].reset_index(drop=True), rejected.reset_index(drop=True), problems
    )
