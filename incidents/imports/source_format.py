"""What the importer knows of one kind of file, declared once by the module that
reads it: its name (for ``--format`` and the upload's choice), its label, how its
header is recognised, whether its events were checked by coders, and how its rows
become the schema's.  ``incidents.imports.formats`` lists them all."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class SourceFormat:
    """One importable kind of file.

    A coded dataset has a ``signature`` (header columns only it has) and reads its
    own columns; a format without one reads any table through a column ``mapping``
    the user can change, and is what a header nobody's signature matches becomes.
    """

    name: str  # "acled": the --format value, kept in each row's source_format
    label: str  # "ACLED export": what a person is shown
    to_schema: Callable[..., pd.DataFrame]
    signature: frozenset[str] = frozenset()
    coded_by: str = ""  # "ACLED": its events were checked by their coders (confirmed)

    @property
    def maps_columns(self) -> bool:
        """Whether rows are read through a column mapping (no signature of its own)."""
        return not self.signature

    def detects(self, header: set[str]) -> bool:
        """Whether a header (lower case, stripped) has all of this format's signature."""
        return bool(self.signature) and self.signature <= header

    def read(self, raw: pd.DataFrame, mapping: Mapping[str, str], name: str) -> pd.DataFrame:
        """The file's rows as schema text cells.  A coded export's headers are read
        without case or surrounding spaces; a mapped table keeps the file's own."""
        if self.maps_columns:
            return self.to_schema(raw, mapping, name)
        return self.to_schema(raw.rename(columns=lambda c: str(c).strip().lower()))
