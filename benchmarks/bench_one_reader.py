"""One reader's worst requests, and what they cost everyone else on the server.

Each request runs in a fresh process, in one thread, while a second thread of the
same process (as another session of the same Streamlit server would: one process,
one GIL) builds the map of the project's data again and again.  Printed per
request: its seconds, the process's peak memory, and the slowest and median map
build meanwhile.  The bar: 60 s and 1 GB per request, another session's
map under 2 s.

    .venv/bin/python benchmarks/bench_one_reader.py

Requests: a paste of the longest report allowed (100,000 characters) made of
sentences naming places the gazetteer lacks; a 200-row upload whose places are all
unknown; a 20 MB upload; the longest animation a reader may make (a GIF of
``READER_FRAMES`` frames at slide size).
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import string
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REQUESTS = ("paste", "upload_unknown", "upload_20mb", "gif")


def _unknown(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(6, 11))).title()
        for _ in range(n)
    ]


def paste() -> str:
    from geocoding.factory import make_resolver
    from geocoding.settings import GeocodingSettings
    from intake.extract import Extractor
    from intake.reports import MAX_REPORT_CHARS, from_text

    text, names = "", iter(_unknown(100_000, 1))
    while len(text) < MAX_REPORT_CHARS - 80:
        text += f"A bomb exploded in {next(names)} near {next(names)}, killing 3. "
    found, note = Extractor(make_resolver(GeocodingSettings.from_env())).extract_request(
        [from_text(text[:MAX_REPORT_CHARS], "2024-01-01")]
    )
    return f"{len(text[:MAX_REPORT_CHARS]):,} chars, {len(found[0][1])} candidates; {note}"


def _upload(rows: list[str]) -> str:
    from geocoding.factory import make_resolver
    from geocoding.settings import GeocodingSettings
    from incidents.imports.importer import import_table
    from incidents.imports.reading import read_table

    data = ("date,actor,location,admin1,country,fatalities,notes\n" + "\n".join(rows)).encode()
    result = import_table(
        read_table(data, "upload.csv"),
        "upload.csv",
        resolver=make_resolver(GeocodingSettings.from_env()),
    )
    return f"{len(data) / 1e6:.1f} MB, {len(result.incidents)} rows in; " + "; ".join(
        w for w in result.warnings if "matched exactly" in w
    )


def upload_unknown() -> str:
    return _upload(
        [
            f"2024-01-{1 + n % 28:02d},Group {n % 9},{name},,Pakistan,{n % 5},"
            for n, name in enumerate(_unknown(200, 2))
        ]
    )


def upload_20mb() -> str:
    towns = ["Kabul", "Jalalabad", "Peshawar", "Quetta", "Kandahar", "Herat", "Bannu", "Khost"]
    note = "Synthetic note with enough words to make a realistic row of an export. " * 2
    row = "2023-{m:02d}-{d:02d},Group {g},{t},,,{k},{note}"
    rows, size, n = [], 0, 0
    while size < 20_000_000:
        line = row.format(
            m=1 + n % 12, d=1 + n % 28, g=n % 30, t=towns[n % len(towns)], k=n % 7, note=note
        )
        rows.append(line)
        size += len(line) + 1
        n += 1
    return _upload(rows)


def gif() -> str:
    from engine.mapping.palette import actor_palette
    from engine.mapping.view import MapView
    from engine.playback import Playback
    from engine.slides.animate import READER_FRAMES, export_animation
    from engine.slides.snapshot import SnapshotOptions
    from engine.view import View
    from incidents.io import load_incidents

    incidents = load_incidents(ROOT / "data" / "incidents.csv").incidents
    weeks = View(
        map=MapView(playback=Playback(step="week", span=(date(2021, 8, 2), date(2022, 9, 18))))
    )
    made = export_animation(
        incidents,
        actor_palette(incidents["actor"].unique()),
        weeks,
        SnapshotOptions(),
        "gif",
        max_frames=READER_FRAMES,
    )
    return f"{len(made.labels)} frames, {len(made.content) / 1e6:.1f} MB GIF"


def _other_session(stop: threading.Event, times: list[float]) -> None:
    """Another reader opening the map: filter and build the page, again and again."""
    from engine.filters import IncidentFilter, apply_filters
    from engine.mapping.map_build import build_map
    from engine.mapping.palette import actor_palette
    from incidents.io import load_incidents

    incidents = load_incidents(ROOT / "data" / "incidents.csv").incidents
    palette = actor_palette(incidents["actor"].unique())
    while not stop.is_set():
        started = time.perf_counter()
        build_map(apply_filters(incidents, IncidentFilter()), palette).get_root().render()
        times.append(time.perf_counter() - started)
        time.sleep(0.05)


def run_one(name: str) -> dict:
    stop, times = threading.Event(), []
    other = threading.Thread(target=_other_session, args=(stop, times), daemon=True)
    other.start()
    time.sleep(2)  # the other session is warm
    times.clear()
    started = time.perf_counter()
    said = globals()[name]()
    seconds = time.perf_counter() - started
    stop.set()
    other.join()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB -> MB on Linux
    return {
        "request": name,
        "seconds": round(seconds, 1),
        "peak_mb": round(peak),
        "map_max": round(max(times), 2) if times else None,
        "map_median": round(statistics.median(times), 2) if times else None,
        "said": said,
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(run_one(sys.argv[2])))
        return
    print("| request | seconds | peak MB | other map: slowest / median s | what it said |")
    print("|---|---:|---:|---|---|")
    for name in REQUESTS:
        done = subprocess.run(
            [sys.executable, __file__, "--one", name], capture_output=True, text=True, cwd=ROOT
        )
        if done.returncode != 0:
            print(f"| {name} | failed | | | {done.stderr.strip().splitlines()[-1][:200]} |")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"| {name} | {r['seconds']} | {r['peak_mb']} | {r['map_max']} / {r['map_median']}"
            f" | {r['said'][:150]} |"
        )


if __name__ == "__main__":
    main()
