"""Helpers the tests share (not tests themselves): where the project and its fixtures
are, distances and page data read independently of the code under test, and the
hostile inputs, PostgreSQL cluster, network guard, AppTest runner and fault child
process in the modules beside this one."""

from __future__ import annotations

import base64
import json
import math
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, written independently of the code under test."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def embedded_data(page: str) -> list:
    """Every value a page carries as base64 JSON (``engine.mapping.verbatim.js_data``)."""
    return [
        json.loads(base64.b64decode(packed).decode("utf-8"))
        for packed in re.findall(r'atob\("([A-Za-z0-9+/=]*)"\)', page)
    ]
