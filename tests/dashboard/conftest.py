"""The project's incidents and their palette, shared by the dashboard tests."""

from __future__ import annotations

import pytest

from engine.mapping.palette import actor_palette
from incidents.io import load_incidents
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def incidents():
    return load_incidents(ROOT / "data" / "incidents.csv").incidents


@pytest.fixture(scope="module")
def palette(incidents):
    return actor_palette(incidents["actor"].value_counts().index)
