"""End to end: a coded file imported with the command's defaults lands on the map,
and the Review page's filter and row selection confirm exactly the rows picked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest

from incidents.store import open_store
from tests.e2e.conftest import Server
from tests.e2e.test_dashboard_browser import wait_for_drawn
from tests.support import FIXTURES, ROOT
from tests.support.review_fixtures import candidates_from_two_sources


@pytest.fixture(scope="module")
def coded_server(tmp_path_factory):
    """A fresh store with UCDP's file imported by ``python -m dashboard import`` with
    nothing but ``--into-store``, as a new user would."""
    db = str(tmp_path_factory.mktemp("coded") / "incidents.sqlite")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "import",
            str(FIXTURES / "imports" / "ucdp_ged.csv"),
            "--into-store",
        ],
        cwd=ROOT,
        env={**os.environ, "INCIDENT_MAP_DB": db},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "added as confirmed (UCDP GED is a coded dataset" in done.stdout
    server = Server(None, db=db)
    server.store = open_store(db)
    yield server
    server.stop()


def test_a_coded_file_imported_with_the_defaults_is_drawn(page, coded_server):
    placed = coded_server.store.incidents().dropna(subset=["latitude", "longitude"])
    assert len(placed) > 0
    page.page.goto(coded_server.url)
    wait_for_drawn(page, page.map_frame, len(placed), timeout=60)
    assert page.external == []


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("review") / "incidents.sqlite")
    store = open_store(db)
    candidates_from_two_sources(store, others=4)
    server = Server(None, db=db)
    server.store = store
    yield server
    server.stop()


def _click_row_marker(page, row: int) -> None:
    """Tick the selection box of a row of the queue's table (drawn on a canvas: the
    box sits in the first column, one row height per row below the header)."""
    grid = page.page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    row_height = 35
    page.page.mouse.click(box["x"] + 18, box["y"] + row_height * (row + 1) + row_height / 2)


def test_the_review_filter_and_a_selection_confirm_only_those_rows(page, review_server):
    store = review_server.store
    page.page.goto(review_server.url + "review")
    page.page.get_by_text("8 candidates awaiting review").wait_for(timeout=30_000)
    page.page.get_by_text("Confirm all 8 the filter shows").wait_for()
    page.page.get_by_role("combobox", name="Source").click()  # the filter: one source
    page.page.get_by_role("option", name="UCDP GED").click()
    page.page.get_by_text("Confirm all 4 the filter shows").wait_for(timeout=20_000)
    page.page.locator("[data-testid='stDataFrame']").first.wait_for()
    time.sleep(0.5)  # the grid draws its rows after the element appears
    _click_row_marker(page, 0)
    page.page.get_by_text("Confirm selected (1)").wait_for(timeout=10_000)
    _click_row_marker(page, 1)
    page.page.get_by_role("button", name="Confirm selected (2)").click()
    page.page.get_by_text("2 candidates set to confirmed").wait_for(timeout=30_000)
    confirmed = store.incidents()
    assert len(confirmed) == 2 and set(confirmed["source"]) == {"UCDP GED"}
    for incident_id in confirmed["incident_id"]:
        assert store.history(incident_id)[-1]["action"] == "review"
    assert len(store.incidents(("candidate",))) == 6
    assert page.external == []


def test_a_file_of_reports_is_read_on_the_review_page(page, review_server, tmp_path):
    export = tmp_path / "monitoring.csv"
    export.write_text(
        "text,published,url\n"
        '"Gunmen shot dead four policemen at a checkpoint in Bannu, Pakistan.",'
        "2023-05-08,https://example.org/a\n"
        ",,\n"
        "A bomb killed six people at a market in Quetta.,2023-05-09,\n",
        encoding="utf-8",
    )
    before = len(review_server.store.incidents(("candidate",)))
    page.page.goto(review_server.url + "review")
    page.page.get_by_text("Read a file of reports (CSV or JSON Lines)").click()
    page.page.locator("input[type='file']").last.set_input_files(str(export))
    # plain() puts a word joiner after each colon (no Markdown): match around it
    page.page.get_by_text(re.compile(r"3 rows:\W*2 reports read, 1 refused; 2 incident")).wait_for(
        timeout=60_000
    )
    page.page.get_by_text(re.compile(r"monitoring\.csv row 3:\W*text is empty")).wait_for()
    page.page.get_by_role("button", name="Add 2 as candidates").click()
    page.page.get_by_text(re.compile(r"2 candidates from monitoring\.csv added")).wait_for(
        timeout=30_000
    )
    added = review_server.store.incidents(("candidate",))
    assert len(added) == before + 2
    assert {"Bannu", "Quetta"} <= set(added["location"])
    assert "https://example.org/a" in set(added["source_url"])
