"""Snapshot page -> PNG or PDF, drawn by a real headless Chromium.

The browser is the system's Chromium (Debian's ``chromium`` package, or the path in
``INCIDENT_MAP_CHROMIUM``), driven by Playwright; no browser is downloaded.  While it
renders, every request that is not to the page itself is refused, unless the
snapshot uses online tiles: a snapshot made offline is provably offline.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from engine.errors import EngineError
from engine.slides import browser as chromium

# Every layer the page shows at first is on the map (the incident canvas draws as it is
# added; a map showing only the heat map or the district counts has no canvas on it).
READY = """() => window.L && L.incidentMap && L.incidentMap.map
    && L.incidentMap.map._incidentLayers.every(
        l => l.kind !== "on" || L.incidentMap.map.hasLayer(l.layer))
    && document.fonts.status === "loaded" """
TILES_LOADED = """() => Array.from(document.querySelectorAll('img.leaflet-tile'))
    .every(img => img.complete)"""
MEASURE = """() => {
    const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
                        return [r.x, r.y, r.width, r.height]; };
    const map = L.incidentMap.map, b = map.getBounds();
    return {map: box(map.getContainer()), title: box(document.querySelector('h1')),
            legend: box(document.querySelector('.incident-legend')),
            stamp: box(document.querySelector('.incident-date-stamp')),
            bounds: [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]};
}"""


class RenderError(EngineError, RuntimeError):
    """The browser is missing or the page did not draw."""


@dataclass(frozen=True)
class Rendered:
    """The file's bytes, and where things ended up on the page (CSS pixels), so
    callers and tests can check the image against the map's projection."""

    content: bytes
    layout: dict


def chromium_path() -> str:
    """The Chromium executable to drive (``engine.slides.browser``)."""
    try:
        return chromium.chromium_path()
    except chromium.BrowserMissing as exc:
        raise RenderError(str(exc)) from None


EXPORTS_AT_ONCE = threading.BoundedSemaphore(
    max(1, int(os.environ.get("INCIDENT_MAP_EXPORTS_AT_ONCE", "1") or 1))
)


@contextmanager
def launched(playwright, online: bool = False):
    """The export browser (quiet, unprivileged, sandboxed:
    ``engine.slides.browser``), or a RenderError saying why it could not start.

    One export browser at a time per server (``INCIDENT_MAP_EXPORTS_AT_ONCE``): each
    holds a core and hundreds of MB, and readers of a shared dashboard share it."""
    with EXPORTS_AT_ONCE, _browser(playwright, online) as browser:
        yield browser


@contextmanager
def _browser(playwright, online: bool):
    try:
        with chromium.launch_options(online) as options:
            browser = _launch(playwright, options)
            try:
                yield browser
            finally:
                browser.close()
    except chromium.BrowserMissing as exc:
        raise RenderError(str(exc)) from None


def _launch(playwright, options: dict):
    try:
        return playwright.chromium.launch(**options)
    except Exception as exc:  # Playwright's launch error names the cause
        hint = (
            " (on a machine without user namespaces, set INCIDENT_MAP_BROWSER_SANDBOX=0)"
            if options.get("chromium_sandbox")
            else ""
        )
        raise RenderError(f"the browser did not start{hint}: {exc}") from exc


def open_page(browser, page_html: str, size: tuple[int, int], scale: int, online: bool):
    page = browser.new_page(
        viewport={"width": size[0], "height": size[1]}, device_scale_factor=scale
    )
    if not online:
        page.route("**/*", lambda route: route.abort())
    page.set_content(page_html, wait_until="load")
    try:
        page.wait_for_function(READY, timeout=20_000)
        if online:
            page.wait_for_function(TILES_LOADED, timeout=20_000)
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
    except Exception as exc:  # Playwright's timeout type varies by version
        raise RenderError(f"the map did not draw: {exc}") from exc
    return page


def render(
    page_html: str,
    kind: str,
    size: tuple[int, int] = (1920, 1080),
    scale: int = 1,
    online: bool = False,
) -> Rendered:
    """Render ``page_html`` as ``kind`` ("png" or "pdf") at ``size`` CSS pixels.

    PNG pixels are ``size * scale``.  The PDF is one page of ``size`` with text kept as
    text; the incident canvas is embedded as an image.
    """
    if kind not in ("png", "pdf"):
        raise ValueError(f"cannot render {kind!r}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        with launched(playwright, online) as browser:
            page = open_page(browser, page_html, size, scale, online)
            layout = page.evaluate(MEASURE)
            if kind == "png":
                content = page.screenshot(full_page=False, type="png")
            else:
                page.emulate_media(media="screen")
                content = page.pdf(
                    width=f"{size[0]}px",
                    height=f"{size[1]}px",
                    print_background=True,
                    page_ranges="1",
                    margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
                )
    return Rendered(content, layout)
