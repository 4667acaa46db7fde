"""Intake on text nobody here wrote: UCDP's own headlines for its Pakistan events.

Reads the development half of UCDP GED's Pakistan file (``../shared/data/``, not
shipped), takes each distinct ``source_headline`` with its ``source_date`` as a
one-line report, and scores the first candidate intake reads from it against the
UCDP row it came with (the first event citing it): found at all; date within a day of
``date_start`` (day-precise events only); place within 25 km of UCDP's coordinates
(events placed at precision 1 or 2 whose headline names that place: most headlines say
only "northwest Pakistan", and UCDP placed them from the article); deaths equal to ``best`` where the headline states
that number in digits; perpetrator, where intake names one (not "Unidentified"), close to ``side_a`` or
``side_b`` (rapidfuzz token-set ratio 70: "Al-Qaeda" is "al-Qaida").  Compilations (press digests, timelines) are skipped.  UCDP's
coordinates are only read to measure.

    .venv/bin/python benchmarks/bench_intake_ucdp.py [FILE]
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geocoding.factory import make_resolver  # noqa: E402
from geocoding.settings import GeocodingSettings  # noqa: E402
from ground.distances import km_apart as km  # noqa: E402  (one great-circle distance for all)
from incidents.actors import actor_key  # noqa: E402
from intake.candidates import to_row  # noqa: E402
from intake.extract import Extractor  # noqa: E402
from intake.reports import from_text  # noqa: E402

DEV_FILE = ROOT.parent / "shared" / "data" / "ucdp-ged-pakistan-dev.csv"
COMPILATION = re.compile(
    r"digest|timeline|chronolog|factbox|fact box|roundup|highlights|"
    r"what.s happening|press review|diary|programme summary|"
    r"news summary|bulletin|incidents and statements involving|"
    r"tracking conflict|crisiswatch|major incidents of|major news items|"
    r"drone wars|^\W*\((?:updating|reopens)|https?://",
    re.I,
)
# Rows whose "headline" is only a date or a month ("February 20", "Pakistan JULY 2017",
# "Monday, February 22, 2016"): a title of a list, not a report of one event.
DATE_ONLY = re.compile(
    r"^\W*(?:pakistan\W+)?(?:(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday),?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?,?(?:\s+\d{4})?\W*$",
    re.I,
)
PLACE_WORDS = re.compile(r"\s+(town|village|city|area|district|agency|valley|region)$", re.I)


def headlines(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, skiprows=[1]).fillna("")  # row 2 is HXL tags
    first = raw["source_headline"].str.split(";").str[0].str.strip()
    rows = raw[
        (raw["source_headline"].str.strip() != "")
        & ~first.str.contains(COMPILATION)
        & ~first.str.match(DATE_ONLY)
    ]
    # one headline, one report: the first event that cites it
    return rows.sort_values("id", key=lambda s: s.astype(int)).drop_duplicates("source_headline")


def score(rows: pd.DataFrame, extractor: Extractor) -> dict[str, tuple[int, int]]:
    tally = {k: [0, 0] for k in ("found", "date", "place", "deaths", "perpetrator")}
    for _, row in rows.iterrows():
        report = from_text(row["source_headline"], row["source_date"][:10], "UCDP headline")
        found = extractor.extract(report)
        tally["found"][1] += 1
        if not found:
            continue
        tally["found"][0] += 1
        got = to_row(report, found[0], 1)
        if row["date_prec"] == "1" and got["date"]:
            tally["date"][1] += 1
            day = pd.Timestamp(got["date"][:10])
            tally["date"][0] += abs((day - pd.Timestamp(row["date_start"][:10])).days) <= 1
        named = PLACE_WORDS.sub("", row["where_coordinates"]).strip().lower()
        if row["where_prec"] in ("1", "2") and named and named in row["source_headline"].lower():
            tally["place"][1] += 1  # only where the headline names UCDP's place
            if got["latitude"] and got["longitude"]:
                tally["place"][0] += (
                    km(
                        float(got["latitude"]),
                        float(got["longitude"]),
                        float(row["latitude"]),
                        float(row["longitude"]),
                    )
                    <= 25
                )
        if row["best"] and re.search(rf"\b{row['best']}\b", row["source_headline"]):
            tally["deaths"][1] += 1
            tally["deaths"][0] += got["fatalities"] == row["best"]
        if got["actor"] and got["actor"].lower() != "unidentified":
            tally["perpetrator"][1] += 1
            tally["perpetrator"][0] += any(
                actor_key(got["actor"]) == actor_key(side)  # one group, any of its names
                or fuzz.token_set_ratio(got["actor"].lower(), side.lower()) >= 70
                for side in (row["side_a"], row["side_b"])
            )
    return {k: (v[0], v[1]) for k, v in tally.items()}


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV_FILE
    rows = headlines(path)
    extractor = Extractor(make_resolver(GeocodingSettings.from_env()))
    started = time.perf_counter()
    result = score(rows, extractor)
    seconds = time.perf_counter() - started
    print(f"{len(rows)} distinct headlines from {path.name} ({seconds:.1f} s)")
    print("| field | right | of | share |")
    print("|---|---:|---:|---:|")
    for name, (right, total) in result.items():
        print(
            f"| {name} | {right} | {total} | {right / total:.0%} |"
            if total
            else f"| {name} | 0 | 0 | - |"
        )


if __name__ == "__main__":
    main()
