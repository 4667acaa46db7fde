"""Playing the map in the app: 12 months of the project's data stepped and played
in the browser, each frame drawing exactly the incidents of its window; a paused
frame goes into the link, and the link reopens on it."""

from __future__ import annotations

import time
from datetime import date

from engine.filters import IncidentFilter, apply_filters
from engine.playback import Playback, frame_counts, frames_for
from incidents.io import load_incidents
from tests.e2e.test_dashboard_browser import wait_for_drawn
from tests.support import ROOT

QUERY = "?from=2021-08-01&to=2022-07-31&play=month&window=3M"
SPAN = (date(2021, 8, 1), date(2022, 7, 31))


def _expected(actor: str | None = None) -> tuple[list[str], list[int]]:
    incidents = load_incidents(ROOT / "data" / "incidents.csv").incidents
    spec = IncidentFilter(start=SPAN[0], end=SPAN[1], actors=(actor,) if actor else ())
    shown = apply_filters(incidents, spec)
    found = frames_for(shown["date"], Playback(window="3M", span=SPAN))
    return [f.label for f in found], frame_counts(shown["date"], found, False)


def _state(frame) -> tuple[int, int, str]:
    """Frame, incidents drawn and the date shown, read at one moment: the player
    may draw the next frame between two separate reads."""
    k, drawn, stamp = frame.evaluate("""() => {
        const c = document.querySelector('canvas.incident-canvas');
        return [c.dataset.frame, c.dataset.drawn,
                document.querySelector('.incident-date-stamp').innerText]; }""")
    return int(k), int(drawn), stamp


def _wait_for(frame, k: int, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _state(frame)[0] == k:
            return _state(frame)
        time.sleep(0.1)
    raise AssertionError(f"never reached frame {k}; at {_state(frame)}")


def test_stepping_and_playing_draw_each_windows_incidents(page, project_server):
    labels, counts = _expected()
    assert len(labels) == 12 and sum(counts) > 0
    page.page.goto(project_server.url + QUERY)
    frame = wait_for_drawn(page, page.map_frame, counts[0])
    assert _state(frame) == (0, counts[0], labels[0])
    forward = frame.get_by_role("button", name="Step forward")
    for k in range(1, 12):
        forward.click()
        assert _wait_for(frame, k) == (k, counts[k], labels[k]), labels[k]
    frame.get_by_role("button", name="First frame").click()
    _wait_for(frame, 0)
    frame.get_by_label("Frames per second").select_option("8")
    seen = set()
    frame.get_by_role("button", name="Play").click()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and 11 not in seen:
        k, drawn, _ = _state(frame)
        assert drawn == counts[k], (k, drawn)
        seen.add(k)
        time.sleep(0.05)
    assert 11 in seen and len(seen) >= 4, seen  # it played through, no rerun per frame
    assert frame.get_by_role("button", name="Play").count() == 1  # paused at the end
    assert page.external == []


def test_a_paused_frame_is_in_the_link_and_the_link_reopens_on_it(page, project_server):
    actor = "Islamic State Khorasan Province (ISIS-K)"
    labels, counts = _expected(actor)
    page.page.goto(
        project_server.url
        + QUERY
        + "&actor="
        + actor.replace(" ", "+").replace("(", "%28").replace(")", "%29")
    )
    frame = wait_for_drawn(page, page.map_frame, counts[0])
    for _ in range(5):
        frame.get_by_role("button", name="Step forward").click()
    _wait_for(frame, 5)
    page.page.wait_for_function(
        "() => location.search.includes('frame=2022-01-31')", timeout=20_000
    )
    link = page.page.url
    assert "window=3M" in link and "play=month" in link
    page.page.goto("about:blank")
    page.page.goto(link)
    frame = wait_for_drawn(page, page.map_frame, counts[5])
    assert _state(frame) == (5, counts[5], labels[5])
    page.page.get_by_text(
        "Shaded: the frame the map's player shows (2021-11-01 to 2022-01-31)."
    ).wait_for(timeout=20_000)


def test_a_standalone_pages_header_and_legend_follow_the_player(page, tmp_path):
    """The standalone HTML carries the player; the line under its title must name the
    frame on the map, not stay on the one the page was exported at, and the legend
    count what the frame draws."""
    from engine.mapping.map_build import MapOptions
    from engine.mapping.palette import actor_palette
    from engine.playback import describe
    from engine.slides.snapshot import SnapshotOptions, snapshot_page

    incidents = apply_filters(
        load_incidents(ROOT / "data" / "incidents.csv").incidents,
        IncidentFilter(start=SPAN[0], end=SPAN[1]),
    )
    playback = Playback(window="3M", span=SPAN, cumulative=True, at=date(2021, 10, 31))
    found = frames_for(incidents["date"], playback)
    counts = frame_counts(incidents["date"], found, True)
    html = snapshot_page(
        incidents,
        actor_palette(incidents["actor"].unique()),
        IncidentFilter(),
        MapOptions(playback=playback),
        SnapshotOptions(print_mode=False),
    )
    path = tmp_path / "played.html"
    path.write_text(html, encoding="utf-8")
    page.page.goto(path.as_uri())
    page.page.wait_for_function("() => window.L && L.incidentMap.last && L.incidentMap.last.play")
    line = page.page.locator(".snapshot-head .frame")
    assert line.inner_text() == f"Frame shown: {describe(found[2], playback)} · {counts[2]} drawn"
    isis = incidents["actor"] == "Islamic State Khorasan Province (ISIS-K)"
    isis_counts = frame_counts(incidents.loc[isis, "date"], found, True)
    legend = page.page.locator(".incident-legend .legend-item").first
    for k in (0, 7, len(found) - 1):
        page.page.evaluate(f"() => L.incidentMap.last.setFrame({k})")
        assert (
            line.inner_text() == f"Frame shown: {describe(found[k], playback)} · {counts[k]} drawn"
        )
        # The legend counts what the frame draws, beside the whole selection's count.
        assert legend.inner_text() == (
            f"Islamic State Khorasan Province (ISIS-K) ({isis_counts[k]} of {int(isis.sum())})"
        )
        assert (
            int(
                page.page.evaluate(
                    "() => document.querySelector('canvas.incident-canvas').dataset.drawn"
                )
            )
            == counts[k]
        )
    assert page.external == [] and page.dialogs == []
