"""Exported snapshots, opened and checked: PNG pixels against the map projection,
the PDF's page and text, the standalone HTML drawn in Chromium with no network."""

from __future__ import annotations

import io
import math
import re
import subprocess
import sys
from collections import Counter

import pytest
from PIL import Image

from engine.filters import IncidentFilter
from engine.mapping.map_build import MapOptions
from engine.mapping.palette import actor_palette
from engine.slides.export import export_snapshot
from engine.slides.render import render
from engine.slides.snapshot import SnapshotOptions, snapshot_page
from incidents.io import load_incidents
from tests.e2e.conftest import ARTIFACTS
from tests.support import FIXTURES, ROOT

DATA = FIXTURES / "snapshot_incidents.csv"
LAND, SEA = (0xF5, 0xF2, 0xEA), (0xDF, 0xE8, 0xEF)


pytestmark = pytest.mark.usefixtures("exports_use_debian_chromium")


@pytest.fixture(scope="module")
def incidents():
    return load_incidents(DATA).incidents


# The fixture's groups are made up, so the registry gives them colours of their own
# names, which may lie close together; these tests tell markers apart by colour, so
# they draw each group in a colour of the registry's, far apart.
FIXTURE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00")


@pytest.fixture(scope="module")
def palette(incidents):
    names = incidents["actor"].value_counts().index
    return dict(zip(names, FIXTURE_COLOURS, strict=False)) | {
        n: c for n, c in actor_palette(names[len(FIXTURE_COLOURS) :]).items()
    }


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _mercator(lat: float, lon: float) -> tuple[float, float]:
    phi = math.radians(lat)
    return (lon + 180) / 360, (1 - math.log(math.tan(phi) + 1 / math.cos(phi)) / math.pi) / 2


def expected_pixel(layout: dict, lat: float, lon: float, scale: int) -> tuple[int, int]:
    """Where Web Mercator puts (lat, lon) inside the rendered map box."""
    x0, y0, width, height = layout["map"]
    south, west, north, east = layout["bounds"]
    left, top = _mercator(north, west)
    right, bottom = _mercator(south, east)
    x, y = _mercator(lat, lon)
    return (
        round((x0 + (x - left) / (right - left) * width) * scale),
        round((y0 + (y - top) / (bottom - top) * height) * scale),
    )


def nearest(pixel, candidates: dict[str, tuple[int, int, int]]) -> str:
    return min(
        candidates,
        key=lambda k: sum((a - b) ** 2 for a, b in zip(pixel[:3], candidates[k], strict=False)),
    )


def dominant_class(image: Image.Image, centre, candidates, half: int) -> str:
    """The candidate colour most pixels of a small square are closest to (city labels
    may cross a marker; most of its pixels are still the marker's)."""
    votes = Counter(
        nearest(image.getpixel((centre[0] + dx, centre[1] + dy)), candidates)
        for dx in range(-half, half + 1)
        for dy in range(-half, half + 1)
    )
    return votes.most_common(1)[0][0]


def _render_png(incidents, palette, scale=1, **options):
    page = snapshot_page(
        incidents, palette, IncidentFilter(), MapOptions(), SnapshotOptions(scale=scale, **options)
    )
    return render(page, "png", scale=scale)


@pytest.mark.parametrize("scale", [1, 2])
def test_png_has_slide_size_and_markers_where_the_incidents_are(
    incidents, palette, scale, tmp_path
):
    rendered = _render_png(incidents, palette, scale, title="Test brief")
    path = tmp_path / "snapshot.png"
    path.write_bytes(rendered.content)
    image = Image.open(path).convert("RGB")
    assert image.size == (1920 * scale, 1080 * scale)
    candidates = {actor: _rgb(colour) for actor, colour in palette.items()} | {
        "land": LAND,
        "sea": SEA,
    }
    for _, row in incidents.iterrows():
        centre = expected_pixel(rendered.layout, row["latitude"], row["longitude"], scale)
        assert dominant_class(image, centre, candidates, 4 * scale) == row["actor"], row[
            "incident_id"
        ]
    # and not everywhere: a point between markers is map, not marker
    empty = expected_pixel(rendered.layout, 32.5, 68.5, scale)
    assert dominant_class(image, empty, candidates, 2) in ("land", "sea")
    if scale == 1:
        ARTIFACTS.mkdir(exist_ok=True)
        image.save(ARTIFACTS / "snapshot.png")


def test_a_map_without_the_incident_layer_still_renders_what_it_shows(incidents, palette):
    """Only the heat map on: no incident canvas is on the map, and the page must not
    wait for one (it did, and the snapshot failed as "the map did not draw")."""
    page = snapshot_page(
        incidents,
        palette,
        IncidentFilter(),
        MapOptions(layers=frozenset({"heat"})),
        SnapshotOptions(timeline=False),
    )
    rendered = render(page, "png")
    image = Image.open(io.BytesIO(rendered.content)).convert("RGB")
    x, y, w, h = (round(v) for v in rendered.layout["map"])
    vivid = [  # the heat's blues, greens and reds; land, sea and borders are greys
        px for px in image.crop((x, y, x + w, y + h)).get_flattened_data() if max(px) - min(px) > 80
    ]
    assert len(vivid) > 5000, "no heat drawn"


def test_png_shows_the_title_and_the_legend_colours(incidents, palette):
    rendered = _render_png(incidents, palette, title="Test brief")
    image = Image.open(io.BytesIO(rendered.content)).convert("RGB")
    x, y, w, h = (round(v) for v in rendered.layout["title"])
    dark = sum(1 for px in image.crop((x, y, x + w, y + h)).get_flattened_data() if sum(px) < 150)
    assert dark > 300, "no title text drawn"
    x, y, w, h = (round(v) for v in rendered.layout["legend"])
    legend = set(image.crop((x, y, x + w, y + h)).get_flattened_data())
    for actor, colour in palette.items():
        target = _rgb(colour)
        assert any(
            sum(abs(a - b) for a, b in zip(px, target, strict=False)) < 30 for px in legend
        ), actor


def test_pdf_is_one_page_with_the_title_as_text(incidents, palette, tmp_path):
    from pypdf import PdfReader

    content = export_snapshot(
        incidents,
        palette,
        IncidentFilter(),
        MapOptions(),
        SnapshotOptions(title="Daily brief: test region"),
        "pdf",
    )
    path = tmp_path / "snapshot.pdf"
    path.write_bytes(content)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Daily brief: test region" in text
    assert "Alpha Front" in text  # the legend is text too
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width / height - 16 / 9) < 0.02


def test_standalone_html_works_from_a_file_with_the_network_blocked(
    incidents, palette, browser, tmp_path
):
    content = export_snapshot(
        incidents,
        palette,
        IncidentFilter(),
        MapOptions(),
        SnapshotOptions(title="Offline file"),
        "html",
    )
    text = content.decode("utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", text)
    assert not re.search(r"<link[^>]*\bhref\s*=", text)
    assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", text)  # no remote CSS images
    assert "@import" not in text
    path = tmp_path / "snapshot.html"
    path.write_bytes(content)

    page = browser.new_page(viewport={"width": 1600, "height": 900})
    requested: list[str] = []

    def route(request_route):
        requested.append(request_route.request.url)
        if request_route.request.url.startswith("file://"):
            request_route.continue_()
        else:
            request_route.abort()

    page.route("**/*", route)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_selector("canvas.incident-canvas", state="attached")
    page.wait_for_function(
        "() => document.querySelector('canvas.incident-canvas').dataset.drawn == 4"
    )
    assert page.locator(".leaflet-control-layers").count() == 1  # still a working map
    # province lines travelled with the file
    page.wait_for_function("""() => L.incidentMap.last._map._incidentLayers
        .filter(e => e.name === 'Province borders')[0].layer.getLayers().length > 0""")
    # the popup of the hostile incident shows its text and runs nothing
    x, y = page.evaluate("""() => { const layer = L.incidentMap.last;
        const box = layer._map.getContainer().getBoundingClientRect();
        const p = L.incidentMap.position(layer, 3);
        return [box.x + p[0], box.y + p[1]]; }""")
    page.mouse.click(x, y)
    page.wait_for_selector(".incident-popup")
    assert "<img src=x onerror=alert(1)>" in page.locator(".incident-popup").first.inner_text()
    assert dialogs == []
    assert [u for u in requested if not u.startswith("file://")] == []
    page.close()


# After every test that renders with its own Playwright: this one drives the
# module's ``browser`` (a sync Playwright running) and cannot share the thread.
def test_the_marker_key_shows_only_while_the_markers_do(incidents, palette, browser, tmp_path):
    key = (
        "() => getComputedStyle(document.querySelector('.incident-legend .legend-section')).display"
    )
    shown = {}
    for layers in ({"heat"}, {"incidents", "heat"}):
        path = tmp_path / "page.html"
        path.write_bytes(
            export_snapshot(
                incidents,
                palette,
                IncidentFilter(),
                MapOptions(layers=frozenset(layers)),
                SnapshotOptions(),
                "html",
            )
        )
        page = browser.new_page()
        page.goto(path.as_uri())
        page.wait_for_function("() => document.querySelector('.incident-legend .legend-section')")
        shown[frozenset(layers)] = page.evaluate(key)
        page.close()
    assert shown == {frozenset({"heat"}): "none", frozenset({"incidents", "heat"}): "block"}


def test_snapshot_command_writes_a_png(tmp_path, chromium_path):
    out = tmp_path / "brief.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "snapshot",
            "--data",
            str(DATA),
            "--actor",
            "Alpha Front",
            "--title",
            "Alpha Front brief",
            "--scale",
            "2",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"INCIDENT_MAP_CHROMIUM": chromium_path, "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert "2 incidents" in done.stdout
    assert Image.open(out).size == (3840, 2160)
