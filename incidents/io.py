"""Read incident files into the canonical table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ground import tables
from incidents.validate import IncidentDataError, ValidationResult, validate_incidents


def read_text_table(path: Path) -> pd.DataFrame:
    """A CSV file as text cells (``ground.tables``), its problems said as the incidents
    package's."""
    try:
        return tables.read_text_table(path)
    except tables.TableError as exc:
        raise IncidentDataError(str(exc).replace(f"{path}", Path(path).name)) from exc


def load_incidents(path: Path) -> ValidationResult:
    """Read and validate an incidents CSV file in the project's schema, its actors
    under the registry's names (the file's spelling kept beside, ``actor_as_written``)."""
    from dataclasses import replace

    from incidents.registry import name_actors

    result = validate_incidents(read_text_table(path), first_row_number=2)
    return replace(result, incidents=name_actors(result.incidents))
