"""What the fault tests share: a store seeded the same way every time, the file an
import brings to it, a digest of everything a user could see in the store, and the
child writer (``child.py``) run as its own process."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

from incidents.io import load_incidents, read_text_table
from incidents.store import open_store
from incidents.store.tables import history, incidents, participants
from tests.support import ROOT

PROJECT = ROOT / "data" / "incidents.csv"
SEEDED = 20  # the store starts with the project's first 20 incidents


def seed(url: str) -> None:
    """The store every fault test starts from."""
    store = open_store(url)
    store.add(load_incidents(PROJECT).incidents.head(SEEDED), editor="seed", action="import")
    store.engine.dispose()


def import_file(folder: Path) -> Path:
    """An import that adds, sends to review and updates at once: the project's other
    incidents (new; as coded UCDP rows, so confirmed), three copies of stored ones
    under new ids (likely duplicates: to review) and five stored ones with a
    changed death toll (updates)."""
    table = read_text_table(PROJECT)
    new = table.iloc[SEEDED:].copy()
    new["source_format"] = "ucdp_ged"
    twins = table.iloc[5:8].copy()
    twins["incident_id"] = twins["incident_id"] + "-again"
    twins["source_format"] = "plain"
    changed = table.iloc[:5].copy()
    changed["fatalities"] = [str(int(v or 0) + 1) for v in changed["fatalities"]]
    changed["source_format"] = "plain"
    path = folder / "import.csv"
    pd.concat([new, twins, changed]).to_csv(path, index=False)
    return path


def digest(url: str) -> str:
    """Everything the store shows, without the times and import ids a run makes."""
    store = open_store(url)
    with store.engine.connect() as connection:
        shown = {
            "incidents": [
                {k: str(v) for k, v in row.items()}
                for row in connection.execute(
                    select(incidents).order_by(incidents.c.incident_id)
                ).mappings()
            ],
            "history": [
                list(row)
                for row in connection.execute(
                    select(
                        history.c.incident_id,
                        history.c.version,
                        history.c.action,
                        history.c.editor,
                        history.c.changes,
                    ).order_by(history.c.incident_id, history.c.version)
                )
            ],
            "participants": [
                list(row)
                for row in connection.execute(
                    select(participants).order_by(participants.c.incident_id, participants.c.actor)
                )
            ],
        }
    store.engine.dispose()
    return hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()


def versions_repeat(url: str) -> list[tuple[str, int]]:
    """(incident, version) pairs the history holds more than once."""
    store = open_store(url)
    with store.engine.connect() as connection:
        pairs = connection.execute(select(history.c.incident_id, history.c.version)).all()
    store.engine.dispose()
    seen: dict[tuple[str, int], int] = {}
    for pair in pairs:
        seen[tuple(pair)] = seen.get(tuple(pair), 0) + 1
    return sorted(pair for pair, count in seen.items() if count > 1)


def child(*args: str, env: dict | None = None, wait: bool = True):
    """``tests/support/fault_child.py`` in its own process (finished, or ``wait=False``:
    running)."""
    command = [sys.executable, "-m", "tests.support.fault_child", *args]
    environment = {**os.environ, **(env or {})}
    if not wait:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    return subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request, tmp_path):
    """A function giving a new, seeded store's URL each call."""
    made = iter(range(1000))
    cluster = request.getfixturevalue("postgres_cluster") if request.param != "sqlite" else None

    def make() -> str:
        number = next(made)
        if cluster is None:
            url = str(tmp_path / f"store-{number}.sqlite")
        else:
            url = cluster.create_database(f"faults_{request.node.name[-12:-1]}_{number}".lower())
        seed(url)
        return url

    make.kind = request.param  # type: ignore[attr-defined]
    return make
