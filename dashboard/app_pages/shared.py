"""What the pages share: the data and the store, loaded once and cached, the
gazetteer, and who is using the app.  Streamlit's caches live here so that every
page reads the same objects."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.app_pages.background import run_with_progress
from dashboard.config import DEFAULT_DATA, data_path, uses_store
from engine.mapping.palette import actor_palette
from geocoding.factory import make_resolver
from geocoding.settings import GeocodingSettings
from incidents.datasets import choose_dataset
from incidents.imports.importer import ImportResult, import_table
from incidents.imports.reading import read_table
from incidents.io import load_incidents
from incidents.store import Store, StoreUnavailable, open_seeded_store
from incidents.store.api import database_url, reachable
from incidents.store.editing import Editing
from incidents.store.editors import Editor, identify
from incidents.validate import ValidationResult

CONFIRMED = ("confirmed",)
WITH_CANDIDATES = ("confirmed", "candidate")


@st.cache_data(show_spinner="Loading incidents...")
def load(path: str, _mtime: float) -> ValidationResult:
    return load_incidents(Path(path))


@st.cache_resource(show_spinner="Opening the incident store...")
def _store(url: str) -> Store:
    return open_seeded_store(DEFAULT_DATA, url)


def store() -> Store:
    """The incident store (``INCIDENT_MAP_DB``), created and seeded on first use."""
    return _store(database_url())


def store_problem() -> str | None:
    """Why the store cannot be opened or does not answer, or None: the app says so
    instead of failing on every page (a failed open is not cached; the next run
    tries again, and a database that went away is reconnected)."""
    try:
        problem, retried = reachable(store())
    except StoreUnavailable as exc:
        return str(exc)
    if retried and problem is None:
        st.toast("The incident store was unavailable for a moment: reconnected.")
    return problem


ALL_STATUSES = ("confirmed", "candidate", "rejected")


@st.cache_data(show_spinner="Loading incidents...", max_entries=8)
def _stored(url: str, stamp: int, statuses: tuple[str, ...], include_deleted: bool) -> pd.DataFrame:
    return _store(url).incidents(statuses, include_deleted=include_deleted)


def stored(statuses: tuple[str, ...] = CONFIRMED, include_deleted: bool = False) -> pd.DataFrame:
    """The store's incidents with these statuses, read once per change of the store
    (its ``stamp``), however many parts of a page ask for them."""
    url = database_url()
    return _stored(url, _store(url).stamp(), statuses, include_deleted)


@st.cache_data(show_spinner=False, max_entries=8)
def _imports(url: str, stamp: int) -> list[dict]:
    from incidents.store.bulk import imports

    return imports(_store(url))


@st.cache_data(show_spinner=False, max_entries=8)
def _batch_ids(url: str, stamp: int, batch: str) -> frozenset[str]:
    from incidents.store.bulk import batch_ids

    return frozenset(batch_ids(_store(url), batch))


def store_stamp() -> tuple[str, int]:
    """Which store, and how many changes it has seen: a cache key for work on it."""
    url = database_url()
    return url, _store(url).stamp()


def store_imports() -> list[dict]:
    """The imports the store's history records, newest first (read once per change)."""
    url = database_url()
    return _imports(url, _store(url).stamp())


def import_ids(batch: str) -> frozenset[str]:
    """The incidents one import added or changed."""
    url = database_url()
    return _batch_ids(url, _store(url).stamp(), batch)


@st.cache_data(show_spinner=False, max_entries=4)
def _counts(url: str, stamp: int) -> dict[str, int]:
    return _store(url).status_counts()


def store_counts() -> dict[str, int] | None:
    """The store's incidents per review status (and deleted), or None for a data file."""
    if not uses_store():
        return None
    url = database_url()
    return _counts(url, _store(url).stamp())


def load_data(statuses: tuple[str, ...] = CONFIRMED) -> tuple[ValidationResult, str]:
    """The incidents to show and what to call their source in captions."""
    if uses_store():
        shown = stored(statuses)
        return ValidationResult(shown, shown.iloc[0:0]), "the incident store"
    path = data_path()
    return load(str(path), path.stat().st_mtime if path.exists() else 0.0), path.name


@st.cache_resource(show_spinner="Loading the gazetteer...")
def geocoder():
    return make_resolver(GeocodingSettings.from_env())


MAX_HELD_IMPORTS = 4  # per session: the files its uploader has open


def import_upload(
    data: bytes,
    name: str,
    format: str | None,
    sheet: str | None,
    mapping: tuple[tuple[str, str], ...] | None,
) -> ImportResult:
    """An uploaded file imported once per session and held in the session only.

    Not in Streamlit's shared cache: that kept 20 results of any size after their
    session ended (four 21 MB uploads by one reader held 1.9 GB for good).  A
    session holds its last ``MAX_HELD_IMPORTS``, freed when it closes."""
    key = (hashlib.sha256(data).hexdigest(), name, format, sheet, mapping)
    held = st.session_state.setdefault("_held_imports", {})
    if key not in held:

        def work(progress) -> ImportResult:
            def placed(done: int, total: int) -> None:
                progress.tell(
                    done, total, f"{name}: placing names, {done:,} of {total:,} distinct places"
                )

            return import_table(
                read_table(data, name, sheet),
                name,
                format,
                dict(mapping) if mapping is not None else None,
                resolver,
                progress=placed,
            )

        resolver = geocoder()  # built on the page's thread (a cached resource)
        held[key] = run_with_progress(f"Reading {name}...", work)
        while len(held) > MAX_HELD_IMPORTS:
            held.pop(next(iter(held)))
    return held[key]


@st.cache_data(show_spinner=False, max_entries=2, ttl=300)
def both_datasets(project: pd.DataFrame, imported: pd.DataFrame) -> pd.DataFrame:
    """Project and imported incidents together, with likely duplicates between them
    found once (not on every filter change).  It holds an upload's rows in the
    server's shared cache, so two at most, each for five minutes."""
    return choose_dataset(project, imported, "both")


@st.cache_data
def palette_for(actors: tuple[str, ...]) -> dict[str, str]:
    return actor_palette(actors)


def _user() -> dict | None:
    try:
        return st.user.to_dict()
    except Exception:
        return None


def editor() -> Editor:
    """Who this session is, and whether they may write (``incidents.store.editors``)."""
    headers = st.context.headers
    every = {key: headers.get_all(key) for key in (headers or {}).keys()} if headers else {}
    return identify(_user(), every, os.environ)


def editing() -> Editing:
    """The checked writer for this session; it refuses writes the editor may not make."""
    return Editing(store(), editor())
