"""Project data, imports, or both."""

from __future__ import annotations

import pandas as pd

from incidents.datasets import choose_dataset


def _imported(project: pd.DataFrame) -> pd.DataFrame:
    """One imported row: the airport bombing as another dataset would name it."""
    row = project[project["incident_id"] == "AFPK-2021-0001"].copy()
    row["incident_id"] = "acled:TEST1"
    row["actor"] = "Islamic State (Afghanistan)"
    row["latitude"] += 0.01
    row["source_file"] = "acled.csv"
    row["likely_duplicate_of"] = ""
    return row.reset_index(drop=True)


def test_project_or_imported_alone(incidents):
    imported = _imported(incidents)
    assert choose_dataset(incidents, imported, "project") is incidents
    assert choose_dataset(incidents, None, "both") is incidents
    assert choose_dataset(incidents, imported, "imported")["incident_id"].tolist() == [
        "acled:TEST1"
    ]


def test_both_flags_an_imported_event_the_project_holds(incidents):
    both = choose_dataset(incidents, _imported(incidents), "both")
    assert len(both) == len(incidents) + 1
    flags = both.set_index("incident_id")["likely_duplicate_of"]
    assert flags["acled:TEST1"] == "AFPK-2021-0001"
    assert flags["AFPK-2021-0001"] == "acled:TEST1"
    assert (flags.drop(["acled:TEST1", "AFPK-2021-0001"]) == "").all()
    assert both.set_index("incident_id").loc["AFPK-2021-0002", "source_file"] == "project data"
