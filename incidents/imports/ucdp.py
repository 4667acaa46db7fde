"""UCDP Georeferenced Event Dataset CSV -> schema.

where_prec 1: exact place -> town; 2: within about 25 km of a known point and 3: only
the second-order area -> district; 4: only the first-order area and 5: an estimate
along a road, river or border -> province; 6: only the country -> country; 7:
international waters or airspace -> unknown.  ``type_of_violence`` becomes the event
type under UCDP's own names.  UCDP puts the government first in every state-based
dyad; the primary actor (the map's colour) is the side a briefer would name, so a
government is the other side unless both sides are governments.  date_prec 1: the day; 2-4: within a
month -> month; 5: longer -> year.  Deaths are UCDP's ``best`` estimate; ``low`` and
``high`` are kept beside it.  The original codes are kept.
"""

from __future__ import annotations

import pandas as pd

from incidents.imports.columns import column
from incidents.imports.dates import iso_dates
from incidents.imports.source_format import SourceFormat

NAME = "ucdp"
SIGNATURE = frozenset({"date_start", "side_a", "where_prec", "best"})
GEO_PRECISION = {
    "1": "town",
    "2": "district",
    "3": "district",
    "4": "province",
    "5": "province",
    "6": "country",
    "7": "unknown",
}
DATE_PRECISION = {"1": "day", "2": "month", "3": "month", "4": "month", "5": "year"}
VIOLENCE_TYPES = {"1": "State-based conflict", "2": "Non-state conflict", "3": "One-sided violence"}


def _is_government(side: pd.Series) -> pd.Series:
    return side.str.strip().str.startswith("Government of")


def _sides(raw: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(primary actor, other side): side_b first where side_a alone is a government."""
    side_a, side_b = column(raw, "side_a"), column(raw, "side_b")
    one_sided = column(raw, "type_of_violence").str.strip() == "3"  # side_b: who was hit
    swap = (
        _is_government(side_a) & ~_is_government(side_b) & (side_b.str.strip() != "") & ~one_sided
    )
    return side_b.where(swap, side_a), side_a.where(swap, side_b)


def to_schema(raw: pd.DataFrame) -> pd.DataFrame:
    geo_code = column(raw, "where_prec").str.strip()
    date_code = column(raw, "date_prec").str.strip()
    place = column(raw, "where_coordinates").str.strip()
    violence = column(raw, "type_of_violence").str.strip()
    primary, other = _sides(raw)
    one_sided = violence == "3"  # side_b of one-sided violence is who was hit
    # "Kabul town" / "Kunduz province": UCDP's own words for the place
    return pd.DataFrame(
        {
            "incident_id": "ucdp:" + column(raw, "id").str.strip(),
            "date": iso_dates(column(raw, "date_start")),
            "date_precision": date_code.map(DATE_PRECISION).fillna(""),
            "actor": primary,
            "actor2": other.where(~one_sided, ""),
            "target": other.where(one_sided, ""),
            "associated_actors": "",
            "event_type": violence.map(VIOLENCE_TYPES).fillna(
                "Armed violence (UCDP, type unknown)"
            ),
            "location": place.where(place != "", column(raw, "adm_2")),
            "admin1": column(raw, "adm_1").str.replace(
                r"\s+(province|region|state)$", "", regex=True, case=False
            ),
            "country": column(raw, "country").str.replace(r"\s*\(.*\)$", "", regex=True),
            "latitude": column(raw, "latitude"),
            "longitude": column(raw, "longitude"),
            "geo_precision": geo_code.map(GEO_PRECISION).fillna(""),
            "fatalities": column(raw, "best"),
            "injured": "",
            "description": column(raw, "source_headline"),
            "source": column(raw, "source_article"),
            "source_url": "",
            "source_format": NAME,
            "source_id": column(raw, "id"),
            "fatalities_low": column(raw, "low"),
            "fatalities_high": column(raw, "high"),
            "date_end": column(raw, "date_end"),
            "admin2": column(raw, "adm_2"),
            "dyad_name": column(raw, "dyad_name"),
            "type_of_violence": violence,
            "geo_precision_code": geo_code,
            "date_precision_code": date_code,
        },
        index=raw.index,
    )


FORMAT = SourceFormat(NAME, "UCDP GED", to_schema, SIGNATURE, coded_by="UCDP GED")
