"""ACLED export CSV -> schema (columns as in ACLED's export tool and API).

geo_precision 1: the town itself; 2: near a town or a part of a region (coordinates of
a town standing for it) -> district; 3: only a larger region (a provincial capital or
natural feature stands for it) -> province.  time_precision 1: the day; 2: the week;
3: the month -> both coarser ones become "month".  The original codes are kept.
``assoc_actor_1`` and ``assoc_actor_2`` (each may name several, "; "-separated) are
the associated actors; ``sub_event_type`` is the event type, ``event_type`` kept.
"""

from __future__ import annotations

import pandas as pd

from incidents.imports.columns import column
from incidents.imports.dates import iso_dates
from incidents.imports.source_format import SourceFormat
from incidents.participants import join_actors

NAME = "acled"
SIGNATURE = frozenset({"event_id_cnty", "event_date", "actor1", "geo_precision"})
GEO_PRECISION = {"1": "town", "2": "district", "3": "province"}
TIME_PRECISION = {"1": "day", "2": "month", "3": "month"}


def to_schema(raw: pd.DataFrame) -> pd.DataFrame:
    geo_code = column(raw, "geo_precision").str.strip()
    time_code = column(raw, "time_precision").str.strip()
    sub_type = column(raw, "sub_event_type").str.strip()
    # inter2 7 is ACLED's code for civilians: the ones hit, not a side
    civilians = column(raw, "inter2").str.strip() == "7"
    other = column(raw, "actor2")
    return pd.DataFrame(
        {
            "incident_id": "acled:" + column(raw, "event_id_cnty").str.strip(),
            "date": iso_dates(column(raw, "event_date")),
            "date_precision": time_code.map(TIME_PRECISION).fillna(""),
            "actor": column(raw, "actor1"),
            "actor2": other.where(~civilians, ""),
            "target": other.where(civilians, ""),
            "associated_actors": [
                join_actors(pair)
                for pair in zip(
                    column(raw, "assoc_actor_1"), column(raw, "assoc_actor_2"), strict=False
                )
            ],
            "event_type": sub_type.where(sub_type != "", column(raw, "event_type")),
            "location": column(raw, "location"),
            "admin1": column(raw, "admin1"),
            "country": column(raw, "country"),
            "latitude": column(raw, "latitude"),
            "longitude": column(raw, "longitude"),
            "geo_precision": geo_code.map(GEO_PRECISION).fillna(""),
            "fatalities": column(raw, "fatalities"),
            "injured": "",
            "description": column(raw, "notes"),
            "source": column(raw, "source"),
            "source_url": "",
            "source_format": NAME,
            "source_id": column(raw, "event_id_cnty"),
            "event_category": column(raw, "event_type"),
            "admin2": column(raw, "admin2"),
            "geo_precision_code": geo_code,
            "date_precision_code": time_code,
        },
        index=raw.index,
    )


FORMAT = SourceFormat(NAME, "ACLED export", to_schema, SIGNATURE, coded_by="ACLED")
