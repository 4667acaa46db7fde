"""The Streamlit app through streamlit.testing.v1.AppTest."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import FIXTURES, ROOT

APP = str(ROOT / "dashboard" / "app.py")


def run_app(monkeypatch, data=None) -> AppTest:
    if data is not None:
        monkeypatch.setenv("INCIDENT_MAP_DATA", str(data))
    else:
        monkeypatch.delenv("INCIDENT_MAP_DATA", raising=False)
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def test_project_data_is_listed(monkeypatch):
    app = run_app(monkeypatch)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Incidents"] == "32"
    assert metrics["Date span"] == "Aug 2021 – Dec 2024"
    table = app.dataframe[0].value
    assert len(table) == 32 and "Abbey Gate" in " ".join(table["location"])
    refugees = table[table["location"] == "Ministry of Refugees, Kabul"].iloc[0]
    assert refugees["fatalities"] == "unknown", "an unknown toll is shown as unknown, not 0"
    assert not app.warning


def test_bad_rows_are_reported_and_good_rows_still_shown(monkeypatch):
    app = run_app(monkeypatch, FIXTURES / "bad_incidents.csv")
    assert "5 of 7 rows" in app.warning[0].value
    text = " ".join(str(m.value) for m in app.markdown)
    assert "row 3, field 'latitude'" in text and "row 7, field 'incident_id'" in text
    assert {m.label: m.value for m in app.metric}["Incidents"] == "2"


def test_missing_file_is_a_clear_error(monkeypatch, tmp_path):
    app = run_app(monkeypatch, tmp_path / "nope.csv")
    assert "no such file" in app.error[0].value
