"""``python -m dashboard snapshot ...`` (the app's snapshot export, for scheduled jobs),
``python -m dashboard animate ...`` (the map played through time, GIF or MP4) and ``python -m dashboard import ...`` (the app's upload, for files on disk).

Exit codes: 0 written; 2 bad arguments, filter or input file; 3 nothing matches
(unless ``--allow-empty``) or nothing could be imported; 4 the output cannot be
written; 5 the browser failed.
"""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from datetime import date
from pathlib import Path

from dashboard.config import data_path
from dashboard.slides.export import export_view
from ground.files import write_atomically
from dashboard.slides.kinds import kinds_for, suffixes
from dashboard.filters import IncidentFilter, apply_filters, empty_reason, option_counts
from dashboard.mapping.map_build import DEFAULT_LAYERS, LAYERS, MapOptions
from dashboard.mapping.palette import actor_palette
from dashboard.playback import STEPS, Playback, PlaybackError, window_length
from dashboard.slides.animate import export_animation
from dashboard.slides.render import RenderError
from dashboard.slides.snapshot import SLIDE, SnapshotOptions
from incidents.io import load_incidents
from ground.terminal import say
from incidents.validate import IncidentDataError

EXIT_USAGE, EXIT_EMPTY, EXIT_UNWRITABLE, EXIT_RENDER = 2, 3, 4, 5


class CommandError(Exception):
    """A problem the user can fix, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1920x1080") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000 pixels")
    return width, height


def _extent(text: str) -> tuple[tuple[float, float], tuple[float, float]] | None:
    if text == "fit":
        return None
    try:
        south, west, north, east = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not 'fit' or SOUTH,WEST,NORTH,EAST in degrees") from None
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise argparse.ArgumentTypeError("need south < north within ±90 and west < east within ±180")
    return (south, west), (north, east)


def _layers(text: str) -> frozenset[str]:
    chosen = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = chosen - set(LAYERS)
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown layer {', '.join(sorted(unknown))}; choose from {', '.join(LAYERS)}")
    return chosen


def _window(text: str) -> str:
    try:
        window_length(text)
    except PlaybackError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text.upper()


def _add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (as in the app's sidebar)")
    group.add_argument("--actor", action="append", default=[],
                       help="incidents the actor takes part in on any side; repeat for several")
    group.add_argument("--primary-actor", action="store_true",
                       help="match --actor only as the primary actor")
    group.add_argument("--type", action="append", default=[], dest="event_type")
    group.add_argument("--country", action="append", default=[])
    group.add_argument("--admin1", action="append", default=[])
    group.add_argument("--from", type=_date, dest="start", metavar="YYYY-MM-DD")
    group.add_argument("--to", type=_date, dest="end", metavar="YYYY-MM-DD")
    group.add_argument("--min-killed", type=int, default=0)
    group.add_argument("--text", default="", help="search place names and descriptions")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard",
                                     description="Incident map exports for scheduled jobs.")
    commands = parser.add_subparsers(dest="command", required=True)
    stills = kinds_for(playing=False)
    snap = commands.add_parser("snapshot", help="write the map view as "
                               + ", ".join(k.label for k in stills))
    snap.add_argument("--data", type=Path, default=None,
                      help="incidents CSV in the project schema (default: the dashboard's)")
    _add_filter_arguments(snap)
    snap.add_argument("--title", default="", help="default: who and when, from the filters")
    snap.add_argument("--out", type=Path, required=True, help="FILE" + suffixes(stills).replace(", ", ", FILE").replace(" or ", " or FILE"))
    snap.add_argument("--size", type=_size, default=SLIDE, help="WIDTHxHEIGHT (default 1920x1080)")
    snap.add_argument("--scale", type=int, choices=(1, 2), default=1, help="2 for a sharper PNG")
    snap.add_argument("--extent", type=_extent, default=None,
                      help="'fit' (default) or SOUTH,WEST,NORTH,EAST")
    snap.add_argument("--layers", type=_layers, default=DEFAULT_LAYERS,
                      help=f"comma-separated, from: {', '.join(LAYERS)}")
    snap.add_argument("--no-timeline", action="store_true", help="leave out the timeline")
    snap.add_argument("--table", action="store_true", help="add the deadliest incidents")
    snap.add_argument("--online-tiles", action="store_true",
                      help="use OpenStreetMap tiles (sends the viewed area to the tile servers)")
    snap.add_argument("--allow-empty", action="store_true",
                      help="write an empty map with a note when nothing matches")
    anim = commands.add_parser("animate", help="play the map through time into a GIF or MP4")
    anim.add_argument("--data", type=Path, default=None,
                      help="incidents CSV in the project schema (default: the dashboard's)")
    _add_filter_arguments(anim)
    anim.add_argument("--step", choices=STEPS, default="month", help="one frame per step")
    anim.add_argument("--window", type=_window, default=None,
                      help="what each frame shows, ending with it: e.g. 3M, 2W, 1Q "
                           "(default: one step)")
    anim.add_argument("--cumulative", action="store_true",
                      help="every incident up to the frame, those before the window faded")
    anim.add_argument("--fps", type=float, default=2.0, help="frames per second (default 2)")
    anim.add_argument("--size", type=_size, default=SLIDE, help="WIDTHxHEIGHT (default 1920x1080)")
    anim.add_argument("--title", default="", help="default: who and when, from the filters")
    anim.add_argument("--layers", type=_layers, default=DEFAULT_LAYERS,
                      help=f"comma-separated, from: {', '.join(LAYERS)}")
    anim.add_argument("--out", type=Path, required=True, help="FILE.gif or FILE.mp4")
    imp = commands.add_parser("import", help="ACLED, UCDP GED, GTD or a plain CSV/Excel file "
                                             "-> incidents CSV in the project schema")
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE",
                     help="one or more files; several are combined")
    imp.add_argument("--format", choices=("acled", "ucdp", "gtd", "csv"),
                     help="override the format detected from the header")
    imp.add_argument("--sheet", help="the sheet to read from an Excel workbook with several")
    imp.add_argument("-o", "--out", type=Path, help="incidents CSV to write")
    imp.add_argument("--into-store", action="store_true",
                     help="write into the incident store (INCIDENT_MAP_DB): new ids added, "
                          "ids already there updated with a history row")
    imp.add_argument("--status", choices=("candidate", "confirmed"), default=None,
                     help="review status of incidents new to the store (default: confirmed "
                          "for ACLED, UCDP GED and GTD, candidate for other tables)")
    imp.add_argument("--rejected", type=Path, help="CSV of the rows that could not be used")
    imp.add_argument("--no-geocode", action="store_true",
                     help="leave rows without coordinates unplaced")
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
        "file", type=Path)
    review = actions.add_parser("review", help="confirm or reject every candidate a filter "
                                               "shows, each with its own history row")
    decide = review.add_mutually_exclusive_group(required=True)
    decide.add_argument("--confirm", dest="decision", action="store_const", const="confirmed")
    decide.add_argument("--reject", dest="decision", action="store_const", const="rejected")
    review.add_argument("--import", dest="batch", default="", help="an import's id (store imports)")
    review.add_argument("--source", default="")
    review.add_argument("--actor", default="", help="taking part on any side")
    review.add_argument("--from", dest="start", type=_date_arg, default=None)
    review.add_argument("--to", dest="end", type=_date_arg, default=None)
    review.add_argument("--country", default="")
    review.add_argument("--duplicates", choices=("only", "none"), default=None,
                        help="only candidates with a likely duplicate stored, or none of them")
    review.add_argument("--note", default="", help="kept on every history row")
    review.add_argument("--editor", default="command line")
    actions.add_parser("imports", help="the imports the history records, newest first")
    undo = actions.add_parser("undo-import", help="take back one import whole")
    undo.add_argument("id")
    undo.add_argument("--note", default="")
    undo.add_argument("--editor", default="command line")
    return parser


def _date_arg(text: str):
    from datetime import date
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def store_command(args: argparse.Namespace) -> str:
    from dashboard.downloads import to_csv, to_geojson
    from incidents.store import StoreError, open_store
    try:
        store = open_store()
        if args.action == "history":
            changes = store.history(args.id)
            if not changes:
                raise CommandError(f"no history for {args.id!r}")
            return "\n".join(f"v{c['version']} {c['at']:%Y-%m-%d %H:%M} {c['editor']} "
                             f"{c['action']}: " + "; ".join(
                                 f"{k} {a!r} -> {b!r}" for k, (a, b) in c["changes"].items())
                             + (f" ({c['note']})" if c["note"] else "") for c in changes)
        if args.action == "export":
            _check_folder(args.out)
            everything = store.incidents(("confirmed", "candidate", "rejected"))
            write_atomically(args.out, to_csv(everything) if args.format == "csv"
                             else to_geojson(everything))
            return f"wrote {args.out}: {len(everything)} incidents"
        if args.action == "backup":
            _check_folder(args.file)
            if args.file.exists() and not args.force:
                raise CommandError(f"{args.file} exists: choose another name, or --force to "
                                   "replace it", EXIT_UNWRITABLE)
            store.backup_to(args.file)
            return f"backed up {store.count()} incidents to {args.file}"
        if args.action in ("review", "imports", "undo-import"):
            return _bulk(store, args)
        kept = store.restore_from(args.file)
        return (f"restored {store.count()} incidents from {args.file.name}; the store as it "
                f"was is kept at {kept}")
    except StoreError as exc:
        raise CommandError(str(exc)) from exc


def _bulk(store, args: argparse.Namespace) -> str:
    from incidents.store.bulk import CandidateFilter, candidates, imports, review_many, undo_import
    if args.action == "imports":
        found = imports(store)
        return "\n".join(f"{i['import_id']}  {i['at']:%Y-%m-%d %H:%M}  {i['editor']}  "
                         f"{i['added']} added, {i['changed']} changed  {i['note']}"
                         for i in found) or "no imports recorded"
    if args.action == "undo-import":
        done = undo_import(store, args.id, editor=args.editor, note=args.note)
        return (f"undid {args.id}: {done['removed']} incidents it added removed, "
                f"{done['restored']} it changed restored (each with a history row)")
    spec = CandidateFilter(batch=args.batch, source=args.source, actor=args.actor,
                           start=args.start, end=args.end, country=args.country,
                           duplicate={"only": True, "none": False}.get(args.duplicates))
    ids = list(candidates(store, spec)["incident_id"])
    done = review_many(store, ids, args.decision, editor=args.editor, note=args.note)
    return f"{done} of {len(ids)} candidates the filter shows set to {args.decision}"


def import_files(args: argparse.Namespace) -> str:
    from dashboard.downloads import to_csv
    from geocoding.factory import make_resolver
    from geocoding.settings import GeocodingSettings
    from incidents.actors import user_aliases
    from ground.csv_cells import to_csv_bytes
    from incidents.imports.errors import ImportFileError
    from incidents.imports.importer import combine, import_file

    if args.out is None and not args.into_store:
        raise CommandError("say where the incidents go: -o FILE.csv, --into-store, or both")
    for target in (args.out, args.rejected):
        if target is not None:
            _check_folder(target)
    resolver = None if args.no_geocode else make_resolver(GeocodingSettings.from_env())
    for problem in user_aliases().problems:
        say(f"warning: {problem}; likely duplicates are looked for without it",
            file=sys.stderr)
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
        raise CommandError("nothing to import: the files hold no rows" if rows_in == 0 else
                           f"nothing could be imported: all {rows_in} rows were rejected",
                           EXIT_EMPTY)
    if args.out is not None:
        write_atomically(args.out, to_csv(incidents))
    return (f"{'wrote ' + str(args.out) + ': ' if args.out else ''}{rows_in} rows in, "
            f"{len(incidents)} imported, {len(rejected)} rejected{stored}")


def _into_store(incidents, args: argparse.Namespace) -> str:
    """Import into the store, each group with the status its source earns (or the
    one chosen), and say which status was used and why."""
    from incidents.imports.trust import by_status
    from incidents.store import StoreError, open_store
    said = []
    try:
        store = open_store()
        for status, why, rows in by_status(incidents, args.status):
            counts = store.import_incidents(rows, editor="import", status=status,
                                            note=", ".join(p.name for p in args.files))
            said.append(f"{counts['added']} added as {status} ({why}), {counts['to_review']} to "
                        f"review (likely the same event as a stored incident), "
                        f"{counts['updated']} updated, {counts['unchanged']} unchanged"
                        + (f" (import {counts['import_id']}; `store undo-import` takes it back)"
                           if "import_id" in counts else ""))
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    return "; store: " + "; ".join(said)


def _check_folder(path: Path) -> None:
    """Fail before any work when ``path`` cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(f"cannot write {path}: folder {folder} does not exist", EXIT_UNWRITABLE)
    if path.is_dir():
        raise CommandError(f"cannot write {path}: it is a folder", EXIT_UNWRITABLE)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise CommandError(f"cannot write {path}: it is not a regular file (a link, a device "
                           "or a pipe would be replaced); choose a file path", EXIT_UNWRITABLE)
    if not os.access(folder, os.W_OK):
        raise CommandError(f"cannot write {path}: folder {folder} is not writable", EXIT_UNWRITABLE)


def _check_values(kind: str, wanted: list[str], known: list[str]) -> None:
    for value in wanted:
        if value not in known:
            close = [k for k in known if value.lower() in k.lower()][:3] or \
                difflib.get_close_matches(value, known, n=3, cutoff=0.4)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise CommandError(f"no {kind} {value!r} in the data{hint}")


def _check_output(path: Path) -> str:
    kind = path.suffix.lower().lstrip(".")
    stills = kinds_for(playing=False)
    if kind not in {k.name for k in stills}:
        raise CommandError(f"--out must end in {suffixes(stills)}, not {path.name!r}")
    _check_folder(path)
    return kind


def _filtered(args: argparse.Namespace, allow_empty: bool = False):
    """The data file, read and filtered as the arguments say: (shown, spec, palette,
    path, note); raises CommandError for an unknown value or an empty result."""
    path = args.data or data_path()
    try:
        result = load_incidents(path)
    except IncidentDataError as exc:
        raise CommandError(f"cannot read {path}: {exc}") from exc
    if result.problems:
        say(f"warning: {len(result.rejected)} rows of {path.name} could not be used "
            f"(first: {result.problems[0]})", file=sys.stderr)
    incidents = result.incidents
    for kind_name, column, values in (("actor", "actors", args.actor),
                                      ("event type", "event_type", args.event_type),
                                      ("country", "country", args.country),
                                      ("admin1", "admin1", args.admin1)):
        _check_values(kind_name, values, [v for v, _ in option_counts(incidents, column)])
    if args.start and args.end and args.start > args.end:
        raise CommandError(f"--from {args.start} is after --to {args.end}")
    if args.min_killed < 0:
        raise CommandError("--min-killed cannot be negative")
    spec = IncidentFilter(start=args.start, end=args.end, actors=tuple(args.actor),
                          primary_only=args.primary_actor, event_types=tuple(args.event_type), countries=tuple(args.country),
                          admin1=tuple(args.admin1), min_fatalities=args.min_killed,
                          text=args.text.strip())
    shown = apply_filters(incidents, spec)
    note = ""
    if shown.empty:
        reason = empty_reason(incidents, spec)
        if not allow_empty:
            raise CommandError(f"{reason} Nothing written (--allow-empty writes an empty map).",
                               EXIT_EMPTY)
        note = reason
    palette = actor_palette(v for v, _ in option_counts(incidents, "actor"))
    return shown, spec, palette, path, note


def snapshot(args: argparse.Namespace) -> str:
    kind = _check_output(args.out)
    shown, spec, palette, path, note = _filtered(args, args.allow_empty)
    map_options = MapOptions(online_tiles=args.online_tiles, layers=args.layers,
                             bounds=args.extent)
    options = SnapshotOptions(title=args.title, size=args.size, scale=args.scale,
                              bounds=args.extent, timeline=not args.no_timeline,
                              table=args.table, data_name=path.name, note=note)
    try:
        content = export_view(shown, palette, spec, map_options, options, kind)
    except RenderError as exc:
        raise CommandError(f"could not render the snapshot: {exc}", EXIT_RENDER) from exc
    try:
        write_atomically(args.out, content)
    except OSError as exc:
        raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}", EXIT_UNWRITABLE) from exc
    return f"wrote {args.out} ({len(shown)} incidents, {len(content) / 1e6:.2f} MB)"


def animate(args: argparse.Namespace) -> str:
    kind = args.out.suffix.lower().lstrip(".")
    animations = [k for k in kinds_for(playing=True) if k.playing_only]
    if kind not in {k.name for k in animations}:
        raise CommandError(f"--out must end in {suffixes(animations)}, not {args.out.name!r}")
    _check_folder(args.out)
    if not 0.1 <= args.fps <= 30:
        raise CommandError("--fps must be between 0.1 and 30")
    shown, spec, palette, path, _ = _filtered(args)
    span = None
    if args.start or args.end:
        dates = shown["date"]
        span = (args.start or dates.min().date(), args.end or dates.max().date())
    playback = Playback(step=args.step, window=args.window, cumulative=args.cumulative,
                        span=span)
    map_options = MapOptions(layers=args.layers, playback=playback)
    options = SnapshotOptions(title=args.title, size=args.size, data_name=path.name)
    try:
        made = export_animation(shown, palette, spec, map_options, options, kind, args.fps)
    except RenderError as exc:
        raise CommandError(f"could not make the animation: {exc}", EXIT_RENDER) from exc
    try:
        write_atomically(args.out, made.content)
    except OSError as exc:
        raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}", EXIT_UNWRITABLE) from exc
    per_frame = ", ".join(f"{label} {n}" for label, (_, n) in zip(made.labels, made.drawn))
    return (f"wrote {args.out} ({len(made.labels)} frames, {len(made.content) / 1e6:.2f} MB); "
            f"incidents drawn per frame: {per_frame}")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        message = {"snapshot": snapshot, "animate": animate, "import": import_files,
                   "store": store_command}[args.command](args)
    except CommandError as exc:
        say(f"error: {exc}", file=sys.stderr)
        return exc.code
    say(message)
    return 0
