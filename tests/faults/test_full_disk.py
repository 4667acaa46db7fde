"""A full disk, for real: a file-size limit (``RLIMIT_FSIZE``) on the command, and a
store on a tiny tmpfs.  Import, backup and restore end in one sentence and an exit
code, never a traceback; a backup cut short leaves nothing behind; the store is as it
was and opens.  Before, each ended in a 50-line traceback, and a cut-short backup's
partial file and journal had to be removed by hand."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from incidents.store import open_store
from tests.faults.conftest import digest, import_file, seed
from tests.support import ROOT

pytestmark = pytest.mark.slow


def _command(db: str, *args: str, limit_kb: int | None = None) -> subprocess.CompletedProcess:
    def limited() -> None:
        if limit_kb is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_kb * 1024, limit_kb * 1024))

    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        env={**os.environ, "INCIDENT_MAP_DB": db},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limited,
    )


def _one_sentence(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, done.stderr
    return errors[0]


def _leftovers(folder: Path, name: str) -> list[str]:
    """What a backup called ``name`` left in ``folder``: its file, a partial copy or a
    journal."""
    return sorted(p.name for p in folder.iterdir() if name in p.name)


def _intact(db: str, before: str) -> None:
    assert digest(db) == before
    store = open_store(db)
    store.add(store.incidents().head(0), editor="test")  # opens and takes a writer
    assert store.count() > 0
    store.engine.dispose()


@pytest.fixture
def store_file(tmp_path) -> str:
    db = str(tmp_path / "live.sqlite")
    seed(db)
    return db


def test_a_backup_over_the_size_limit(store_file, tmp_path):
    before = digest(store_file)
    said = _one_sentence(
        _command(store_file, "store", "backup", str(tmp_path / "b.sqlite"), limit_kb=40)
    )
    assert "could not be written" in said and "disk is full" in said
    assert _leftovers(tmp_path, "b.sqlite") == []
    _intact(store_file, before)


def test_an_import_over_the_size_limit(store_file, tmp_path):
    before = digest(store_file)
    source = import_file(tmp_path)
    said = _one_sentence(
        _command(store_file, "import", str(source), "--into-store", "--no-geocode", limit_kb=40)
    )
    assert "nothing of it was kept" in said
    _intact(store_file, before)


def test_a_restore_over_the_size_limit(store_file, tmp_path):
    backup = tmp_path / "good.sqlite"
    assert _command(store_file, "store", "backup", str(backup)).returncode == 0
    before = digest(store_file)
    said = _one_sentence(_command(store_file, "store", "restore", str(backup), limit_kb=40))
    assert "the store is as it was" in said
    assert not list(tmp_path.glob("live.before-restore-*"))
    _intact(store_file, before)


@pytest.fixture
def tiny_disk(tmp_path):
    """A 400 KB tmpfs (root only: CI runs as root)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_under_the_store(tiny_disk, tmp_path):
    """The store on a disk with little room: a big import and a restore of a bigger
    store fail as a full disk does (ENOSPC, not a size limit), the store intact."""
    db = str(tiny_disk / "live.sqlite")
    seed(db)
    big = tmp_path / "big.sqlite"
    seed(str(big))
    grown = open_store(str(big))
    frame = grown.incidents()
    for copy in range(40):
        more = frame.assign(incident_id=frame["incident_id"] + f"-{copy}")
        grown.add(more, editor="test")
    grown.engine.dispose()
    backup = tmp_path / "bigger.sqlite"
    assert _command(str(big), "store", "backup", str(backup)).returncode == 0
    filler = tiny_disk / "filler"
    free = shutil.disk_usage(tiny_disk).free
    filler.write_bytes(b"\0" * max(0, free - 48 * 1024))
    before = digest(db)
    said = _one_sentence(_command(db, "store", "restore", str(backup)))
    assert "the store is as it was" in said or "nothing was restored" in said, said
    _intact(db, before)
    said = _one_sentence(_command(db, "store", "backup", str(tiny_disk / "b.sqlite")))
    assert "could not be written" in said
    assert _leftovers(tiny_disk, "b.sqlite") == []
    assert not list(tiny_disk.glob("live.before-restore-*"))
    _intact(db, before)
