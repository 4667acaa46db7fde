"""``python -m intake FILE... [--published] [--source] [--url] -o candidates.csv
[--into-store]``: reports to candidate incidents, offline.  A ``.csv`` or ``.jsonl``
file is a batch of reports, one per row (``--text-col``, ``--published-col``,
``--url-col``, ``--title-col``, ``--source-col``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ground.commands import CommandError, check_folder, run
from ground.csv_cells import to_csv_bytes
from ground.files import write_atomically
from ground.terminal import say
from incidents.validate import validate_incidents
from intake.batch import Columns, is_batch, read_batch
from intake.candidates import candidates_table
from intake.extract import Extractor
from intake.reports import ReportError, read_reports


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m intake",
        description="News reports (.txt, .html, RSS/Atom) to candidate "
        "incidents with their evidence, offline.",
    )
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--published", help="publication date YYYY-MM-DD (else from the file)")
    p.add_argument("--source", default="", help="the source's name (else the file's)")
    p.add_argument("--url", default="", help="the report's address")
    p.add_argument("--text-col", default="text", help="batch files: the column of report text")
    p.add_argument("--published-col", default="", help="batch files: the publication date column")
    p.add_argument("--url-col", default="", help="batch files: the report address column")
    p.add_argument("--title-col", default="", help="batch files: the headline column")
    p.add_argument("--source-col", default="", help="batch files: the source name column")
    p.add_argument("-o", "--out", type=Path, help="write the candidates here (CSV)")
    p.add_argument(
        "--background",
        action="store_true",
        help="keep the earlier incidents a report recalls (marked background=yes)",
    )
    p.add_argument(
        "--into-store",
        action="store_true",
        help="add them to the incident store as candidates awaiting review",
    )
    return p


def _resolver():
    from geocoding.factory import make_resolver
    from geocoding.settings import GeocodingSettings

    return make_resolver(GeocodingSettings.from_env())


def _reports(path: Path, args: argparse.Namespace) -> list:
    """The reports in one file; a batch file's refused rows and warnings are said."""
    if not is_batch(path):
        return read_reports(path, args.published, args.source, args.url)
    if not path.is_file():
        raise ReportError(f"{path.name}: no such file")
    columns = Columns(
        args.text_col, args.published_col, args.url_col, args.title_col, args.source_col
    )
    batch = read_batch(path.read_bytes(), path.name, columns, args.source)
    for line in batch.refused:
        say(f"  refused: {line}", file=sys.stderr)
    for line in batch.warnings:
        say(f"  warning: {line}", file=sys.stderr)
    say(
        f"{path.name}: {batch.rows} rows, {len(batch.reports)} reports read, "
        f"{len(batch.refused)} refused",
        file=sys.stderr,
    )
    return batch.reports


def read(args: argparse.Namespace, out=None) -> str:
    """Read every file, write or store the candidates; what was stored, in a line.
    A file that cannot be read ends the command (``ground.commands.run``)."""
    out = out or sys.stdout
    if args.out is None and not args.into_store:
        raise CommandError("say where the candidates go: -o FILE.csv, --into-store, or both")
    if args.out is not None:
        check_folder(args.out)
    extractor = Extractor(_resolver())
    found = []
    for path in args.files:
        reports = _reports(path, args)
        read, note = extractor.extract_request(reports)
        if note:
            say(f"warning: {path.name}: {note}", file=sys.stderr)
        for report, candidates in read:
            if report.published is None and candidates:
                say(
                    f"warning: {report.name}: no publication date given or found; days "
                    "such as 'on Monday' are left undated (give --published YYYY-MM-DD)",
                    file=sys.stderr,
                )
            recalled = [c for c in candidates if c.background]
            if recalled and not args.background:
                say(
                    f"{report.name}: {len(recalled)} earlier incident(s) it recalls left out "
                    "(--background keeps them, marked)",
                    file=sys.stderr,
                )
                candidates = [c for c in candidates if not c.background]
            found.append((report, candidates))
            say(f"{report.name}: {len(candidates)} incident(s)", file=out)
            for c in candidates:
                say(
                    f"  {c.value('date')} {c.value('event_type')} · {c.value('actor')} "
                    f"({c.value('attribution', 'unknown')}) · {c.value('location') or '?'} · "
                    f"killed {c.value('fatalities') or '?'}, injured {c.value('injured') or '?'}",
                    file=out,
                )
    table = candidates_table(found)
    if args.out is not None:
        write_atomically(args.out, to_csv_bytes(table))
    if not (args.into_store and len(table)):
        return ""
    from incidents.store import open_store

    checked = validate_incidents(table.astype(str), first_row_number=2)
    for problem in checked.problems:
        say(f"  not stored: {problem}", file=sys.stderr)
    counts = open_store().import_incidents(
        checked.incidents, editor="intake", status="candidate", note="news intake"
    )
    return (
        f"store: {counts['added'] + counts['to_review']} candidates added, "
        f"{counts['updated']} updated, {counts['unchanged']} unchanged"
    )


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return run(lambda: read(args))
