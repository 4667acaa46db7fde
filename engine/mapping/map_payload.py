"""Pack incidents into the compact payload the browser-side layer draws.

Per incident about 20 bytes before base64: coordinates quantised to 16 bits across
the bounding box (a few metres to a few tens of metres, finer than any precision
level we record), the date as days since the first one, and every text column as an
index into a table of distinct strings, and whether it is a candidate awaiting
review (drawn apart from confirmed incidents).  Descriptions and ids travel only while
there are at most ``DETAIL_LIMIT`` incidents; above that the popup points to the table.
"""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd

from engine.mapping.palette import color_of
from geocoding.precision import PRECISION_WORDS

DETAIL_LIMIT = 5000
TEXT_TABLES = (
    "actor",
    "actor2",
    "associated_actors",
    "target",
    "event_type",
    "location",
    "admin2",
    "admin1",
    "country",
    "source",
    "source_url",
)
_UNSIGNED = (("u1", np.uint8), ("u2", np.uint16), ("u4", np.uint32))


def _pack(values: np.ndarray, null_mask: np.ndarray | None = None) -> tuple[dict, int | None]:
    """Smallest unsigned column for ``values``; nulls take the type's maximum."""
    high = int(values.max()) if len(values) else 0
    for name, dtype in _UNSIGNED:
        limit = np.iinfo(dtype).max
        if high < limit or (null_mask is None and high <= limit):
            array = values.astype(dtype)
            null = None
            if null_mask is not None:
                array[null_mask] = limit
                null = limit
            data = base64.b64encode(array.astype(array.dtype.newbyteorder("<")).tobytes())
            return {"t": name, "b": data.decode("ascii")}, null
    raise ValueError("value too large for a 32-bit column")


def _quantise(values: np.ndarray, low: float, high: float) -> np.ndarray:
    span = high - low
    return np.rint((values - low) / span * 65535).astype(np.int64)


def bounding_box(incidents: pd.DataFrame) -> list[float]:
    """[south, north, west, east], padded so a single point still has a span."""
    lat = incidents["latitude"].to_numpy(float)
    lon = incidents["longitude"].to_numpy(float)
    south, north = float(lat.min()), float(lat.max())
    west, east = float(lon.min()), float(lon.max())
    pad_lat = max(1e-3, (north - south) * 1e-6)
    pad_lon = max(1e-3, (east - west) * 1e-6)
    return [south - pad_lat, north + pad_lat, west - pad_lon, east + pad_lon]


def encode_incidents(
    incidents: pd.DataFrame, palette: dict[str, str], detail_limit: int = DETAIL_LIMIT
) -> dict:
    """The payload for ``incident-layer.js``; ``incidents`` must all have coordinates."""
    n = len(incidents)
    if n == 0:
        return {
            "n": 0,
            "bbox": [0, 1, 0, 1],
            "cols": {},
            "tables": {},
            "colors": [],
            "nulls": {},
            "dateBase": "2000-01-01",
            "detail": True,
            "detailLimit": detail_limit,
        }
    box = bounding_box(incidents)
    cols: dict[str, dict] = {}
    nulls: dict[str, int | None] = {}
    cols["lat"], _ = _pack(_quantise(incidents["latitude"].to_numpy(float), box[0], box[1]))
    cols["lon"], _ = _pack(_quantise(incidents["longitude"].to_numpy(float), box[2], box[3]))
    dates = incidents["date"]
    base = dates.min().normalize()
    cols["date"], _ = _pack(((dates - base).dt.days).to_numpy(np.int64))
    tables: dict[str, list[str]] = {}
    for column in TEXT_TABLES:
        values = (
            incidents[column]
            if column in incidents.columns
            else pd.Series("", index=incidents.index)
        )
        codes, uniques = pd.factorize(values.fillna("").astype(str))
        cols[column], _ = _pack(codes.astype(np.int64))
        tables[column] = [str(u) for u in uniques]
    for column in ("fatalities", "injured"):
        series = incidents[column]
        missing = series.isna().to_numpy()
        values = series.fillna(0).astype("int64").to_numpy()
        cols[column], nulls[column] = _pack(values, missing)
    status = (
        incidents["status"]
        if "status" in incidents.columns
        else pd.Series("", index=incidents.index)
    )
    cols["candidate"], _ = _pack((status.fillna("").astype(str) == "candidate").to_numpy(np.int64))
    precision = incidents["geo_precision"].map({w: i for i, w in enumerate(PRECISION_WORDS)})
    cols["precision"], _ = _pack(
        precision.fillna(len(PRECISION_WORDS) - 1).astype(np.int64).to_numpy()
    )
    payload = {
        "n": n,
        "bbox": box,
        "cols": cols,
        "tables": tables,
        "nulls": nulls,
        "colors": [color_of(palette, actor) for actor in tables["actor"]],
        "dateBase": base.date().isoformat(),
        "detail": n <= detail_limit,
        "detailLimit": detail_limit,
    }
    if n <= detail_limit:
        payload["text"] = {
            "description": incidents["description"].fillna("").astype(str).tolist(),
            "id": incidents["incident_id"].astype(str).tolist(),
        }
        payload["text"].update(_provenance(incidents))
    return payload


def _provenance(incidents: pd.DataFrame) -> dict[str, list[str]]:
    """Which file an imported incident came from and which others it likely
    duplicates: present only when the data has those columns (imports)."""
    return {
        key: incidents[column].fillna("").astype(str).tolist()
        for key, column in (("file", "source_file"), ("duplicates", "likely_duplicate_of"))
        if column in incidents.columns
    }
