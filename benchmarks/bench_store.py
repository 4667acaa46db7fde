"""The incident store at scale, on SQLite and on PostgreSQL, in one run.

For each size: the bulk load (``Store.add``: rows, participants and history), then a
date filter that leaves the map 100,000 incidents, selected in the database, and the
map's payload for them; beside it the CSV path the app had before the store (read the
file, filter in memory, payload).  PostgreSQL is a throwaway local cluster
(``tests/postgres.py``), so both run on the same machine at the same moment.  The
incidents are synthetic (``bench_map.synthetic_incidents``) and exist only here.

    .venv/bin/python benchmarks/bench_store.py [--sizes 100000 1000000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd

from benchmarks.bench_map import synthetic_incidents
from engine.filters import IncidentFilter, apply_filters
from engine.mapping.map_payload import encode_incidents
from engine.mapping.palette import actor_palette
from incidents.exports import to_csv
from incidents.io import load_incidents
from incidents.store import open_store
from tests.support.postgres import start_cluster

MAP_SIZE = 100_000  # the incidents the map is asked to draw


def _timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def _window(incidents: pd.DataFrame, wanted: int) -> tuple[str, str]:
    """The first and last day of the earliest dates holding ``wanted`` incidents:
    the filter a briefer would use, sized so the map gets ``wanted``."""
    days = incidents["date"].sort_values().reset_index(drop=True)
    last = days.iloc[min(wanted, len(days)) - 1]
    return str(days.iloc[0].date()), str(last.date())


def measure_store(url: str, incidents: pd.DataFrame, palette: dict) -> dict[str, object]:
    """Bulk load, then the map's filter (in the database) and payload."""
    store = open_store(url)
    _, load_s = _timed(lambda: store.add(incidents, editor="bench", action="import"))
    start, end = _window(incidents, MAP_SIZE)
    found, filter_s = _timed(lambda: store.matching(start=start, end=end))
    _, payload_s = _timed(lambda: encode_incidents(found, palette))
    _, read_s = _timed(store.incidents)
    return {
        "load": load_s,
        "read": read_s,
        "matching": len(found),
        "filter": filter_s,
        "payload": payload_s,
    }


def measure_csv(incidents: pd.DataFrame, palette: dict, folder: Path) -> dict[str, object]:
    """Today's CSV path: read the file, filter in memory, build the payload."""
    start, end = _window(incidents, MAP_SIZE)
    path = folder / "bench.csv"
    path.write_bytes(to_csv(incidents))
    spec = IncidentFilter(start=pd.Timestamp(start).date(), end=pd.Timestamp(end).date())
    loaded, read_s = _timed(lambda: load_incidents(path).incidents)
    found, filter_s = _timed(lambda: apply_filters(loaded, spec))
    _, payload_s = _timed(lambda: encode_incidents(found, palette))
    return {
        "load": float("nan"),
        "read": read_s,
        "matching": len(found),
        "filter": filter_s,
        "payload": payload_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    cluster = start_cluster()
    try:
        print(f"PostgreSQL: {cluster.version()}")
        print(
            "| data | incidents | bulk load s | read all s | map's incidents | filter s | "
            "payload s | filter + payload s |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for n in args.sizes:
            incidents = synthetic_incidents(n)
            incidents["actor2"] = incidents["actor"].shift(1).fillna("")  # a second side
            incidents["associated_actors"] = incidents["admin2"] = ""
            palette = actor_palette(tuple(incidents["actor"].unique()))
            with tempfile.TemporaryDirectory() as folder:
                rows = {
                    "CSV file": measure_csv(incidents, palette, Path(folder)),
                    "SQLite": measure_store(str(Path(folder) / "bench.sqlite"), incidents, palette),
                    "PostgreSQL": measure_store(
                        cluster.create_database(f"bench_{n}"), incidents, palette
                    ),
                }
                for name, row in rows.items():
                    print(
                        f"| {name} | {n:,} | {row['load']:.1f} | {row['read']:.1f} | "
                        f"{row['matching']:,} | "
                        f"{row['filter']:.2f} | {row['payload']:.2f} | "
                        f"{row['filter'] + row['payload']:.2f} |",
                        flush=True,
                    )
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
