"""An empty map tells the truth: what the store holds that it is not showing, and the
way to it.  A UCDP file imported as candidates once gave "The data has no usable
incidents" with 3,803 incidents one switch away."""

from __future__ import annotations

import tempfile
from pathlib import Path

from streamlit.testing.v1 import AppTest

from engine.empty_state import empty_map
from incidents.io import load_incidents
from incidents.store import open_store
from tests.support import ROOT
from tests.support.apptest import APP, seen


def _app_on(monkeypatch, prepare) -> AppTest:
    db = str(Path(tempfile.mkdtemp()) / "store.sqlite")
    monkeypatch.delenv("INCIDENT_MAP_DATA", raising=False)
    monkeypatch.setenv("INCIDENT_MAP_DB", db)
    prepare(open_store(db))
    app = AppTest.from_file(APP, default_timeout=90)
    app.run()
    assert not app.exception, app.exception
    return app


def _seed(store, status="candidate"):
    seed = load_incidents(ROOT / "data" / "incidents.csv").incidents.head(5)
    store.add(seed, editor="test", status=status, action="import")
    return seed


def _info(app) -> str:
    return " ".join(seen(i.value) for i in app.info)


def test_only_candidates_offers_the_switch_and_the_switch_draws_them(monkeypatch):
    app = _app_on(monkeypatch, _seed)
    assert "No confirmed incidents yet: 5 candidates await review" in _info(app)
    next(b for b in app.button if b.label == "Show the candidates on the map").click().run()
    assert not app.exception, app.exception
    assert app.session_state["candidates"] is True
    assert "candidates await review" not in _info(app)


def test_only_rejected_and_deleted_says_what_is_there(monkeypatch):
    def prepare(store):
        seed = _seed(store, "rejected")
        store.delete(seed.iloc[0]["incident_id"], 1, editor="test")

    app = _app_on(monkeypatch, prepare)
    assert "holds only 4 rejected and 1 deleted incidents" in _info(app)


def test_the_messages_as_plain_functions():
    """The empty store's message is reached only here: the app seeds an empty store
    from the project's data on first use."""
    assert empty_map(None, False).message == "The data has no usable incidents."
    nothing = {"confirmed": 0, "candidate": 0, "rejected": 0, "deleted": 0}
    assert empty_map(nothing, False).offer == "import"
    assert "The incident store is empty" in empty_map(nothing, False).message
    waiting = nothing | {"candidate": 3803, "rejected": 2}
    said = empty_map(waiting, False)
    assert (
        said.offer == "candidates"
        and "3803 candidates await review (2 rejected not shown)" in said.message
    )
