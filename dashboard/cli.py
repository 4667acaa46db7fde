"""``python -m dashboard``: the project's commands in one program.  Each command
lives beside what it drives (``engine.commands``: snapshot, animate;
``incidents.commands``: import, store); this module puts them together and says
which data file the dashboard shows by default."""

from __future__ import annotations

import argparse
import sys

from dashboard.config import DEFAULT_DATA, data_path, uses_store
from engine.commands import add_view_commands, animate, snapshot
from ground.commands import EXIT_EMPTY, EXIT_RENDER, EXIT_UNWRITABLE, EXIT_USAGE, run
from incidents.commands import add_import_command, add_store_command, import_files, store_command

__all__ = ["EXIT_EMPTY", "EXIT_RENDER", "EXIT_UNWRITABLE", "EXIT_USAGE", "build_parser", "main"]


def serve_command(args: argparse.Namespace) -> str:
    """Start the dashboard's server (``dashboard/server.py``) with uvicorn's trust in
    forwarded addresses off: the guard decides who is the proxy on the socket's peer
    (``dashboard.guard``).  Replaces this process; returns only if it cannot."""
    import os

    from dashboard.config import PROJECT_ROOT

    env = {**os.environ, "FORWARDED_ALLOW_IPS": ""}
    argv = [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "dashboard" / "server.py")]
    argv += ["--server.port", str(args.port), "--server.address", args.address]
    if args.server_name:
        argv += ["--browser.serverAddress", args.server_name]
    os.execve(sys.executable, argv, env)
    return ""  # not reached


def _add_serve_command(commands) -> None:
    serve = commands.add_parser(
        "serve", help="serve the dashboard (what `make run` does), guarded for a team"
    )
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument(
        "--address", default="127.0.0.1", help="where to listen (0.0.0.0 serves a team)"
    )
    serve.add_argument("--server-name", default="", help="the host name people type to reach it")


COMMANDS = {
    "serve": serve_command,
    "snapshot": snapshot,
    "animate": animate,
    "import": import_files,
    "store": store_command,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard", description="Incident map exports for scheduled jobs."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _add_serve_command(commands)
    add_view_commands(commands)
    add_import_command(commands)
    add_store_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "data", "absent") is None:
        # what the dashboard shows: its store, or the file INCIDENT_MAP_DATA names
        args.data = None if uses_store() else data_path()
        args.seed = DEFAULT_DATA
    return run(lambda: COMMANDS[args.command](args))
