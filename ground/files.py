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


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` in one rename; OSError for a non-regular target."""
    path = Path(path)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise OSError(f"{path} is not a regular file (a link, a device or a pipe)")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
