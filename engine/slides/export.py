"""One call from a view to a file's bytes, shared by the app's download area and
the ``snapshot`` command, so both export the same thing."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pandas as pd

from engine.filters import IncidentFilter
from engine.mapping.map_build import MapOptions
from engine.slides.animate import MAX_ANIMATION_FRAMES, export_animation
from engine.slides.kinds import KINDS, kind_named
from engine.slides.render import render
from engine.slides.snapshot import SnapshotOptions, snapshot_page
from engine.view import View

FORMATS = {k.name: k.mime for k in KINDS.values() if k.still}


def export_view(
    incidents: pd.DataFrame,
    palette: dict[str, str],
    view: View,
    options: SnapshotOptions,
    kind: str,
    max_frames: int = MAX_ANIMATION_FRAMES,
) -> bytes:
    """``view`` (its filter already applied to ``incidents``) as any kind of
    ``engine.slides.kinds`` (the animations only for a playing map), by the kind's
    own writer."""
    chosen = kind_named(kind, playing=view.map.playback is not None)
    return chosen.write(incidents, palette, view, options, kind=kind, max_frames=max_frames)


def write_still(
    incidents: pd.DataFrame,
    palette: dict[str, str],
    view: View,
    options: SnapshotOptions,
    *,
    kind: str,
    max_frames: int = MAX_ANIMATION_FRAMES,
) -> bytes:
    """The writer of png, pdf and html."""
    map_options = view.export_map(options.online_tiles)
    return export_snapshot(incidents, palette, view.filter, map_options, options, kind)


def write_animation(
    incidents: pd.DataFrame,
    palette: dict[str, str],
    view: View,
    options: SnapshotOptions,
    *,
    kind: str,
    max_frames: int = MAX_ANIMATION_FRAMES,
) -> bytes:
    """The writer of gif and mp4: every frame of the player."""
    made = export_animation(
        incidents, palette, view, replace(options, scale=1), kind, max_frames=max_frames
    )
    return made.content


def export_snapshot(
    incidents: pd.DataFrame,
    palette: dict[str, str],
    spec: IncidentFilter,
    map_options: MapOptions,
    options: SnapshotOptions,
    kind: str,
) -> bytes:
    """The snapshot of ``incidents`` (already filtered by ``spec``) as ``kind``.

    HTML keeps the zoom and layer buttons so the file stays a working map; PNG and
    PDF are stills.
    """
    if kind not in FORMATS:
        raise ValueError(f"unknown snapshot format {kind!r}; use one of {', '.join(FORMATS)}")
    if kind == "html":
        page = snapshot_page(
            incidents, palette, spec, map_options, replace(options, print_mode=False)
        )
        return page.encode("utf-8")
    page = snapshot_page(
        incidents,
        palette,
        spec,
        map_options,
        replace(options, print_mode=True, vector=(kind == "pdf")),
    )
    return render(page, kind, options.size, options.scale, online=map_options.online_tiles).content


def frame_digest(incidents: pd.DataFrame) -> str:
    """A digest of a table's contents (a quarter second at 100,000 rows: worth
    computing once per page run, not on every pan)."""
    values = pd.util.hash_pandas_object(incidents, index=False).to_numpy().tobytes()
    return hashlib.sha256(values).hexdigest()


def view_fingerprint(
    data_digest: str,
    view: View,
    options: SnapshotOptions,
    kind: str,
) -> str:
    """A short digest of everything a snapshot shows, so a file made earlier is
    offered again only while it still shows the current view."""
    shown = repr((view.filter, view.export_map(options.online_tiles), options, kind))
    return hashlib.sha256(data_digest.encode("ascii") + shown.encode("utf-8")).hexdigest()[:16]


def snapshot_fingerprint(
    incidents: pd.DataFrame,
    view: View,
    options: SnapshotOptions,
    kind: str,
) -> str:
    """``view_fingerprint`` of ``incidents`` as they are now."""
    return view_fingerprint(frame_digest(incidents), view, options, kind)
