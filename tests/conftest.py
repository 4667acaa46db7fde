"""Shared fixtures: one gazetteer build per test session, cached on disk for the
subprocess tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from geocoding.gazetteer import Gazetteer, load_gazetteer
from geocoding.offline import OfflineGazetteer
from geocoding.settings import GeocodingSettings
from tests.support import ROOT


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


@pytest.fixture(scope="module")
def incidents():
    """The project's own incidents, actors named by the registry."""
    from incidents.io import load_incidents

    return load_incidents(ROOT / "data" / "incidents.csv").incidents


@pytest.fixture(scope="module")
def palette(incidents):
    from engine.mapping.palette import actor_palette

    return actor_palette(incidents["actor"].value_counts().index)


# --- the databases the store runs on -------------------------------------------------

_CLUSTER: dict = {}


def pytest_report_header(config) -> str:
    from tests.support.postgres import NoPostgres, server_bin

    try:
        return (
            f"PostgreSQL server programs: {server_bin()} (a throwaway cluster is started "
            "for the store's tests)"
        )
    except NoPostgres as exc:
        return f"PostgreSQL: {exc}"


def pytest_terminal_summary(terminalreporter) -> None:
    if _CLUSTER:
        cluster = _CLUSTER["cluster"]
        terminalreporter.write_line(
            f"PostgreSQL: the store's tests ran on {_CLUSTER['version']}, a throwaway "
            f"cluster on 127.0.0.1:{cluster.port} ({_CLUSTER['databases']} databases)"
        )


@pytest.fixture(scope="session")
def postgres_cluster():
    """A real PostgreSQL server for this test run (``tests/postgres.py``)."""
    from tests.support.postgres import start_cluster

    cluster = start_cluster()
    _CLUSTER.update(cluster=cluster, version=cluster.version(), databases=0)
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """An empty store's URL: a SQLite file, and a fresh database on the cluster."""
    if request.param == "sqlite":
        return str(tmp_path / "incidents.sqlite")
    cluster = request.getfixturevalue("postgres_cluster")
    _CLUSTER["databases"] += 1
    return cluster.create_database(f"test_{_CLUSTER['databases']}")
