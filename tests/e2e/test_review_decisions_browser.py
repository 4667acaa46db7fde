"""Review acts only on what was chosen, in the browser: after "Reject selected (3)"
nothing is selected (the ticks had moved to the next rows and the button still said
3); the count a bulk button names is what it changes; a likely duplicate updates the
stored incident without an error (Merge was an IndexError); "Edit it first" opens the
candidate (it opened an empty Add form); undoing an import asks first and says how
many it removed."""

from __future__ import annotations

import re
import time

import pytest

from incidents.store import open_seeded_store
from tests.e2e.conftest import Server
from tests.e2e.test_review_browser import _click_row_marker
from tests.support import ROOT
from tests.support.review_fixtures import candidates_from_two_sources


@pytest.fixture
def review_store(tmp_path):
    """The project's incidents, 8 candidates from two imports, and a repeat of the
    airport bombing from a wire (a likely duplicate)."""
    db = str(tmp_path / "incidents.sqlite")
    store = open_seeded_store(ROOT / "data" / "incidents.csv", db)
    candidates_from_two_sources(store, others=4)
    kabul = store.incidents().query("location.str.contains('Abbey Gate')", engine="python")
    twin = kabul.drop(columns=["status", "version", "deleted"]).copy()
    twin["incident_id"], twin["source"] = "wire:abbey-gate", "Wire report"
    twin["latitude"] = twin["latitude"] + 0.01
    store.import_incidents(twin, editor="importer", status="confirmed")
    server = Server(None, db=db)
    server.store = store
    yield server
    server.stop()


def _open_review(page, server, waiting: str) -> None:
    page.page.goto(server.url + "review")
    page.page.get_by_text(waiting).wait_for(timeout=30_000)
    page.page.locator("[data-testid='stDataFrame']").first.wait_for()
    time.sleep(0.5)  # the grid draws its rows after the element appears


def test_rejecting_three_leaves_nothing_selected(page, review_store):
    store = review_store.store
    _open_review(page, review_store, "9 candidates awaiting review")
    for row in (0, 1, 2):
        _click_row_marker(page, row)
    page.page.get_by_text("Reject selected (3)").wait_for(timeout=10_000)
    before = len(store.incidents(("rejected",)))
    page.page.get_by_role("button", name="Reject selected (3)").click()
    page.page.get_by_text("3 candidates set to rejected").wait_for(timeout=30_000)
    assert len(store.incidents(("rejected",))) == before + 3  # the count it named
    page.page.get_by_text("6 candidates awaiting review").wait_for(timeout=30_000)
    button = page.page.get_by_role("button", name="Reject selected (0)")
    button.wait_for(timeout=10_000)
    assert button.is_disabled()
    assert page.page.locator("[data-testid='stException']").count() == 0


def test_a_likely_duplicate_updates_the_stored_incident(page, review_store):
    store = review_store.store
    _open_review(page, review_store, "9 candidates awaiting review")
    page.page.get_by_role("combobox", name="Likely duplicate").click()
    page.page.get_by_role("option", name="with a likely duplicate").click()
    page.page.get_by_text(re.compile(r"Candidate wire:\W*abbey-gate")).wait_for(timeout=20_000)
    page.page.get_by_role("button", name="Update the stored incident").click()
    page.page.get_by_text(re.compile("merged into")).wait_for(timeout=30_000)
    assert page.page.locator("[data-testid='stException']").count() == 0
    assert store.get("wire:abbey-gate")["status"] == "rejected"
    assert (
        store.incidents().query("source.str.endswith('Wire report')", engine="python").shape[0] == 1
    )


def test_edit_it_first_opens_the_candidate(page, review_store):
    _open_review(page, review_store, "9 candidates awaiting review")
    first = page.page.get_by_text(re.compile(r"^Candidate ")).first.inner_text()
    incident_id = first.removeprefix("Candidate ").replace("\u2060", "").strip()
    page.page.get_by_role("button", name="Edit it first").click()
    page.page.get_by_text(re.compile(r"^Version \d+ · status candidate")).wait_for(timeout=30_000)
    place = review_store.store.get(incident_id)["location"]
    shown = page.page.locator("input[aria-label='Place']:visible").first.input_value()
    assert shown == place  # the candidate's own fields, in the Edit tab it opened


def test_undo_asks_first_and_says_how_many(page, review_store):
    store = review_store.store
    _open_review(page, review_store, "9 candidates awaiting review")
    page.page.get_by_text(re.compile(r"^Imports \(\d+\)")).click()
    box = page.page.get_by_role("combobox", name="Import")
    box.first.click()  # the expander's, above the queue's own Import filter
    page.page.get_by_role("option", name=re.compile(r"\(4 added\)")).first.click()
    page.page.get_by_text(re.compile("Undoing it removes 4 incidents")).wait_for(timeout=20_000)
    undo = page.page.get_by_role("button", name="Undo this import")
    assert undo.is_disabled()
    before = store.count()
    page.page.get_by_text("Yes, remove these 4 incidents").click()
    page.page.wait_for_function(
        "() => [...document.querySelectorAll('button')].some("
        "b => b.innerText.includes('Undo this import') && !b.disabled)",
        timeout=20_000,
    )
    undo.click()
    page.page.get_by_text(re.compile(r"undone:\W*4 incidents it added removed")).wait_for(
        timeout=30_000
    )
    assert store.count() == before - 4
