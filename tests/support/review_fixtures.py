"""Candidates from two sources in one store, for the Review page's tests (AppTest and
browser): UCDP's fixture rows as "UCDP GED", and copies a degree away as "Other list"."""

from __future__ import annotations

from incidents.imports.importer import import_file
from tests.support import FIXTURES


def candidates_from_two_sources(store, others: int = 2) -> tuple[list[str], list[str]]:
    """Import both as candidates (two imports); returns the ids of each."""
    ucdp = import_file(FIXTURES / "imports" / "ucdp_sides.csv", resolver=None).incidents
    ucdp["source"] = "UCDP GED"
    other = ucdp.copy()
    other["incident_id"] = "other:" + other["incident_id"]
    other["source"], other["latitude"] = "Other list", other["latitude"] + 1.0
    store.import_incidents(ucdp, editor="importer", status="candidate")
    store.import_incidents(other.head(others), editor="importer", status="candidate")
    return list(ucdp["incident_id"]), list(other.head(others)["incident_id"])
