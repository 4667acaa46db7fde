"""Who may edit, and edits checked before anything is written (on a real store)."""

from __future__ import annotations

import pytest

from incidents.io import load_incidents
from incidents.store import ConflictError, open_store
from incidents.store.editing import Editing, FieldErrors, NotAllowed, field_problems, table_changes
from incidents.store.editors import LOCAL, Editor, identify
from tests.support import ROOT

ANALYST = Editor("analyst@example.org", True)


@pytest.fixture
def store(tmp_path):
    store = open_store(str(tmp_path / "edit.sqlite"))
    store.add(load_incidents(ROOT / "data" / "incidents.csv").incidents, editor="seed")
    return store


def test_nobody_configured_is_local_and_may_edit():
    assert identify(None, {}, {}) == Editor(LOCAL, True)


def test_streamlit_login_names_the_editor_before_the_proxy_header():
    user = {"is_logged_in": True, "email": "a@example.org", "name": "A"}
    env = {"INCIDENT_MAP_USER_HEADER": "X-Forwarded-User"}
    assert identify(user, {"x-forwarded-user": "b"}, env).name == "a@example.org"
    assert identify(None, {"X-Forwarded-User": "b@example.org"}, env) == Editor(
        "b@example.org", True
    )


def test_a_request_without_the_proxy_header_may_not_write():
    who = identify(None, {}, {"INCIDENT_MAP_USER_HEADER": "X-Forwarded-User"})
    assert not who.can_edit and "X-Forwarded-User" in who.reason


def test_read_only_and_the_editors_list():
    assert not identify(None, {}, {"INCIDENT_MAP_READONLY": "1"}).can_edit
    env = {"INCIDENT_MAP_USER_HEADER": "X-User", "INCIDENT_MAP_EDITORS": "Ann@x.org, bo@x.org"}
    assert identify(None, {"X-User": "ann@x.org"}, env).can_edit
    refused = identify(None, {"X-User": "eve@x.org"}, env)
    assert not refused.can_edit and "editors list" in refused.reason


def test_a_reader_who_may_not_edit_is_refused_by_the_writer_itself(store):
    reader = Editing(store, Editor("eve", False, "eve is not in the editors list"))
    first = store.incidents().iloc[0]
    before = store.stamp()
    for attempt in (
        lambda: reader.save(first["incident_id"], {"fatalities": 1}, 1),
        lambda: reader.delete(first["incident_id"], 1),
        lambda: reader.add({"date": "2024-01-01", "actor": "X"}),
        lambda: reader.review(first["incident_id"], "rejected", 1),
    ):
        with pytest.raises(NotAllowed, match="editors list"):
            attempt()
    assert store.stamp() == before, "nothing was written"


def test_a_typed_incident_is_checked_field_by_field_and_keeps_nothing_back(store):
    editing = Editing(store, ANALYST)
    typed = {
        "date": "2021-10-15",
        "actor": "Islamic State Khorasan Province (ISIS-K)",
        "event_type": "Suicide bombing",
        "location": "Imam Bargah mosque, Kandahar",
        "latitude": "31.6",
        "longitude": "",
        "fatalities": "dozens",
    }
    with pytest.raises(FieldErrors) as refused:
        editing.add(typed)
    assert set(refused.value.fields) == {"longitude", "fatalities"}
    assert "latitude and longitude" in refused.value.fields["longitude"]
    before = store.count()
    typed.update(longitude="65.71", fatalities="47")
    new_id = editing.add(typed, note="typed from a wire report")
    assert store.count() == before + 1 and new_id.startswith("manual:2021-10-15-")
    stored = store.get(new_id)
    assert stored["fatalities"] == 47 and stored["latitude"] == 31.6
    assert store.history(new_id)[0]["editor"] == "analyst@example.org"


def test_table_edits_become_one_change_per_row_and_a_bad_row_does_not_stop_the_rest(store):
    shown = store.incidents().head(3).reset_index(drop=True)
    edited = shown.copy()
    edited.loc[0, "fatalities"] = 80
    edited.loc[1, "latitude"] = 123.0
    changes = table_changes(shown, edited)
    assert changes == {
        shown.loc[0, "incident_id"]: {"fatalities": 80},
        shown.loc[1, "incident_id"]: {"latitude": 123.0},
    }
    outcomes = Editing(store, ANALYST).save_table(
        changes, dict(zip(shown["incident_id"], shown["version"].astype(int), strict=False))
    )
    assert [o.saved for o in outcomes] == [True, False]
    assert "latitude" in outcomes[1].message
    assert store.get(shown.loc[0, "incident_id"])["fatalities"] == 80


def test_a_stale_edit_is_a_conflict_that_shows_both_values(store):
    first = store.incidents().iloc[0]
    Editing(store, Editor("ann", True)).save(first["incident_id"], {"fatalities": 73}, 1)
    with pytest.raises(ConflictError) as caught:
        Editing(store, Editor("bo", True)).save(first["incident_id"], {"fatalities": 75}, 1)
    assert "stored 73" in str(caught.value) and "yours 75" in str(caught.value)
    assert "ann" in str(caught.value)


def test_field_problems_for_a_clean_record_are_none():
    assert (
        field_problems(
            {"date": "2021-08-26", "actor": "X", "latitude": "34.5", "longitude": "69.2"}
        )
        == {}
    )
