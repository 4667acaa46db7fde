"""Rows per second imported from a 100,000-row ACLED-style CSV export.

The file is synthetic (ACLED's header, both date styles, quoted notes with commas;
every row has coordinates, so no geocoding).  The baseline, measured in the same run,
is ``pandas.read_csv`` of the same bytes with every cell as text: what parsing alone
costs.

    .venv/bin/python benchmarks/bench_import.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from incidents.imports.importer import import_table
from incidents.imports.reading import read_table

HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]


def acled_like(rows: int, seed: int = 3) -> bytes:
    rng = np.random.default_rng(seed)
    days = pd.Timestamp("2018-01-01") + pd.to_timedelta(rng.integers(0, 2500, rows), unit="D")
    text_style = rng.random(rows) < 0.5
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for i in range(rows):
        day = days[i]
        date = day.strftime("%d %B %Y") if text_style[i] else day.strftime("%Y-%m-%d")
        writer.writerow(
            [
                f"SYN{i}",
                date,
                day.year,
                rng.integers(1, 4),
                "Political violence",
                "Battles",
                "Armed clash",
                f"Actor {i % 40}",
                "Civilians",
                "Afghanistan",
                f"Province {i % 34}",
                f"District {i % 300}",
                f"Town {i % 2000}",
                f"{rng.uniform(29.5, 38):.4f}",
                f"{rng.uniform(61, 71):.4f}",
                rng.integers(1, 4),
                "Synthetic source",
                f"Synthetic note {i}, with a comma",
                rng.integers(0, 30),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    data = acled_like(args.rows)
    start = time.perf_counter()
    pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    result = import_table(read_table(data, "acled.csv"), "acled.csv")
    seconds = time.perf_counter() - start
    assert result.rows_in == args.rows == len(result.incidents) + len(result.rejected)
    print(
        f"{args.rows:,} rows ({len(data) / 1e6:.1f} MB): imported {len(result.incidents):,}, "
        f"rejected {len(result.rejected):,}"
    )
    print(
        f"baseline pandas.read_csv (text cells): {baseline:.2f} s, {args.rows / baseline:,.0f} rows/s"
    )
    print(
        f"import (read, map, validate, duplicates): {seconds:.2f} s, "
        f"{args.rows / seconds:,.0f} rows/s, {seconds / baseline:.1f}x the baseline"
    )
    from bench_one_reader import upload_unknown  # 200 rows, every place unknown

    start = time.perf_counter()
    said = upload_unknown()
    print(f"200 rows of unknown places, geocoded: {time.perf_counter() - start:.1f} s ({said})")


if __name__ == "__main__":
    main()
