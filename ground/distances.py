"""Great-circle distance, the one formula every stage measures "near" with: the
geocoder's scopes, the importer's likely duplicates, the intake's scoring."""

from __future__ import annotations

import math

import numpy as np

EARTH_KM = 6371.0


def km_apart(lat1, lon1, lat2, lon2):
    """Kilometres between points given in degrees: plain numbers give a float (math,
    a microsecond), arrays or Series give an array (numpy, one pass for all)."""
    if all(isinstance(v, (int, float)) for v in (lat1, lon1, lat2, lon2)):
        lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
        h = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        )
        return EARTH_KM * 2 * math.asin(math.sqrt(h))
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return EARTH_KM * 2 * np.arcsin(np.sqrt(h))
