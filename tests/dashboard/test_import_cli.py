"""``python -m dashboard import``: files in, incidents CSV and rejected rows out."""

from __future__ import annotations

import pandas as pd

from dashboard.cli import EXIT_EMPTY, EXIT_USAGE, main
from incidents.io import load_incidents
from tests.support import FIXTURES

IMPORTS = FIXTURES / "imports"


def test_import_writes_the_schema_and_the_rejected_rows(tmp_path, capsys):
    out, rejected = tmp_path / "imported.csv", tmp_path / "rejected.csv"
    code = main(
        [
            "import",
            str(IMPORTS / "acled_text_dates.csv"),
            str(IMPORTS / "gtd.csv"),
            "-o",
            str(out),
            "--rejected",
            str(rejected),
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "acled_text_dates.csv: ACLED export; 7 rows in, 4 imported, 3 rejected" in err
    assert "Global Terrorism Database" in err
    loaded = load_incidents(out)  # the dashboard reads what the command writes
    assert loaded.problems == [] and len(loaded.incidents) == 7
    assert "geo_precision_code" in loaded.incidents.columns
    report = pd.read_csv(rejected, dtype=str, keep_default_na=False)
    assert len(report) == 4 and set(report["source_file"]) == {"acled_text_dates.csv", "gtd.csv"}
    assert len(loaded.incidents) + len(report) == 7 + 4


def test_format_override_and_nothing_importable(tmp_path, capsys):
    code = main(
        [
            "import",
            str(IMPORTS / "ucdp_ged.csv"),
            "--format",
            "gtd",
            "--no-geocode",
            "-o",
            str(tmp_path / "x.csv"),
        ]
    )
    assert code == EXIT_EMPTY
    assert "nothing could be imported: all 4 rows were rejected" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_bad_file_is_one_sentence(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["import", str(empty), "-o", str(tmp_path / "x.csv")]) == EXIT_USAGE
    assert "error: empty.csv is empty" in capsys.readouterr().err


def test_a_bad_alias_file_is_a_warning_naming_the_row(tmp_path, capsys, monkeypatch):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("group,name\nTest group,Test Group A\n,Test Group B\n", encoding="utf-8")
    monkeypatch.setenv("INCIDENT_MAP_ACTOR_ALIASES", str(aliases))
    out = tmp_path / "imported.csv"
    code = main(["import", str(IMPORTS / "acled_text_dates.csv"), "--no-geocode", "-o", str(out)])
    assert code == 0
    assert "warning: aliases.csv row 3: group is empty" in capsys.readouterr().err
    assert load_incidents(out).incidents["likely_duplicate_of"].ne("").sum() == 2
