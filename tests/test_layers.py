"""The pipeline's layers (pyproject.toml, ``[tool.importlinter]``): pages above the
map and export engine, above the intake, above incidents, above geocoding, above the ground every stage shares.
The contract is run on the tree, and on a copy of it with one import the wrong
way, which it must refuse (a contract that passes everything checks nothing)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT

PACKAGES = ("dashboard", "engine", "intake", "incidents", "geocoding", "ground")
LINT = Path(sys.executable).with_name("lint-imports")


def lint(folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [str(LINT), "--config", str(folder / "pyproject.toml"), "--no-cache"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_of_the_tree(target: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            target / package,
            ignore=shutil.ignore_patterns("data", "static", "frontend", "__pycache__"),
        )
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def test_the_tree_keeps_the_layers():
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_an_import_the_wrong_way_breaks_the_contract(tmp_path):
    tree = copy_of_the_tree(tmp_path)
    assert lint(tree).returncode == 0  # the copy alone passes
    wrong = tree / "geocoding" / "normalize.py"
    wrong.write_text(wrong.read_text() + "\nfrom incidents.schema import COLUMNS  # wrong way\n")
    done = lint(tree)
    assert done.returncode != 0
    assert "0 kept, 1 broken" in done.stdout
    assert "geocoding.normalize -> incidents.schema" in done.stdout
