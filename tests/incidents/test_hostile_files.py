"""Every hostile file gives one clear message naming the file, or a correct import in
which nothing is lost (rows in = imported + rejected).  Time and memory of each are
measured in ``benchmarks/bench_hostile_files.py``, not here."""

from __future__ import annotations

import pytest

from incidents.imports.errors import ImportFileError
from incidents.imports.importer import import_file
from incidents.imports.reading import ReadLimits, read_table
from tests.support.hostile_files import CASES, HostileFile, zip_bomb

SMALL = [c for c in CASES if "699 MB" not in c.name]


@pytest.mark.parametrize("case", SMALL, ids=[c.name for c in SMALL])
def test_hostile_file(case: HostileFile, tmp_path):
    path = case.make(tmp_path)
    if case.error is not None:
        with pytest.raises(ImportFileError) as caught:
            import_file(path, resolver=None)
        message = str(caught.value)
        assert case.error in message and path.name in message
        assert len(message) < 400 and str(tmp_path) not in message
        return
    result = import_file(path, resolver=None)
    assert result.rows_in == case.rows == len(result.incidents) + len(result.rejected)


def test_identical_rows_are_flagged_with_a_bounded_list(tmp_path):
    result = import_file(CASES[1].make(tmp_path), resolver=None)
    flags = result.incidents["likely_duplicate_of"]
    assert (flags != "").all()
    assert flags.str.len().max() < 200, "five ids and a count, not 5,999 ids"
    assert flags.iloc[0].endswith("and 5994 more")


def test_a_group_too_large_to_check_is_said_not_hidden(tmp_path):
    result = import_file(CASES[0].make(tmp_path), resolver=None)
    assert any("not checked for likely duplicates" in w for w in result.warnings)
    assert len(result.incidents) == 20_000


def test_a_workbook_that_unzips_past_the_limit_is_refused_before_reading(tmp_path):
    path = zip_bomb(30)(tmp_path)
    assert path.stat().st_size < 200_000
    limits = ReadLimits(max_unzipped_bytes=20 * 1024 * 1024)
    with pytest.raises(ImportFileError, match="unzips to 30 MB, over the 20 MB limit"):
        read_table(path.read_bytes(), path.name, limits=limits)


def test_the_unterminated_quote_sets_one_line_aside(tmp_path):
    result = import_file(CASES[6].make(tmp_path), resolver=None)
    assert len(result.incidents) == 998 and len(result.rejected) == 1
    assert "never closed" in result.rejected["problems"].iloc[0]
    assert set(result.incidents["location"]) == {"Kabul"}


def test_a_stray_cp1252_line_is_named_and_the_rest_stays_utf8(tmp_path):
    result = import_file(CASES[7].make(tmp_path), resolver=None)
    assert result.incidents["location"].value_counts().to_dict() == {"Kābul": 50, "Café": 1}
    assert any("line 52 is not valid UTF-8" in w for w in result.warnings)


def test_nul_bytes_are_removed_and_the_line_named(tmp_path):
    result = import_file(CASES[8].make(tmp_path), resolver=None)
    assert "Ka\x00bul" not in set(result.incidents["location"])
    assert any("NUL characters" in w and "line 202" in w for w in result.warnings)


def test_a_cell_over_the_limit_rejects_its_row_only(tmp_path):
    result = import_file(CASES[13].make(tmp_path), resolver=None)
    assert len(result.incidents) == 1
    assert "100000 characters" in result.rejected["problems"].iloc[0]
