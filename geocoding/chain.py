"""Several geocoders tried in order, as one: offline first, online if allowed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from geopy.location import Location

from geocoding.errors import GeocodingError
from geocoding.match import GeoMatch


class Resolver(Protocol):
    """What the chain and the table step need from a geocoder."""

    def resolve(
        self, query: str, country: str | None = None, admin1: str | None = None
    ) -> GeoMatch | None: ...


class GeocoderChain:
    """Ask each geocoder in turn and keep the most precise answer.

    The first exact answer (not a fallback to a containing area) ends the search;
    a fallback is kept while later geocoders get a chance to do better.  Errors
    from a geocoder are collected in ``errors`` and the next one is asked.
    """

    def __init__(self, geocoders: Sequence[Resolver]):
        self.geocoders = list(geocoders)
        self.errors: list[tuple[str, str]] = []

    def resolve(
        self, query: str, country: str | None = None, admin1: str | None = None
    ) -> GeoMatch | None:
        best: GeoMatch | None = None
        failures = []
        for geocoder in self.geocoders:
            try:
                match = geocoder.resolve(query, country=country, admin1=admin1)
            except Exception as exc:  # a network geocoder must never crash a run
                failures.append(f"{type(geocoder).__name__}: {exc}")
                continue
            if match is None:
                continue
            if best is None or match.precision.rank < best.precision.rank:
                best = match
            if not match.fallback:
                break
        if failures:
            self.errors.append((query, "; ".join(failures)))
            if best is None:
                raise GeocoderChainError("; ".join(failures))
        return best

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: object = None,
        country: str | None = None,
        admin1: str | None = None,
    ):
        """geopy-style entry point returning ``Location`` objects."""
        match = self.resolve(query, country=country, admin1=admin1)
        if match is None:
            return None
        location = Location(match.matched_name, (match.latitude, match.longitude), match.as_raw())
        return location if exactly_one else [location]


class GeocoderChainError(GeocodingError, RuntimeError):
    """Every geocoder in the chain failed for one query (network errors, mostly)."""
