"""The command-line exports show what the app shows: the store (the same filter gave
5 incidents / 180 deaths on the command line and 6 / 204 in the app, with "Data:
incidents.csv" in the footer), and every export credits each dataset it draws."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

import pandas as pd
import pytest

from incidents.credits import credit_lines, credit_sentence
from incidents.io import load_incidents
from incidents.store import open_seeded_store
from tests.support import FIXTURES, ROOT

UCDP_CREDIT = "UCDP Georeferenced Event Dataset"


def _command(db: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "INCIDENT_MAP_DB": db}
    env.pop("INCIDENT_MAP_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def store_with_ucdp(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("exports") / "store.sqlite")
    store = open_seeded_store(ROOT / "data" / "incidents.csv", db)  # as the app opens it
    store.engine.dispose()
    done = _command(
        db, "import", str(FIXTURES / "imports" / "ucdp_ged.csv"), "--into-store", "--no-geocode"
    )
    assert done.returncode == 0, done.stderr
    return db


def test_snapshot_without_data_shows_the_store(store_with_ucdp, tmp_path):
    out = tmp_path / "view.html"
    done = _command(store_with_ucdp, "snapshot", "--out", str(out))
    assert done.returncode == 0, done.stderr
    shown = open_seeded_store(ROOT / "data" / "incidents.csv", store_with_ucdp).incidents()
    project = load_incidents(ROOT / "data" / "incidents.csv").incidents
    assert len(shown) > len(project)  # the store holds more than the project's file
    assert f"({len(shown)} incidents" in done.stdout
    page = out.read_text(encoding="utf-8")
    assert UCDP_CREDIT in page and "CC BY 4.0" in page
    assert "the incident store" in page  # the project's own incidents, named as the store


def test_a_deck_credits_ucdp_on_its_slides(store_with_ucdp, tmp_path):
    out = tmp_path / "brief.pptx"
    done = _command(store_with_ucdp, "snapshot", "--out", str(out))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as deck:
        slides = [n for n in deck.namelist() if n.startswith("ppt/slides/slide")]
        text = "".join(deck.read(n).decode("utf-8") for n in slides)
    assert UCDP_CREDIT in text


def test_no_ucdp_credit_where_no_ucdp_row_is_drawn(store_with_ucdp, tmp_path):
    out = tmp_path / "project-only.html"
    done = _command(
        store_with_ucdp,
        "snapshot",
        "--actor",
        "Islamic State Khorasan Province (ISIS-K)",
        "--to",
        "2021-12-31",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert UCDP_CREDIT not in out.read_text(encoding="utf-8")


def test_credit_lines_follow_the_incidents_drawn():
    frame = pd.DataFrame({"incident_id": ["ucdp:1", "acled:PAK1", "AFPK-1", "ucdp:2"]})
    lines = credit_lines(frame, "the incident store")
    assert lines[0].startswith(UCDP_CREDIT) and "ACLED" in lines[1]
    assert lines[2] == "the incident store"
    assert credit_lines(frame.head(0), "") == []
    assert credit_sentence(["A", ""]) == "Data: A. "
