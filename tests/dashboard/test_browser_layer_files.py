"""The browser layer in its parts (``engine/static/incident-*.js``): each file is one
part, loaded in ``LAYER_SCRIPTS`` order, and takes from the files before it only
what they export.  What each part draws is checked in the browser tests: points and
popups (test_dashboard_browser), cells, clusters and heat (test_aggregation_browser),
area counts (test_dashboard_browser's districts), the player (test_playback_browser)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from engine.mapping.assets import LAYER_SCRIPTS, OWN_FILES, STATIC_DIR

_TAKEN = re.compile(r"\b(\w+) = shared\.(\w+)")
_GIVEN = re.compile(r"Object\.assign\(shared, \{([^}]*)\}\)")


def _source(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def test_every_part_is_served_and_the_entry_point_comes_last():
    assert set(LAYER_SCRIPTS) <= set(OWN_FILES)
    assert LAYER_SCRIPTS[-1] == "incident-layer.js"
    assert all((STATIC_DIR / name).is_file() for name in LAYER_SCRIPTS)


def test_each_part_takes_only_what_an_earlier_part_gives():
    given: set[str] = set()
    for name in LAYER_SCRIPTS:
        text = _source(name)
        taken = {shared for _, shared in _TAKEN.findall(text)}
        assert taken <= given, f"{name} takes {sorted(taken - given)} before any file gives it"
        for block in _GIVEN.findall(text):
            given |= {item.split(":")[0].strip() for item in block.split(",") if item.strip()}
    assert "IncidentCanvas" in given and "provinceCounts" in given


def test_the_entry_point_adds_to_the_namespace_rather_than_replacing_it():
    text = _source("incident-layer.js")
    assert "Object.assign(L.incidentMap, {" in text and "L.incidentMap = {" not in text


@pytest.mark.skipif(shutil.which("node") is None, reason="node (for make assets) is not here")
@pytest.mark.parametrize("name", LAYER_SCRIPTS)
def test_each_part_is_valid_javascript(name):
    done = subprocess.run(
        ["node", "--check", str(STATIC_DIR / name)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
