"""The root of what the news intake cannot read."""

from __future__ import annotations

from ground.errors import ProjectError


class IntakeError(ProjectError):
    """A report or a batch the intake cannot read; the message says which and why."""
