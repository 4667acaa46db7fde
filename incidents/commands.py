"""The ``import`` and ``store`` commands (``python -m dashboard import|store``): files
of ACLED, UCDP GED, GTD or plain tables into the project schema or the store, and
the store's history, exports, backups, bulk review and undoing of imports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ground.commands import EXIT_EMPTY, EXIT_UNWRITABLE, CommandError, check_folder
from ground.files import write_atomically
from ground.terminal import say
from incidents.imports.formats import FORMATS, names


def add_import_command(commands) -> None:
    """The ``import`` command's arguments, on the program's sub-commands."""
    imp = commands.add_parser(
        "import",
        help=", ".join(f.label for f in FORMATS[:-1])
        + f" or {FORMATS[-1].label} -> incidents CSV in the project schema",
    )
    imp.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="one or more files; several are combined",
    )
    imp.add_argument(
        "--format",
        choices=names(),
        help="override the format detected from the header: "
        + ", ".join(f"{f.name} ({f.label})" for f in FORMATS),
    )
    imp.add_argument("--sheet", help="the sheet to read from an Excel workbook with several")
    imp.add_argument("-o", "--out", type=Path, help="incidents CSV to write")
    imp.add_argument(
        "--into-store",
        action="store_true",
        help="write into the incident store (INCIDENT_MAP_DB): new ids added, "
        "ids already there updated with a history row",
    )
    imp.add_argument(
        "--status",
        choices=("candidate", "confirmed"),
        default=None,
        help="review status of incidents new to the store (default: confirmed "
        "for ACLED, UCDP GED and GTD, candidate for other tables)",
    )
    imp.add_argument("--rejected", type=Path, help="CSV of the rows that could not be used")
    imp.add_argument(
        "--no-geocode", action="store_true", help="leave rows without coordinates unplaced"
    )


def add_store_command(commands) -> None:
    """The ``store`` command's actions and arguments."""
    store = commands.add_parser("store", help="the incident store: history, export, backups")
    actions = store.add_subparsers(dest="action", required=True)
    actions.add_parser("history", help="every change to one incident").add_argument("id")
    export = actions.add_parser("export", help="the whole store in the project schema")
    export.add_argument("--format", choices=("csv", "geojson"), default="csv")
    export.add_argument("-o", "--out", type=Path, required=True)
    backup = actions.add_parser("backup", help="copy the SQLite store to FILE (a new file)")
    backup.add_argument("file", type=Path)
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    actions.add_parser("restore", help="replace the SQLite store with FILE").add_argument(
        "file", type=Path
    )
    review = actions.add_parser(
        "review",
        help="confirm or reject every candidate a filter shows, each with its own history row",
    )
    decide = review.add_mutually_exclusive_group(required=True)
    decide.add_argument("--confirm", dest="decision", action="store_const", const="confirmed")
    decide.add_argument("--reject", dest="decision", action="store_const", const="rejected")
    review.add_argument("--import", dest="batch", default="", help="an import's id (store imports)")
    review.add_argument("--source", default="")
    review.add_argument("--actor", default="", help="taking part on any side")
    review.add_argument("--from", dest="start", type=_date_arg, default=None)
    review.add_argument("--to", dest="end", type=_date_arg, default=None)
    review.add_argument("--country", default="")
    review.add_argument(
        "--duplicates",
        choices=("only", "none"),
        default=None,
        help="only candidates with a likely duplicate stored, or none of them",
    )
    review.add_argument("--note", default="", help="kept on every history row")
    review.add_argument("--editor", default="command line")
    actions.add_parser("imports", help="the imports the history records, newest first")
    undo = actions.add_parser("undo-import", help="take back one import whole")
    undo.add_argument("id")
    undo.add_argument("--note", default="")
    undo.add_argument("--editor", default="command line")


def _date_arg(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def store_command(args: argparse.Namespace) -> str:
    from incidents.exports import to_csv, to_geojson
    from incidents.store import StoreError, open_store

    try:
        store = open_store()
        if args.action == "history":
            changes = store.history(args.id)
            if not changes:
                raise CommandError(f"no history for {args.id!r}")
            return "\n".join(
                f"v{c['version']} {c['at']:%Y-%m-%d %H:%M} {c['editor']} "
                f"{c['action']}: "
                + "; ".join(f"{k} {a!r} -> {b!r}" for k, (a, b) in c["changes"].items())
                + (f" ({c['note']})" if c["note"] else "")
                for c in changes
            )
        if args.action == "export":
            check_folder(args.out)
            everything = store.incidents(("confirmed", "candidate", "rejected"))
            write_atomically(
                args.out, to_csv(everything) if args.format == "csv" else to_geojson(everything)
            )
            return f"wrote {args.out}: {len(everything)} incidents"
        if args.action == "backup":
            check_folder(args.file)
            if args.file.exists() and not args.force:
                raise CommandError(
                    f"{args.file} exists: choose another name, or --force to replace it",
                    EXIT_UNWRITABLE,
                )
            store.backup_to(args.file)
            return f"backed up {store.count()} incidents to {args.file}"
        if args.action in ("review", "imports", "undo-import"):
            return _bulk(store, args)
        kept = store.restore_from(args.file)
        return (
            f"restored {store.count()} incidents from {args.file.name}; the store as it "
            f"was is kept at {kept}"
        )
    except StoreError as exc:
        raise CommandError(str(exc)) from exc


def _bulk(store, args: argparse.Namespace) -> str:
    from incidents.store.bulk import CandidateFilter, candidates, imports, review_many, undo_import

    if args.action == "imports":
        found = imports(store)
        return (
            "\n".join(
                f"{i['import_id']}  {i['at']:%Y-%m-%d %H:%M}  {i['editor']}  "
                f"{i['added']} added, {i['changed']} changed  {i['note']}"
                + ("  (undone)" if i["undone"] else "")
                for i in found
            )
            or "no imports recorded"
        )
    if args.action == "undo-import":
        done = undo_import(store, args.id, editor=args.editor, note=args.note)
        return (
            f"undid {args.id}: {done['removed']} incidents it added removed, "
            f"{done['restored']} it changed restored (each with a history row)"
        )
    spec = CandidateFilter(
        batch=args.batch,
        source=args.source,
        actor=args.actor,
        start=args.start,
        end=args.end,
        country=args.country,
        duplicate={"only": True, "none": False}.get(args.duplicates),
    )
    ids = list(candidates(store, spec)["incident_id"])
    reviewed = review_many(store, ids, args.decision, editor=args.editor, note=args.note)
    return f"{reviewed} of {len(ids)} candidates the filter shows set to {args.decision}"


def import_files(args: argparse.Namespace) -> str:
    from geocoding.factory import make_resolver
    from geocoding.settings import GeocodingSettings
    from ground.csv_cells import to_csv_bytes
    from incidents.actors import user_aliases
    from incidents.exports import to_csv
    from incidents.imports.errors import ImportFileError
    from incidents.imports.importer import combine, import_file

    if args.out is None and not args.into_store:
        raise CommandError("say where the incidents go: -o FILE.csv, --into-store, or both")
    for target in (args.out, args.rejected):
        if target is not None:
            check_folder(target)
    resolver = None if args.no_geocode else make_resolver(GeocodingSettings.from_env())
    for problem in user_aliases().problems:
        say(f"warning: {problem}; likely duplicates are looked for without it", file=sys.stderr)
    results = []
    for path in args.files:
        try:
            result = import_file(path, args.format, args.sheet, resolver=resolver)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        say(result.summary(), file=sys.stderr)
        say(f"  {result.detection.reason}", file=sys.stderr)
        for warning in result.warnings:
            say(f"  warning: {warning}", file=sys.stderr)
        for note in result.notes:
            say(f"  note: {note}", file=sys.stderr)
        results.append(result)
    incidents, rejected = combine(results)
    rows_in = sum(r.rows_in for r in results)
    if args.rejected is not None:
        write_atomically(args.rejected, to_csv_bytes(rejected))
    elif len(rejected):
        for line in rejected["problems"].head(20):
            say(f"  rejected: {line}", file=sys.stderr)
    stored = ""
    if args.into_store and not incidents.empty:
        stored = _into_store(incidents, args)
    if incidents.empty:
        raise CommandError(
            "nothing to import: the files hold no rows"
            if rows_in == 0
            else f"nothing could be imported: all {rows_in} rows were rejected",
            EXIT_EMPTY,
        )
    if args.out is not None:
        write_atomically(args.out, to_csv(incidents))
    return (
        f"{'wrote ' + str(args.out) + ': ' if args.out else ''}{rows_in} rows in, "
        f"{len(incidents)} imported, {len(rejected)} rejected{stored}"
    )


def _into_store(incidents, args: argparse.Namespace) -> str:
    """Import into the store, each group with the status its source earns (or the
    one chosen), and say which status was used and why."""
    from incidents.imports.trust import by_status
    from incidents.store import StoreError, open_store

    said = []
    try:
        store = open_store()
        groups = by_status(incidents, args.status)
        done = store.import_groups(
            [(status, rows) for status, _, rows in groups],
            editor="import",
            note=", ".join(p.name for p in args.files),
        )
        for (status, why, _), counts in zip(groups, done, strict=False):
            said.append(
                f"{counts['added']} added as {status} ({why}), {counts['to_review']} to "
                f"review (likely the same event as a stored incident), "
                f"{counts['updated']} updated, {counts['unchanged']} unchanged"
                + (
                    f" (import {counts['import_id']}; `store undo-import` takes it back)"
                    if "import_id" in counts
                    else ""
                )
            )
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    return "; store: " + "; ".join(said)
