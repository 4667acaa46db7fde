"""``python -m geocoding INPUT.csv -o OUTPUT.csv``: place every row of a CSV file."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from geocoding.errors import GeocodingError
from geocoding.factory import make_resolver
from geocoding.settings import GeocodingSettings
from geocoding.table import geocode_table
from ground.commands import check_folder, run
from ground.csv_cells import to_csv_bytes
from ground.files import write_atomically
from ground.tables import read_text_table
from ground.terminal import say


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geocoding",
        description="Add latitude, longitude, geo_precision, geocoder and matched_name to "
        "every row of a CSV file that has a place name. Offline unless --online.",
    )
    parser.add_argument("input", type=Path, help="CSV file (UTF-8) with a header row")
    parser.add_argument("-o", "--output", type=Path, required=True, help="CSV file to write")
    parser.add_argument("--place-col", default="location", help="place name column (location)")
    parser.add_argument(
        "--admin2-col",
        default="admin2",
        help="district/tehsil/agency column (admin2): constrains the name, and "
        "an unknown name is placed at the district",
    )
    parser.add_argument("--admin1-col", default="admin1", help="province/state column (admin1)")
    parser.add_argument("--country-col", default="country", help="country column (country)")
    parser.add_argument(
        "--overwrite", action="store_true", help="geocode rows that already have coordinates too"
    )
    parser.add_argument(
        "--gazetteer",
        type=Path,
        action="append",
        default=[],
        help="extra GeoNames file or folder (AF.txt, admin1CodesASCII.txt, ...); may be repeated",
    )
    parser.add_argument(
        "--online",
        action="store_true",
        help="ask Nominatim for names the offline gazetteer lacks (sends them "
        "to the Nominatim server; 1 request/s; cached)",
    )
    parser.add_argument("--user-agent", help="user agent for Nominatim")
    parser.add_argument("--cache-dir", type=Path, help="where the index and online cache live")
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    return parser


def _settings(args: argparse.Namespace) -> GeocodingSettings:
    settings = GeocodingSettings.from_env()
    changes: dict[str, Any] = {}
    if args.gazetteer:
        changes["gazetteer_files"] = settings.gazetteer_files + tuple(args.gazetteer)
    if args.online:
        changes["online"] = True
    if args.user_agent:
        changes["user_agent"] = args.user_agent
    if args.cache_dir:
        changes["cache_dir"] = args.cache_dir
    return replace(settings, **changes)


def write_csv_atomically(frame: pd.DataFrame, path: Path) -> None:
    """The geocoded table as CSV, written whole or not at all."""
    try:
        write_atomically(Path(path), to_csv_bytes(frame))
    except OSError as exc:
        raise GeocodingError(f"cannot write {path}: {exc.strerror or exc}") from exc


def main(argv: list[str] | None = None, *, adapter_factory=None) -> int:
    args = build_parser().parse_args(argv)
    return run(lambda: _geocode(args, adapter_factory))


def _geocode(args: argparse.Namespace, adapter_factory) -> str:
    settings = _settings(args)
    frame = read_text_table(args.input)
    check_folder(args.output)
    if not args.quiet:
        say("loading the offline gazetteer...", file=sys.stderr)
    resolver = make_resolver(settings, adapter_factory=adapter_factory)

    def progress(done: int, total: int) -> None:
        if not args.quiet and (done % 50 == 0 or done == total) and total >= 50:
            say(f"geocoded {done}/{total} distinct names", file=sys.stderr)

    result, summary = geocode_table(
        frame,
        resolver,
        place_col=args.place_col,
        admin1_col=args.admin1_col,
        admin2_col=args.admin2_col,
        country_col=args.country_col,
        overwrite=args.overwrite,
        progress=progress,
        first_row_number=2,
    )
    write_csv_atomically(result, args.output)
    return "\n".join([*summary.lines(), f"wrote {args.output}"])
