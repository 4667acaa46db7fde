"""The one place a resolver is made from settings: the offline gazetteer, chained to
Nominatim only when the settings ask for it.  Every stage that geocodes (the
geocoding command, the intake, the importer, the app) gets its resolver here, so
none imports another's command-line module."""

from __future__ import annotations

from geocoding.chain import GeocoderChain, Resolver
from geocoding.offline import OfflineGazetteer
from geocoding.online import nominatim_geocoder
from geocoding.settings import GeocodingSettings


def make_resolver(settings: GeocodingSettings, *, adapter_factory=None) -> Resolver:
    """The offline gazetteer, chained to Nominatim when the settings allow it."""
    offline = OfflineGazetteer(settings)
    if not settings.online:
        return offline
    return GeocoderChain([offline, nominatim_geocoder(settings, adapter_factory=adapter_factory)])
