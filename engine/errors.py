"""The root of what the map and export engine cannot do."""

from __future__ import annotations

from ground.errors import ProjectError


class EngineError(ProjectError):
    """A map, a playback or an export that cannot be made; the message says why."""
