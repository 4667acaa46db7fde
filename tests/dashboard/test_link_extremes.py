"""A shared link never breaks the Map page: every parameter it reads, opened with
extreme and malformed values, gives a page with no exception box (a bad part is
left out or named in a warning).  ``?play=month&from=9999-01-01&to=9999-12-31``
raised OverflowError before."""

from __future__ import annotations

import pytest

from tests.support import ROOT
from tests.support.apptest import run_app

DATA = ROOT / "data" / "incidents.csv"
HUGE = "9" * 400
EXTREMES = {
    "from": ["9999-12-31", "0001-01-01", "2021-02-30", HUGE, "-1"],
    "to": ["9999-12-31", "0001-01-01", "x" * 10_000],
    "actor": ["\u2028" * 50, "{{7*7}}", HUGE],
    "actor_role": ["primary", "\x00"],
    "type": ["\ud7ff" * 20, ""],
    "country": ["*" * 5000],
    "admin1": ["(a+)+$"],
    "min_killed": [HUGE, "-" + HUGE, "1e309", "nan"],
    "q": ["(a+)+$" * 1000, "a" * 200_000, "[" * 50],
    "layers": ["," * 1000, "incidents,heat,cells,areas,clusters," * 200],
    "at": ["1e308,1e308,1e308", "nan,nan,nan", "-inf,inf,99", "91,181,-5", HUGE],
    "play": ["day", "week", "month", "quarter", "year"],
    "window": ["999999999M", "0M", "-3M", "1Q" * 1000],
    "cumulative": ["1", HUGE],
    "frame": ["9999-12-31", "0001-01-01", HUGE],
    "show": ["candidates", "<script>"],
}
COMBINED = [
    {"play": step, "from": start, "to": end}
    for step in ("day", "week", "month", "quarter")
    for start, end in (
        ("9999-01-01", "9999-12-31"),
        ("0001-01-01", "0001-12-31"),
        ("0001-01-01", "9999-12-31"),
    )
] + [{"play": "month", "window": "999999999M", "frame": "9999-12-31", "cumulative": "1"}]


@pytest.mark.parametrize("key", sorted(EXTREMES))
def test_each_parameter_at_its_extremes(monkeypatch, key):
    for value in EXTREMES[key]:
        query = (
            {key: value}
            if key not in ("window", "cumulative", "frame")
            else {"play": "month", key: value}
        )
        run_app(monkeypatch, DATA, query)  # asserts no exception box


@pytest.mark.parametrize(
    "query", COMBINED, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items())
)
def test_playing_at_the_ends_of_the_calendar(monkeypatch, query):
    app = run_app(monkeypatch, DATA, query)
    if query.get("from", "").startswith("9999"):
        assert not any("Traceback" in w.value for w in app.warning)
