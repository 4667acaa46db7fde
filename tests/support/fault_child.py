"""A writer run as a child process of the fault tests, so that it can be killed for
real (kill -9) or held at a chosen point.

``python -m tests.support.fault_child import DB FILE [--kill-after N | --kill-at-commit |
--hold READY GO]``: imports FILE (an incidents CSV in the project schema; its rows
with a ``source_format`` of ``ucdp_ged`` go in as confirmed, the others as
candidates, as ``import --into-store`` does) into the store at DB.

- ``--kill-after N``: SIGKILL itself right after the import's Nth SQL statement.
- ``--kill-at-commit``: SIGKILL itself as the import's transaction commits.
- ``--kill-after-import``: SIGKILL itself as soon as the import returns.
- ``--hold READY GO``: after the import's first statement, create READY and wait
  until GO exists: another writer can be started while this one holds the store.

It prints the number of statements the import ran, so the tests know every
boundary to kill at.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from sqlalchemy import event

from incidents.imports.trust import by_status
from incidents.io import load_incidents
from incidents.store import open_store


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _hooks(engine, args: argparse.Namespace) -> dict[str, int]:
    seen = {"statements": 0}

    @event.listens_for(engine, "after_cursor_execute")
    def _after(*_):
        seen["statements"] += 1
        if args.kill_after == seen["statements"]:
            _die()
        if args.hold and seen["statements"] == 1:
            Path(args.hold[0]).touch()
            while not Path(args.hold[1]).exists():
                time.sleep(0.02)

    @event.listens_for(engine, "commit")
    def _commit(_):
        if args.kill_at_commit:
            _die()

    return seen


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("file", type=Path)
    parser.add_argument("--kill-after", type=int, default=0)
    parser.add_argument("--kill-at-commit", action="store_true")
    parser.add_argument("--kill-after-import", action="store_true")
    parser.add_argument("--hold", nargs=2, default=None)
    args = parser.parse_args()
    store = open_store(args.db)
    frame = load_incidents(args.file).incidents
    seen = _hooks(store.engine, args)
    groups = [(status, rows) for status, _, rows in by_status(frame)]
    done = store.import_groups(groups, editor="fault test", note=args.file.name)
    if args.kill_after_import:
        _die()
    print(f"statements {seen['statements']}")
    print("counts " + "; ".join(str(sorted(c.items())) for c in done))
    return 0


if __name__ == "__main__":
    sys.exit(main())
