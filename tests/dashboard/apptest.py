"""Running the app under AppTest, shared by the app's test modules."""
from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")


def run_app(monkeypatch, data=None, query=None) -> AppTest:
    if data is not None:
        monkeypatch.setenv("INCIDENT_MAP_DATA", str(data))
    else:
        monkeypatch.delenv("INCIDENT_MAP_DATA", raising=False)
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
