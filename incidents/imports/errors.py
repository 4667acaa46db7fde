"""The one exception a user sees when a whole file cannot be imported."""

from __future__ import annotations

from incidents.errors import IncidentsError


class ImportFileError(IncidentsError):
    """The file as a whole is unusable; the message says why in one sentence.

    ``sheets`` is set when an Excel workbook has several sheets and none was chosen.
    """

    def __init__(self, message: str, sheets: list[str] | None = None):
        super().__init__(message)
        self.sheets = sheets or []
