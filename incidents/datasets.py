"""Which incidents the dashboard shows: the project's, the user's imports, or both."""

from __future__ import annotations

import pandas as pd

from incidents.imports.duplicates import likely_duplicates

CHOICES = {"project": "Project data", "imported": "Imported data", "both": "Both"}


def choose_dataset(
    project: pd.DataFrame, imported: pd.DataFrame | None, choice: str
) -> pd.DataFrame:
    """The table to filter and draw.  Imports keep their extra columns (original ids
    and codes); project rows have them empty.  Shown together, an imported event the
    project also holds is flagged as a likely duplicate of it, both ways."""
    if imported is None or imported.empty or choice == "project":
        return project
    if choice == "imported":
        return imported.reset_index(drop=True)
    both = pd.concat([project.assign(source_file="project data"), imported], ignore_index=True)
    for column in both.columns:
        if pd.api.types.is_object_dtype(both[column]) or pd.api.types.is_string_dtype(both[column]):
            both[column] = both[column].fillna("")
    both["likely_duplicate_of"] = likely_duplicates(both)
    return both
