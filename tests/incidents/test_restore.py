"""Restoring a backup: every file that is not a backup of this store is refused in
one sentence and leaves the store as it was; a good backup is restored, and the store
as it was is kept beside it.  Before the checks, each of these either wiped the store,
stayed live as a trigger, wrote a gigabyte or was a traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from incidents.io import load_incidents
from incidents.store import StoreError, open_store
from tests.support import ROOT


@pytest.fixture
def store(tmp_path):
    store = open_store(str(tmp_path / "live.sqlite"))
    seed = load_incidents(ROOT / "data" / "incidents.csv").incidents
    store.add(seed, editor="seed", action="import", note="data/incidents.csv")
    return store


@pytest.fixture
def good_backup(store, tmp_path):
    path = tmp_path / "good.sqlite"
    store.backup_to(path)
    return path


def _edit(path, *statements):
    """Change a database file in place (closed, so nothing waits in a WAL file)."""
    connection = sqlite3.connect(path)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def _hostile(store, tmp_path, good_backup):
    """name -> (file, what the refusal says)."""
    files = {}

    def changed(name: str, statement: str, said: str, start_from_good: bool = True) -> None:
        path = tmp_path / f"{name.replace(' ', '-')}.sqlite"
        if start_from_good:
            path.write_bytes(good_backup.read_bytes())
        _edit(path, *statement.split(";; "))
        files[name] = (path, said)

    changed(
        "trigger",
        "CREATE TRIGGER sneak AFTER INSERT ON history BEGIN "
        "UPDATE incidents SET status = 'confirmed'; END",
        "trigger sneak",
    )
    changed("view", "CREATE VIEW everything AS SELECT * FROM incidents", "view everything")
    changed(
        "empty database",
        "CREATE TABLE t (x);; DROP TABLE t",
        "not a backup of this store",
        start_from_good=False,
    )
    changed(
        "foreign database",
        "CREATE TABLE customers (id, name)",
        "not a backup of this store",
        start_from_good=False,
    )
    changed("other migration", "UPDATE alembic_version SET version_num = '0000'", "migration 0000")
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all\n" * 10)
    files["text file"] = (text, "not a SQLite database")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    files["folder"] = (folder, "is a folder")
    nothing = tmp_path / "nothing.sqlite"
    nothing.write_bytes(b"")
    files["empty file"] = (nothing, "is empty")
    sparse = tmp_path / "sparse.sqlite"  # 8 KB whose header declares 1 GB
    header = bytearray(good_backup.read_bytes()[:8192])
    header[16:18] = b"\x00\x01"  # page size 65,536
    header[28:32] = (16384).to_bytes(4, "big")
    sparse.write_bytes(bytes(header))
    files["declared 1 GB in 8 KB"] = (sparse, "declares a 1,024.0 MB database")
    link = tmp_path / "link.sqlite"
    link.symlink_to(good_backup)
    files["symlink"] = (link, "not a regular file")
    damaged = tmp_path / "damaged.sqlite"
    blob = bytearray(good_backup.read_bytes())
    blob[len(blob) // 2 : len(blob) // 2 + 4096] = b"\xff" * 4096
    damaged.write_bytes(bytes(blob))
    files["damaged"] = (damaged, "")
    return files


def test_every_file_that_is_not_a_backup_is_refused_and_the_store_stays(
    store, tmp_path, good_backup
):
    before = store.incidents()
    for name, (path, said) in _hostile(store, tmp_path, good_backup).items():
        with pytest.raises(StoreError) as refused:
            store.restore_from(path)
        message = str(refused.value)
        assert "\n" not in message and said in message, (name, message)
        assert store.incidents().equals(before), name
    assert not list(tmp_path.glob("live.before-restore-*")), "refused before any copy"


def test_a_good_backup_is_restored_and_the_old_store_kept(store, tmp_path, good_backup):
    before = store.incidents()
    first = before.iloc[0]["incident_id"]
    store.save(first, {"fatalities": "999"}, 1, editor="mistake")
    kept = store.restore_from(good_backup)
    assert store.incidents().equals(before)
    assert kept.exists() and kept.name.startswith("live.before-restore-")
    assert open_store(str(kept)).get(first)["fatalities"] == 999


def test_the_command_answers_in_one_sentence(store, tmp_path, good_backup):
    env = {**os.environ, "INCIDENT_MAP_DB": str(tmp_path / "live.sqlite")}
    for path in (tmp_path / "nope.sqlite", tmp_path):
        done = subprocess.run(
            [sys.executable, "-m", "dashboard", "store", "restore", str(path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    again = subprocess.run(
        [sys.executable, "-m", "dashboard", "store", "backup", str(good_backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 4 and "exists" in again.stderr
    forced = subprocess.run(
        [sys.executable, "-m", "dashboard", "store", "backup", "--force", str(good_backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert forced.returncode == 0, forced.stderr


@pytest.mark.parametrize("target", ["/dev/null", "link"])
def test_export_refuses_what_is_not_a_regular_file(store, tmp_path, target):
    env = {**os.environ, "INCIDENT_MAP_DB": str(tmp_path / "live.sqlite")}
    if target == "link":
        real = tmp_path / "real.csv"
        real.write_text("keep me")
        (tmp_path / "link.csv").symlink_to(real)
        target = str(tmp_path / "link.csv")
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "store", "export", "-o", target],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 4 and "not a regular file" in done.stderr, done.stderr
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")
    if target.endswith("link.csv"):
        assert (tmp_path / "real.csv").read_text() == "keep me"


BAD_ROWS = {
    "status": (
        "UPDATE incidents SET status = 'bogus' WHERE rowid = 3",
        "table incidents",
        "field status: 'bogus' is not one of",
    ),
    "date": (
        "UPDATE incidents SET date = 'not a date' WHERE rowid = 3",
        "table incidents",
        "field date: not an ISO date",
    ),
    "latitude": (
        "UPDATE incidents SET latitude = 999 WHERE rowid = 3",
        "table incidents",
        "field latitude: outside [-90, 90]",
    ),
    "count": (
        "UPDATE incidents SET fatalities = -4 WHERE rowid = 3",
        "table incidents",
        "field fatalities: negative count",
    ),
    "version": (
        "UPDATE incidents SET version = 'two' WHERE rowid = 3",
        "table incidents",
        "field version",
    ),
    "orphan participant": (
        "INSERT INTO participants VALUES ('NOWHERE-1', 'Someone', 'primary')",
        "table participants, row 'NOWHERE-1'",
        "takes part in no incident",
    ),
    "history gone": (
        "DELETE FROM history WHERE id % 3 = 0",
        "table history",
        "history holds 0 of them",
    ),
    "history unreadable": (
        "UPDATE history SET changes = 'not json' WHERE id = 2",
        "table history, row '2 (",
        "field changes",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_ROWS))
def test_a_backup_with_a_bad_row_is_refused_naming_it(store, tmp_path, good_backup, kind):
    """Tables right, rows not: before, each restored with exit 0 and then every
    page showed an exception."""
    statement, table, said = BAD_ROWS[kind]
    path = tmp_path / "bad.sqlite"
    path.write_bytes(good_backup.read_bytes())
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute(statement)
    connection.commit()
    connection.close()
    before = store.incidents()
    with pytest.raises(StoreError) as refused:
        store.restore_from(path)
    message = str(refused.value)
    assert "\n" not in message and table in message and said in message, message
    assert store.incidents().equals(before)
    assert not list(tmp_path.glob("live.before-restore-*"))


def test_sizes_in_a_refusal_never_contradict_each_other(tmp_path, good_backup, monkeypatch):
    """Two sizes a page apart were once said "6 MB" and "6.5 MB"."""
    from incidents.store.backups import BackupRefused, check_file

    path = tmp_path / "short.sqlite"
    header = bytearray(good_backup.read_bytes()[:100])
    header[16:18] = (4096).to_bytes(2, "big")
    header[28:32] = (1665).to_bytes(4, "big")  # 6.50 MB declared
    with path.open("wb") as out:
        out.write(bytes(header))
        out.truncate(1664 * 4096)  # 6.50 MB less one page
    with pytest.raises(BackupRefused) as refused:
        check_file(path)
    said = str(refused.value)
    assert "declares a 6,819,840 bytes database but the file holds only 6,815,744 bytes" in said
    monkeypatch.setenv("INCIDENT_MAP_MAX_BACKUP_MB", "6")
    with pytest.raises(BackupRefused) as refused:
        check_file(path)
    assert "is 6.5 MB, over the 6.0 MB limit" in str(refused.value)
