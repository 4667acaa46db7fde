"""What every command line of the project shares: an error the user can fix, with
the exit code scripts read, and the check that an output path can be written before
any work is done."""

from __future__ import annotations

import os
from pathlib import Path

from ground.files import replaces_a_non_file

EXIT_USAGE, EXIT_EMPTY, EXIT_UNWRITABLE, EXIT_RENDER = 2, 3, 4, 5


class CommandError(Exception):
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
