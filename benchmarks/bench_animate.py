"""Animated export: seconds per frame and file size for a 24-frame GIF and MP4.

The project's incidents (``data/incidents.csv``) played a month per frame from
2021-08 to 2023-07 (24 frames) at slide size, drawn by Debian's headless Chromium
through the snapshot page and encoded by Pillow (GIF) and Debian's ffmpeg (MP4).

    .venv/bin/python benchmarks/bench_animate.py [--size 1920x1080]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.filters import IncidentFilter, apply_filters, option_counts  # noqa: E402
from engine.mapping.palette import actor_palette  # noqa: E402
from engine.mapping.view import MapView  # noqa: E402
from engine.playback import Playback  # noqa: E402
from engine.slides.animate import export_animation  # noqa: E402
from engine.slides.snapshot import SnapshotOptions  # noqa: E402
from engine.view import View  # noqa: E402
from incidents.io import load_incidents  # noqa: E402

SPAN = (date(2021, 8, 1), date(2023, 7, 31))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1920x1080")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    incidents = load_incidents(ROOT / "data" / "incidents.csv").incidents
    spec = IncidentFilter(start=SPAN[0], end=SPAN[1])
    shown = apply_filters(incidents, spec)
    palette = actor_palette(a for a, _ in option_counts(incidents, "actor"))
    view = View(filter=spec, map=MapView(playback=Playback(step="month", window="3M", span=SPAN)))
    print(
        "| format | frames | size | seconds | seconds per frame | file MB |\n"
        "|---|---:|---|---:|---:|---:|"
    )
    for kind in ("gif", "mp4"):
        started = time.perf_counter()
        made = export_animation(shown, palette, view, SnapshotOptions(size=size), kind)
        seconds = time.perf_counter() - started
        frames = len(made.labels)
        print(
            f"| {kind.upper()} | {frames} | {size[0]}x{size[1]} | {seconds:.1f} | "
            f"{seconds / frames:.2f} | {len(made.content) / 1e6:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
