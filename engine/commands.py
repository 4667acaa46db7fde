"""The ``snapshot`` and ``animate`` commands (``python -m dashboard snapshot|animate``):
the map view the sidebar would show, from a data file and the same filters, written as
a slide picture, a page, a deck or an animation for scheduled jobs."""

from __future__ import annotations

import argparse
import difflib
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from engine.filters import IncidentFilter, apply_filters, empty_reason, option_counts
from engine.mapping.map_build import DEFAULT_LAYERS, LAYERS
from engine.mapping.palette import actor_palette
from engine.mapping.view import MapView
from engine.playback import STEPS, Playback, PlaybackError, window_length
from engine.slides.animate import export_animation
from engine.slides.export import export_view
from engine.slides.kinds import kinds_for, suffixes
from engine.slides.render import RenderError
from engine.slides.snapshot import SLIDE, SnapshotOptions
from engine.view import View
from ground.commands import EXIT_EMPTY, EXIT_RENDER, EXIT_UNWRITABLE, CommandError, check_folder
from ground.files import write_atomically
from ground.terminal import say
from incidents.io import load_incidents
from incidents.validate import IncidentDataError


def add_view_commands(commands) -> None:
    """The ``snapshot`` and ``animate`` commands' arguments.  ``--data`` defaults to
    None: the incident store the dashboard shows (the program that adds them may
    name a file instead, as the dashboard does when ``INCIDENT_MAP_DATA`` is set)."""
    stills = kinds_for(playing=False)
    snap = commands.add_parser(
        "snapshot", help="write the map view as " + ", ".join(k.label for k in stills)
    )
    snap.add_argument(
        "--data",
        type=Path,
        default=None,
        help="incidents CSV in the project schema (default: what the dashboard shows: "
        "its store's confirmed incidents, INCIDENT_MAP_DB, or INCIDENT_MAP_DATA's file)",
    )
    _add_filter_arguments(snap)
    snap.add_argument("--title", default="", help="default: who and when, from the filters")
    snap.add_argument(
        "--out",
        type=Path,
        required=True,
        help="FILE" + suffixes(stills).replace(", ", ", FILE").replace(" or ", " or FILE"),
    )
    snap.add_argument("--size", type=_size, default=SLIDE, help="WIDTHxHEIGHT (default 1920x1080)")
    snap.add_argument("--scale", type=int, choices=(1, 2), default=1, help="2 for a sharper PNG")
    snap.add_argument(
        "--extent", type=_extent, default=None, help="'fit' (default) or SOUTH,WEST,NORTH,EAST"
    )
    snap.add_argument(
        "--layers",
        type=_layers,
        default=DEFAULT_LAYERS,
        help=f"comma-separated, from: {', '.join(LAYERS)}",
    )
    snap.add_argument("--no-timeline", action="store_true", help="leave out the timeline")
    snap.add_argument("--table", action="store_true", help="add the deadliest incidents")
    snap.add_argument(
        "--online-tiles",
        action="store_true",
        help="use OpenStreetMap tiles (sends the viewed area to the tile servers)",
    )
    snap.add_argument(
        "--allow-empty",
        action="store_true",
        help="write an empty map with a note when nothing matches",
    )
    anim = commands.add_parser("animate", help="play the map through time into a GIF or MP4")
    anim.add_argument(
        "--data",
        type=Path,
        default=None,
        help="incidents CSV in the project schema (default: what the dashboard shows: "
        "its store's confirmed incidents, INCIDENT_MAP_DB, or INCIDENT_MAP_DATA's file)",
    )
    _add_filter_arguments(anim)
    anim.add_argument("--step", choices=STEPS, default="month", help="one frame per step")
    anim.add_argument(
        "--window",
        type=_window,
        default=None,
        help="what each frame shows, ending with it: e.g. 3M, 2W, 1Q (default: one step)",
    )
    anim.add_argument(
        "--cumulative",
        action="store_true",
        help="every incident up to the frame, those before the window faded",
    )
    anim.add_argument("--fps", type=float, default=2.0, help="frames per second (default 2)")
    anim.add_argument("--size", type=_size, default=SLIDE, help="WIDTHxHEIGHT (default 1920x1080)")
    anim.add_argument("--title", default="", help="default: who and when, from the filters")
    anim.add_argument(
        "--layers",
        type=_layers,
        default=DEFAULT_LAYERS,
        help=f"comma-separated, from: {', '.join(LAYERS)}",
    )
    anim.add_argument("--out", type=Path, required=True, help="FILE.gif or FILE.mp4")


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
            f"{text!r} is not 'fit' or SOUTH,WEST,NORTH,EAST in degrees"
        ) from None
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise argparse.ArgumentTypeError(
            "need south < north within ±90 and west < east within ±180"
        )
    return (south, west), (north, east)


def _layers(text: str) -> frozenset[str]:
    chosen = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = chosen - set(LAYERS)
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown layer {', '.join(sorted(unknown))}; choose from {', '.join(LAYERS)}"
        )
    return chosen


def _window(text: str) -> str:
    try:
        window_length(text)
    except PlaybackError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text.upper()


def _add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (as in the app's sidebar)")
    group.add_argument(
        "--actor",
        action="append",
        default=[],
        help="incidents the actor takes part in on any side; repeat for several",
    )
    group.add_argument(
        "--primary-actor", action="store_true", help="match --actor only as the primary actor"
    )
    group.add_argument(
        "--event-type",
        "--type",  # the name it had first
        action="append",
        default=[],
        dest="event_type",
        help="incidents of this event type; repeat for several",
    )
    group.add_argument("--country", action="append", default=[])
    group.add_argument("--admin1", action="append", default=[])
    group.add_argument("--from", type=_date, dest="start", metavar="YYYY-MM-DD")
    group.add_argument("--to", type=_date, dest="end", metavar="YYYY-MM-DD")
    group.add_argument("--min-killed", type=int, default=0)
    group.add_argument("--text", default="", help="search place names and descriptions")


def _check_values(kind: str, wanted: list[str], known: list[str]) -> None:
    for value in wanted:
        if value not in known:
            close = [k for k in known if value.lower() in k.lower()][
                :3
            ] or difflib.get_close_matches(value, known, n=3, cutoff=0.4)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise CommandError(f"no {kind} {value!r} in the data{hint}")


def _check_output(path: Path) -> str:
    kind = path.suffix.lower().lstrip(".")
    stills = kinds_for(playing=False)
    if kind not in {k.name for k in stills}:
        raise CommandError(f"--out must end in {suffixes(stills)}, not {path.name!r}")
    check_folder(path)
    return kind


STORE_NAME = "the incident store"


def _incidents(args: argparse.Namespace) -> tuple[pd.DataFrame, str]:
    """What the dashboard shows: the file named by ``--data``, else the store's
    confirmed incidents (seeded from ``args.seed`` on first use, as the app does);
    and what the footer calls them beside each dataset's credit."""
    if args.data is None:
        from incidents.store import StoreError, open_seeded_store, open_store

        seed = getattr(args, "seed", None)
        try:
            store = open_seeded_store(seed) if seed is not None else open_store()
            return store.incidents(("confirmed",)), STORE_NAME
        except StoreError as exc:
            raise CommandError(str(exc)) from exc
    path = Path(args.data)
    try:
        result = load_incidents(path)
    except IncidentDataError as exc:
        raise CommandError(f"cannot read {path}: {exc}") from exc
    if result.problems:
        say(
            f"warning: {len(result.rejected)} rows of {path.name} could not be used "
            f"(first: {result.problems[0]})",
            file=sys.stderr,
        )
    return result.incidents, path.name


def _filtered(args: argparse.Namespace, map_view: MapView, allow_empty: bool = False):
    """The data file, read and filtered as the arguments say, and the view they ask
    for: (shown, view, palette, data name, note); raises CommandError for an unknown value
    or an empty result."""
    incidents, name = _incidents(args)
    for kind_name, column, values in (
        ("actor", "actors", args.actor),
        ("event type", "event_type", args.event_type),
        ("country", "country", args.country),
        ("admin1", "admin1", args.admin1),
    ):
        _check_values(kind_name, values, [v for v, _ in option_counts(incidents, column)])
    if args.start and args.end and args.start > args.end:
        raise CommandError(f"--from {args.start} is after --to {args.end}")
    if args.min_killed < 0:
        raise CommandError("--min-killed cannot be negative")
    spec = IncidentFilter(
        start=args.start,
        end=args.end,
        actors=tuple(args.actor),
        primary_only=args.primary_actor,
        event_type=tuple(args.event_type),
        countries=tuple(args.country),
        admin1=tuple(args.admin1),
        min_fatalities=args.min_killed,
        text=args.text.strip(),
    )
    shown = apply_filters(incidents, spec)
    note = ""
    if shown.empty:
        reason = empty_reason(incidents, spec)
        if not allow_empty:
            raise CommandError(
                f"{reason} Nothing written (--allow-empty writes an empty map).", EXIT_EMPTY
            )
        note = reason
    palette = actor_palette(v for v, _ in option_counts(incidents, "actor"))
    return shown, View(filter=spec, map=map_view), palette, name, note


def snapshot(args: argparse.Namespace) -> str:
    kind = _check_output(args.out)
    shown, view, palette, name, note = _filtered(
        args, MapView(layers=args.layers), args.allow_empty
    )
    options = SnapshotOptions(
        title=args.title,
        size=args.size,
        scale=args.scale,
        bounds=args.extent,
        timeline=not args.no_timeline,
        table=args.table,
        data_name=name,
        note=note,
        online_tiles=args.online_tiles,
    )
    try:
        content = export_view(shown, palette, view, options, kind)
    except RenderError as exc:
        raise CommandError(f"could not render the snapshot: {exc}", EXIT_RENDER) from exc
    try:
        write_atomically(args.out, content)
    except OSError as exc:
        raise CommandError(
            f"cannot write {args.out}: {exc.strerror or exc}", EXIT_UNWRITABLE
        ) from exc
    return f"wrote {args.out} ({len(shown)} incidents, {len(content) / 1e6:.2f} MB)"


def animate(args: argparse.Namespace) -> str:
    kind = args.out.suffix.lower().lstrip(".")
    animations = [k for k in kinds_for(playing=True) if k.playing_only]
    if kind not in {k.name for k in animations}:
        raise CommandError(f"--out must end in {suffixes(animations)}, not {args.out.name!r}")
    check_folder(args.out)
    if not 0.1 <= args.fps <= 30:
        raise CommandError("--fps must be between 0.1 and 30")
    shown, view, palette, name, _ = _filtered(args, MapView(layers=args.layers))
    span = None
    if args.start or args.end:
        dates = shown["date"]
        span = (args.start or dates.min().date(), args.end or dates.max().date())
    playback = Playback(step=args.step, window=args.window, cumulative=args.cumulative, span=span)
    view = replace(view, map=replace(view.map, playback=playback))
    options = SnapshotOptions(title=args.title, size=args.size, data_name=name)
    try:
        made = export_animation(shown, palette, view, options, kind, args.fps)
    except RenderError as exc:
        raise CommandError(f"could not make the animation: {exc}", EXIT_RENDER) from exc
    try:
        write_atomically(args.out, made.content)
    except OSError as exc:
        raise CommandError(
            f"cannot write {args.out}: {exc.strerror or exc}", EXIT_UNWRITABLE
        ) from exc
    per_frame = ", ".join(
        f"{label} {n}" for label, (_, n) in zip(made.labels, made.drawn, strict=False)
    )
    return (
        f"wrote {args.out} ({len(made.labels)} frames, {len(made.content) / 1e6:.2f} MB); "
        f"incidents drawn per frame: {per_frame}"
    )
