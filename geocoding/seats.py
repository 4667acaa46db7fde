"""A district of the region placed at its seat town rather than inside its polygon.

Reports say "in Sangin district" of an attack in Sangin town; coders and readers put
a district-level event at the district's centre, the town that gives it its name and
its offices, not at the middle of its polygon (Garmser's polygon point lies 90 km
south of Garmsir town, in the desert).  Most districts of Afghanistan and Pakistan
are named for their seat, so a settlement of the district whose own name is one of
the district's names is taken as its seat; a district whose seat has another name
(Swat's Saidu Sharif beside Mingora) takes its one large town when it has one.  The
polygon stays the district's shape: only the point moves, and its ``anchor`` says to
which town.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from geocoding.normalize import normalize
from geocoding.places import Place
from geocoding.precision import GeoPrecision

LARGE_TOWN = 100_000  # people: a town this size is the district's centre whatever its name


def _key(country: str, admin1: str, district: str) -> tuple[str, str, str]:
    return country, normalize(admin1), normalize(district)


def _names(place: Place) -> set[str]:
    return {normalize(n) for n in (place.name, *place.aliases)}


def _seat(area: Place, towns: list[Place]) -> Place | None:
    """The district's seat among its own towns, or None to keep the polygon point."""
    names = _names(area)
    named = [t for t in towns if normalize(t.name) in names]
    if named:
        return max(named, key=lambda t: t.population)
    large = [t for t in towns if t.population >= LARGE_TOWN]
    return max(large, key=lambda t: t.population) if large else None


def at_seats(areas: list[Place], settlements: Iterable[Place]) -> list[Place]:
    """``areas`` with each district (not tehsil) moved to its seat where one is found."""
    towns: dict[tuple[str, str, str], list[Place]] = defaultdict(list)
    for town in settlements:
        if town.admin2 and not town.source.endswith(("abandoned", "destroyed", "historical")):
            towns[_key(town.country, town.admin1, town.admin2)].append(town)
    placed = []
    for area in areas:
        seat = None
        if area.level is GeoPrecision.DISTRICT and area.source.endswith(":district"):
            seat = _seat(area, towns.get(_key(area.country, area.admin1, area.name), []))
        if seat is None:
            placed.append(area)
            continue
        placed.append(
            replace(
                area,
                latitude=seat.latitude,
                longitude=seat.longitude,
                anchor=f"its seat {seat.name} ({seat.source})",
            )
        )
    return placed
