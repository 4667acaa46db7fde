"""End to end: the running app in headless Chromium, with the network blocked."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path
from urllib.parse import unquote_plus

from tests.e2e.conftest import ARTIFACTS


def wait_for_drawn(page, frame_getter, expected, timeout=30.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            frame = frame_getter()
            last = page.drawn(frame)
            if last == expected:
                return frame
        except Exception:  # the frame is replaced when the map re-renders
            pass
        time.sleep(0.3)
    raise AssertionError(f"expected {expected} incidents drawn, last saw {last}")


def test_map_draws_the_project_data_without_the_internet(page, project_server):
    page.page.goto(project_server.url)
    frame = wait_for_drawn(page, page.map_frame, 32)
    assert frame.locator(".leaflet-container.incident-map").count() == 1
    assert frame.locator(".incident-legend").inner_text().count("(") >= 7
    borders = """() => L.incidentMap.last._map._incidentLayers
        .filter(e => e.name === 'Country borders')[0].layer.getLayers().length"""
    frame.wait_for_function(f"() => ({borders})() > 100")
    frame.locator("label:has-text('Clustered markers') input").check()
    frame.wait_for_function("() => document.querySelectorAll('.marker-cluster').length > 0")
    frame.locator("label:has-text('Heat map') input").check()
    frame.wait_for_selector("canvas.leaflet-heatmap-layer", state="attached")
    assert page.external == [], f"requests left the machine: {page.external}"


def test_choosing_an_actor_reduces_the_markers_and_goes_into_the_url(page, project_server):
    page.page.goto(project_server.url)
    wait_for_drawn(page, page.map_frame, 32)
    actor = page.page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    actor.click()
    page.page.keyboard.type("Balochistan")
    page.page.keyboard.press("Enter")
    page.page.keyboard.press("Escape")
    wait_for_drawn(page, page.map_frame, 3)
    page.page.wait_for_function("() => location.search.includes('actor=')")
    assert "actor=Balochistan Liberation Army (BLA)" in unquote_plus(page.page.url)
    assert page.external == []
    # The link opens the same view for a colleague.
    page.page.goto(page.page.url)
    wait_for_drawn(page, page.map_frame, 3)


def test_popup_shows_untrusted_text_as_text(page, xss_server):
    page.page.goto(xss_server.url)
    frame = wait_for_drawn(page, page.map_frame, 1)
    x, y = frame.evaluate("() => L.incidentMap.position(L.incidentMap.last, 0)")
    box = page.page.locator("iframe[title*='streamlit_folium']").bounding_box()
    page.page.mouse.click(box["x"] + x, box["y"] + y)
    popup = frame.locator(".incident-popup")
    popup.wait_for(timeout=10_000)
    assert popup.locator(".incident-description").inner_text() == "<img src=x onerror=alert(1)>"
    assert "Test actor <b>bold</b>" in popup.inner_text()
    assert popup.locator("img, script").count() == 0
    assert popup.locator("b", has_text="bold").count() == 0
    assert popup.locator("a").count() == 0, "a javascript: URL is not made a link"
    assert page.dialogs == []
    assert page.external == []


def test_screenshot(page, project_server):
    page.page.goto(project_server.url)
    wait_for_drawn(page, page.map_frame, 32)
    page.page.wait_for_timeout(1500)
    out = Path(os.environ.get("SCREENSHOT_OUT") or ARTIFACTS / "dashboard.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(out))
    assert out.stat().st_size > 50_000
    assert page.external == []
