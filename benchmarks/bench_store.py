"""The incident store at scale, on SQLite and on PostgreSQL, in one run.

For each size: the bulk load (``Store.add``: rows, participants and history), then a
typical briefing filter (one actor on any side, one year) selected in the database,
and the same filter plus the map's payload.  PostgreSQL is a throwaway local cluster
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

from benchmarks.bench_map import synthetic_incidents  # noqa: E402
from dashboard.mapping.map_payload import encode_incidents  # noqa: E402
from dashboard.mapping.palette import actor_palette  # noqa: E402
from incidents.store import open_store  # noqa: E402
from tests.postgres import start_cluster  # noqa: E402

FILTER = {"actors": ("Actor B",), "start": "2022-01-01", "end": "2022-12-31"}


def _timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def measure(url: str, n: int) -> dict[str, object]:
    incidents = synthetic_incidents(n)
    incidents["actor2"] = incidents["actor"].shift(1).fillna("")  # a second side to match
    store = open_store(url)
    _, load_s = _timed(lambda: store.add(incidents, editor="bench", action="import"))
    found, filter_s = _timed(lambda: store.matching(**FILTER))
    palette = actor_palette(tuple(incidents["actor"].unique()))
    _, both_s = _timed(lambda: encode_incidents(store.matching(**FILTER), palette))
    return {"incidents": n, "load s": round(load_s, 1), "matching": len(found),
            "filter s": round(filter_s, 2), "filter+payload s": round(both_s, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    cluster = start_cluster()
    try:
        print(f"PostgreSQL: {cluster.version()}")
        print("| database | incidents | bulk load s | matching | filter s | filter + payload s |")
        print("|---|---:|---:|---:|---:|---:|")
        for n in args.sizes:
            with tempfile.TemporaryDirectory() as folder:
                targets = {"SQLite": str(Path(folder) / "bench.sqlite"),
                           "PostgreSQL": cluster.create_database(f"bench_{n}")}
                for name, url in targets.items():
                    row = measure(url, n)
                    print(f"| {name} | {row['incidents']:,} | {row['load s']} | "
                          f"{row['matching']:,} | {row['filter s']} | {row['filter+payload s']} |",
                          flush=True)
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
