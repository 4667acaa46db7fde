"""CSV files read as text cells, the one way every package reads them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ground.csv_cells import unguard_table
from ground.errors import ProjectError


class TableError(ProjectError):
    """A file that cannot be read as a UTF-8 CSV table; the message says which and why."""


def read_text_table(path: Path) -> pd.DataFrame:
    """A CSV file as text cells (UTF-8, with or without BOM); empty cells stay "",
    nothing turns into NaN, and cells the project guarded against formulas read as
    they were."""
    path = Path(path)
    try:
        return unguard_table(
            pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        )
    except FileNotFoundError as exc:
        raise TableError(f"no such file: {path}") from exc
    except IsADirectoryError as exc:
        raise TableError(f"{path} is a folder, not a CSV file") from exc
    except pd.errors.EmptyDataError as exc:
        raise TableError(f"{path.name} is empty") from exc
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise TableError(f"{path.name} is not a UTF-8 CSV table: {exc}") from exc
