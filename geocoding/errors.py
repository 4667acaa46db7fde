"""The root of geocoding's problems a user can fix (a bad file, a bad column), under
the project's ``ProjectError``.  A chain whose every geocoder failed for a query
raises its subclass ``chain.GeocoderChainError``: a failure of the services, not of
the input."""

from __future__ import annotations

from ground.errors import ProjectError


class GeocodingError(ProjectError):
    """A user-facing geocoding problem: a bad gazetteer file, a bad column name.

    ``row`` and ``field`` are set when the problem belongs to one input row, so the
    CLI and the app can say exactly where to look.
    """

    def __init__(self, message: str, *, row: int | None = None, field: str | None = None):
        super().__init__(message)
        self.row = row
        self.field = field

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field {self.field!r}")
        prefix = f"{', '.join(where)}: " if where else ""
        return prefix + super().__str__()
