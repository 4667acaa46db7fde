"""Files written whole or not at all.

Every writer of the project (exports, the geocoded CSV, the gazetteer's cache, the
online cache, remembered column mappings) goes through ``write_atomically``: the
bytes go to a temporary file in the target's folder, then one rename puts it in
place, so a reader or a crash never sees half a file.  Only a regular file (or a
new name) is replaced: a link, a device or a pipe in its place is refused.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o644  # a new file: readable by the folder's other users, as open() makes it


def replaces_a_non_file(path: Path) -> bool:
    """Whether writing ``path`` would replace a link, a device or a pipe (or a folder):
    the one check every writer and every command's early refusal share."""
    return path.is_symlink() or (path.exists() and not path.is_file())


def write_atomically(path: Path, content: bytes, *, private: bool = False) -> None:
    """Write ``content`` to ``path`` in one rename; OSError for a non-regular target.
    A replaced file keeps its permissions; ``private`` makes it the owner's alone
    (the online cache: the names a user looked up)."""
    path = Path(path)
    if replaces_a_non_file(path):
        raise OSError(f"{path} is not a regular file (a link, a device or a pipe)")
    mode = path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE
    if private:
        mode = 0o600
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        os.fchmod(handle, mode)  # mkstemp's 0600 would hide a brief from the folder's readers
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
