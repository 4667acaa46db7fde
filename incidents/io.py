"""Read incident files into the canonical table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ground.csv_cells import unguard_table
from incidents.validate import IncidentDataError, ValidationResult, validate_incidents


def read_text_table(path: Path) -> pd.DataFrame:
    """A CSV file as text cells (UTF-8, with or without BOM); empty cells stay "",
    and cells the project guarded against formulas read as they were."""
    path = Path(path)
    try:
        return unguard_table(
            pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        )
    except FileNotFoundError as exc:
        raise IncidentDataError(f"no such file: {path.name}") from exc
    except pd.errors.EmptyDataError as exc:
        raise IncidentDataError(f"{path.name} is empty") from exc
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise IncidentDataError(f"{path.name} is not a UTF-8 CSV table: {exc}") from exc


def load_incidents(path: Path) -> ValidationResult:
    """Read and validate an incidents CSV file in the project's schema, its actors
    under the registry's names (the file's spelling kept beside, ``actor_as_written``)."""
    from dataclasses import replace

    from incidents.registry import name_actors

    result = validate_incidents(read_text_table(path), first_row_number=2)
    return replace(result, incidents=name_actors(result.incidents))
