"""``python -m dashboard snapshot``: exit codes and messages for what goes wrong.
(The rendered PNG is checked in tests/e2e/test_snapshot_export.py.)"""

from __future__ import annotations

import pytest

from dashboard.cli import EXIT_EMPTY, EXIT_UNWRITABLE, EXIT_USAGE, main
from engine.mapping.assets import missing_assets
from tests.support import FIXTURES

DATA = str(FIXTURES / "snapshot_incidents.csv")
needs_assets = pytest.mark.skipif(bool(missing_assets()), reason="front-end files not installed")


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["snapshot", "--data", DATA, *args])
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_unknown_actor_is_named_with_a_suggestion(capsys, tmp_path):
    code, _, err = run(capsys, "--actor", "Alpha", "--out", str(tmp_path / "x.html"))
    assert code == EXIT_USAGE
    assert "no actor 'Alpha' in the data; did you mean 'Alpha Front'?" in err
    assert not (tmp_path / "x.html").exists()


def test_empty_selection_fails_and_says_which_filter(capsys, tmp_path):
    code, _, err = run(capsys, "--from", "2030-01-01", "--out", str(tmp_path / "x.html"))
    assert code == EXIT_EMPTY
    assert "start date filter" in err
    assert not (tmp_path / "x.html").exists()


@needs_assets
def test_allow_empty_writes_the_map_with_a_note(capsys, tmp_path):
    out = tmp_path / "x.html"
    code, stdout, _ = run(capsys, "--from", "2030-01-01", "--allow-empty", "--out", str(out))
    assert code == 0 and "0 incidents" in stdout
    assert "No incidents match: the start date filter" in out.read_text(encoding="utf-8")


@needs_assets
def test_html_snapshot_carries_title_and_filters(capsys, tmp_path):
    out = tmp_path / "brief.html"
    code, _, err = run(
        capsys, "--actor", "Beta Group", "--title", "Beta <brief>", "--table", "--out", str(out)
    )
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert "<h1>Beta &lt;brief&gt;</h1>" in page
    assert "actor: Beta Group" in page and "1 incident," in page


@pytest.mark.parametrize(
    "args,message",
    [
        (["--out", "/no/such/folder/x.png"], "folder /no/such/folder does not exist"),
    ],
)
def test_unwritable_output(capsys, args, message):
    code, _, err = run(capsys, *args)
    assert code == EXIT_UNWRITABLE and message in err


@pytest.mark.parametrize(
    "args,message",
    [
        (["--out", "x.gif"], "must end in .png, .pdf, .html or .pptx"),
        (["--from", "2022-13-01", "--out", "x.png"], "is not a date"),
        (["--from", "2022-05-01", "--to", "2022-01-01", "--out", "x.png"], "is after --to"),
        (["--extent", "40,60,30,70", "--out", "x.png"], "south < north"),
        (["--layers", "incidents,satellite", "--out", "x.png"], "unknown layer satellite"),
        (["--size", "big", "--out", "x.png"], "WIDTHxHEIGHT"),
    ],
)
def test_bad_arguments_are_explained(capsys, args, message):
    code, _, err = run(capsys, *args)
    assert code == EXIT_USAGE and message in err


def test_bad_data_file_is_named(capsys, tmp_path):
    code = main(
        ["snapshot", "--data", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "x.png")]
    )
    assert code == EXIT_USAGE
    assert "missing.csv" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--event-type", "--type"])
def test_the_event_type_filter_by_its_name_and_its_old_one(capsys, tmp_path, flag):
    code, _, err = run(capsys, flag, "No such type", "--out", str(tmp_path / "x.html"))
    assert code == EXIT_USAGE
    assert "no event type 'No such type' in the data" in err
