"""Colours per actor, fixed by identity (``incidents.registry``), never by rank.

The palette used to go to the most frequent actors first, so ISIS-K turned from
blue to orange when TTP's events were confirmed, and to the grey of "other actors"
after a UCDP import.  Now an identity the registry knows has its assigned colour
(tested for distance, also as seen with red-green colour blindness), any other name
a colour of its own from its spelling, and grey means only "unidentified" (and the
legend's folded "other actors" row, which is not an actor).
"""

from __future__ import annotations

from collections.abc import Iterable

from incidents.registry import UNIDENTIFIED_GREY, registry

UNKNOWN_COLOR = UNIDENTIFIED_GREY
OTHER_COLOR = "#B0B0B0"  # only the legend's folded row


def actor_palette(actors: Iterable[str]) -> dict[str, str]:
    """Colour per actor name: its identity's, whatever else is in the data."""
    known = registry()
    return {actor: known.colour(actor) for actor in actors}


def color_of(palette: dict[str, str], actor: str) -> str:
    """The actor's colour (from ``palette`` when it was built with it)."""
    found = palette.get(actor)
    return found if found is not None else registry().colour(actor)
