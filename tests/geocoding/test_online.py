"""The opt-in Nominatim path, with a fake HTTP adapter: no test touches the network."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderUnavailable

from geocoding.chain import GeocoderChain
from geocoding.online import CachedGeocoder, DiskCache, nominatim_geocoder, precision_from_nominatim
from geocoding.precision import GeoPrecision
from geocoding.settings import GeocodingSettings
from geocoding.table import geocode_table

QORUDAL = [
    {
        "lat": "33.9",
        "lon": "66.2",
        "display_name": "Qorudal, Daykundi, Afghanistan",
        "place_rank": 19,
        "osm_type": "node",
        "osm_id": 42,
        "class": "place",
        "type": "village",
    }
]


class FakeNominatim:
    """Stands in for the HTTP layer: records requests, answers from a table."""

    def __init__(self, answers: dict[str, list] | None = None, fail: bool = False):
        self.answers = answers or {}
        self.fail = fail
        self.requests: list[tuple[str, dict]] = []

    def factory(self, *, proxies, ssl_context):
        fake = self

        class Adapter(BaseSyncAdapter):
            def get_json(self, url, *, timeout, headers):
                fake.requests.append((url, headers))
                if fake.fail:
                    raise GeocoderUnavailable("network is unreachable")
                query = parse_qs(urlparse(url).query)["q"][0]
                return fake.answers.get(query, [])

            def get_text(self, url, *, timeout, headers):
                raise AssertionError("text requests are not expected")

        return Adapter(proxies=proxies, ssl_context=ssl_context)


@pytest.fixture
def online_settings(tmp_path):
    return GeocodingSettings(cache_dir=tmp_path, online=True, user_agent="incident-map-tests/1.0")


def test_nominatim_answer_becomes_a_match_with_precision(online_settings):
    fake = FakeNominatim({"Qorudal, Daykundi": QORUDAL})
    geocoder = nominatim_geocoder(
        online_settings, adapter_factory=fake.factory, min_delay_seconds=0
    )
    match = geocoder.resolve("Qorudal", country="AF", admin1="Daykundi")
    assert (match.latitude, match.longitude) == (33.9, 66.2)
    assert match.precision is GeoPrecision.TOWN and match.geocoder == "nominatim"
    url, headers = fake.requests[0]
    assert headers["User-Agent"] == "incident-map-tests/1.0"
    assert "countrycodes=af" in url


def test_each_query_is_asked_once_even_across_runs(online_settings):
    fake = FakeNominatim({"Qorudal, Daykundi": QORUDAL})
    first = nominatim_geocoder(online_settings, adapter_factory=fake.factory, min_delay_seconds=0)
    first.resolve("Qorudal", country="AF", admin1="Daykundi")
    first.resolve("Qorudal", country="AF", admin1="Daykundi")
    assert first.resolve("Nowhere-xq", country="AF") is None
    assert first.resolve("Nowhere-xq", country="AF") is None
    assert len(fake.requests) == 2
    second = nominatim_geocoder(online_settings, adapter_factory=fake.factory, min_delay_seconds=0)
    assert second.resolve("Qorudal", country="AF", admin1="Daykundi").latitude == 33.9
    assert len(fake.requests) == 2
    saved = json.loads((online_settings.cache_dir / "nominatim-cache.json").read_text())
    assert len(saved) == 2


def test_default_rate_limit_is_one_request_per_second(online_settings, monkeypatch):
    seen = {}
    import geocoding.online as online

    class SpyLimiter:
        def __init__(self, func, **kwargs):
            seen.update(kwargs)
            self.func = func

        def __call__(self, *args, **kwargs):
            return self.func(*args, **kwargs)

    monkeypatch.setattr(online, "RateLimiter", SpyLimiter)
    nominatim_geocoder(online_settings, adapter_factory=FakeNominatim().factory)
    assert seen["min_delay_seconds"] == 1.0


def test_network_errors_are_reported_per_row_not_raised(offline, online_settings):
    fake = FakeNominatim(fail=True)
    online = nominatim_geocoder(online_settings, adapter_factory=fake.factory, min_delay_seconds=0)
    online._geocode.error_wait_seconds = 0
    chain = GeocoderChain([offline, online])
    frame = pd.DataFrame(
        {"location": ["Jalalabad", "Nowhere-xq", "Kabul airport"], "country": ["", "", ""]}
    )
    result, summary = geocode_table(frame, chain)
    assert summary.resolved == 2 and len(summary.errors) == 1
    assert summary.errors[0][1] == "Nowhere-xq" and "unreachable" in summary.errors[0][2]
    assert result.loc[0, "geo_precision"] == "town"
    assert fake.requests, "the online geocoder was asked for the unknown name"
    assert not (online_settings.cache_dir / "nominatim-cache.json").exists()


def test_chain_asks_online_only_when_offline_falls_short(offline, online_settings):
    fake = FakeNominatim({"Qorudal, Daykundi": QORUDAL})
    online = nominatim_geocoder(online_settings, adapter_factory=fake.factory, min_delay_seconds=0)
    chain = GeocoderChain([offline, online])
    assert chain.resolve("Kandahar").geocoder == "offline"
    assert fake.requests == []
    better = chain.resolve("Qorudal", country="Afghanistan", admin1="Daykundi")
    assert better.geocoder == "nominatim" and better.precision is GeoPrecision.TOWN
    location = chain.geocode("Qorudal", country="Afghanistan", admin1="Daykundi")
    assert location.raw["geocoder"] == "nominatim"


@pytest.mark.parametrize(
    "raw,level",
    [
        ({"place_rank": 4}, GeoPrecision.COUNTRY),
        ({"place_rank": 8}, GeoPrecision.PROVINCE),
        ({"place_rank": 12}, GeoPrecision.DISTRICT),
        ({"place_rank": 16}, GeoPrecision.TOWN),
        ({"place_rank": 30}, GeoPrecision.LANDMARK),
        ({"addresstype": "state"}, GeoPrecision.PROVINCE),
        ({}, GeoPrecision.UNKNOWN),
    ],
)
def test_precision_from_nominatim(raw, level):
    assert precision_from_nominatim(raw) is level


def test_disk_cache_survives_a_corrupt_file(tmp_path):
    path = tmp_path / "cache.json"
    path.write_text("{not json")
    cache = DiskCache(path)
    assert "x" not in cache
    cache.put("x", None)
    assert "x" in DiskCache(path)


def test_online_is_off_by_default():
    assert GeocodingSettings.from_env({}).online is False
    assert GeocodingSettings.from_env({"INCIDENT_MAP_ONLINE_GEOCODING": "1"}).online is True


def test_cached_geocoder_works_with_any_callable(tmp_path):
    calls = []

    def geocode(text, **kwargs):
        calls.append(text)
        return None

    cached = CachedGeocoder(geocode, DiskCache(tmp_path / "c.json"), name="fake")
    assert cached.resolve("A") is None and cached.resolve("A") is None
    assert calls == ["A"]
