"""Running the app under AppTest, shared by the app's test modules."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.support import ROOT

APP = str(ROOT / "dashboard" / "app.py")


def run_app(monkeypatch, data=None, query=None) -> AppTest:
    if data is not None:
        monkeypatch.setenv("INCIDENT_MAP_DATA", str(data))
    else:  # the incident store, seeded from the project's data, in a folder of its own
        monkeypatch.delenv("INCIDENT_MAP_DATA", raising=False)
        monkeypatch.setenv("INCIDENT_MAP_DB", str(Path(tempfile.mkdtemp()) / "store.sqlite"))
    app = AppTest.from_file(APP, default_timeout=90)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def seen(markdown: str) -> str:
    """What a reader sees of Markdown source that escapes untrusted text."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def metrics(app) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}
