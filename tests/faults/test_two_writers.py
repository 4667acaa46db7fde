"""Two writers at once, on SQLite and PostgreSQL: the second waits for the first
(saying so), both complete, and history versions never repeat.  Before, a small
import during a large one failed "database is locked", the same file imported twice
at once failed with an IntegrityError, and an import beside a bulk review wrote one
version number twice.  The first writer is held inside its transaction (not a sleep):
it waits for a file the test creates once the second says it is waiting."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from incidents.io import read_text_table
from incidents.store import open_store
from tests.faults.conftest import PROJECT, child, digest, import_file, versions_repeat
from tests.support import ROOT

pytestmark = pytest.mark.slow


def _held(url: str, source: Path, folder: Path) -> tuple[subprocess.Popen, Path]:
    """An import held inside its transaction; returns it and the file that lets it go."""
    ready, go = folder / "ready", folder / "go"
    first = child(url, str(source), "--hold", str(ready), str(go), wait=False)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline, "the first import never started"
        time.sleep(0.02)
    return first, go


def _waits(second: subprocess.Popen) -> str:
    """The second writer's first line on stderr: it says it is waiting."""
    assert second.stderr is not None
    line = second.stderr.readline()
    assert "waiting for" in line, line
    return line


def _store_command(url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard", "store", *args],
        cwd=ROOT,
        env={**os.environ, "INCIDENT_MAP_DB": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_the_same_file_imported_twice_at_once(fresh_url, tmp_path):
    url, source = fresh_url(), import_file(tmp_path)
    first, go = _held(url, source, tmp_path)
    second = child(url, str(source), wait=False)
    said = _waits(second)
    assert "an import by fault test" in said
    go.touch()
    for writer in (first, second):
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    assert "('added', 0)" in out and "('updated', 0)" in out  # the second found it all there
    assert versions_repeat(url) == []


def test_an_import_and_a_bulk_review_at_once(fresh_url, tmp_path):
    """Both change the same five incidents: candidates the import updates."""
    url, source = fresh_url(), import_file(tmp_path)
    store = open_store(url)
    changed = read_text_table(PROJECT)["incident_id"].head(5)  # as import_file changes them
    for incident_id in changed:
        store.review(incident_id, "candidate", 1, editor="test")
    store.engine.dispose()
    first, go = _held(url, source, tmp_path)
    review = _store_command(url, "review", "--confirm", "--editor", "bulk")
    _waits(review)
    go.touch()
    _out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    said, err = review.communicate(timeout=120)
    assert review.returncode == 0, err
    assert said.startswith("5 of 5 candidates"), said  # those it saw, now at their new versions
    assert versions_repeat(url) == []
    store = open_store(url)
    for incident_id in changed:
        assert [h["action"] for h in store.history(incident_id)][-2:] == ["import", "review"]
    store.engine.dispose()


def test_undo_then_import_again_keeps_versions_increasing(fresh_url, tmp_path):
    url, source = fresh_url(), import_file(tmp_path)
    assert child(url, str(source)).returncode == 0
    listed = _store_command(url, "imports").communicate(timeout=60)[0]
    import_id = listed.split()[0]
    undo = _store_command(url, "undo-import", import_id)
    assert undo.wait(timeout=60) == 0, undo.communicate()
    assert child(url, str(source)).returncode == 0
    assert versions_repeat(url) == []


def test_a_writer_gives_up_after_its_wait_in_one_sentence(fresh_url, tmp_path):
    url, source = fresh_url(), import_file(tmp_path)
    before = None
    first, go = _held(url, source, tmp_path)
    try:
        env = {**os.environ, "INCIDENT_MAP_DB": url, "INCIDENT_MAP_WRITE_WAIT": "1"}
        review = subprocess.run(
            [sys.executable, "-m", "dashboard", "store", "review", "--confirm"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        before = digest(url)
    finally:
        go.touch()
        first.communicate(timeout=120)
    assert review.returncode == 2
    lines = [line for line in review.stderr.splitlines() if line.startswith("error")]
    assert len(lines) == 1 and "gave up; nothing was written" in lines[0], review.stderr
    assert "Traceback" not in review.stderr
    assert before is not None and first.returncode == 0
