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
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine

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
        return driver.connect(url.set(drivername="postgresql").render_as_string(
            hide_password=False))
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
    except Exception:  # noqa: BLE001 - e.g. a column whose type changes past the first
        return None    # rows SQLite's driver typed it by: the row-by-row read is right
    return table.to_pandas()


def _sqlite_frame(engine: Engine, query) -> pd.DataFrame:
    """SQLite through its own cursor: tuples straight from C, then one column at a
    time into pandas."""
    sql, params = _compiled(engine, query)
    with engine.connect() as connection:
        cursor = connection.connection.driver_connection.cursor()
        try:
            cursor.execute(sql, params)
            keys = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
        finally:
            cursor.close()
    return rows_frame(keys, rows)


def rows_frame(keys: list[str], rows: list) -> pd.DataFrame:
    """Rows as a frame built column by column: pandas building one from row objects
    probes each of them (a second per 100,000 rows)."""
    columns = list(zip(*rows)) if rows else [()] * len(keys)
    frame = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in zip(keys, columns)})
    return frame.infer_objects()
