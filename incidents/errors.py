"""The root of what the incidents package refuses: files, rows, the store."""

from __future__ import annotations

from ground.errors import ProjectError


class IncidentsError(ProjectError):
    """A file, a row or a change the incidents package cannot take."""
