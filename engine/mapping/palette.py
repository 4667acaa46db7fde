"""Stable colours per actor: the same actor keeps its colour whatever is filtered."""

from __future__ import annotations

from collections.abc import Iterable

# Colour-blind-safe qualitative palette (Okabe-Ito, then Tableau 10 extras).
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#8C564B",
    "#F0E442",
    "#7F3C8D",
    "#1B9E77",
    "#E7298A",
    "#66A61E",
)
UNKNOWN_COLOR = "#7F7F7F"
OTHER_COLOR = "#B0B0B0"
UNKNOWN_ACTORS = frozenset({"", "unidentified", "unknown", "unknown actor"})


def actor_palette(actors_by_frequency: Iterable[str]) -> dict[str, str]:
    """Colour per actor, most frequent first; unclaimed attacks are grey and
    actors beyond the palette share a light grey."""
    colors: dict[str, str] = {}
    named = 0
    for actor in actors_by_frequency:
        if actor.strip().lower() in UNKNOWN_ACTORS:
            colors[actor] = UNKNOWN_COLOR
        elif named < len(PALETTE):
            colors[actor] = PALETTE[named]
            named += 1
        else:
            colors[actor] = OTHER_COLOR
    return colors


def color_of(palette: dict[str, str], actor: str) -> str:
    return palette.get(
        actor, UNKNOWN_COLOR if actor.strip().lower() in UNKNOWN_ACTORS else OTHER_COLOR
    )
