"""What the store refuses, in words a user can act on."""

from __future__ import annotations

from incidents.errors import IncidentsError


class StoreError(IncidentsError):
    """A change the store refused; the message names the field and why."""


class StoreUnavailable(StoreError):
    """The database cannot be opened: the message says where (no password; a SQLite
    store by its file name) and why, in one line rather than a traceback."""


class StoreBusy(StoreError):
    """Another writer held the store for longer than a writer waits
    (``incidents.store.lock``); nothing was written."""


class StoreWriteFailed(StoreError):
    """The database or the disk refused a write (full, over a size limit, gone):
    nothing of the change was kept."""


FULL_WORDS = ("disk is full", "disk i/o error", "file too large", "no space left", "quota")


def failure_reason(exc: BaseException) -> str:
    """A database or OS error in a few words, without paths or tracebacks."""
    original = getattr(exc, "orig", None) or exc
    if isinstance(original, OSError) and original.strerror:
        said = original.strerror
    else:
        lines = str(original).strip().splitlines()
        said = lines[0] if lines else type(original).__name__
    if any(word in said.lower() for word in FULL_WORDS):
        return f"{said}: the disk is full or a file-size limit was reached"
    return said


class ConflictError(StoreError):
    """The incident changed since the editor loaded it: both values are kept here,
    ``theirs`` (now in the store) and ``mine`` (what was being saved)."""

    def __init__(self, incident_id: str, theirs: dict, mine: dict):
        differing = {k: (theirs.get(k), v) for k, v in mine.items() if theirs.get(k) != v}
        fields = ", ".join(f"{k}: stored {a!r}, yours {b!r}" for k, (a, b) in differing.items())
        super().__init__(
            f"{incident_id} was changed by {theirs.get('_editor', 'someone')} "
            f"(now version {theirs.get('version')}) since you opened it; "
            f"{fields or 'no field differs'}. Nothing was lost: reload and "
            "save again."
        )
        self.incident_id, self.theirs, self.mine = incident_id, theirs, mine
