"""Exactly what is filtered, as files: CSV in the project schema, and GeoJSON."""

from __future__ import annotations

import json

import pandas as pd

from ground.csv_cells import to_csv_bytes
from incidents.schema import COLUMNS


def to_csv(incidents: pd.DataFrame) -> bytes:
    """The incidents in the schema's column order, dates as ISO text; any further
    columns (an import's original codes and ids) follow.  Formula cells are guarded
    (``ground.csv_cells``)."""
    extra = [c for c in incidents.columns if c not in COLUMNS]
    table = incidents[list(COLUMNS) + extra].copy()
    table["date"] = table["date"].dt.strftime("%Y-%m-%d")
    return to_csv_bytes(table)


def _plain(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):
        return value.item()
    return value


def to_geojson(incidents: pd.DataFrame) -> bytes:
    """A FeatureCollection of points; incidents without coordinates get a null
    geometry rather than being left out."""
    features = []
    for record in incidents[list(COLUMNS)].to_dict("records"):
        lat, lon = _plain(record["latitude"]), _plain(record["longitude"])
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]}
            if lat is not None and lon is not None
            else None
        )
        properties = {k: _plain(v) for k, v in record.items() if k not in ("latitude", "longitude")}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False
    ).encode("utf-8")
