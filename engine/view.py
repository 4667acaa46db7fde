"""One view: which incidents (``IncidentFilter``), how the map shows them
(``MapView``: layers, position, playback) and whether candidates are drawn, as one
value that a link opens and the page writes back.  Each part declares its own
fields and their URL form once; this value only puts them together, so the URL is
read in one place and written in one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.filters import IncidentFilter
from engine.mapping.map_build import MapOptions
from engine.mapping.view import MapView

SHOW_CANDIDATES = {"show": "candidates"}


@dataclass(frozen=True)
class View:
    filter: IncidentFilter = field(default_factory=IncidentFilter)
    map: MapView = field(default_factory=MapView)
    candidates: bool = False

    def map_options(self, **settings: Any) -> MapOptions:
        """What the map builder needs to draw this view: its layers, position and
        playback.  ``settings`` say how the map is served (online tiles, buttons,
        reporting back), which is the reader's setting, not the view, and never in a
        link: a link must not turn on requests to a tile server."""
        shown = {"layers": self.map.layers, "view": self.map.at, "playback": self.map.playback}
        return MapOptions(**{**shown, **settings})

    def export_map(self, online_tiles: bool = False) -> MapOptions:
        """``map_options`` for a file: framed by the slide's extent (fit to the
        incidents, or the bounds the presenter chose), not where the map was left."""
        return self.map_options(view=None, online_tiles=online_tiles)

    def to_query(self) -> dict[str, str | list[str]]:
        """The link's parameters: the filter's, the map's, and ``show=candidates``."""
        query: dict[str, str | list[str]] = {**self.filter.to_query(), **self.map.to_query()}
        if self.candidates:
            query.update(SHOW_CANDIDATES)
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, str | list[str]]) -> View:
        """Read a link; each value may be one text or the list a repeated key gives
        (the map's keys take the last).  What does not parse is left out."""
        last = {k: v[-1] if isinstance(v, list) else v for k, v in query.items() if v != []}
        return cls(
            filter=IncidentFilter.from_query(query),
            map=MapView.from_query(last),
            candidates=last.get("show") == SHOW_CANDIDATES["show"],
        )
