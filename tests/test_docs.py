"""The documentation covers what the program offers: every command and subcommand,
every INCIDENT_MAP_* setting, every export kind.  A new one added without a word in
docs/ fails here, as sqlite-utils checks its commands against its docs."""

from __future__ import annotations

import argparse
import re

from dashboard.cli import build_parser
from engine.slides.kinds import KINDS
from tests.support import ROOT

PACKAGES = ("ground", "geocoding", "incidents", "intake", "engine", "dashboard")
DOCS = ROOT / "docs"


def _docs() -> str:
    pages = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def _subcommands(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    found = []
    for action in parser._actions:  # argparse keeps its subparsers here
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix}{name}")
                found += _subcommands(sub, f"{prefix}{name} ")
    return found


def test_the_readme_is_a_front_door():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count("\n") <= 150
    for page in re.findall(r"\(docs/([\w-]+\.md)", readme):
        assert (DOCS / page).exists(), page


def test_every_subcommand_is_documented():
    docs = _docs()
    commands = _subcommands(build_parser())
    assert {"serve", "snapshot", "animate", "import", "store", "store restore"} <= set(commands)
    missing = [c for c in commands if f"incident-map {c}" not in docs]
    assert missing == []
    for module in ("python -m intake", "python -m geocoding"):
        assert module in docs


def test_every_setting_is_in_the_configuration_page():
    settings = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            settings |= set(re.findall(r"INCIDENT_MAP_[A-Z_]+", path.read_text(encoding="utf-8")))
    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    assert len(settings) >= 20
    assert sorted(s for s in settings if f"`{s}`" not in page) == []


def test_every_export_kind_is_documented():
    page = (DOCS / "exports.md").read_text(encoding="utf-8")
    kinds = [*KINDS, "csv", "geojson"]
    assert sorted(k for k in kinds if not re.search(rf"\b{k}\b", page, re.IGNORECASE)) == []


def test_no_work_log_in_shipped_text():
    """Docs are read by users: no "this session", "this stop" or "issue 19"."""
    pattern = re.compile(r"this session|this stop|\bstop \d+|\bissues? \d+", re.IGNORECASE)
    shipped = [ROOT / "README.md", *DOCS.glob("*.md"), ROOT / "benchmarks" / "README.md"]
    assert [p.name for p in shipped if pattern.search(p.read_text(encoding="utf-8"))] == []
