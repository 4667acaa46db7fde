"""Shared fixtures: one gazetteer build per test session, cached on disk for the
subprocess tests."""
from __future__ import annotations

import base64
import json
import math
import re
from pathlib import Path

import pytest

from geocoding.gazetteer import Gazetteer, load_gazetteer
from geocoding.offline import OfflineGazetteer
from geocoding.settings import GeocodingSettings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, written independently of the code under test."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="session")
def cache_dir() -> Path:
    """The user's cache folder: ``make install`` has built the index there, and the
    cache is keyed by its inputs, so tests read the same index the tools use."""
    return GeocodingSettings.from_env().cache_dir


@pytest.fixture(scope="session")
def gazetteer(cache_dir: Path) -> Gazetteer:
    return load_gazetteer(cache_dir)


@pytest.fixture(scope="session")
def settings(cache_dir: Path) -> GeocodingSettings:
    return GeocodingSettings(cache_dir=cache_dir)


@pytest.fixture(scope="session")
def offline(gazetteer: Gazetteer, settings: GeocodingSettings) -> OfflineGazetteer:
    return OfflineGazetteer(settings, gazetteer=gazetteer)


def embedded_data(page: str) -> list:
    """Every value a page carries as base64 JSON (``dashboard.verbatim.js_data``)."""
    return [json.loads(base64.b64decode(packed).decode("utf-8"))
            for packed in re.findall(r'atob\("([A-Za-z0-9+/=]*)"\)', page)]
