"""Map building: the payload, the elements, and what the page will request."""

from __future__ import annotations

import base64
import math
import re

import numpy as np
import pandas as pd

from engine.mapping.map_build import MapOptions, area_counts, build_map, legend_entries
from engine.mapping.map_payload import encode_incidents
from engine.mapping.palette import UNKNOWN_COLOR, actor_palette
from incidents.io import load_incidents
from tests.support import FIXTURES, embedded_data

DTYPES = {"u1": "<u1", "u2": "<u2", "u4": "<u4"}


def decode(payload, name):
    column = payload["cols"][name]
    return np.frombuffer(base64.b64decode(column["b"]), dtype=DTYPES[column["t"]])


def test_payload_round_trips_positions_and_counts(incidents, palette):
    payload = encode_incidents(incidents, palette)
    south, north, west, east = payload["bbox"]
    lat = south + (north - south) * decode(payload, "lat") / 65535
    lon = west + (east - west) * decode(payload, "lon") / 65535
    assert np.allclose(lat, incidents["latitude"], atol=1e-3)
    assert np.allclose(lon, incidents["longitude"], atol=1e-3)
    killed = decode(payload, "fatalities")
    unknown = killed == payload["nulls"]["fatalities"]
    assert list(unknown) == list(incidents["fatalities"].isna())
    assert list(killed[~unknown]) == list(incidents["fatalities"].dropna())
    actors = [payload["tables"]["actor"][i] for i in decode(payload, "actor")]
    assert actors == list(incidents["actor"])
    assert payload["text"]["description"][0] == incidents["description"].iloc[0]


def test_large_payloads_leave_descriptions_to_the_table(incidents, palette):
    payload = encode_incidents(incidents, palette, detail_limit=10)
    assert payload["detail"] is False and "text" not in payload
    assert payload["n"] == len(incidents)


def test_imported_incidents_carry_their_file_and_likely_duplicates(incidents, palette):
    assert set(encode_incidents(incidents, palette)["text"]) == {"description", "id"}
    imported = incidents.head(2).assign(
        source_file="acled.csv", likely_duplicate_of=["acled:9", None]
    )
    text = encode_incidents(imported, palette)["text"]
    assert text["file"] == ["acled.csv", "acled.csv"]
    assert text["duplicates"] == ["acled:9", ""]


def test_actor_colours_follow_identity_not_rank_and_unclaimed_is_grey():
    palette = actor_palette(["BLA", "Unidentified", "ISIS-K", "IS", "Some new group"])
    assert palette["ISIS-K"] == palette["IS"] == "#0072B2"  # one identity, one colour
    assert palette["BLA"] == "#E69F00" and palette["Unidentified"] == UNKNOWN_COLOR
    assert actor_palette(["ISIS-K"])["ISIS-K"] == "#0072B2"  # alone or first, the same
    assert palette["Some new group"] not in (UNKNOWN_COLOR, "#B0B0B0")
    assert actor_palette(["Some new group"]) == {"Some new group": palette["Some new group"]}


def test_map_requests_nothing_from_other_hosts(incidents, palette):
    html = build_map(incidents, palette).get_root().render()
    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert references and all(r.startswith("/app/static/") for r in references)
    assert "tile.openstreetmap.org" not in html


def test_online_tiles_only_when_asked(incidents, palette):
    html = build_map(incidents, palette, MapOptions(online_tiles=True)).get_root().render()
    assert "tile.openstreetmap.org" in html


def test_untrusted_text_cannot_close_the_script(palette):
    incidents = load_incidents(FIXTURES / "xss_incidents.csv").incidents
    incidents = incidents.assign(description="</script><script>alert(1)</script>")
    html = build_map(incidents, palette).get_root().render()
    assert "</script><script>alert(1)" not in html and "alert(1)" not in html
    payload = next(d for d in embedded_data(html) if isinstance(d, dict) and "text" in d)
    assert payload["text"]["description"] == ["</script><script>alert(1)</script>"]


def test_legend_and_area_counts(incidents, palette):
    entries = legend_entries(incidents, palette)
    assert entries[0] == ("Islamic State Khorasan Province (ISIS-K)", "#0072B2", 16)
    areas = {name: count for name, _, _, count in area_counts(incidents)}
    assert areas["Kabul"] == int((incidents["admin1"] == "Kabul").sum()) == 9
    assert sum(areas.values()) == len(incidents)


def test_map_without_incidents_still_builds(palette, incidents):
    fmap = build_map(incidents.iloc[0:0], palette)
    assert "L.incidentMap.canvas" in fmap.get_root().render()


def test_rows_without_coordinates_are_left_off_the_map(palette):
    incidents = load_incidents(FIXTURES / "bad_incidents.csv").incidents
    html = build_map(incidents, palette).get_root().render()
    assert [d["n"] for d in embedded_data(html) if isinstance(d, dict) and "n" in d] == [1]


def test_city_labels_name_where_the_incidents_are_without_overlapping(incidents):
    from engine.mapping.basemap import _label_box, _overlap, major_cities
    from engine.mapping.map_build import incident_bounds, widened_to_map

    (south, west), (north, east) = widened_to_map(incident_bounds(incidents))
    assert east - west > 1.4 * (north - south), "widened to the map's shape"
    box = (south, north, west, east)
    near = list(zip(incidents["latitude"], incidents["longitude"], strict=False))
    cities = major_cities(*box, prefer={"AFG", "PAK"}, near=near)
    names = [c[0] for c in cities]
    assert names[:2] == ["Kabul", "Islamabad"], "capitals first"
    assert {"Peshawar", "Quetta", "Kandahar", "Karachi", "Mazar-e Sharif"} <= set(names), names
    assert len(cities) == 18 and not {"Jodhpur", "Srinagar", "Zahedan"} & set(names), (
        "the incidents' countries are labelled before their neighbours"
    )
    assert {c[3] for c in cities} == {"left", "right"}
    without_incidents = [c[0] for c in major_cities(*box, prefer={"AFG", "PAK"})]
    assert "Chaman" in names and "Chaman" not in without_incidents
    # No two labels overlap in the map's pixels.
    scale = 620 / (
        math.log(math.tan(math.pi / 4 + math.radians(north) / 2))
        - math.log(math.tan(math.pi / 4 + math.radians(south) / 2))
    )
    boxes = [
        _label_box(
            name,
            math.radians(lon) * scale,
            -math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * scale,
            side,
        )
        for name, lat, lon, side in cities
    ]
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert len(major_cities(*box, limit=100, height_px=2000)) > len(major_cities(*box, limit=100))
    assert major_cities(0.0, 1.0, 0.0, 1.0) == []


def test_counts_per_province_are_areas_where_boundaries_exist(incidents, palette):
    html = build_map(incidents, palette, MapOptions(layers=frozenset({"incidents", "areas"})))
    page = html.get_root().render()
    assert "L.incidentMap.provinceCounts(" in page and '"Counts per province"' in page
    elsewhere = incidents.head(3).assign(country="Atlantis")
    page = build_map(elsewhere, palette).get_root().render()
    assert "provinceCounts(" not in page and "province-count" in page, (
        "labelled circles by admin1 name where no boundaries are installed"
    )


def test_legend_counts_per_frame_add_up_to_what_each_frame_draws():
    """Twelve actors (ten named, two as "other actors") over a year of months: per
    frame the entries add up to the frame's count, and each entry's last cumulative
    frame is its whole count in the legend."""
    from engine.mapping.map_build import legend_frames
    from engine.playback import Playback, frame_counts, frames_for

    rng = np.random.default_rng(7)
    n = 600
    incidents = pd.DataFrame(
        {
            "actor": [f"Actor {i % 12}" if i % 5 else "Actor 0" for i in range(n)],
            "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D"),
        }
    )
    for cumulative in (False, True):
        playback = Playback(step="month", cumulative=cumulative)
        frames = legend_frames(incidents, playback)
        found = frames_for(incidents["date"], playback)
        assert len(frames) == 11 and all(len(f) == len(found) for f in frames)
        assert [sum(col) for col in zip(*frames, strict=False)] == frame_counts(
            incidents["date"], found, cumulative
        )
    entries = legend_entries(incidents, actor_palette(incidents["actor"].unique()))
    assert [f[-1] for f in frames] == [e[2] for e in entries]
    assert frames[0][-1] == (incidents["actor"] == "Actor 0").sum()
    assert legend_frames(incidents, None) is None


def test_every_layer_is_registered_under_its_declared_name(incidents, palette):
    """The layer control's names come from ``engine.mapping.layers``, one each."""
    from engine.mapping.layers import CATALOGUE, DEFAULT_LAYERS

    every = frozenset(layer.name for layer in CATALOGUE)
    page = build_map(incidents, palette, MapOptions(layers=every)).get_root().render()
    registered = re.findall(r'L\.incidentMap\.register\([^,]+, "([^"]+)"', page)
    assert sorted(set(registered)) == sorted(layer.label for layer in CATALOGUE)
    assert DEFAULT_LAYERS == {"incidents", "cities", "borders", "provinces"}


def test_the_map_names_the_countries_it_shows(incidents, palette):
    """Offline, the map drew borders but no country names."""
    from engine.mapping.assets import asset_path
    from engine.mapping.country_names import countries_in, country_labels

    labels = country_labels(asset_path("countries-50m.json"))
    named = {name: (lat, lon) for name, lat, lon in countries_in(labels, 23, 39, 58, 78)}
    assert {"Afghanistan", "Pakistan"} <= set(named)
    lat, lon = named["Afghanistan"]
    assert 31 < lat < 37 and 62 < lon < 70  # well inside, not on a border
    html = build_map(incidents, palette).get_root().render()
    payloads = [d for d in embedded_data(html) if isinstance(d, list)]
    assert any(
        row[:1] == ["Afghanistan"] for data in payloads for row in data if isinstance(row, list)
    )
