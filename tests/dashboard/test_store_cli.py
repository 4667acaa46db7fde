"""``python -m dashboard import --into-store`` and ``python -m dashboard store ...``."""
from __future__ import annotations

import csv

from dashboard.cli import main
from tests.conftest import FIXTURES

UCDP = FIXTURES / "imports" / "ucdp_sides.csv"


def test_import_into_the_store_twice_export_history_backup(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("INCIDENT_MAP_DB", str(tmp_path / "store.sqlite"))
    assert main(["import", str(UCDP), "--no-geocode", "--into-store"]) == 0
    assert "store: 4 added as candidate" in capsys.readouterr().out
    assert main(["import", str(UCDP), "--no-geocode", "--into-store", "--status",
                 "confirmed"]) == 0
    assert "0 added as confirmed, 0 to review (likely the same event as a stored incident), 0 updated, 4 unchanged" in capsys.readouterr().out
    out = tmp_path / "export.csv"
    assert main(["store", "export", "-o", str(out)]) == 0
    assert "4 incidents" in capsys.readouterr().out
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted(r["incident_id"] for r in rows) == [f"ucdp:91000{i}" for i in range(1, 5)]
    assert main(["store", "history", "ucdp:910001"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("v1 ") and " import import: " in shown and "Test Front" in shown
    assert main(["store", "backup", str(tmp_path / "b.sqlite")]) == 0
    assert main(["store", "restore", str(tmp_path / "b.sqlite")]) == 0
    assert "restored 4 incidents" in capsys.readouterr().out


def test_import_needs_somewhere_to_write(tmp_path, monkeypatch, capsys):
    assert main(["import", str(UCDP), "--no-geocode"]) == 2
    assert "-o FILE.csv, --into-store" in capsys.readouterr().err


def test_history_of_an_unknown_id_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("INCIDENT_MAP_DB", str(tmp_path / "store.sqlite"))
    assert main(["store", "history", "nope"]) == 2
    assert "no history for 'nope'" in capsys.readouterr().err
