"""The Review and Data pages under AppTest, on a real SQLite store seeded from the
project's data: what an editor types reaches the store (or is refused, naming the
field), what a reader may not do is not offered, and the Map shows the result."""

from __future__ import annotations

import pandas as pd
import pytest

from incidents.store import open_store
from tests.support.apptest import metrics, run_app, seen
from tests.support.review_fixtures import candidates_from_two_sources

DATA, REVIEW = "app_pages/data_page.py", "app_pages/review_page.py"


@pytest.fixture
def app(monkeypatch):
    return run_app(monkeypatch)


def _store():
    import os

    return open_store(os.environ["INCIDENT_MAP_DB"])


def _go(app, page):
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def _type(app, values: dict[str, str]) -> None:
    for name, value in values.items():
        app.text_input(key=f"add_{name}").input(value)


def _submit(app, label: str):
    next(b for b in app.button if b.label == label).click().run()
    assert not app.exception, app.exception
    return app


KANDAHAR = {
    "date": "2021-10-15",
    "actor": "Islamic State Khorasan Province (ISIS-K)",
    "event_type": "Suicide bombing",
    "location": "Imam Bargah mosque, Kandahar",
    "admin1": "Kandahar",
    "country": "Afghanistan",
    "latitude": "31.6",
    "longitude": "",
    "fatalities": "dozens",
    "source": "Test entry",
}


def test_adding_an_incident_names_the_refused_fields_then_adds_it_to_the_map(app):
    before = int(metrics(app)["Incidents"])
    _go(app, DATA)
    _type(app, KANDAHAR)
    _submit(app, "Add the incident")
    errors = seen(" ".join(e.value for e in app.error))
    assert "Longitude" in errors and "Killed" in errors and "Not saved" in errors
    assert app.text_input(key="add_fatalities").value == "dozens", "what was typed stays"
    assert _store().count() == 32
    _type(app, {"longitude": "65.71", "fatalities": "47"})
    _submit(app, "Add the incident")
    assert any("Added manual:2021-10-15-" in seen(s.value) for s in app.success)
    added = _store().incidents().query("fatalities == 47 and admin1 == 'Kandahar'")
    assert len(added) == 1 and added.iloc[0]["latitude"] == 31.6
    app.switch_page("app_pages/map_page.py").run()
    assert int(metrics(app)["Incidents"]) == before + 1


def test_a_typed_place_offers_suggestions_with_their_precision(app):
    _go(app, DATA)
    app.text_input(key="add_lookup_place").input("Peshawar").run()
    app.text_input(key="add_lookup_country").input("Pakistan").run()
    choice = app.radio(key="add_lookup_choice")
    assert any("Peshawar" in o and "town level" in o for o in choice.options)
    _submit(app, "Use this place")
    assert abs(float(app.text_input(key="add_latitude").value) - 34.0) < 0.1
    assert app.selectbox(key="add_geo_precision").value == "town"


def test_an_edit_is_saved_with_history_and_a_stale_one_is_a_conflict(app):
    store = _store()
    kabul = store.incidents().query("location.str.contains('Abbey Gate')", engine="python")
    incident_id = kabul.iloc[0]["incident_id"]
    _go(app, DATA)
    app.selectbox(key="edit_pick").set_value(incident_id).run()
    app.text_input(key=f"edit_{incident_id}_1_fatalities").input("183")
    app.text_input(key=f"edit_{incident_id}_1_note").input("later count")
    _submit(app, "Save")
    assert store.get(incident_id)["fatalities"] == 183
    history = next(d.value for d in app.dataframe if "changes" in d.value.columns)
    assert history["changes"].str.contains("fatalities: 72 → 183").any()
    assert history["note"].tolist()[-1] == "later count"
    # Someone else saves meanwhile; this editor's form is still on version 2.
    store.save(incident_id, {"injured": "150"}, 2, editor="colleague")
    app.text_input(key=f"edit_{incident_id}_2_injured").input("160")
    _submit(app, "Save")
    message = seen(" ".join(e.value for e in app.error))
    assert "colleague" in message and "stored 150" in message
    assert store.get(incident_id)["injured"] == 150
    assert app.text_input(key=f"edit_{incident_id}_2_injured").value == "160", "nothing lost"
    assert any("Someone saved version 3" in seen(w.value) for w in app.warning)


def test_a_reader_sees_no_editing_controls(monkeypatch):
    monkeypatch.setenv("INCIDENT_MAP_READONLY", "1")
    app = run_app(monkeypatch)
    _go(app, DATA)
    assert [t.label for t in app.tabs] == ["History", "Table", "Export"]
    assert not [b for b in app.button if b.label in ("Add the incident", "Save")]
    assert "read-only" in seen(app.caption[0].value)
    _go(app, REVIEW)


def test_review_merges_a_repeated_report_into_the_stored_incident(app):
    store = _store()
    kabul = store.incidents().query("location.str.contains('Abbey Gate')", engine="python")
    twin = kabul.drop(columns=["status", "version", "deleted"]).copy()
    twin["incident_id"], twin["source"] = "wire:abbey-gate", "Wire report"
    twin["latitude"] = twin["latitude"] + 0.01
    store.import_incidents(twin, editor="importer", status="confirmed")
    _go(app, REVIEW)
    assert "1 candidates awaiting review" in seen(app.caption[0].value)
    table = app.dataframe[0].value
    assert table.loc[0, "likely_duplicate_of"] == kabul.iloc[0]["incident_id"]
    _submit(app, "Update the stored incident")  # a likely duplicate's first choice
    assert any("merged into" in seen(s.value) for s in app.success)
    kept = store.get(kabul.iloc[0]["incident_id"])
    assert kept["source"].endswith("; Wire report")
    assert store.get("wire:abbey-gate")["status"] == "rejected"


def test_the_map_adds_candidates_only_when_asked(app):
    store = _store()
    first = store.incidents().iloc[0]
    store.review(first["incident_id"], "candidate", 1, editor="analyst")
    app.run()
    shown = int(metrics(app)["Incidents"])
    app.toggle(key="candidates").set_value(True).run()
    assert int(metrics(app)["Incidents"]) == shown + 1
    assert any("1 of these incidents are candidates" in c.value for c in app.caption)
    assert app.query_params.get("show") in ("candidates", ["candidates"])


def test_a_pasted_report_becomes_a_candidate_with_its_evidence_then_goes_on_the_map(app):
    from tests.support import FIXTURES

    shown = int(metrics(app)["Incidents"])
    _go(app, REVIEW)
    app.text_area(key="intake_text").input(
        (FIXTURES / "reports" / "r16.txt").read_text(encoding="utf-8")
    )
    app.date_input(key="intake_published").set_value(pd.Timestamp("2013-01-11").date())
    app.text_input(key="intake_source").input("Test Wire").run()
    evidence = app.dataframe[0].value.set_index("field")
    assert evidence.loc["fatalities", "value"] == "20"
    assert "killing at least ⟦20⟧ people" in evidence.loc["fatalities", "evidence"]
    assert evidence.loc["actor", "value"] == "Lashkar-e-Jhangvi (LeJ)"
    _submit(app, "Add 2 as candidates")
    assert any("2 candidates awaiting review" in seen(c.value) for c in app.caption)
    _submit(app, "Confirm: put it on the map")
    app.switch_page("app_pages/map_page.py").run()
    assert int(metrics(app)["Incidents"]) == shown + 1


def test_a_huge_search_is_bounded_not_an_error(app):
    """A ~1M-character search on the Data page raised ArrowInvalid (pattern too large)."""
    _go(app, DATA)
    box = app.text_input(key="table_search")
    assert box.max_chars == 200
    box.input("(" * 1_000_000).run()
    assert not app.exception, app.exception


def test_review_filters_the_queue_and_confirms_all_it_shows_at_once(app):
    store = _store()
    ucdp, other = candidates_from_two_sources(store)
    _go(app, REVIEW)
    assert "6 candidates awaiting review" in seen(app.caption[0].value)
    app.selectbox(key="review_source").set_value("UCDP GED").run()
    assert sorted(app.dataframe[0].value["incident_id"]) == sorted(ucdp)
    app.text_input(key="bulk_note").input("coded by UCDP").run()
    _submit(app, "Confirm all 4 the filter shows")
    assert any("4 candidates set to confirmed" in seen(s.value) for s in app.success)
    for incident_id in ucdp:
        assert store.get(incident_id)["status"] == "confirmed"
        last = store.history(incident_id)[-1]
        assert (last["action"], last["note"]) == ("review", "coded by UCDP")
    assert all(store.get(i)["status"] == "candidate" for i in other)


def test_a_reader_gets_no_bulk_buttons(monkeypatch):
    app = run_app(monkeypatch)
    candidates_from_two_sources(_store())
    monkeypatch.setenv("INCIDENT_MAP_READONLY", "1")
    app = run_app(monkeypatch)
    _go(app, REVIEW)
    assert not [b for b in app.button if "the filter shows" in b.label]


def test_review_filters_by_import(app):
    store = _store()
    _ucdp, other = candidates_from_two_sources(store)
    _go(app, REVIEW)
    box = app.selectbox(key="review_import")
    latest = next(o for o in box.options if "(2 added)" in o)  # the second import: two rows
    box.set_value(latest).run()
    assert sorted(app.dataframe[0].value["incident_id"]) == sorted(other)


def test_an_import_is_undone_from_the_review_page(app):
    store = _store()
    before = store.count()
    ucdp, other = candidates_from_two_sources(store)
    _go(app, REVIEW)
    box = app.selectbox(key="undo_import_choice")
    box.set_value(next(o for o in box.options if "(4 added)" in o)).run()
    app.text_input(key="undo_import_note").input("wrong file").run()
    assert any("removes 4 incidents" in seen(w.value) for w in app.warning)
    undo = next(b for b in app.button if b.label == "Undo this import")
    assert undo.disabled, "asks first"
    next(c for c in app.checkbox if c.label == "Yes, remove these 4 incidents").check().run()
    _submit(app, "Undo this import")
    assert any("undone: 4 incidents it added removed" in seen(s.value) for s in app.success)
    assert store.count() == before + len(other)
    assert all(store.get(i) is None for i in ucdp)
