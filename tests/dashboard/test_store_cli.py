"""``python -m dashboard import --into-store`` and ``python -m dashboard store ...``."""

from __future__ import annotations

import csv

from dashboard.cli import main
from tests.support import FIXTURES

UCDP = FIXTURES / "imports" / "ucdp_sides.csv"


def test_import_into_the_store_twice_export_history_backup(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("INCIDENT_MAP_DB", str(tmp_path / "store.sqlite"))
    assert main(["import", str(UCDP), "--no-geocode", "--into-store", "--status", "candidate"]) == 0
    assert (
        "store: 4 added as candidate (the status chosen for this import)" in capsys.readouterr().out
    )
    assert main(["import", str(UCDP), "--no-geocode", "--into-store"]) == 0
    assert (
        "0 added as confirmed (UCDP GED is a coded dataset its coders checked), 0 to review "
        "(likely the same event as a stored incident), 0 updated, 4 unchanged"
    ) in capsys.readouterr().out
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


UNREACHABLE = "postgresql+psycopg://briefer:s3cret-pw@127.0.0.1:1/incidents"


def test_an_unreachable_database_is_one_line_without_its_password(monkeypatch, capsys, tmp_path):
    """Port 1 on this machine refuses at once: each command says where it could not
    connect (password hidden) and exits 2, rather than a traceback."""
    from intake.cli import main as intake_main

    monkeypatch.setenv("INCIDENT_MAP_DB", UNREACHABLE)
    assert main(["store", "export", "-o", str(tmp_path / "x.csv")]) == 2
    assert main(["import", str(UCDP), "--no-geocode", "--into-store"]) == 2
    report = tmp_path / "r.txt"
    report.write_text(
        "A bomb killed 3 people in Peshawar on Monday, police said.", encoding="utf-8"
    )
    assert intake_main([str(report), "--published", "2024-01-01", "--into-store"]) == 2
    said = capsys.readouterr().err
    assert (
        said.count(
            "error: cannot open the incident store at "
            "postgresql+psycopg://briefer:***@127.0.0.1:1/incidents: connection"
        )
        == 3
    )
    assert "s3cret-pw" not in said and "Traceback" not in said
    monkeypatch.setenv("INCIDENT_MAP_DB", str(tmp_path))  # a folder, not a database file
    assert main(["store", "export", "-o", str(tmp_path / "x.csv")]) == 2
    assert "error: cannot open the incident store at " in capsys.readouterr().err


def test_trust_follows_the_source(tmp_path, monkeypatch, capsys):
    """A coded dataset lands on the map; a plain table waits for review; one import of
    both says which status each got and why."""
    from incidents.store import open_store

    monkeypatch.setenv("INCIDENT_MAP_DB", str(tmp_path / "store.sqlite"))
    plain_file = FIXTURES / "imports" / "plain_cp1252.csv"
    assert main(["import", str(UCDP), str(plain_file), "--no-geocode", "--into-store"]) == 0
    said = capsys.readouterr().out
    assert "4 added as confirmed (UCDP GED is a coded dataset its coders checked)" in said
    assert "added as candidate (a plain table or a news report awaits review)" in said
    store = open_store(str(tmp_path / "store.sqlite"))
    assert len(store.incidents(("confirmed",))) == 4
    assert len(store.incidents(("candidate",))) >= 1


def test_review_in_bulk_and_undo_an_import_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("INCIDENT_MAP_DB", str(tmp_path / "store.sqlite"))
    assert main(["import", str(UCDP), "--no-geocode", "--into-store", "--status", "candidate"]) == 0
    said = capsys.readouterr().out
    import_id = said.split("(import ")[1].split(";")[0]
    assert main(["store", "imports"]) == 0
    assert capsys.readouterr().out.startswith(f"{import_id} ")
    assert (
        main(["store", "review", "--import", import_id, "--from", "2100-01-01", "--confirm"]) == 0
    )
    assert "0 of 0 candidates" in capsys.readouterr().out  # the filter shows none
    assert (
        main(
            [
                "store",
                "review",
                "--import",
                import_id,
                "--confirm",
                "--note",
                "UCDP coded",
                "--editor",
                "lead",
            ]
        )
        == 0
    )
    assert "4 of 4 candidates the filter shows set to confirmed" in capsys.readouterr().out
    assert main(["store", "history", "ucdp:910001"]) == 0
    assert "lead review: status 'candidate' -> 'confirmed' (UCDP coded)" in capsys.readouterr().out
    assert main(["store", "undo-import", import_id]) == 0
    assert "4 incidents it added removed" in capsys.readouterr().out
    assert main(["store", "undo-import", import_id]) == 2
    assert "was undone already" in capsys.readouterr().err
