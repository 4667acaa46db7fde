"""The project's one root for problems a user can act on.

Every package raises its own kind (``GeocodingError``, ``IncidentsError``,
``IntakeError``, ``EngineError``), each a ``ProjectError``: a command or a page
catches the root and says the message in one sentence, never a traceback.  A
``ProjectError`` that is not a ``CommandError`` ends a command with exit code 2.
"""

from __future__ import annotations


class ProjectError(Exception):
    """A problem the user can fix; its message says what and where in one sentence."""
