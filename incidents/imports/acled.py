"""ACLED export CSV -> schema (columns as in ACLED's export tool and API).

geo_precision 1: the town itself; 2: near a town or a part of a region (coordinates of
a town standing for it) -> district; 3: only a larger region (a provincial capital or
natural feature stands for it) -> province.  time_precision 1: the day; 2: the week;
3: the month -> both coarser ones become "month".  The original codes are kept.
"""
from __future__ import annotations

import pandas as pd

from incidents.imports.dates import iso_dates

NAME = "acled"
SIGNATURE = frozenset({"event_id_cnty", "event_date", "actor1", "geo_precision"})
GEO_PRECISION = {"1": "town", "2": "district", "3": "province"}
TIME_PRECISION = {"1": "day", "2": "month", "3": "month"}


def _col(raw: pd.DataFrame, name: str) -> pd.Series:
    return raw[name] if name in raw.columns else pd.Series("", index=raw.index)


def to_schema(raw: pd.DataFrame) -> pd.DataFrame:
    geo_code = _col(raw, "geo_precision").str.strip()
    time_code = _col(raw, "time_precision").str.strip()
    sub_type = _col(raw, "sub_event_type").str.strip()
    return pd.DataFrame({
        "incident_id": "acled:" + _col(raw, "event_id_cnty").str.strip(),
        "date": iso_dates(_col(raw, "event_date")),
        "date_precision": time_code.map(TIME_PRECISION).fillna(""),
        "actor": _col(raw, "actor1"), "actor2": _col(raw, "actor2"),
        "event_type": sub_type.where(sub_type != "", _col(raw, "event_type")),
        "location": _col(raw, "location"), "admin1": _col(raw, "admin1"),
        "country": _col(raw, "country"),
        "latitude": _col(raw, "latitude"), "longitude": _col(raw, "longitude"),
        "geo_precision": geo_code.map(GEO_PRECISION).fillna(""),
        "fatalities": _col(raw, "fatalities"), "injured": "",
        "description": _col(raw, "notes"), "source": _col(raw, "source"), "source_url": "",
        "source_format": NAME, "source_id": _col(raw, "event_id_cnty"),
        "event_category": _col(raw, "event_type"), "admin2": _col(raw, "admin2"),
        "geo_precision_code": geo_code, "date_precision_code": time_code,
    }, index=raw.index)
