"""Many incidents: above 10,000 in view the map draws counts per grid cell (who
most of a cell's incidents are by on hover), and the incidents themselves once
zooming in brings the number in view below that; playback counts hold either way."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from engine.filters import IncidentFilter
from engine.mapping.map_build import MapOptions
from engine.mapping.palette import actor_palette
from engine.playback import Playback, frame_counts, frames_for
from engine.slides.export import export_snapshot
from engine.slides.snapshot import SnapshotOptions

KABUL, KARACHI = (34.53, 69.17), (24.86, 67.01)


def _crowd(n: int, centre: tuple[float, float], actor: str, seed: int) -> pd.DataFrame:
    """Synthetic incidents for the test only (not real): ``n`` around ``centre``."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "incident_id": [f"T{seed}-{i}" for i in range(n)],
            "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 90, n), unit="D"),
            "date_precision": "day",
            "actor": actor,
            "actor2": "",
            "event_type": "Bombing",
            "location": "test",
            "admin1": "",
            "country": "Afghanistan",
            "latitude": centre[0] + rng.normal(0, 0.02, n),
            "longitude": centre[1] + rng.normal(0, 0.02, n),
            "geo_precision": "town",
            "fatalities": pd.array(rng.integers(0, 5, n), dtype="Int64"),
            "injured": pd.array([pd.NA] * n, dtype="Int64"),
            "description": "synthetic",
            "source": "test",
            "source_url": "",
            "status": "confirmed",
        }
    )


@pytest.fixture(scope="module")
def crowd():
    return pd.concat(
        [_crowd(24_000, KABUL, "Actor A", 1), _crowd(6_000, KARACHI, "Actor B", 2)],
        ignore_index=True,
    )


def _open(browser, tmp_path, crowd, playback=None):
    palette = actor_palette(["Actor A", "Actor B"])
    page_html = export_snapshot(
        crowd,
        palette,
        IncidentFilter(),
        MapOptions(playback=playback),
        SnapshotOptions(print_mode=False, timeline=False),
        "html",
    )
    path = tmp_path / "crowd.html"
    path.write_bytes(page_html)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort()
    )
    page.goto(path.as_uri())
    page.wait_for_function(
        "() => { const c = document.querySelector('canvas.incident-canvas');"
        " return c && c.dataset.total == '30000'; }"
    )
    return page


def _canvas(page) -> dict:
    return page.evaluate("() => ({...document.querySelector('canvas.incident-canvas').dataset})")


def _hover(page, lat: float, lon: float) -> str:
    """Move the mouse onto (lat, lon) until the map answers with a tooltip: the map
    may still be settling into its frame (a refit moves every cell)."""
    page.evaluate(
        "() => { const l = L.incidentMap.last;"
        " if (l._tooltip) { l._map.removeLayer(l._tooltip); l._tooltip = null; } }"
    )
    for _ in range(40):
        x, y = page.evaluate(
            """([lat, lon]) => { const map = L.incidentMap.last._map;
            const box = map.getContainer().getBoundingClientRect();
            const p = map.latLngToContainerPoint([lat, lon]);
            return [box.x + p.x, box.y + p.y]; }""",
            [lat, lon],
        )
        page.mouse.move(x - 2, y)
        page.mouse.move(x, y)
        # A removed tooltip fades out for 200 ms before it leaves the page.
        tip = page.evaluate(
            "() => [...document.querySelectorAll('.leaflet-tooltip')]"
            ".filter(t => getComputedStyle(t).opacity !== '0')"
            ".map(t => t.innerText).join(' | ')"
        )
        if "incidents here" in tip:
            return tip
        page.wait_for_timeout(250)
    raise AssertionError(f"no tooltip at {lat}, {lon}")


def test_cells_at_low_zoom_then_incidents_when_zoomed_in(browser, tmp_path, crowd):
    page = _open(browser, tmp_path, crowd)
    shown = _canvas(page)
    assert shown["mode"] == "bins" and shown["drawn"] == "30000" and int(shown["bins"]) >= 2
    assert "most by Actor A" in _hover(page, *KABUL)
    assert "most by Actor B" in _hover(page, *KARACHI)
    legend = page.locator(".bin-legend").inner_text()
    assert "Incidents per cell" in legend and "30000 incidents in view" in legend
    page.evaluate(
        f"() => {{ L.incidentMap.last._map.setView([{KARACHI[0]}, {KARACHI[1]}], 9, "
        "{animate: false}); }"
    )
    page.wait_for_function(
        "() => document.querySelector('canvas.incident-canvas').dataset.mode === 'incidents'"
    )
    assert _canvas(page)["drawn"] == "6000"  # Karachi's, and none of Kabul's
    assert page.locator(".bin-legend").count() == 0
    page.close()


def test_playback_counts_hold_while_cells_are_drawn(browser, tmp_path, crowd):
    playback = Playback(step="month", cumulative=True)
    page = _open(browser, tmp_path, crowd, playback)
    expected = frame_counts(crowd["date"], frames_for(crowd["date"], playback), True)
    # the standalone file carries the player itself
    assert page.locator(".incident-player-buttons button").count() == 5
    for k, count in enumerate(expected):
        page.evaluate(f"() => L.incidentMap.last.setFrame({k})")
        shown = _canvas(page)
        assert (shown["frame"], int(shown["drawn"])) == (str(k), count)
        assert shown["mode"] == ("bins" if count > 10_000 else "incidents")
    page.close()


def test_cells_name_hostile_actors_as_text(page, tmp_path):
    """Grid cells' tooltips and legend with actor names that are payloads: shown as
    typed, nothing run or fetched (the ``page`` wrapper records dialogs and requests)."""
    from tests.support.hostile import MARKDOWN_PAYLOADS, TEMPLATE_PAYLOADS, XSS_PAYLOADS

    actors = XSS_PAYLOADS[4:13] + TEMPLATE_PAYLOADS[:2] + MARKDOWN_PAYLOADS[:1]
    places = [(30.0 + 2 * (i // 4), 62.0 + 3 * (i % 4)) for i in range(len(actors))]
    crowd = pd.concat(
        [
            _crowd(1_000, place, actor, i)
            for i, (place, actor) in enumerate(zip(places, actors, strict=False))
        ],
        ignore_index=True,
    )
    html = export_snapshot(
        crowd,
        actor_palette(actors),
        IncidentFilter(),
        MapOptions(playback=Playback(step="month", cumulative=True)),
        SnapshotOptions(print_mode=False, timeline=False),
        "html",
    )
    path = tmp_path / "hostile-cells.html"
    path.write_bytes(html)
    page.page.goto(path.as_uri())
    page.page.wait_for_function(
        "() => document.querySelector('canvas.incident-canvas')?.dataset.total === '12000'"
    )
    page.page.evaluate("() => L.incidentMap.last.setFrame(2)")  # up to March: all of them
    assert _canvas(page.page)["drawn"] == "12000" and _canvas(page.page)["mode"] == "bins"
    for place, actor in zip(places, actors, strict=False):
        assert f"most by {actor}" in _hover(page.page, *place)
    legend = page.page.locator(".incident-legend:not(.bin-legend)").inner_text()
    assert all(actor in legend for actor in actors[:10]) and "2 other actors" in legend
    # A long legend over the player scrolls rather than climbing over the date stamp.
    gap = page.page.evaluate("""() => document.querySelector('.incident-legend:not(.bin-legend)')
        .getBoundingClientRect().top - L.incidentMap.last._map._controlCorners.topright
        .getBoundingClientRect().bottom""")
    assert gap >= 0
    assert page.page.locator(".leaflet-tooltip img, .incident-legend img, svg[onload]").count() == 0
    page.page.wait_for_timeout(300)
    assert page.dialogs == [] and page.external == []
