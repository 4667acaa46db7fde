"""The snapshot page: titles, subtitles, escaping, and that it is self-contained."""

from __future__ import annotations

import re
from datetime import UTC, date

import pytest

from engine.filters import IncidentFilter, apply_filters
from engine.mapping.assets import missing_assets
from engine.mapping.boundaries import extract_topology, iso3_of, tidy_topology
from engine.mapping.map_build import MapOptions, incident_bounds
from engine.mapping.view import MapView
from engine.slides.snapshot import (
    SnapshotOptions,
    deadliest_table,
    default_title,
    month_span,
    short_actor,
    snapshot_page,
    subtitle,
    timeline_svg,
)
from incidents.io import load_incidents
from tests.support import FIXTURES

needs_assets = pytest.mark.skipif(bool(missing_assets()), reason="front-end files not installed")


ISISK = "Islamic State Khorasan Province (ISIS-K)"


def test_default_title_names_the_actor_and_the_months(incidents):
    spec = IncidentFilter(actors=(ISISK,), end=date(2021, 12, 31))
    assert default_title(apply_filters(incidents, spec), spec) == "ISIS-K incidents, Aug–Dec 2021"


def test_default_title_without_an_actor_filter_counts_the_actors(incidents):
    title = default_title(incidents, IncidentFilter())
    assert title.startswith("Incidents, Aug 2021–")


@pytest.mark.parametrize(
    "first,last,expected",
    [
        (date(2021, 8, 26), date(2021, 8, 30), "Aug 2021"),
        (date(2021, 8, 26), date(2021, 12, 1), "Aug–Dec 2021"),
        (date(2021, 8, 26), date(2022, 3, 1), "Aug 2021–Mar 2022"),
    ],
)
def test_month_span(first, last, expected):
    assert month_span(first, last) == expected


def test_short_actor_takes_the_abbreviation():
    assert short_actor(ISISK) == "ISIS-K"
    assert short_actor("Unidentified") == "Unidentified"


def test_subtitle_lists_dates_filters_and_totals(incidents):
    spec = IncidentFilter(start=date(2022, 1, 1), end=date(2022, 12, 31), min_fatalities=10)
    shown = apply_filters(incidents, spec)
    text = subtitle(shown, spec)
    assert text.startswith("01 Jan 2022 – 31 Dec 2022")
    assert "at least 10 killed" in text
    assert f"{len(shown)} incidents" in text
    assert "2022-01-01 to" not in text  # the range is said once


def test_table_and_timeline_escape_incident_text(palette):
    hostile = load_incidents(FIXTURES / "xss_incidents.csv").incidents
    table = deadliest_table(hostile)
    assert "Test actor &lt;b&gt;bold&lt;/b&gt;" in table
    assert "<b>" not in table
    svg = timeline_svg(hostile, palette)
    assert svg.startswith("<svg") and "<script" not in svg


def test_timeline_stacks_months_in_actor_colours(incidents, palette):
    svg = timeline_svg(incidents, palette)
    assert palette[ISISK] in svg
    assert len(re.findall("<rect", svg)) >= 20


def test_one_incident_still_shows_its_region():
    one = load_incidents(FIXTURES / "snapshot_incidents.csv").incidents.head(1)
    (south, west), (north, east) = incident_bounds(one)
    assert north - south >= 3 and east - west >= 3


@needs_assets
def test_snapshot_page_is_self_contained_and_escaped(incidents, palette):
    spec = IncidentFilter(actors=(ISISK,))
    page = snapshot_page(
        apply_filters(incidents, spec),
        palette,
        spec,
        MapOptions(),
        SnapshotOptions(title="<script>alert(1)</script> brief", table=True),
    )
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert "/app/static" not in page
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; brief</h1>" in page
    assert "Made " in page and "Natural Earth" in page
    assert "topojson.mesh" in page  # province borders travel with the page


def test_admin1_data_is_tidied():
    script = (
        'var x = 1; Datamap.prototype.pakTopo = {"type":"Topology","objects":{"pak":'
        '{"type":"GeometryCollection","geometries":['
        '{"type":"Polygon","properties":{"name":"N.W.F.P."},"arcs":[[0]]},'
        '{"type":"Polygon","properties":{"name":"F.A.T.A."},"arcs":[[1]]},'
        '{"type":"Polygon","properties":{"name":"Punjab"},"arcs":[[2]]}]}},"arcs":[]};'
    )
    iso3, topology = extract_topology(script)
    tidy = tidy_topology(iso3, topology)
    props = [g["properties"] for g in tidy["objects"]["admin1"]["geometries"]]
    assert iso3 == "PAK"
    assert props[0] == props[1] == {"name": "Khyber Pakhtunkhwa", "group": "Khyber Pakhtunkhwa"}
    assert props[2] == {"name": "Punjab", "group": "2"}


def test_provinces_split_off_in_2004_get_their_names():
    # Two quantised, delta-encoded arcs: a southern and a northern area, both "Uruzgan".
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.01, 0.01], "translate": [66.0, 32.0]},
        "arcs": [[[0, 50], [10, 0], [0, 10], [-10, -10]], [[0, 170], [10, 0], [0, 10], [-10, -10]]],
        "objects": {
            "afg": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "MultiPolygon", "properties": {"name": "Uruzgan"}, "arcs": [[[1]]]},
                    {"type": "Polygon", "properties": {"name": "Uruzgan"}, "arcs": [[0]]},
                ],
            }
        },
    }
    geometries = tidy_topology("AFG", topology)["objects"]["admin1"]["geometries"]
    assert [g["properties"]["name"] for g in geometries] == ["Daykundi", "Uruzgan"]
    pak = {
        "type": "Topology",
        "arcs": [[[0, 0], [1, 1]]],
        "objects": {
            "pak": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "properties": {"name": "Uruzgan"}, "arcs": [[0]]}
                ],
            }
        },
    }
    assert (
        tidy_topology("PAK", pak)["objects"]["admin1"]["geometries"][0]["properties"]["name"]
        == "Uruzgan"
    ), "only where the split happened, and only with two pieces"


def test_installed_afghan_provinces_are_the_34_of_today():
    import json

    from engine.mapping.assets import ADMIN1_DIR

    afg = json.loads((ADMIN1_DIR / "AFG.json").read_text(encoding="utf-8"))
    names = {g["properties"]["name"] for g in afg["objects"]["admin1"]["geometries"]}
    assert len(names) == 34 and {"Daykundi", "Panjshir", "Uruzgan", "Parwan"} <= names


def test_country_names_and_codes_map_to_iso3():
    assert iso3_of("Afghanistan") == "AFG"
    assert iso3_of("pk") == "PAK"
    assert iso3_of("Atlantis") is None


def test_fingerprint_changes_with_what_the_snapshot_shows(incidents):
    from engine.slides.export import snapshot_fingerprint
    from engine.view import View

    view, chosen = View(), SnapshotOptions()
    base = snapshot_fingerprint(incidents, view, chosen, "png")
    assert snapshot_fingerprint(incidents.copy(), view, chosen, "png") == base
    edited = incidents.copy()
    edited.loc[0, "fatalities"] = 1
    changes = [
        snapshot_fingerprint(edited, view, chosen, "png"),
        snapshot_fingerprint(incidents.head(5), view, chosen, "png"),
        snapshot_fingerprint(
            incidents, view, SnapshotOptions(bounds=((30.0, 60.0), (35.0, 70.0))), "png"
        ),
        snapshot_fingerprint(incidents, view, SnapshotOptions(title="Other"), "png"),
        snapshot_fingerprint(incidents, view, chosen, "pdf"),
        snapshot_fingerprint(
            incidents, View(filter=IncidentFilter(min_fatalities=5)), chosen, "png"
        ),
        snapshot_fingerprint(incidents, View(map=MapView(layers=frozenset())), chosen, "png"),
        snapshot_fingerprint(incidents, view, SnapshotOptions(online_tiles=True), "png"),
    ]
    assert base not in changes and len(set(changes)) == len(changes)


@needs_assets
def test_a_snapshot_of_a_paused_frame_says_which_window_it_shows(incidents, palette):
    import base64
    import json

    from engine.playback import Playback

    playback = Playback(step="month", window="3M", at=date(2022, 1, 31))
    page = snapshot_page(
        incidents,
        palette,
        IncidentFilter(),
        MapOptions(playback=playback),
        SnapshotOptions(print_mode=True),
    )
    assert (
        "Frame shown: January 2022: incidents 2021-11-01 to 2022-01-31 · "
        f"{int(((incidents['date'] >= '2021-11-01') & (incidents['date'] <= '2022-01-31')).sum())}"
        " drawn"
    ) in page
    assert 'class="window"' in page  # the side timeline shades the frame's months
    sent = re.search(
        r'\{play: JSON\.parse\(new TextDecoder\(\)\.decode\(Uint8Array\.from\(atob\("'
        r'([A-Za-z0-9+/=]+)"\)',
        page,
    )
    play = json.loads(base64.b64decode(sent.group(1)))
    assert play["labels"][play["at"]] == "January 2022"


def test_a_standalone_page_carries_its_district_shapes():
    """Counts per district work from a file: the district polygons travel in the page."""
    from datetime import datetime

    from engine.filters import IncidentFilter
    from engine.mapping.map_build import MapOptions
    from engine.mapping.palette import actor_palette
    from engine.slides.snapshot import SnapshotOptions, snapshot_page
    from incidents.io import load_incidents
    from tests.support import ROOT

    shown = load_incidents(ROOT / "data" / "incidents.csv").incidents
    page = snapshot_page(
        shown,
        actor_palette(shown["actor"].unique()),
        IncidentFilter(),
        MapOptions(layers=frozenset({"incidents", "districts"}), standalone=True),
        SnapshotOptions(made_at=datetime.now(UTC), print_mode=False),
    )
    assert "Counts per district" in page
    assert '"FeatureCollection"' in page and "Nad-e-Ali" in page
    assert "/app/static/vendor/districts/" not in page
