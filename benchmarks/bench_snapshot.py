"""Seconds per PNG snapshot (1920x1080) for 100 and 10,000 synthetic incidents.

Each snapshot starts its own headless Chromium, as the app and the ``snapshot``
command do.  The baseline, measured in the same run, is Chromium taking a
screenshot of an empty page of the same size: the part no map work can remove.

    .venv/bin/python benchmarks/bench_snapshot.py [--sizes 100 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_map import synthetic_incidents
from engine.filters import IncidentFilter
from engine.mapping.map_build import MapOptions
from engine.mapping.palette import actor_palette
from engine.slides.export import export_snapshot
from engine.slides.render import render
from engine.slides.snapshot import SnapshotOptions, snapshot_page

# An empty page that answers what the renderer asks of a map (engine.slides.render:
# READY and MEASURE), so the baseline is Chromium's own cost of a screenshot.
EMPTY_PAGE = (
    "<html><body><script>window.L = {incidentMap: {map: {_incidentLayers: [],"
    " hasLayer: () => true, getBounds() {"
    "return {getSouth: () => 0, getWest: () => 0, getNorth: () => 0, getEast: () => 0}},"
    " getContainer: () => document.body}}};</script></body></html>"
)


def timed(call, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    baseline = timed(lambda: render(EMPTY_PAGE, "png"), args.repeat)
    print(f"baseline: Chromium screenshot of an empty 1920x1080 page: {baseline:.2f} s")
    print(
        f"{'incidents':>10} {'page build':>11} {'PNG total':>10} {'x baseline':>11} {'HTML MB':>8}"
    )
    for n in args.sizes:
        incidents = synthetic_incidents(n)
        palette = actor_palette(incidents["actor"].value_counts().index)
        options = SnapshotOptions(table=True)
        build = timed(
            lambda incidents=incidents, palette=palette, options=options: snapshot_page(
                incidents, palette, IncidentFilter(), MapOptions(), options
            ),
            args.repeat,
        )
        size = len(snapshot_page(incidents, palette, IncidentFilter(), MapOptions(), options))
        total = timed(
            lambda incidents=incidents, palette=palette, options=options: export_snapshot(
                incidents, palette, IncidentFilter(), MapOptions(), options, "png"
            ),
            args.repeat,
        )
        print(
            f"{n:>10,} {build:>10.2f}s {total:>9.2f}s {total / baseline:>10.1f}x {size / 1e6:>8.2f}"
        )


if __name__ == "__main__":
    main()
