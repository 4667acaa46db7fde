"""``python -m geocoding`` end to end, as a user runs it."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from geocoding.table import geocode_table
from ground.commands import EXIT_UNWRITABLE
from tests.support import FIXTURES, ROOT, km_between

pytestmark = pytest.mark.slow


def run_cli(*args, cache_dir):
    return subprocess.run(
        [sys.executable, "-m", "geocoding", *map(str, args), "--cache-dir", str(cache_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_project_raw_data_places_the_founding_incidents(tmp_path, cache_dir, gazetteer):
    out = tmp_path / "incidents.csv"
    done = run_cli(ROOT / "data" / "incidents_raw.csv", "-o", out, cache_dir=cache_dir)
    assert done.returncode == 0, done.stderr
    raw = pd.read_csv(ROOT / "data" / "incidents_raw.csv", dtype=str, keep_default_na=False)
    result = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(result.columns[: len(raw.columns)]) == list(raw.columns)
    assert result[raw.columns].equals(raw), "input rows and columns are kept unchanged"
    by_id = result.set_index("incident_id")
    airport = by_id.loc["AFPK-2021-0001"]
    assert airport["geo_precision"] == "landmark"
    assert km_between(float(airport["latitude"]), float(airport["longitude"]), 34.565, 69.212) < 3
    mosque = by_id.loc["AFPK-2021-0004"]
    assert km_between(float(mosque["latitude"]), float(mosque["longitude"]), 31.61, 65.71) < 10
    assert "32 rows" in done.stdout and "placed at landmark level" in done.stdout
    assert list(tmp_path.iterdir()) == [out], "no temporary file is left behind"


def test_committed_geocoded_file_matches_the_raw_file(tmp_path, cache_dir, gazetteer):
    out = tmp_path / "incidents.csv"
    assert (
        run_cli(ROOT / "data" / "incidents_raw.csv", "-o", out, cache_dir=cache_dir).returncode == 0
    )
    fresh = pd.read_csv(out, dtype=str, keep_default_na=False)
    committed = pd.read_csv(ROOT / "data" / "incidents.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(fresh, committed)


def test_existing_coordinates_are_kept_unless_overwrite(tmp_path, cache_dir, gazetteer):
    out = tmp_path / "places.csv"
    done = run_cli(FIXTURES / "places.csv", "-o", out, cache_dir=cache_dir)
    assert done.returncode == 0, done.stderr
    result = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("incident_id")
    assert (result.loc["P-2", "latitude"], result.loc["P-2", "longitude"]) == ("1.0", "2.0")
    assert result.loc["P-1", "geo_precision"] == "landmark"
    assert result.loc["P-3", "latitude"] == ""
    assert result.loc["P-5", "matched_name"].startswith("Kandah")
    assert "row 4: 'Nowhere-that-exists-xq'" in done.stdout
    assert "rows without a place name: 5" in done.stdout
    assert "1 kept their coordinates" in done.stdout

    done = run_cli(FIXTURES / "places.csv", "-o", out, "--overwrite", cache_dir=cache_dir)
    result = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("incident_id")
    assert float(result.loc["P-2", "latitude"]) == pytest.approx(34.43, abs=0.05)


def test_custom_column_names(tmp_path, cache_dir, gazetteer):
    source = tmp_path / "custom.csv"
    source.write_text("id,place,province,nation\n1,Khost,Khost,Afghanistan\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    done = run_cli(
        source,
        "-o",
        out,
        "--place-col",
        "place",
        "--admin1-col",
        "province",
        "--country-col",
        "nation",
        cache_dir=cache_dir,
    )
    assert done.returncode == 0, done.stderr
    assert pd.read_csv(out).loc[0, "geo_precision"] == "town"


def test_clear_errors_and_no_output_on_bad_input(tmp_path, cache_dir):
    out = tmp_path / "out.csv"
    done = run_cli(FIXTURES / "places.csv", "-o", out, "--place-col", "where", cache_dir=cache_dir)
    assert done.returncode == 2 and "no column 'where'" in done.stderr
    assert not out.exists()
    done = run_cli(tmp_path / "missing.csv", "-o", out, cache_dir=cache_dir)
    assert done.returncode == 2 and "no such file" in done.stderr
    done = run_cli(FIXTURES / "places.csv", "-o", tmp_path / "no" / "dir.csv", cache_dir=cache_dir)
    # the exit code every command gives an output it cannot write (ground.commands)
    assert done.returncode == EXIT_UNWRITABLE and "does not exist" in done.stderr


def test_progress_is_shown_on_long_inputs(tmp_path, cache_dir, gazetteer):
    names = [f"Nowhere-{i}-xq" for i in range(60)]
    source = tmp_path / "long.csv"
    pd.DataFrame({"location": names, "country": "AF"}).to_csv(source, index=False)
    done = run_cli(source, "-o", tmp_path / "out.csv", cache_dir=cache_dir)
    assert "geocoded 50/60 distinct names" in done.stderr
    assert "geocoded 60/60 distinct names" in done.stderr


def test_table_counts_add_up(offline):
    frame = pd.read_csv(FIXTURES / "places.csv", dtype=str, keep_default_na=False)
    result, summary = geocode_table(frame, offline)
    assert summary.total == len(frame) == len(result)
    assert (
        summary.kept
        + summary.resolved
        + len(summary.unresolved)
        + len(summary.errors)
        + len(summary.no_place)
    ) == summary.total
