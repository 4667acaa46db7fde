"""What one reader may cost the server: animations are bounded for readers, and
exports take the export browser one at a time."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from engine.mapping.palette import actor_palette
from engine.mapping.view import MapView
from engine.playback import Playback
from engine.slides import render
from engine.slides.animate import READER_FRAMES, export_animation
from engine.slides.render import RenderError
from engine.slides.snapshot import SnapshotOptions
from engine.view import View
from incidents.io import load_incidents
from tests.support import ROOT


def test_a_readers_animation_is_bounded_before_any_browser_starts(monkeypatch):
    incidents = load_incidents(ROOT / "data" / "incidents.csv").incidents
    monkeypatch.setattr(
        render.chromium,
        "launch_options",
        lambda *a: pytest.fail("no browser for a refused animation"),
    )
    daily = View(
        map=MapView(playback=Playback(step="day", span=(date(2021, 1, 1), date(2021, 12, 31))))
    )
    with pytest.raises(RenderError, match=f"at most {READER_FRAMES} for a reader"):
        export_animation(
            incidents,
            actor_palette(incidents["actor"].unique()),
            daily,
            SnapshotOptions(),
            "gif",
            max_frames=READER_FRAMES,
        )


def test_exports_take_the_browser_one_at_a_time(monkeypatch):
    inside, most = [0], [0]

    class Fake:
        def __init__(self, *args):
            pass

        def __enter__(self):
            inside[0] += 1
            most[0] = max(most[0], inside[0])
            time.sleep(0.2)
            return self

        def __exit__(self, *args):
            inside[0] -= 1

    monkeypatch.setattr(render, "_browser", Fake)

    def export():
        with render.launched(None):
            pass

    threads = [threading.Thread(target=export) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1


def test_a_reader_is_offered_slide_size_snapshots_only(monkeypatch):
    from tests.support.apptest import run_app

    monkeypatch.setenv("INCIDENT_MAP_READONLY", "1")
    reader = run_app(monkeypatch)
    assert reader.selectbox(key="snapshot_size").options == ["Slide, 1920 × 1080"]
    monkeypatch.delenv("INCIDENT_MAP_READONLY")
    editor = run_app(monkeypatch)
    assert len(editor.selectbox(key="snapshot_size").options) == 2


def test_long_work_runs_off_the_page_thread_and_at_most_two_at_once():
    from dashboard.app_pages.background import WORKERS, run_with_progress

    names, inside, most = [], [0], [0]
    lock = threading.Lock()

    def work(progress):
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        names.append(threading.current_thread().name)
        for step in range(3):
            progress.tell(step, 3, "working")
            time.sleep(0.1)
        with lock:
            inside[0] -= 1
        return 42

    results = []
    pages = [
        threading.Thread(target=lambda: results.append(run_with_progress("x", work)))
        for _ in range(5)
    ]
    for page in pages:
        page.start()
    for page in pages:
        page.join()
    assert results == [42] * 5 and most[0] == WORKERS
    assert all(name.startswith("incident-map-work") for name in names)

    def fails(progress):
        raise ValueError("named problem")

    with pytest.raises(ValueError, match="named problem"):
        run_with_progress("x", fails)
