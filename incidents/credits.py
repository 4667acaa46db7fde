"""Whose incidents these are, and under which terms: the line every view and
export carries for each dataset it draws.

UCDP's licence (CC BY 4.0) requires its credit wherever its data is shown; ACLED's
and the GTD's terms ask the same.  A snapshot of a store holding UCDP events said
"Data: the incident store".  The dataset of an incident is read from its id, which
every import prefixes (``ucdp:``, ``acled:``, ``gtd:``), so the credit follows the
incidents actually drawn, whatever the filter.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

CREDITS: dict[str, str] = {
    "ucdp": (
        "UCDP Georeferenced Event Dataset (Uppsala Conflict Data Program; Sundberg and "
        "Melander 2013), CC BY 4.0"
    ),
    "acled": (
        "Armed Conflict Location & Event Data (ACLED, acleddata.com), under ACLED's terms of use"
    ),
    "gtd": (
        "Global Terrorism Database (START, University of Maryland), under the GTD's terms of use"
    ),
}
OTHER = "other"


def dataset_of(incident_ids: pd.Series) -> pd.Series:
    """Each incident's dataset: the prefix an import gave its id, else "other"."""
    prefix = incident_ids.astype(str).str.extract(r"^([a-z]+):", expand=False)
    return prefix.where(prefix.isin(list(CREDITS)), OTHER).fillna(OTHER)


def credit_lines(incidents: pd.DataFrame, others: str = "") -> list[str]:
    """One line per dataset the incidents come from, most incidents first; ``others``
    names the rest (the project's file, an upload, the store)."""
    if incidents.empty or "incident_id" not in incidents.columns:
        return [others] if others else []
    counts = dataset_of(incidents["incident_id"]).value_counts()
    lines = []
    for dataset in counts.index:
        if dataset != OTHER:
            lines.append(CREDITS[dataset])
        elif others:
            lines.append(others)
    return lines


def credit_sentence(lines: Iterable[str]) -> str:
    """``Data: A; B.`` (empty when there is nothing to credit)."""
    lines = [line for line in lines if line]
    return f"Data: {'; '.join(lines)}. " if lines else ""
