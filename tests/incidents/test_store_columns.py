"""The store's listings read column by column (``incidents/store/arrow.py``): typed
columns become Arrow arrays, a value that does not fit its column's type falls back
to pandas' inference, and the frame equals what row-by-row reading gives."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from sqlalchemy import Float, Integer, Text

from incidents.store.arrow import _arrow_type, rows_frame


def test_typed_columns_are_read_as_their_type():
    types = [_arrow_type(t) for t in (Text(), Integer(), Float())]
    assert types == [pa.string(), pa.int64(), pa.float64()]
    frame = rows_frame(["name", "count", "lat"], [("Kabul", 72, 34.5), ("", None, None)], types)
    assert str(frame["name"].dtype) == "str" and frame["name"].tolist() == ["Kabul", ""]
    assert frame["count"].iloc[0] == 72 and pd.isna(frame["count"].iloc[1])
    assert frame["lat"].dtype == float and pd.isna(frame["lat"].iloc[1])


def test_a_value_that_does_not_fit_its_column_is_kept_not_lost():
    """SQLite lets a text sit in an integer column: the column is inferred instead."""
    types = [_arrow_type(Integer())]
    frame = rows_frame(["count"], [(3,), ("about 40",)], types)
    assert frame["count"].tolist() == [3, "about 40"]


def test_no_rows_give_the_columns_empty():
    frame = rows_frame(["name", "count"], [], [pa.string(), pa.int64()])
    assert list(frame.columns) == ["name", "count"] and frame.empty


def test_the_same_frame_as_reading_without_types():
    rows = [("a", 1, 1.5), ("b", 2, None)]
    typed = rows_frame(["s", "i", "f"], rows, [pa.string(), pa.int64(), pa.float64()])
    plain = rows_frame(["s", "i", "f"], rows)
    pd.testing.assert_frame_equal(typed, plain)
