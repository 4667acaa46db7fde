"""The export kinds' table (``engine.slides.kinds``) is what the snapshot
command, the app's Format choice and the error texts read."""

from __future__ import annotations

import pytest

from dashboard.cli import EXIT_USAGE, main
from engine.slides.kinds import KINDS, kind_named, kinds_for, suffixes
from tests.support import FIXTURES


def test_animations_are_offered_only_for_a_playing_map():
    still = {k.name for k in kinds_for(playing=False)}
    playing = {k.name for k in kinds_for(playing=True)}
    assert {"gif", "mp4"} <= playing - still
    assert {"png", "pdf", "html"} <= still
    with pytest.raises(ValueError, match=r"unknown export kind 'gif'; use one of \.png"):
        kind_named("gif", playing=False)
    assert kind_named("gif", playing=True).mime == "image/gif"


def test_every_kind_names_a_writer_that_exists():
    for kind in KINDS.values():
        module, _, function = kind.writer.partition(":")
        assert callable(getattr(__import__(module, fromlist=[function]), function)), kind.name


def test_the_command_error_lists_the_table_s_still_kinds(capsys, tmp_path):
    code = main(
        [
            "snapshot",
            "--data",
            str(FIXTURES / "snapshot_incidents.csv"),
            "--out",
            str(tmp_path / "x.gif"),
        ]
    )
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert f"--out must end in {suffixes(kinds_for(playing=False))}, not 'x.gif'" in err


def test_suffixes_reads_as_a_sentence():
    assert suffixes([KINDS["png"]]) == ".png"
    assert suffixes([KINDS["png"], KINDS["pdf"], KINDS["html"]]) == ".png, .pdf or .html"


def test_the_still_pages_are_a_field_of_the_table():
    from engine.slides.export import FORMATS

    assert set(FORMATS) == {k.name for k in KINDS.values() if k.still} == {"png", "pdf", "html"}
    assert all(KINDS[name].mime == mime for name, mime in FORMATS.items())
