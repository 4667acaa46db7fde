"""Online geocoding through geopy's Nominatim, for users who turn it on.

Off by default: every query sent to a public server tells it what the user is
looking at.  When on, requests carry the configured user agent, go through
geopy's ``RateLimiter`` at one per second (Nominatim's usage policy), and every
answer, including "not found", is kept in an on-disk cache so that no place is
ever asked twice.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

from geocoding.match import GeoMatch
from geocoding.precision import GeoPrecision
from geocoding.settings import GeocodingSettings
from ground.files import write_atomically

MIN_DELAY_SECONDS = 1.0


def precision_from_nominatim(raw: dict) -> GeoPrecision:
    """Map Nominatim's ``place_rank`` (or ``addresstype``) to our levels."""
    rank = raw.get("place_rank")
    if rank is not None:
        rank = int(rank)
        if rank <= 4:
            return GeoPrecision.COUNTRY
        if rank <= 9:
            return GeoPrecision.PROVINCE
        if rank <= 12:
            return GeoPrecision.DISTRICT
        if rank <= 25:
            return GeoPrecision.TOWN
        return GeoPrecision.LANDMARK
    kind = str(raw.get("addresstype") or raw.get("type") or "")
    if kind == "country":
        return GeoPrecision.COUNTRY
    if kind in {"state", "province", "region"}:
        return GeoPrecision.PROVINCE
    if kind in {"county", "district", "state_district"}:
        return GeoPrecision.DISTRICT
    if kind in {"city", "town", "village", "hamlet", "suburb", "neighbourhood"}:
        return GeoPrecision.TOWN
    return GeoPrecision.UNKNOWN


class DiskCache:
    """A JSON file of query -> answer (or None), rewritten atomically on change."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self._data: dict[str, dict | None] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            self._data = {}

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def get(self, key: str) -> dict | None:
        return self._data.get(key)

    def put(self, key: str, value: dict | None) -> None:
        with self._lock:
            self._data[key] = value
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(
                self.path, json.dumps(self._data, ensure_ascii=False).encode("utf-8"), private=True
            )


class CachedGeocoder:
    """Any geopy-style ``geocode`` callable behind a disk cache.

    Errors (network down, HTTP 5xx) are raised to the caller and *not* cached, so
    a later run can try again; the table step reports them per row.
    """

    def __init__(
        self, geocode: Callable[..., Location | None], cache: DiskCache, name: str = "nominatim"
    ):
        self._geocode = geocode
        self.cache = cache
        self.name = name

    @staticmethod
    def key(query: str, country: str | None) -> str:
        return json.dumps([query, country or ""], ensure_ascii=False)

    def resolve(
        self, query: str, country: str | None = None, admin1: str | None = None
    ) -> GeoMatch | None:
        """Geocode ``query`` (with ``admin1`` folded into the text) via the cache."""
        text = ", ".join(p for p in (query, admin1) if p)
        key = self.key(text, country)
        if key not in self.cache:
            kwargs = {"country_codes": country.lower()} if country and len(country) == 2 else {}
            location = self._geocode(text, **kwargs)
            self.cache.put(
                key,
                None
                if location is None
                else {
                    "address": location.address,
                    "latitude": location.latitude,
                    "longitude": location.longitude,
                    "raw": location.raw,
                },
            )
        answer = self.cache.get(key)
        if answer is None:
            return None
        raw = answer.get("raw") or {}
        return GeoMatch(
            query=query,
            latitude=float(answer["latitude"]),
            longitude=float(answer["longitude"]),
            precision=precision_from_nominatim(raw),
            matched_name=answer["address"],
            geocoder=self.name,
            source=f"{self.name}:{raw.get('osm_type', '')}:{raw.get('osm_id', '')}",
            score=100.0,
        )


def nominatim_geocoder(
    settings: GeocodingSettings,
    *,
    adapter_factory=None,
    min_delay_seconds: float = MIN_DELAY_SECONDS,
) -> CachedGeocoder:
    """Nominatim behind a 1-request-per-second limiter and the disk cache.

    ``adapter_factory`` is geopy's hook for the HTTP layer; tests pass a fake one.
    """
    nominatim = Nominatim(
        user_agent=settings.user_agent,
        domain=settings.nominatim_domain,
        adapter_factory=adapter_factory,
        timeout=10,
    )
    limited = RateLimiter(
        nominatim.geocode,
        min_delay_seconds=min_delay_seconds,
        max_retries=1,
        error_wait_seconds=2.0,
        swallow_exceptions=False,
    )
    cache = DiskCache(settings.cache_dir / "nominatim-cache.json")
    return CachedGeocoder(limited, cache)
