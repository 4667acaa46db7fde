"""The browser layer in its parts (``engine/static/incident-*.js``): a file per view,
loaded in ``LAYER_SCRIPTS`` order, each taking from the files before it only what
they export, each with its element and its own test in ``tests/js/`` (run here by
Node's test runner).  What the parts draw together is checked in the browser tests:
points and popups (test_dashboard_browser), cells, clusters and heat
(test_aggregation_browser), area counts (test_dashboard_browser's districts), the
player (test_playback_browser)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from engine.mapping import map_elements
from engine.mapping.assets import LAYER_CORE, LAYER_SCRIPTS, OWN_FILES, STATIC_DIR
from tests.support import ROOT

JS_TESTS = ROOT / "tests" / "js"
_TAKEN = re.compile(r"\b(\w+) = shared\.(\w+)|includes: \[shared\.(\w+)\]")
_GIVEN = re.compile(r"Object\.assign\(shared, \{([^}]*)\}\)")


def _source(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def test_every_part_is_served_has_its_test_and_the_core_comes_first():
    assert set(LAYER_SCRIPTS) <= set(OWN_FILES)
    assert LAYER_SCRIPTS[: len(LAYER_CORE)] == LAYER_CORE
    assert {p.name for p in STATIC_DIR.glob("incident-*.js")} == set(LAYER_SCRIPTS)
    for name in LAYER_SCRIPTS:
        assert (JS_TESTS / name.replace(".js", ".test.js")).is_file(), f"{name} has no test"


def test_each_element_loads_its_parts_in_the_layer_order():
    for element in vars(map_elements).values():
        scripts = [name for name, _ in getattr(element, "default_js", [])]
        own = [name for name in scripts if name in LAYER_SCRIPTS]
        if own:
            assert own[: len(LAYER_CORE)] == list(LAYER_CORE), element
            assert own == sorted(own, key=LAYER_SCRIPTS.index), element


def test_each_part_takes_only_what_an_earlier_part_gives():
    given: set[str] = set()
    for name in LAYER_SCRIPTS:
        text = _source(name)
        taken = {found[1] or found[2] for found in _TAKEN.findall(text)}
        assert taken <= given, f"{name} takes {sorted(taken - given)} before any file gives it"
        for block in _GIVEN.findall(text):
            given |= {item.split(":")[0].strip() for item in block.split(",") if item.strip()}
    assert {"IncidentCanvas", "CellView", "popupList", "decode"} <= given


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


@pytest.mark.skipif(shutil.which("node") is None, reason="node (for make assets) is not here")
def test_each_part_passes_its_own_tests():
    done = subprocess.run(
        ["node", "--test", str(JS_TESTS)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout and "# pass 0" not in done.stdout
