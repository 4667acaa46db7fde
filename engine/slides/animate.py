"""The map played through time as a GIF or an MP4 for a slide.

Each frame is the snapshot page (``engine.slides.snapshot``) with the player
moved to that frame and screenshotted by the same headless Chromium that draws PNG
snapshots, so a frame of the animation is a snapshot of that window: title,
legend, the frame's date large on the map, the filters line, attribution.  The page
is opened once and stepped; nothing is requested from the network.  GIF frames are
quantised by Pillow; MP4 is H.264 (yuv420p, what slide software plays) by Debian's
``ffmpeg``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from engine.filters import IncidentFilter
from engine.mapping.map_build import MapOptions, mappable
from engine.mapping.palette import color_of
from engine.playback import Frame, Playback, frames_for
from engine.slides.render import MEASURE, RenderError, launched, open_page
from engine.slides.snapshot import SnapshotOptions, snapshot_page
from engine.view import View

KINDS = {"gif": "image/gif", "mp4": "video/mp4"}
MAX_ANIMATION_FRAMES = 400
READER_FRAMES = 60  # what a reader of a shared dashboard may ask for in one animation
# The player names the frame in the page's header as it steps (incident-player.js).
STEP_TO = """(k) => new Promise(done => {
    L.incidentMap.last.setFrame(k);
    requestAnimationFrame(() => requestAnimationFrame(done));
})"""
DRAWN = """() => { const c = document.querySelector('canvas.incident-canvas');
    return [Number(c.dataset.frame), Number(c.dataset.drawn)]; }"""


@dataclass(frozen=True)
class Animation:
    """The encoded file and, per frame, what the map drew (frame number, incidents
    drawn), so callers and tests can check the frames against the data."""

    content: bytes
    drawn: list[tuple[int, int]]
    labels: list[str]
    layout: dict  # where the map, its bounds and the date stamp are (CSS pixels)


def screenshots(
    page_html: str, frames: int, size: tuple[int, int]
) -> tuple[list[bytes], list, dict]:
    """One PNG per frame of the page's player, what each drew, and the layout."""
    from playwright.sync_api import sync_playwright

    shots, drawn = [], []
    with sync_playwright() as playwright:
        with launched(playwright) as browser:
            page = open_page(browser, page_html, size, 1, online=False)
            for k in range(frames):
                page.evaluate(STEP_TO, k)
                drawn.append(tuple(page.evaluate(DRAWN)))
                shots.append(page.screenshot(full_page=False, type="png"))
            layout = page.evaluate(MEASURE)
    return shots, drawn, layout


GIF_COLOURS = 256
_FIXED_GREYS = ("#FFFFFF", "#000000", "#1D1D1D", "#444444", "#7F7F7F", "#B0B0B0")


def gif_palette(shots: list[bytes], colours: list[str]):
    """One palette for every frame: the actors' exact colours (and the greys of
    text, unidentified and "other") first, the rest learnt from the frames.  Per
    frame, an adaptive palette turned BLA's orange maroon and IS's purple grey."""
    from PIL import Image

    fixed = list(dict.fromkeys(c.upper() for c in (*colours, *_FIXED_GREYS)))[:GIF_COLOURS]
    frames = [
        Image.open(io.BytesIO(shot)).convert("RGB") for shot in shots[:: max(1, len(shots) // 8)]
    ]
    sample = Image.new("RGB", (frames[0].width, frames[0].height * len(frames)))
    for k, frame in enumerate(frames):
        sample.paste(frame, (0, frame.height * k))
    learnt = sample.quantize(colors=GIF_COLOURS - len(fixed), dither=Image.Dither.NONE)
    rest = (learnt.getpalette() or [])[: 3 * (GIF_COLOURS - len(fixed))]
    values = [v for c in fixed for v in rgb_bytes(c)] + rest
    values += [0] * (3 * GIF_COLOURS - len(values))
    palette = Image.new("P", (1, 1))
    palette.putpalette(values)
    return palette


def rgb_bytes(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def encode_gif(shots: list[bytes], fps: float, colours: list[str] | None = None) -> bytes:
    """An endlessly looping GIF, every frame on one palette that holds ``colours``
    (the actors') exactly."""
    from PIL import Image

    palette = gif_palette(shots, colours or [])
    images = [
        Image.open(io.BytesIO(shot))
        .convert("RGB")
        .quantize(palette=palette, dither=Image.Dither.NONE)
        for shot in shots
    ]
    out = io.BytesIO()
    images[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=images[1:],
        duration=round(1000 / fps),
        loop=0,
        optimize=False,
        disposal=1,
    )
    return out.getvalue()


def ffmpeg_path() -> str:
    found = shutil.which("ffmpeg")
    if not found:
        raise RenderError("MP4 needs Debian's ffmpeg: `make video` or apt-get install ffmpeg")
    return found


def encode_mp4(shots: list[bytes], fps: float) -> bytes:
    """H.264 in yuv420p with the index at the front: plays in PowerPoint, Keynote,
    Impress and browsers."""
    with tempfile.TemporaryDirectory(prefix="incident-animation-") as folder:
        for k, shot in enumerate(shots):
            Path(folder, f"{k:05d}.png").write_bytes(shot)
        target = Path(folder, "animation.mp4")
        done = subprocess.run(
            [
                ffmpeg_path(),
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-framerate",
                f"{fps:g}",
                "-i",
                str(Path(folder, "%05d.png")),
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                "-vf",
                "scale=trunc(iw/2)*2:trunc(ih/2)*2",
                "-movflags",
                "+faststart",
                "-r",
                f"{max(fps, 1):g}",
                str(target),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            raise RenderError(f"ffmpeg failed: {done.stderr.strip()[:500]}")
        return target.read_bytes()


def export_animation(
    incidents: pd.DataFrame,
    palette: dict[str, str],
    view: View,
    options: SnapshotOptions,
    kind: str,
    fps: float = 2.0,
    max_frames: int = MAX_ANIMATION_FRAMES,
) -> Animation:
    """``view`` (its filter already applied to ``incidents``) played by its playback
    as ``kind``, in at most ``max_frames`` frames (``READER_FRAMES`` for a reader in
    the app: a 275-frame GIF took 83 s and 1.5 GB)."""
    if kind not in KINDS:
        raise ValueError(f"unknown animation format {kind!r}; use gif or mp4")
    map_options = view.export_map(options.online_tiles)
    found, shots, drawn, layout = frame_shots(
        incidents, palette, view.filter, map_options, replace(options, timeline=False), max_frames
    )
    if not found:
        raise RenderError("no incidents with coordinates to animate")
    colours = [
        palette.get(str(a)) or color_of(palette, str(a)) for a in incidents["actor"].unique()
    ]
    content = encode_gif(shots, fps, colours) if kind == "gif" else encode_mp4(shots, fps)
    return Animation(content, drawn, [f.label for f in found], layout)


def frame_shots(
    incidents: pd.DataFrame,
    palette: dict[str, str],
    spec: IncidentFilter,
    map_options: MapOptions,
    options: SnapshotOptions,
    max_frames: int = MAX_ANIMATION_FRAMES,
) -> tuple[list[Frame], list[bytes], list, dict]:
    """The snapshot page (``options``, as a still) screenshotted at each frame of
    ``map_options.playback``: the frames, a PNG and what was drawn per frame, and the
    layout; nothing when no incident has coordinates.  Shared by the animations and
    the deck's frame slides, so both refuse the same too-long playbacks."""
    playback = map_options.playback or Playback()
    found = frames_for(mappable(incidents)["date"], playback)
    if not found:
        return [], [], [], {}
    if len(found) > max_frames:
        raise RenderError(
            f"{len(found)} frames: at most {max_frames}"
            + (" for a reader" if max_frames < MAX_ANIMATION_FRAMES else "")
            + "; choose a longer step or a shorter period"
        )
    page = snapshot_page(
        incidents,
        palette,
        spec,
        replace(map_options, playback=replace(playback, at=None)),
        replace(options, print_mode=True),
    )
    shots, drawn, layout = screenshots(page, len(found), options.size)
    return found, shots, drawn, layout
