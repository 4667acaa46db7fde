"""What a reader may not do to others: remember a column mapping (it would change
how an editor's next import of that header is read).  In the browser, on the Map
page's upload: a read-only dashboard offers no button; a writable one does, and the
saved mapping names who saved it."""

from __future__ import annotations

import json

from tests.e2e.conftest import Server
from tests.support import FIXTURES, ROOT

PLAIN = FIXTURES / "imports" / "plain_cp1252.csv"
BUTTON = "Remember this mapping for files with these columns"


def _upload(page, server) -> None:
    page.page.goto(server.url)
    page.page.get_by_text("Bring your own data").click()
    page.page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(PLAIN))
    page.page.get_by_text("Columns of the file for each field").wait_for(timeout=60_000)


def test_a_reader_cannot_remember_a_mapping_an_editor_can(page, tmp_path):
    data = {"INCIDENT_MAP_MAPPINGS": str(tmp_path / "column-mappings.json")}
    reader = Server(ROOT / "data" / "incidents.csv", env={**data, "INCIDENT_MAP_READONLY": "1"})
    try:
        _upload(page, reader)
        page.page.get_by_text("Remembering a mapping needs edit rights").wait_for()
        assert page.page.get_by_role("button", name=BUTTON).count() == 0
    finally:
        reader.stop()
    assert not (tmp_path / "column-mappings.json").exists()
    editor = Server(ROOT / "data" / "incidents.csv", env=data)
    try:
        _upload(page, editor)
        page.page.get_by_role("button", name=BUTTON).click()
        page.page.get_by_text("Mapping saved").wait_for()
    finally:
        editor.stop()
    saved = json.loads((tmp_path / "column-mappings.json").read_text())
    assert [entry["by"] for entry in saved.values()] == ["local"]
    assert page.external == []
