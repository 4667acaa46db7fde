"""The store's listings read as columns, not as row objects.

Turning 100,000 rows into SQLAlchemy row objects and then into columns was most of
the map's read (2-3 s).  On PostgreSQL, the ADBC driver (libpq, binary COPY) hands
back Arrow columns, which become a DataFrame without a Python object per cell.  On
SQLite, ADBC is not used: its driver carries its own copy of the SQLite library,
and two copies in one process do not see each other's file locks (a writer beside
it got "disk I/O error" in the concurrency test), so SQLite is read through the
standard driver's own cursor, without SQLAlchemy's row objects.  The query is
still built by SQLAlchemy (``Store._listing``/``matching``) and compiled here for
the driver: SQLite's ``?`` parameters, PostgreSQL's ``$1``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

import numpy as np
import pandas as pd
from sqlalchemy import Boolean, Engine, Float, Integer, String
from sqlalchemy.types import TypeEngine

_PYFORMAT = re.compile(r"%\((\w+)\)s")


def _value(value: object, sqlite: bool) -> object:
    """A parameter as the driver binds it: SQLite holds datetimes as the text
    SQLAlchemy wrote them in, and booleans as 0/1."""
    if sqlite and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if sqlite and isinstance(value, date):
        return value.isoformat()
    if sqlite and isinstance(value, bool):
        return int(value)
    return value


def _compiled(engine: Engine, query) -> tuple[str, list]:
    compiled = query.compile(dialect=engine.dialect, compile_kwargs={"render_postcompile": True})
    sql, params = str(compiled), compiled.params
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        return sql, [_value(params[name], True) for name in compiled.positiontup]
    order: list[str] = []

    def numbered(match: re.Match) -> str:
        order.append(match.group(1))
        return f"${len(order)}"

    return _PYFORMAT.sub(numbered, sql).replace("%%", "%"), [params[n] for n in order]


def _connect(engine: Engine):
    url = engine.url
    if url.get_backend_name() == "postgresql":
        import adbc_driver_postgresql.dbapi as driver

        return driver.connect(
            url.set(drivername="postgresql").render_as_string(hide_password=False)
        )
    return None


def read_frame(engine: Engine, query) -> pd.DataFrame | None:
    """The query's rows as a DataFrame of Arrow-read columns, or None when this
    database has no ADBC driver here (the caller reads row by row)."""
    if engine.url.get_backend_name() == "sqlite":
        return _sqlite_frame(engine, query)
    try:
        connection = _connect(engine)
    except ImportError:
        return None
    if connection is None:
        return None
    sql, params = _compiled(engine, query)
    try:
        with connection:
            with connection.cursor() as cursor:
                cursor.execute(sql, params or None)
                table = cursor.fetch_arrow_table()
    except Exception:
        return None  # rows SQLite's driver typed it by: the row-by-row read is right
    return table.to_pandas()


def _sqlite_frame(engine: Engine, query) -> pd.DataFrame:
    """SQLite through its own cursor: tuples straight from C, then one Arrow array
    per column, typed by the query's own column types."""
    sql, params = _compiled(engine, query)
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None, "an open connection has its driver's connection"
        cursor = driver.cursor()
        try:
            cursor.execute(sql, params)
            keys = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
        finally:
            cursor.close()
    return rows_frame(keys, rows, [_arrow_type(c.type) for c in query.selected_columns])


def _arrow_type(column_type: TypeEngine):
    """The Arrow type a column's values are read as, or None to let pandas infer."""
    import pyarrow as pa

    for kind, arrow in (
        (Boolean, pa.int64()),
        (Float, pa.float64()),
        (Integer, pa.int64()),
        (String, pa.string()),
    ):  # Text is a String; booleans are 0/1
        if isinstance(column_type, kind):
            return arrow
    return None


def _pandas_type(arrow_type):
    """Arrow strings as pandas' own string dtype (what ``infer_objects`` gives)."""
    import pyarrow as pa

    return pd.StringDtype(na_value=np.nan) if arrow_type == pa.string() else None


def rows_frame(keys: list[str], rows: Sequence, types: list | None = None) -> pd.DataFrame:
    """Rows as a frame built column by column: pandas building one from row objects
    probes each of them (a second per 100,000 rows).  A column with a known type
    becomes one Arrow array (pyarrow reads the Python values in C; the string
    columns stay Arrow strings in pandas); one whose values do not fit its type
    (SQLite lets a text sit in an integer column) is left to pandas to infer."""
    import pyarrow as pa

    columns = list(zip(*rows, strict=False)) if rows else [()] * len(keys)
    frame = {}
    for number, (key, values) in enumerate(zip(keys, columns, strict=False)):
        arrow = types[number] if types else None
        try:
            if arrow is None:
                raise TypeError(key)
            array = pa.array(values, type=arrow)
            frame[key] = pd.Series(array.to_pandas(types_mapper=_pandas_type))
        except (TypeError, ValueError, OverflowError, pa.ArrowException):
            frame[key] = pd.Series(values, dtype=object).infer_objects()
    return pd.DataFrame(frame, copy=False)
