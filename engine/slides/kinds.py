"""Export kinds, declared once: each file a view can be exported as.

The snapshot command's ``--out`` check, the app's Format choice, the download's
MIME type and the error texts all read this table, so a new kind is one entry
here and one writer module.  A writer is named as ``"module:function"`` and
imported on first use (the writers import the snapshot machinery, which must not
import this table back); it is called as
``write(incidents, palette, spec, map_options, options, max_frames) -> bytes``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass(frozen=True)
class ExportKind:
    """One export: its file suffix (``name``), what people call it, its MIME type,
    its writer, whether it needs a playing map, whether a 2x size applies, and
    whether it is one still page of the map (``snapshot`` writes those)."""

    name: str
    label: str
    mime: str
    writer: str
    playing_only: bool = False
    scalable: bool = True
    still: bool = False

    def write(self, *args, **kwargs) -> bytes:
        module, _, function = self.writer.partition(":")
        func: Callable[..., bytes] = getattr(importlib.import_module(module), function)
        return func(*args, **kwargs)


KINDS: dict[str, ExportKind] = {
    kind.name: kind
    for kind in (
        ExportKind("png", "PNG image", "image/png", "engine.slides.export:write_still", still=True),
        ExportKind(
            "pdf", "PDF page", "application/pdf", "engine.slides.export:write_still", still=True
        ),
        ExportKind(
            "html",
            "standalone HTML",
            "text/html",
            "engine.slides.export:write_still",
            scalable=False,
            still=True,
        ),
        ExportKind(
            "gif",
            "GIF of the playback",
            "image/gif",
            "engine.slides.export:write_animation",
            playing_only=True,
            scalable=False,
        ),
        ExportKind(
            "mp4",
            "MP4 of the playback",
            "video/mp4",
            "engine.slides.export:write_animation",
            playing_only=True,
            scalable=False,
        ),
        ExportKind("pptx", "PowerPoint deck", PPTX_MIME, "engine.slides.deck:write_deck"),
    )
}


def kinds_for(playing: bool) -> list[ExportKind]:
    """What a view can be exported as: the animations only while the map plays."""
    return [k for k in KINDS.values() if playing or not k.playing_only]


def kind_named(name: str, playing: bool = False) -> ExportKind:
    """The kind for a file suffix, or ValueError naming the ones there are."""
    allowed = kinds_for(playing)
    for kind in allowed:
        if kind.name == name:
            return kind
    raise ValueError(f"unknown export kind {name!r}; use one of {suffixes(allowed)}")


def suffixes(kinds: list[ExportKind]) -> str:
    """ ".png, .pdf or .html": for error texts."""
    names = [f".{k.name}" for k in kinds]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
