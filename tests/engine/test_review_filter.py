"""The Review page's filter and pages, as plain functions."""

from __future__ import annotations

from datetime import date

import pandas as pd

from engine.review_filter import (
    ANY,
    DUPLICATE_CHOICES,
    PAGE_ROWS,
    QueueFilter,
    choices,
    date_range,
    filtered,
    page,
    pages,
)


def _queue(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "incident_id": [f"c{i}" for i in range(n)],
            "date": pd.date_range("2021-01-01", periods=n, freq="D"),
            "actor": ["TTP" if i % 2 else "BLA" for i in range(n)],
            "actor2": ["" for _ in range(n)],
            "associated_actors": ["" for _ in range(n)],
            "country": ["Pakistan" if i % 3 else "Afghanistan" for i in range(n)],
            "source": ["UCDP" if i < n // 2 else "wire" for i in range(n)],
            "likely_duplicate_of": ["x" if i % 5 == 0 else "" for i in range(n)],
        }
    )


def test_each_filter_narrows_and_any_lets_all_through():
    queue = _queue(30)
    assert len(filtered(queue, QueueFilter())) == 30
    assert set(filtered(queue, QueueFilter(source="UCDP"))["source"]) == {"UCDP"}
    assert set(filtered(queue, QueueFilter(actor="TTP"))["actor"]) == {"TTP"}
    assert set(filtered(queue, QueueFilter(country="Afghanistan"))["country"]) == {"Afghanistan"}
    window = filtered(queue, QueueFilter(start=date(2021, 1, 5), end=date(2021, 1, 9)))
    assert list(window["incident_id"]) == [f"c{i}" for i in range(4, 9)]
    assert len(filtered(queue, QueueFilter(duplicate=DUPLICATE_CHOICES[1]))) == 6
    assert len(filtered(queue, QueueFilter(duplicate=DUPLICATE_CHOICES[2]))) == 24
    assert choices(queue, "source")[0] == ANY and set(choices(queue, "source")[1:]) == {
        "UCDP",
        "wire",
    }


def test_thousands_of_rows_are_drawn_a_page_at_a_time():
    queue = _queue(PAGE_ROWS * 2 + 7)
    assert pages(len(queue)) == 3 and pages(0) == 1
    assert (
        len(page(queue, 1)) == PAGE_ROWS
        and list(page(queue, 3)["incident_id"])[-1] == f"c{PAGE_ROWS * 2 + 6}"
    )
    assert page(queue, 99).equals(page(queue, 3))  # past the end: the last page


def test_a_date_range_widget_value_becomes_start_and_end():
    assert date_range(()) == (None, None)
    assert date_range((date(2021, 1, 1),)) == (date(2021, 1, 1), None)
    assert date_range([date(2021, 1, 1), date(2021, 2, 1)]) == (date(2021, 1, 1), date(2021, 2, 1))
