"""Hostile data in a real browser: 75 XSS payloads (plus template, formula and
Markdown payloads) in every text field, in the app and in the standalone HTML.

A payload that ran would open a dialog or request 203.0.113.7; the page wrapper
records both (``tests/e2e/conftest.py``).  Every marker is hovered and clicked, the
clustered and area views are opened, and the text shown is checked against the data.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from engine.filters import IncidentFilter
from engine.mapping.map_build import MapOptions
from engine.mapping.palette import actor_palette
from engine.slides.snapshot import SnapshotOptions, snapshot_page
from incidents.io import load_incidents
from tests.e2e.conftest import Server
from tests.support.hostile import (
    FORMULA_PAYLOADS,
    MARKDOWN_PAYLOADS,
    TEMPLATE_PAYLOADS,
    XSS_PAYLOADS,
    write_incidents,
)

PAYLOADS = XSS_PAYLOADS + TEMPLATE_PAYLOADS + FORMULA_PAYLOADS + MARKDOWN_PAYLOADS


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory):
    return write_incidents(tmp_path_factory.mktemp("hostile") / "hostile.csv", PAYLOADS)


@pytest.fixture(scope="module")
def hostile_server(hostile_file):
    server = Server(hostile_file)
    yield server
    server.stop()


def _every_marker(page, frame, box_of) -> list[str]:
    """Hover and click each incident drawn on the canvas; the tooltip texts shown."""
    layer = "L.incidentMap.last"
    count = frame.evaluate(f"() => {layer}.data.n")
    seen = []
    tooltip = frame.locator(".leaflet-tooltip:not(.province-count)").last
    for i in range(count):
        for _attempt in range(3):  # the map may still be settling from the last popup
            x, y = frame.evaluate(f"() => L.incidentMap.position({layer}, {i})")
            box = box_of()
            page.mouse.move(box["x"] + x, box["y"] + y)
            try:
                tooltip.wait_for(timeout=2_000)
                break
            except PlaywrightTimeout:
                page.mouse.move(0, 0)
        else:
            raise AssertionError(f"no tooltip over incident {i}")
        seen.append(tooltip.text_content())
        page.mouse.click(box["x"] + x, box["y"] + y)
        frame.locator(".incident-popup").first.wait_for(timeout=5_000)
        # The popup pans the map into view; the next position is read once it stops.
        frame.wait_for_function("""() => { const m = L.incidentMap.last._map;
            return !(m._panAnim && m._panAnim._inProgress) && !m._animatingZoom; }""")
        page.wait_for_timeout(50)
        assert (
            frame.locator(
                ".leaflet-popup-content img, .leaflet-popup-content script, "
                ".leaflet-popup-content iframe, .leaflet-tooltip img"
            ).count()
            == 0
        )
    return seen


def _open_clusters_and_areas(frame) -> dict:
    """Every clustered marker's tooltip and popup drawn on the map (as Leaflet draws
    them when the marker is hovered or clicked), and the area labels."""
    return frame.evaluate("""() => {
        const map = L.incidentMap.last._map;
        const found = {tooltips: [], popups: 0, areas: []};
        (map._incidentLayers || []).forEach(entry => {
            if (entry.name !== "Clustered markers") return;
            map.addLayer(entry.layer);
            entry.layer._inner.eachLayer(marker => {
                const tooltip = marker.getTooltip();
                tooltip.setLatLng(marker.getLatLng()).addTo(map);
                found.tooltips.push(tooltip.getElement().textContent);
                map.removeLayer(tooltip);
                marker.getPopup().setLatLng(marker.getLatLng()).openOn(map);
                if (marker.getPopup().getElement().querySelector(".incident-popup")) found.popups++;
            });
        });
        document.querySelectorAll(".province-count").forEach(n => found.areas.push(n.textContent));
        return found;
    }""")


def _clean(page) -> None:
    assert page.dialogs == [], f"a payload ran: {page.dialogs[:5]}"
    assert page.external == [], f"a payload requested {page.external[:5]}"


def test_the_harness_sees_a_dialog_and_an_outside_request(page, hostile_server):
    """Positive control: were a payload to run, these lists would not be empty."""
    page.page.goto(hostile_server.url)
    frame = page.map_frame()
    frame.evaluate("() => { alert('control'); new Image().src = 'http://203.0.113.7/c.png'; }")
    page.page.wait_for_timeout(500)
    assert page.dialogs == ["control"]
    assert any("203.0.113.7" in url for url in page.external)


def test_app_runs_no_payload_on_load_hover_popup_clusters_or_areas(page, hostile_server):
    data = load_incidents(hostile_server.data).incidents
    page.page.goto(hostile_server.url + "?layers=incidents,areas")
    frame = page.map_frame()
    frame.wait_for_function(
        f"() => L.incidentMap.last && L.incidentMap.last.data.n === {len(data)}", timeout=45_000
    )
    assert "at=" not in page.page.url, "a map that fitted itself puts no view in the link"
    _clean(page)
    shown = _every_marker(page.page, frame, page.map_box)
    expected = {
        f"{d:%Y-%m-%d} · {place}" for d, place in zip(data["date"], data["location"], strict=False)
    }
    assert len(shown) == len(data) and {s.split(" (+")[0] for s in shown} <= expected
    views = _open_clusters_and_areas(frame)
    assert views["popups"] == len(data)
    assert {t for t in views["tooltips"]} == expected
    assert len(views["areas"]) == data["admin1"].nunique(), "area labels show admin1 as text"
    assert set(a.rsplit(": ", 1)[0] for a in views["areas"]) == set(data["admin1"])
    page.page.wait_for_timeout(500)
    _clean(page)


def test_reflected_filter_and_search_in_the_link(page, hostile_server):
    country = "<svg onload=alert(13)>"
    query = (
        "?country="
        + country.replace(" ", "+").replace("<", "%3C").replace(">", "%3E")
        + "&layers=incidents,areas,clusters&q="
        + "%21%5Bbeacon%5D%28http%3A%2F%2F203.0.113.7%2Fmd.png%29+%5Blog+in%5D"
        "%28http%3A%2F%2F203.0.113.7%2Flogin%29"
    )
    page.page.goto(hostile_server.url + query)
    page.page.get_by_text("Showing", exact=False).first.wait_for(timeout=45_000)
    page.page.wait_for_timeout(2000)
    main = page.page
    assert main.locator("img[src*='203.0.113.7']").count() == 0
    assert main.locator("a[href*='203.0.113.7']").count() == 0
    shown = main.get_by_text("Showing").first.inner_text().replace("\u2060", "")
    assert "![beacon](http://203.0.113.7/md.png)" in shown, "the search shown as typed"
    _clean(page)


def test_standalone_html_runs_no_payload(page, hostile_file, tmp_path):
    data = load_incidents(hostile_file).incidents
    html = snapshot_page(
        data,
        actor_palette(data["actor"].unique()),
        IncidentFilter(),
        MapOptions(layers=frozenset({"incidents", "areas", "cities"})),
        SnapshotOptions(
            title=XSS_PAYLOADS[0], table=True, print_mode=False, data_name=XSS_PAYLOADS[4]
        ),
    )
    out = tmp_path / "snapshot.html"
    out.write_text(html, encoding="utf-8")
    page.page.goto(out.as_uri())
    page.page.wait_for_function(
        f"() => window.L && L.incidentMap.last && L.incidentMap.last.data.n === {len(data)}"
    )
    page.page.wait_for_timeout(800)
    _clean(page)
    assert page.page.locator("h1").inner_text() == XSS_PAYLOADS[0]
    box_of = lambda: page.page.locator(".folium-map").bounding_box()  # noqa: E731
    shown = _every_marker(page.page, page.page.main_frame, box_of)
    assert len(shown) == len(data)
    views = _open_clusters_and_areas(page.page.main_frame)
    assert views["popups"] == len(data)
    _clean(page)


def test_the_map_frame_cannot_reach_the_app(page, hostile_server):
    """Were a payload to run in the map, it would find no way into the app: its frame
    has scripts and popups (for source links), and no origin."""
    page.page.goto(hostile_server.url)
    frame = page.map_frame()
    sandbox = (
        page.page.frame_locator("iframe[title*='incident_map']")
        .locator("iframe#map")
        .get_attribute("sandbox")
    )
    assert sorted(sandbox.split()) == [
        "allow-popups",
        "allow-popups-to-escape-sandbox",
        "allow-scripts",
    ]
    reach = frame.evaluate("""() => {
        const tries = {top: () => window.top.document.title,
                       parent: () => window.parent.document.body.innerHTML,
                       cookie: () => document.cookie,
                       storage: () => window.localStorage.length};
        const out = {};
        for (const [name, attempt] of Object.entries(tries)) {
            try { attempt(); out[name] = "reached"; } catch (e) { out[name] = "blocked"; }
        }
        return out;
    }""")
    assert reach == {
        "top": "blocked",
        "parent": "blocked",
        "cookie": "blocked",
        "storage": "blocked",
    }


@pytest.mark.parametrize("kind", ["png", "pdf"])
def test_png_and_pdf_of_hostile_data_draw_the_title_as_typed(hostile_file, tmp_path, kind):
    """The PNG/PDF path: the same page, drawn by Chromium; nothing evaluated on the
    server (no marker file), and the PDF's text shows the title as typed."""
    import subprocess
    import sys

    from tests.support import ROOT
    from tests.support.hostile import TEMPLATE_PAYLOADS, with_marker

    marker = tmp_path / "template-ran"
    title = with_marker([TEMPLATE_PAYLOADS[2]], marker)[0] + " {{ 7*7 }}"
    out = tmp_path / f"hostile.{kind}"
    # A process of its own, as a scheduled job runs it (and Chromium is driven there).
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "snapshot",
            "--data",
            str(hostile_file),
            "--title",
            title,
            "--table",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    if kind == "png":
        from PIL import Image

        assert Image.open(out).size == (1920, 1080)
    else:
        from pypdf import PdfReader

        text = " ".join(page.extract_text() for page in PdfReader(out).pages)
        assert "{{ 7*7 }}" in text and "lipsum.__globals__" in text


def test_an_animation_of_hostile_data_evaluates_nothing(hostile_file, tmp_path):
    """The GIF path: the same page stepped by the player in Chromium; a title and a
    file name holding template payloads are drawn, not run (no marker file)."""
    import shutil
    import subprocess
    import sys

    from PIL import Image

    from tests.support import ROOT
    from tests.support.hostile import with_marker

    marker = tmp_path / "template-ran"
    data = tmp_path / "hostile {{ 7*7 }} {{citation needed}}.csv"
    shutil.copy(hostile_file, data)
    title = with_marker([TEMPLATE_PAYLOADS[3]], marker)[0] + " {{citation needed}}"
    out = tmp_path / "hostile.gif"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "animate",
            "--data",
            str(data),
            "--title",
            title,
            "--step",
            "quarter",
            "--size",
            "960x540",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "4 frames" in done.stdout and not marker.exists()
    assert Image.open(out).n_frames == 4
