"""Named levels of geographic precision, from most to least exact.

Every placed incident says at which level it was placed, so that a map can draw a
province-level guess differently from a landmark.  The order matters: a lower rank
is more precise, and fallbacks only ever move to a higher rank.
"""

from __future__ import annotations

from enum import Enum


class GeoPrecision(str, Enum):
    """How exactly a coordinate locates the place that was asked for."""

    LANDMARK = "landmark"
    TOWN = "town"
    DISTRICT = "district"
    PROVINCE = "province"
    COUNTRY = "country"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        """0 for a landmark up to 5 for unknown; smaller is more precise."""
        return _RANKS[self]

    @classmethod
    def parse(cls, value: object) -> GeoPrecision:
        """Read a level from text; raises ValueError naming the allowed words."""
        text = str(value).strip().lower()
        for level in cls:
            if level.value == text:
                return level
        allowed = ", ".join(level.value for level in cls)
        raise ValueError(f"unknown precision {value!r}; use one of: {allowed}")


_RANKS = {level: number for number, level in enumerate(GeoPrecision)}
PRECISION_WORDS: tuple[str, ...] = tuple(level.value for level in GeoPrecision)
