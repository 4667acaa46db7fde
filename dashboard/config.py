"""Where the dashboard reads its data; one place, overridable by environment.

``INCIDENT_MAP_DATA`` points the dashboard at another incidents CSV file in the
project's schema (default: the project's own ``data/incidents.csv``).
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT_ROOT / "data" / "incidents.csv"


def data_path() -> Path:
    """The incidents file the dashboard shows."""
    return Path(os.environ.get("INCIDENT_MAP_DATA") or DEFAULT_DATA)
