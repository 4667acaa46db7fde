"""CSV and GeoJSON downloads carry exactly the filtered incidents."""

from __future__ import annotations

import io
import json

import pandas as pd

from engine.filters import IncidentFilter, apply_filters
from incidents.exports import to_csv, to_geojson
from incidents.io import load_incidents
from incidents.schema import COLUMNS
from tests.support import FIXTURES, ROOT


def project():
    return load_incidents(ROOT / "data" / "incidents.csv").incidents


def test_csv_round_trips_the_filtered_rows():
    chosen = apply_filters(project(), IncidentFilter(countries=("Pakistan",)))
    table = pd.read_csv(io.BytesIO(to_csv(chosen)), dtype=str, keep_default_na=False)
    assert list(table.columns)[: len(COLUMNS)] == list(COLUMNS)
    assert "actor_as_written" in table.columns  # the file's own spelling, kept beside
    assert list(table["incident_id"]) == list(chosen["incident_id"])
    assert (table["country"] == "Pakistan").all()
    refugees_like = table[table["fatalities"] == ""]
    assert len(refugees_like) == int(chosen["fatalities"].isna().sum())


def test_geojson_points_and_unknowns():
    chosen = apply_filters(project(), IncidentFilter(min_fatalities=40))
    data = json.loads(to_geojson(chosen))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == len(chosen)
    first = data["features"][0]
    assert first["geometry"]["type"] == "Point"
    lon, lat = first["geometry"]["coordinates"]
    assert -90 <= lat <= 90 and 60 <= lon <= 75
    assert all(f["properties"]["fatalities"] >= 40 for f in data["features"])


def test_geojson_keeps_rows_without_coordinates():
    incidents = load_incidents(FIXTURES / "bad_incidents.csv").incidents
    data = json.loads(to_geojson(incidents))
    geometries = {f["properties"]["incident_id"]: f["geometry"] for f in data["features"]}
    assert geometries["T-7"] is None and geometries["T-1"]["type"] == "Point"
    assert data["features"][1]["properties"]["fatalities"] is None
