"""Which review status imported incidents start with, and why.

A coded dataset's events were checked by its coders (ACLED, UCDP GED, GTD): they
go on the map as ``confirmed``.  A plain spreadsheet or news intake is anyone's
reading: ``candidate``, awaiting review.  A status the user chose overrides both.
Likely duplicates of stored incidents go to review whatever the status
(``Store.import_incidents``).
"""

from __future__ import annotations

import pandas as pd

from incidents.imports.formats import FORMATS

CODED = {f.name: f.coded_by for f in FORMATS if f.coded_by}


def default_status(source_format: str) -> tuple[str, str]:
    """(status, why) for incidents of one source format."""
    name = CODED.get(str(source_format).strip().lower())
    if name:
        return "confirmed", f"{name} is a coded dataset its coders checked"
    return "candidate", "a plain table or a news report awaits review"


def by_status(
    incidents: pd.DataFrame, chosen: str | None = None
) -> list[tuple[str, str, pd.DataFrame]]:
    """The incidents in groups of one status: (status, why, rows)."""
    if chosen:
        return [(chosen, "the status chosen for this import", incidents)]
    formats = incidents.get("source_format", pd.Series("", index=incidents.index)).astype(str)
    groups: dict[tuple[str, str], list] = {}
    for source_format, rows in incidents.groupby(formats, sort=False).groups.items():
        groups.setdefault(default_status(source_format), []).extend(rows)
    return [(status, why, incidents.loc[rows]) for (status, why), rows in groups.items()]
