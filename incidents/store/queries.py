"""Reading the store: listings for the map and the pages, filtered in the database
(``matching``), one incident, its history, and the counts an empty map explains."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import (
    Connection,
    Engine,
    String,
    func,
    select,
    type_coerce,
)

from incidents.schema import COUNT_COLUMNS
from incidents.store.arrow import read_frame, rows_frame
from incidents.store.cells import ID_CHUNK
from incidents.store.tables import STATUSES, history, incidents, participants


def _known_values(statuses: tuple[str, ...], deleted: bool | None) -> dict[str, object]:
    """The columns a listing's filter fixes to one value, so they need not be read."""
    known: dict[str, object] = {}
    if len(statuses) == 1:
        known["status"] = statuses[0]
    if deleted is not None:
        known["deleted"] = deleted
    return known


class StoreQueries:
    """The reading half of the store."""

    engine: Engine

    def stamp(self) -> int:
        """Changes so far (the last history row's number): a cache key that moves
        whenever anything in the store changes."""
        with self.engine.connect() as connection:
            return connection.execute(select(func.max(history.c.id))).scalar_one() or 0

    def status_counts(self) -> dict[str, int]:
        """How many incidents have each review status, and how many are deleted: what an
        empty map should say it is not showing."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(incidents.c.status, incidents.c.deleted, func.count()).group_by(
                    incidents.c.status, incidents.c.deleted
                )
            ).all()
        counts = {status: 0 for status in (*STATUSES, "deleted")}
        for status, deleted, number in rows:
            counts["deleted" if deleted else status] += number
        return counts

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(incidents)).scalar_one()

    def incidents(
        self, statuses: tuple[str, ...] = ("confirmed",), include_deleted: bool = False
    ) -> pd.DataFrame:
        """The incidents with these review statuses, in the project schema plus
        ``status`` and ``version``."""
        known = _known_values(statuses, deleted=None if include_deleted else False)
        query = self._listing(known).where(incidents.c.status.in_(statuses))
        if not include_deleted:
            query = query.where(incidents.c.deleted.is_(False))
        return self._frame(query.order_by(incidents.c.date), known)

    def matching(
        self,
        statuses: tuple[str, ...] = ("confirmed",),
        start=None,
        end=None,
        actors: tuple[str, ...] = (),
        primary_only: bool = False,
        event_type: tuple[str, ...] = (),
        countries: tuple[str, ...] = (),
        admin1: tuple[str, ...] = (),
        min_fatalities: int = 0,
        bbox: tuple[float, float, float, float] | None = None,
    ) -> pd.DataFrame:
        """The incidents passing these filters, selected in the database on its
        indexes (date, participants, type, country, admin1, position) rather than
        read whole and filtered in memory.  ``bbox`` is (south, north, west, east);
        an actor matches on any side unless ``primary_only``."""
        where: list[Any] = [incidents.c.status.in_(statuses), incidents.c.deleted.is_(False)]
        if start is not None:
            where.append(incidents.c.date >= pd.Timestamp(start).to_pydatetime())
        if end is not None:
            where.append(
                incidents.c.date < (pd.Timestamp(end) + pd.Timedelta(days=1)).to_pydatetime()
            )
        if actors and primary_only:
            where.append(incidents.c.actor.in_(actors))
        elif actors:
            where.append(
                incidents.c.incident_id.in_(
                    select(participants.c.incident_id).where(participants.c.actor.in_(actors))
                )
            )
        for column, values in (
            (incidents.c.event_type, event_type),
            (incidents.c.country, countries),
            (incidents.c.admin1, admin1),
        ):
            if values:
                where.append(column.in_(values))
        if min_fatalities:
            where.append(incidents.c.fatalities >= min_fatalities)
        if bbox is not None:
            south, north, west, east = bbox
            where += [
                incidents.c.latitude.between(south, north),
                incidents.c.longitude.between(west, east),
            ]
        known = _known_values(statuses, deleted=False)
        return self._frame(self._listing(known).where(*where).order_by(incidents.c.date), known)

    def _listing(self, known: dict[str, object] | None = None):
        """Every column a listing needs, without ``extra`` (an import's original codes,
        JSON decoded row by row), and on SQLite the date as its stored text, parsed
        once for the whole column: per-row conversion was most of the time it took
        to read 100,000 incidents."""
        columns: list[Any] = [
            c for c in incidents.c if c.name != "extra" and c.name not in (known or {})
        ]
        if self.engine.dialect.name == "sqlite":
            columns = [
                type_coerce(c, String).label("date") if c.name == "date" else c for c in columns
            ]
        return select(*columns)

    def _frame(self, query, known: dict[str, object] | None = None) -> pd.DataFrame:
        """The listing's rows, with the columns the filter fixed (``known``) filled in
        rather than read: one status and not deleted are two cells fewer per row."""
        frame = read_frame(self.engine, query)  # Arrow columns where a driver is here
        if frame is None or frame.empty:
            frame = self._rows_frame(query)
        for column, value in (known or {}).items():
            frame[column] = pd.Series([value] * len(frame), index=frame.index)
        frame = frame[[c.name for c in incidents.c if c.name in frame.columns]]
        frame["deleted"] = frame["deleted"].astype(bool)
        frame["date"] = pd.to_datetime(frame["date"], format="ISO8601")
        for column in COUNT_COLUMNS:
            frame[column] = frame[column].astype("Int64")
        for column in ("latitude", "longitude"):
            frame[column] = frame[column].astype(float)
        return frame

    def _rows_frame(self, query) -> pd.DataFrame:
        with self.engine.connect() as connection:
            result = connection.execute(query)
            keys, rows = list(result.keys()), result.fetchall()
        return rows_frame(keys, rows)

    def get(self, incident_id: str) -> dict | None:
        with self.engine.connect() as connection:
            row = (
                connection.execute(select(incidents).where(incidents.c.incident_id == incident_id))
                .mappings()
                .first()
            )
        return dict(row) if row else None

    def taking_part(self, actor: str) -> set[str]:
        """Ids of the incidents ``actor`` takes part in on any side (indexed)."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(participants.c.incident_id).where(participants.c.actor == actor)
            )
            return {r[0] for r in rows}

    def history(self, incident_id: str) -> list[dict]:
        """Every change to the incident, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(history).where(history.c.incident_id == incident_id).order_by(history.c.id)
            ).mappings()
            return [dict(r) for r in rows]

    def _current(self, ids: list[str], connection: Connection | None = None) -> dict[str, dict]:
        """The stored rows of ``ids``, read in ``connection`` (a writer's transaction,
        which sees its own changes) or a connection of its own."""
        if connection is None:
            with self.engine.connect() as own:
                return self._current(ids, own)
        found: dict[str, dict] = {}
        for start in range(0, len(ids), ID_CHUNK):
            rows = connection.execute(
                select(incidents).where(incidents.c.incident_id.in_(ids[start : start + ID_CHUNK]))
            ).mappings()
            found.update({r["incident_id"]: dict(r) for r in rows})
        return found
