"""Headline numbers and display tables computed from the incidents table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Headline:
    """The numbers a briefer reads first."""

    incidents: int
    fatalities: int
    fatalities_unknown: int
    actors: int
    first_date: str
    last_date: str


def headline(incidents: pd.DataFrame) -> Headline:
    """Counts over ``incidents``; unknown death tolls are counted, not summed as 0."""
    dates = incidents["date"].dropna()
    return Headline(
        incidents=len(incidents),
        fatalities=int(incidents["fatalities"].sum(skipna=True)),
        fatalities_unknown=int(incidents["fatalities"].isna().sum()),
        actors=int(incidents["actor"].replace("", pd.NA).dropna().nunique()),
        first_date=dates.min().date().isoformat() if len(dates) else "",
        last_date=dates.max().date().isoformat() if len(dates) else "",
    )


DISPLAY_COLUMNS = [
    "date",
    "actor",
    "actor2",
    "associated_actors",
    "target",
    "event_type",
    "location",
    "admin2",
    "admin1",
    "country",
    "fatalities",
    "injured",
    "geo_precision",
    "source",
]


def display_table(incidents: pd.DataFrame) -> pd.DataFrame:
    """The incidents as shown in the table: newest first, dates as text."""
    extra = [c for c in ("source_file", "likely_duplicate_of") if c in incidents.columns]
    table = incidents.sort_values("date", ascending=False)[DISPLAY_COLUMNS + extra].copy()
    table["date"] = table["date"].dt.date.astype(str)
    for column in ("fatalities", "injured"):
        table[column] = table[column].astype(object).where(table[column].notna(), "unknown")
        table[column] = table[column].astype(str)
    return table.reset_index(drop=True)


def date_span(numbers: Headline) -> str:
    """ "Aug 2021 – Dec 2024": short enough for a metric tile."""
    if not numbers.first_date:
        return "–"
    first, last = (
        pd.Timestamp(d).strftime("%b %Y") for d in (numbers.first_date, numbers.last_date)
    )
    return first if first == last else f"{first} – {last}"
