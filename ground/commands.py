"""What every command line of the project shares: one way to fail (``run``: a
``ProjectError`` becomes "error: ..." on stderr and an exit code, never a traceback),
the exit codes scripts read, and the check that an output path can be written
before any work is done."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from ground.errors import ProjectError
from ground.files import replaces_a_non_file
from ground.terminal import say

EXIT_USAGE, EXIT_EMPTY, EXIT_UNWRITABLE, EXIT_RENDER = 2, 3, 4, 5


class CommandError(ProjectError):
    """A problem the user can fix, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def check_folder(path: Path) -> None:
    """Fail before any work when ``path`` cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(f"cannot write {path}: folder {folder} does not exist", EXIT_UNWRITABLE)
    if path.is_dir():
        raise CommandError(f"cannot write {path}: it is a folder", EXIT_UNWRITABLE)
    if replaces_a_non_file(path):
        raise CommandError(
            f"cannot write {path}: it is not a regular file (a link, a device "
            "or a pipe would be replaced); choose a file path",
            EXIT_UNWRITABLE,
        )
    if not os.access(folder, os.W_OK):
        raise CommandError(f"cannot write {path}: folder {folder} is not writable", EXIT_UNWRITABLE)


def run(work: Callable[[], str | None]) -> int:
    """Do a command's work and say how it ended: its message on stdout and 0, or
    "error: ..." on stderr and the error's exit code (2 unless it says another)."""
    try:
        message = work()
    except ProjectError as exc:
        say(f"error: {exc}", file=sys.stderr)
        return getattr(exc, "code", EXIT_USAGE)
    if message:
        say(message)
    return 0
