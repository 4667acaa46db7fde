"""Global Terrorism Database CSV or Excel -> schema.

Dates come in three columns, with 0 for an unknown day or month: 2021, 8, 0 is
"2021-08" at month precision.  specificity 1: the town's own coordinates -> town;
2 and 3: the centroid of the smallest known area below the province -> district;
4: the province's centroid -> province; 5: no area below the country -> country.
GTD writes "Unknown" where a name is not known; that becomes empty.  Original codes
are kept.
"""

from __future__ import annotations

import pandas as pd

from incidents.imports.columns import column
from incidents.imports.source_format import SourceFormat
from incidents.participants import join_actors

NAME = "gtd"
SIGNATURE = frozenset({"eventid", "iyear", "imonth", "iday", "gname"})
GEO_PRECISION = {"1": "town", "2": "district", "3": "district", "4": "province", "5": "country"}


def _whole(text: pd.Series) -> pd.Series:
    """ "8", "8.0" -> "8"; anything else unchanged (validation will name it)."""
    cleaned = text.fillna("").astype(str).str.strip()
    return cleaned.str.replace(r"^(-?\d+)\.0+$", r"\1", regex=True)


def _known(text: pd.Series) -> pd.Series:
    cleaned = text.fillna("").astype(str).str.strip()
    return cleaned.where(~cleaned.str.lower().isin({"unknown", "unk", "."}), "")


def gtd_dates(year: pd.Series, month: pd.Series, day: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ISO text and precision; a cell that is not a number is passed through so the
    row is rejected with the value shown."""
    y, m, d = _whole(year), _whole(month), _whole(day)
    numeric = y.str.fullmatch(r"\d{4}") & m.str.fullmatch(r"\d{1,2}") & d.str.fullmatch(r"\d{1,2}")
    m2, d2 = m.str.zfill(2), d.str.zfill(2)
    text = (y + "-" + m2 + "-" + d2).where(d != "0", y + "-" + m2).where(m != "0", y)
    precision = pd.Series("day", index=y.index).where(d != "0", "month").where(m != "0", "year")
    text = text.where(numeric, "iyear=" + y + " imonth=" + m + " iday=" + d)
    return text, precision.where(numeric, "")


def to_schema(raw: pd.DataFrame) -> pd.DataFrame:
    code = _whole(column(raw, "specificity"))
    date, precision = gtd_dates(column(raw, "iyear"), column(raw, "imonth"), column(raw, "iday"))
    sources = [column(raw, c).str.strip() for c in ("scite1", "dbsource") if c in raw.columns]
    source = (
        sources[0].where(sources[0] != "", sources[1])
        if len(sources) == 2
        else (sources[0] if sources else pd.Series("", index=raw.index))
    )
    return pd.DataFrame(
        {
            "incident_id": "gtd:" + _whole(column(raw, "eventid")),
            "date": date,
            "date_precision": precision,
            "actor": column(raw, "gname"),
            "actor2": "",
            "target": column(raw, "targtype1_txt"),  # what was attacked, not a side
            "associated_actors": [
                join_actors(names)
                for names in zip(
                    _known(column(raw, "gname2")), _known(column(raw, "gname3")), strict=False
                )
            ],
            "event_type": column(raw, "attacktype1_txt"),
            "location": _known(column(raw, "city")),
            "admin1": _known(column(raw, "provstate")),
            "country": column(raw, "country_txt"),
            "latitude": column(raw, "latitude"),
            "longitude": column(raw, "longitude"),
            "geo_precision": code.map(GEO_PRECISION).fillna(""),
            "fatalities": _whole(column(raw, "nkill")),
            "injured": _whole(column(raw, "nwound")),
            "description": column(raw, "summary"),
            "source": source.where(source != "", "GTD"),
            "source_url": "",
            "source_format": NAME,
            "source_id": _whole(column(raw, "eventid")),
            "geo_precision_code": code,
        },
        index=raw.index,
    )


FORMAT = SourceFormat(NAME, "Global Terrorism Database", to_schema, SIGNATURE, coded_by="GTD")
