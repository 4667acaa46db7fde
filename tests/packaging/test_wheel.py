"""The package as a user installs it: a wheel built from pyproject.toml, installed
into a fresh virtual environment held to the pins, run from a folder that is not the
source tree.  `pip install .` once gave a package without python-pptx, dateparser,
pyarrow, the ADBC drivers or playwright: the deck, the PNG export and relative dates
failed there while every test in the source tree passed."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args[:3]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """(the fresh environment's bin folder, a working folder outside the source
    tree, the environment its commands run with)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (`make browser`)")
    work = tmp_path_factory.mktemp("installed")
    dist = work / "dist"
    _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        ROOT,
        dict(os.environ),
    )
    (wheel,) = dist.glob("incident_map-*.whl")
    venv.EnvBuilder(with_pip=True).create(work / "venv")
    bin_dir = work / "venv" / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    pins = ROOT / "requirements.txt"
    _run([str(bin_dir / "pip"), "install", "--quiet", "-c", str(pins), str(wheel)], work, env)
    env["INCIDENT_MAP_CHROMIUM"] = CHROMIUM
    env["INCIDENT_MAP_DB"] = str(work / "store.sqlite")  # never the developer's store
    return bin_dir, work, env


def test_the_installed_command_answers(installed):
    bin_dir, work, env = installed
    printed = _run([str(bin_dir / "incident-map"), "--help"], work, env)
    for command in ("serve", "snapshot", "animate", "import", "store"):
        assert command in printed
    here = _run([str(bin_dir / "python"), "-c", "import engine; print(engine.__file__)"], work, env)
    assert str(ROOT) not in here  # the wheel's copy, not the source tree


def test_a_snapshot_is_drawn_to_png_and_to_a_deck(installed):
    bin_dir, work, env = installed
    data = FIXTURES / "snapshot_incidents.csv"
    for name in ("map.png", "deck.pptx"):
        _run(
            [str(bin_dir / "incident-map"), "snapshot", "--data", str(data), "--out", name],
            work,
            env,
        )
    assert (work / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (work / "deck.pptx").read_bytes()[:2] == b"PK"  # an Office Open XML package
    slides = _run(
        [
            str(bin_dir / "python"),
            "-c",
            "import pptx; print(len(pptx.Presentation('deck.pptx').slides))",
        ],
        work,
        env,
    )
    assert int(slides) >= 2


def test_the_intake_reads_a_relative_date(installed):
    bin_dir, work, env = installed
    report = work / "report.txt"
    report.write_text(
        "A roadside bomb killed four soldiers near Bannu two days ago, police said.",
        encoding="utf-8",
    )
    _run(
        [
            str(bin_dir / "python"),
            "-m",
            "intake",
            str(report),
            "--published",
            "2024-05-10",
            "-o",
            "candidates.csv",
        ],
        work,
        env,
    )
    with (work / "candidates.csv").open(encoding="utf-8") as stream:
        (row,) = list(csv.DictReader(stream))
    assert row["date"] == "2024-05-08"  # dateparser counted back in the installed package
    assert row["fatalities"] == "4"


def test_the_geocoder_reads_a_csv(installed):
    bin_dir, work, env = installed
    places = work / "places.csv"
    places.write_text("location,country\nJalalabad,Afghanistan\nQuetta,Pakistan\n", "utf-8")
    _run(
        [str(bin_dir / "python"), "-m", "geocoding", str(places), "-o", "placed.csv"],
        work,
        env,
    )
    with (work / "placed.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [round(float(r["latitude"])) for r in rows] == [34, 30]
