"""The canonical incidents table, used by every part of the project.

One row is one incident as its sources describe it.  Who took part is in three
columns: ``actor`` is the primary actor, the group a briefer would name (its colour
on the map; for a state-based dyad, the non-state side), ``actor2`` the other side
of a clash (an opponent, a government), ``associated_actors`` any others the source
names ("; "-separated).  ``incidents.participants`` reads them together.  Who was
hit is ``target`` (victims, a target group, "Civilians"): never a side of the Actor
filter, which offered "Shia worshippers" and "Police" as actors when they shared
``actor2``.  Place
names go from ``location`` to ``admin2`` (district, tehsil, agency) to ``admin1``
(province) to ``country``.  Counts are nullable integers:
an unknown death toll is empty, never zero.  Coordinates may be empty until the
geocoding step fills them; ``geo_precision`` then says how exact they are.
"""

from __future__ import annotations

import pandera.pandas as pa

from geocoding.precision import PRECISION_WORDS

COLUMNS: tuple[str, ...] = (
    "incident_id",
    "date",
    "date_precision",
    "actor",
    "actor2",
    "associated_actors",
    "target",
    "event_type",
    "location",
    "admin2",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "injured",
    "description",
    "source",
    "source_url",
    "geocoder",
    "matched_name",
)
REQUIRED: tuple[str, ...] = ("incident_id", "date")
TEXT_COLUMNS: tuple[str, ...] = (
    "incident_id",
    "actor",
    "actor2",
    "associated_actors",
    "target",
    "event_type",
    "location",
    "admin2",
    "admin1",
    "country",
    "description",
    "source",
    "source_url",
    "geocoder",
    "matched_name",
)
# Each column in the user's words, for tables and forms (never the raw column name).
FIELD_LABELS: dict[str, str] = {
    "incident_id": "Id",
    "date": "Date",
    "date_precision": "Date precision",
    "actor": "Primary actor",
    "actor2": "Other side",
    "associated_actors": "Also taking part",
    "target": "Target or victims",
    "event_type": "Event type",
    "location": "Place",
    "admin2": "District",
    "admin1": "Province",
    "country": "Country",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "geo_precision": "Placed at",
    "fatalities": "Killed",
    "injured": "Injured",
    "description": "Description",
    "source": "Source",
    "source_url": "Source URL",
    "geocoder": "Placed by",
    "matched_name": "Gazetteer name",
}
ACTOR_SEPARATOR = "; "
COUNT_COLUMNS: tuple[str, ...] = ("fatalities", "injured")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")

INCIDENT_SCHEMA = pa.DataFrameSchema(
    {
        "incident_id": pa.Column(
            str, pa.Check.str_length(min_value=1), unique=True, report_duplicates="exclude_first"
        ),
        "date": pa.Column("datetime64[ns]", nullable=False),
        "date_precision": pa.Column(str, pa.Check.isin(DATE_PRECISIONS)),
        "latitude": pa.Column(float, pa.Check.in_range(-90.0, 90.0), nullable=True),
        "longitude": pa.Column(float, pa.Check.in_range(-180.0, 180.0), nullable=True),
        "geo_precision": pa.Column(str, pa.Check.isin(PRECISION_WORDS)),
        "fatalities": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "injured": pa.Column("Int64", pa.Check.ge(0), nullable=True),
    },
    strict=False,
    name="incidents",
)
