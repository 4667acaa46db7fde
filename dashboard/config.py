"""Where the dashboard reads its data; one place, overridable by environment.

By default the dashboard shows the incident store (``INCIDENT_MAP_DB``, created and
seeded from the project's ``data/incidents.csv`` on first use).  ``INCIDENT_MAP_DATA``
points it at an incidents CSV file in the project's schema instead, read-only.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT_ROOT / "data" / "incidents.csv"


def data_path() -> Path:
    """The incidents file the dashboard shows."""
    return Path(os.environ.get("INCIDENT_MAP_DATA") or DEFAULT_DATA)


def uses_store() -> bool:
    """True unless ``INCIDENT_MAP_DATA`` names a CSV file to show instead."""
    return not os.environ.get("INCIDENT_MAP_DATA")
