"""The project's own data: valid, sourced, and carrying the founding incidents."""

from __future__ import annotations

import pandas as pd

from incidents.io import load_incidents
from tests.support import ROOT

DATA = ROOT / "data"


def test_project_data_is_valid_and_complete():
    result = load_incidents(DATA / "incidents.csv")
    assert result.problems == []
    incidents = result.incidents
    assert len(incidents) >= 30
    for column in ("actor", "event_type", "location", "country", "description", "source"):
        assert (incidents[column] != "").all(), f"every incident has a {column}"
    assert incidents["source_url"].str.startswith("https://").all()
    assert incidents[["latitude", "longitude"]].notna().all().all()
    assert (incidents["geo_precision"] != "unknown").all()


def test_raw_file_has_place_names_but_no_coordinates():
    raw = pd.read_csv(DATA / "incidents_raw.csv")
    assert "latitude" not in raw.columns and "longitude" not in raw.columns
    assert raw["location"].notna().all()


def test_founding_incidents():
    incidents = load_incidents(DATA / "incidents.csv").incidents
    day = incidents["date"].dt.strftime("%Y-%m-%d")
    airport = incidents[(day == "2021-08-26") & incidents["location"].str.contains("Abbey Gate")]
    assert len(airport) == 1
    airport = airport.iloc[0]
    assert "ISIS-K" in airport["actor"] and airport["fatalities"] == 72
    assert "170" in airport["description"], "later counts are recorded with their source"
    kandahar = incidents[(day == "2021-10-15") & incidents["location"].str.contains("Kandahar")]
    assert len(kandahar) == 1 and "ISIS-K" in kandahar.iloc[0]["actor"]
    assert kandahar.iloc[0]["fatalities"] >= 24  # "dozens"
