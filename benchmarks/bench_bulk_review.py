"""Bulk review at a coded file's size, on SQLite and PostgreSQL, in one run.

Imports N synthetic candidates (``bench_map.synthetic_incidents``; they exist only
here) as one import, confirms every one the import's filter shows (``review_many``:
one transaction, a history row each), checks each has its row, then undoes the
import whole.  PostgreSQL is a throwaway local cluster (``tests/postgres.py``).

    .venv/bin/python benchmarks/bench_bulk_review.py [--n 3500]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select

from benchmarks.bench_map import synthetic_incidents
from incidents.store import open_store
from incidents.store.bulk import CandidateFilter, candidates, review_many, undo_import
from incidents.store.tables import history
from tests.support.postgres import start_cluster


def _timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def measure(url: str, n: int) -> dict[str, float]:
    store = open_store(url)
    rows = synthetic_incidents(n)
    rows["actor2"] = rows["associated_actors"] = rows["admin2"] = ""
    counts, import_s = _timed(
        lambda: store.import_incidents(rows, editor="bench", status="candidate")
    )
    spec = CandidateFilter(batch=counts["import_id"])
    shown, list_s = _timed(lambda: candidates(store, spec))
    ids = list(shown["incident_id"])
    done, review_s = _timed(
        lambda: review_many(store, ids, "confirmed", editor="bench", note="coded data")
    )
    with store.engine.connect() as connection:
        rows_written = connection.execute(
            select(func.count()).select_from(history).where(history.c.action == "review")
        ).scalar_one()
    assert done == len(ids) == rows_written, (done, len(ids), rows_written)
    _, undo_s = _timed(lambda: undo_import(store, counts["import_id"], editor="bench"))
    assert store.count() == 0
    return {
        "candidates": len(ids),
        "import": import_s,
        "list": list_s,
        "review": review_s,
        "undo": undo_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3500)
    args = parser.parse_args()
    cluster = start_cluster()
    try:
        print(
            "| store | candidates | import s | list by import s | confirm all s | undo import s |"
        )
        print("|---|---:|---:|---:|---:|---:|")
        with tempfile.TemporaryDirectory() as folder:
            for name, url in (
                ("SQLite", str(Path(folder) / "bulk.sqlite")),
                ("PostgreSQL", cluster.create_database("bulk")),
            ):
                row = measure(url, args.n)
                print(
                    f"| {name} | {row['candidates']:,} | {row['import']:.1f} | "
                    f"{row['list']:.2f} | {row['review']:.2f} | {row['undo']:.2f} |",
                    flush=True,
                )
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
