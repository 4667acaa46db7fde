"""Animated exports, opened and checked frame by frame: each frame's date stamp, and
its markers where the projection puts the incidents of that frame's window (and
none where only other frames' incidents are), in the GIF and in the MP4."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageSequence

from engine.mapping.view import MapView
from engine.playback import Playback, frame_counts, frames_for, in_frame
from engine.slides.animate import export_animation
from engine.slides.snapshot import SnapshotOptions
from engine.view import View
from incidents.io import load_incidents
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_snapshot_export import (
    LAND,
    SEA,
    _rgb,
    dominant_class,
    expected_pixel,
    incidents,  # noqa: F401 - a fixture, used by name
    palette,  # noqa: F401 - a fixture, used by name
)
from tests.support import ROOT
from tests.support.apptest import run_app

pytestmark = pytest.mark.usefixtures("exports_use_debian_chromium")

SIZE = (1280, 720)


def _gif_frames(content: bytes) -> list[Image.Image]:
    return [f.convert("RGB") for f in ImageSequence.Iterator(Image.open(io.BytesIO(content)))]


def _mp4_frames(content: bytes, tmp_path: Path) -> list[Image.Image]:
    video = tmp_path / "a.mp4"
    video.write_bytes(content)
    subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-loglevel",
            "error",
            "-i",
            str(video),
            str(tmp_path / "f%03d.png"),
        ],
        check=True,
    )
    return [Image.open(p).convert("RGB") for p in sorted(tmp_path.glob("f*.png"))]


def _stamp_dark_pixels(image: Image.Image, layout: dict) -> int:
    x, y, w, h = (round(v) for v in layout["stamp"])
    return sum(1 for px in image.crop((x, y, x + w, y + h)).get_flattened_data() if sum(px) < 200)


@pytest.mark.parametrize("kind", ["gif", "mp4"])
def test_each_frame_shows_its_date_and_only_its_windows_incidents(
    incidents, palette, kind, tmp_path
):
    playback = Playback(step="month")
    made = export_animation(
        incidents,
        palette,
        View(map=MapView(playback=playback)),
        SnapshotOptions(size=SIZE),
        kind,
        fps=2,
    )
    found = frames_for(incidents["date"], playback)
    assert made.labels == ["March 2022", "April 2022", "May 2022"]
    assert [n for _, n in made.drawn] == frame_counts(incidents["date"], found, False) == [2, 1, 1]
    images = _gif_frames(made.content) if kind == "gif" else _mp4_frames(made.content, tmp_path)
    assert len(images) == 3 and images[0].size == SIZE
    candidates = {a: _rgb(c) for a, c in palette.items()} | {"land": LAND, "sea": SEA}
    for image, frame in zip(images, found, strict=False):
        inside = in_frame(incidents["date"], frame, cumulative=False)
        for (_, row), shown in zip(incidents.iterrows(), inside, strict=False):
            centre = expected_pixel(made.layout, row["latitude"], row["longitude"], 1)
            seen = dominant_class(image, centre, candidates, 3)
            assert (seen == row["actor"]) == bool(shown), (kind, frame.label, row["incident_id"])
        assert _stamp_dark_pixels(image, made.layout) > 100, f"no date drawn on {frame.label}"
    # the stamp changes with the frame
    assert (
        images[0].crop(_box(made.layout)).tobytes() != images[1].crop(_box(made.layout)).tobytes()
    )
    if kind == "gif":
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "animation.gif").write_bytes(made.content)


def _box(layout: dict) -> tuple[int, int, int, int]:
    x, y, w, h = (round(v) for v in layout["stamp"])
    return x, y, x + w, y + h


def test_animate_command_writes_a_gif_and_an_mp4(tmp_path, chromium_path):
    data = ROOT / "data" / "incidents.csv"
    placed = load_incidents(data).incidents
    for name in ("brief.gif", "brief.mp4"):
        out = tmp_path / name
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "dashboard",
                "animate",
                "--data",
                str(data),
                "--from",
                "2021-08-01",
                "--to",
                "2022-07-31",
                "--step",
                "month",
                "--window",
                "3M",
                "--size",
                "960x540",
                "--fps",
                "4",
                "--out",
                str(out),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            env={**__import__("os").environ, "INCIDENT_MAP_CHROMIUM": chromium_path},
        )
        assert done.returncode == 0, done.stderr
        assert "12 frames" in done.stdout
        shown = placed[(placed["date"] >= "2021-08-01") & (placed["date"] <= "2022-07-31")]
        found = frames_for(
            shown["date"], Playback(window="3M", span=(date(2021, 8, 1), date(2022, 7, 31)))
        )
        counts = frame_counts(shown["date"], found, False)
        said = done.stdout.split("incidents drawn per frame: ")[1].strip()
        assert [int(part.rsplit(" ", 1)[1]) for part in said.split(", ")] == counts
        head = out.read_bytes()[:12]
        assert head.startswith(b"GIF89a") if name.endswith("gif") else head[4:8] == b"ftyp"
    probe = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name,pix_fmt,width,height,nb_frames",
            "-of",
            "csv=p=0",
            str(tmp_path / "brief.mp4"),
        ],
        capture_output=True,
        text=True,
    )
    assert probe.stdout.strip() == "h264,960,540,yuv420p,12"
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "animate",
            "--window",
            "{{7*7}}",
            "--out",
            str(tmp_path / "x.gif"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "write a number and D, W, M or Q" in bad.stderr


def test_playing_the_map_offers_its_frames_and_an_animated_gif(monkeypatch, chromium_path):
    monkeypatch.setenv("INCIDENT_MAP_CHROMIUM", chromium_path)
    bla = "Balochistan Liberation Army (BLA)"
    app = run_app(monkeypatch, query={"actor": bla, "play": "quarter", "frame": "2024-12-31"})
    assert app.session_state["play"] and app.session_state["play_step"] == "quarter"
    assert app.query_params["play"] == "quarter" and app.query_params["frame"] == "2024-12-31"
    assert any("Shaded: the frame the map's player shows" in c.value for c in app.caption)
    assert app.radio(key="snapshot_kind").options == ["PNG", "PDF", "HTML", "GIF", "MP4", "PPTX"]
    app.radio(key="snapshot_kind").set_value("gif").run()
    app.button(key="snapshot_make").click().run()
    assert not app.exception, app.exception
    _, content = app.session_state["snapshot_made"]
    assert content.startswith(b"GIF89a")
    frames = Image.open(io.BytesIO(content)).n_frames
    assert frames >= 2, "one picture per quarter with BLA incidents between the first and last"
    app.sidebar.toggle(key="play").set_value(False).run()
    assert "play" not in app.query_params
    assert app.radio(key="snapshot_kind").options == ["PNG", "PDF", "HTML", "PPTX"]


def test_the_app_makes_a_deck_with_a_slide_per_frame_while_playing(monkeypatch, chromium_path):
    from pptx import Presentation

    monkeypatch.setenv("INCIDENT_MAP_CHROMIUM", chromium_path)
    bla = "Balochistan Liberation Army (BLA)"
    app = run_app(monkeypatch, query={"actor": bla, "play": "quarter"})
    app.radio(key="snapshot_kind").set_value("pptx").run()
    app.button(key="snapshot_make").click().run()
    assert not app.exception, app.exception
    _, content = app.session_state["snapshot_made"]
    deck = Presentation(io.BytesIO(content))
    frame_titles = [s.shapes[1].text_frame.text for s in list(deck.slides)[4:]]
    assert len(frame_titles) >= 2 and all(t.startswith("Frame shown: ") for t in frame_titles)
    assert "Download PPTX" in [b.label for b in app.get("download_button")]
