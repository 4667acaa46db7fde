"""Which incidents a view shows: one frozen value, applied by one pure function.

The app, the snapshot command and the tests all build an ``IncidentFilter`` and call
``apply_filters``.  The URL query string is just another serialisation of it
(``to_query`` / ``from_query``), so a briefer can send a colleague the exact view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

import pandas as pd

from geocoding.provinces import official_province
from incidents.participants import participation_counts, takes_part
from incidents.registry import registry

PRESETS = {"all": None, "last30": 30, "last90": 90, "last365": 365}


@dataclass(frozen=True)
class IncidentFilter:
    """Filter values; empty tuples and None mean "no restriction".  ``actors`` match
    an incident they take part in on any side, unless ``primary_only``."""

    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()
    primary_only: bool = False
    event_type: tuple[str, ...] = ()  # one name: the column, the URL, the widget, the CLI
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    min_fatalities: int = 0
    text: str = ""

    @property
    def span(self) -> tuple[date | None, date | None]:
        """The dates asked for, either open: what the charts widen to."""
        return self.start, self.end

    def describe(self, dates: bool = True) -> list[str]:
        """The active filters in words, for captions and snapshot subtitles
        (``dates=False`` for callers that state the range their own way)."""
        parts = []
        if dates and (self.start or self.end):
            parts.append(f"{self.start or '…'} to {self.end or '…'}")
        actor = "primary actor" if self.primary_only else "actor"
        for label, values in (
            (actor, self.actors),
            ("event type", self.event_type),
            ("country", self.countries),
            ("admin1", self.admin1),
        ):
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        if self.min_fatalities:
            parts.append(f"at least {self.min_fatalities} killed")
        if self.text:
            parts.append(f"text: “{self.text}”")
        return parts

    def to_query(self) -> dict[str, str | list[str]]:
        """Query-string parameters; only the active filters appear."""
        query: dict[str, str | list[str]] = {}
        if self.start:
            query["from"] = self.start.isoformat()
        if self.end:
            query["to"] = self.end.isoformat()
        for key, values in (
            ("actor", self.actors),
            ("event_type", self.event_type),
            ("country", self.countries),
            ("admin1", self.admin1),
        ):
            if values:
                query[key] = list(values)
        if self.primary_only:
            query["actor_role"] = "primary"
        if self.min_fatalities:
            query["min_killed"] = str(self.min_fatalities)
        if self.text:
            query["q"] = self.text
        return query

    LIST_KEYS = ("actor", "event_type", "type", "country", "admin1")  # repeatable in a URL

    @classmethod
    def from_query(cls, query: Mapping[str, str | list[str]]) -> IncidentFilter:
        """Read the query string; values that do not parse are ignored, not fatal."""

        def many(key: str) -> tuple[str, ...]:
            value = query.get(key, ())
            values = [value] if isinstance(value, str) else list(value)
            return tuple(v for v in values if v)

        def one(key: str) -> str:
            values = many(key)
            return values[-1] if values else ""

        return cls(
            start=_parse_date(one("from")),
            end=_parse_date(one("to")),
            # a link made with any of a group's names opens its one identity
            actors=tuple(dict.fromkeys(registry().canonical(a) for a in many("actor"))),
            primary_only=one("actor_role") == "primary",
            event_type=many("event_type") + many("type"),  # "type": links made before
            countries=many("country"),
            admin1=many("admin1"),
            min_fatalities=_parse_int(one("min_killed")),
            text=one("q").strip()[:MAX_SEARCH],
        )


EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
MAX_SEARCH = 200  # characters in a search box (a 1M-character pattern raised ArrowInvalid)  # what the date widgets offer


def clamp_dates(start: date | None, end: date | None) -> tuple[date | None, date | None, list[str]]:
    """A link's ``from``/``to`` inside the range the date widgets offer, in order, and
    a note naming each parameter that was moved (a link must never break the page)."""
    notes = []
    moved = []
    for key, value in (("from", start), ("to", end)):
        if value is not None and not EARLIEST <= value <= LATEST:
            fixed = min(max(value, EARLIEST), LATEST)
            notes.append(
                f"{key}={value.isoformat()} is outside {EARLIEST.year}-{LATEST.year}: "
                f"used {fixed.isoformat()}"
            )
            value = fixed
        moved.append(value)
    start, end = moved
    if start and end and end < start:
        notes.append(f"to={end.isoformat()} is before from={start.isoformat()}: swapped")
        start, end = end, start
    return start, end, notes


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


MAX_DEATHS = 1_000_000  # above any incident's toll; the widget holds a float


def _parse_int(text: str) -> int:
    try:
        return min(max(0, int(text)), MAX_DEATHS)
    except ValueError:
        return 0


def preset_range(preset: str, latest: date) -> tuple[date | None, date | None]:
    """Dates for a preset ("last30", ...), counted back from the latest incident."""
    days = PRESETS.get(preset)
    if days is None:
        return None, None
    return latest - timedelta(days=days - 1), latest


def _masks(incidents: pd.DataFrame, spec: IncidentFilter) -> dict[str, pd.Series]:
    """One boolean mask per active filter, named for the empty-state message."""
    masks: dict[str, pd.Series] = {}
    if spec.start:
        masks["start date"] = incidents["date"] >= pd.Timestamp(spec.start)
    if spec.end:
        masks["end date"] = incidents["date"] < pd.Timestamp(spec.end) + pd.Timedelta(days=1)
    if spec.actors:
        masks["actor"] = takes_part(incidents, spec.actors, spec.primary_only)
    for name, column, values in (
        ("event type", "event_type", spec.event_type),
        ("country", "country", spec.countries),
    ):
        if values:
            masks[name] = incidents[column].isin(values)
    if spec.admin1:
        wanted = {official_province("", a) for a in spec.admin1} | set(spec.admin1)
        masks["admin1"] = provinces(incidents).isin(wanted)
    if spec.min_fatalities:
        masks["minimum fatalities"] = incidents["fatalities"].fillna(-1) >= spec.min_fatalities
    if spec.text:
        needle = spec.text.lower()
        masks["text search"] = (
            incidents["location"].str.lower().str.contains(needle, regex=False)
            | incidents["description"].str.lower().str.contains(needle, regex=False)
            | incidents["admin1"].str.lower().str.contains(needle, regex=False)
        )
    return masks


def apply_filters(incidents: pd.DataFrame, spec: IncidentFilter) -> pd.DataFrame:
    """The incidents ``spec`` lets through, in their original order (vectorised)."""
    keep = pd.Series(True, index=incidents.index)
    for mask in _masks(incidents, spec).values():
        keep &= mask.fillna(False).astype(bool)
    return incidents[keep]


def empty_reason(incidents: pd.DataFrame, spec: IncidentFilter) -> str:
    """Say which filter emptied the view: the first one that, added in order,
    leaves nothing; or the data itself when it has no incidents."""
    if incidents.empty:
        return "The data has no incidents."
    keep = pd.Series(True, index=incidents.index)
    for name, mask in _masks(incidents, spec).items():
        narrowed = keep & mask.fillna(False).astype(bool)
        if not narrowed.any():
            alone = int(mask.fillna(False).sum())
            return (
                f"No incidents match: the {name} filter removes the last "
                f"{int(keep.sum())} (on its own it would keep {alone})."
            )
        keep = narrowed
    return ""


def without(spec: IncidentFilter, name: str) -> IncidentFilter:
    """``spec`` with one field reset, e.g. to count actors ignoring the actor filter."""
    default: Any = {f.name: f.default for f in fields(IncidentFilter)}[name]
    return replace(spec, **{name: default})


def provinces(incidents: pd.DataFrame) -> pd.Series:
    """Each incident's province by the region's one name for it ("Hilmand", "Helmand
    province" -> "Helmand"; see ``geocoding.provinces``), so the Province filter
    and its counts hold one entry per province whatever each source wrote."""
    if incidents.empty:
        return incidents["admin1"].astype(object)
    pairs = incidents["country"].astype(str) + "\x1f" + incidents["admin1"].astype(str)
    named = {pair: official_province(*pair.split("\x1f", 1)) for pair in pairs.unique()}
    return pairs.map(named)


def known_provinces(incidents: pd.DataFrame, asked: tuple[str, ...]) -> list[str]:
    """The provinces a link asked for, by their one name, that the data has (a link
    written with "Hilmand" selects "Helmand")."""
    named = set(provinces(incidents))
    found = [official_province("", a) for a in asked]
    return [a for a in dict.fromkeys(found) if a in named]


def option_counts(incidents: pd.DataFrame, column: str) -> list[tuple[str, int]]:
    """Distinct values of ``column`` with their counts, most frequent first.  For
    "actors", every actor with the incidents it takes part in on any side."""
    if column == "actors":
        return participation_counts(incidents)
    values = provinces(incidents) if column == "admin1" else incidents[column]
    counts = values.replace("", pd.NA).dropna().value_counts()
    return [(str(value), int(count)) for value, count in counts.items()]
