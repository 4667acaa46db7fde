"""What the Review page's filter shows and which page of it: plain functions on the
review queue, so the page only wires widgets to them (and they have unit tests).

A coded import brings thousands of candidates; the page draws one page of the
filtered queue at a time (``PAGE_ROWS``), while "all the filter shows" means every
row the filter lets through, on any page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from engine.filters import option_counts
from incidents.participants import takes_part

PAGE_ROWS = 200
ANY = "(any)"
DUPLICATE_CHOICES = (ANY, "with a likely duplicate", "without one")


@dataclass(frozen=True)
class QueueFilter:
    source: str = ANY
    actor: str = ANY
    country: str = ANY
    start: date | None = None
    end: date | None = None
    duplicate: str = ANY
    ids: frozenset[str] | None = None  # one import's incidents, when an import is chosen


def choices(queue: pd.DataFrame, column: str) -> list[str]:
    """The values a filter box offers: "(any)" and each value, most frequent first."""
    return [ANY, *(value for value, _ in option_counts(queue, column))]


def filtered(queue: pd.DataFrame, spec: QueueFilter) -> pd.DataFrame:
    """The queue rows ``spec`` lets through, in the queue's order."""
    keep = pd.Series(True, index=queue.index)
    if spec.ids is not None:
        keep &= queue["incident_id"].isin(spec.ids)
    if spec.source != ANY:
        keep &= queue["source"].astype(str) == spec.source
    if spec.actor != ANY:
        keep &= takes_part(queue, (spec.actor,), False)
    if spec.country != ANY:
        keep &= queue["country"].astype(str) == spec.country
    if spec.start is not None:
        keep &= queue["date"] >= pd.Timestamp(spec.start)
    if spec.end is not None:
        keep &= queue["date"] < pd.Timestamp(spec.end) + pd.Timedelta(days=1)
    if spec.duplicate != ANY:
        twin = queue["likely_duplicate_of"].astype(str) != ""
        keep &= twin if spec.duplicate == DUPLICATE_CHOICES[1] else ~twin
    return queue[keep.fillna(False).astype(bool)]


def import_label(found: dict) -> str:
    """How the Import box names one import: when, what, how many, and whether it
    was undone."""
    return (
        f"{found['at']:%Y-%m-%d %H:%M} {found['note'] or found['import_id']} "
        f"({found['added']} added)" + (" · undone" if found.get("undone") else "")
    )


def date_range(value) -> tuple[date | None, date | None]:
    """A date-range widget's value as (start, end): none, one or two dates picked."""
    if isinstance(value, date):
        return value, None
    picked = tuple(value or ())
    return ((*picked, None, None))[:2]


def half_entered(value) -> bool:
    """A range widget with its first date picked and its second not yet: the filter
    is being edited, so no button may act on "all the filter shows"."""
    return isinstance(value, (tuple, list)) and len(value) == 1


def selected_ids(rows: list[int], shown_ids: list[str], queue_ids: set[str]) -> list[str]:
    """The incidents a table selection means: its row positions read against the
    ids the table showed when they were picked, keeping those still in the queue.
    Positions alone moved the ticks to the next rows after a decision, and a second
    click acted on rows nobody chose."""
    return [shown_ids[r] for r in rows if 0 <= r < len(shown_ids) and shown_ids[r] in queue_ids]


def pages(rows: int) -> int:
    return max(1, -(-rows // PAGE_ROWS))


def page(shown: pd.DataFrame, number: int) -> pd.DataFrame:
    """Page ``number`` (from 1) of the filtered queue; out of range: the last page."""
    number = min(max(1, number), pages(len(shown)))
    return shown.iloc[(number - 1) * PAGE_ROWS : number * PAGE_ROWS]
