"""What an empty map says: why nothing is drawn and what would draw something.

An import of UCDP's file once showed "The data has no usable incidents" while 3,803
incidents waited as candidates one switch away.  The page now names what the store
holds that it is not showing, and offers the way to it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EmptyState:
    message: str
    offer: str | None  # "candidates" (the switch), "review", "import" or None


def empty_map(counts: dict[str, int] | None, showing_candidates: bool) -> EmptyState:
    """The message for a map with nothing confirmed to draw; ``counts`` are the
    store's (``Store.status_counts``), None for a data file."""
    if counts is None:
        return EmptyState("The data has no usable incidents.", None)
    total = sum(counts.values())
    if total == 0:
        return EmptyState(
            "The incident store is empty: import a file (ACLED, UCDP GED, GTD "
            "or a spreadsheet) on the Data page.",
            "import",
        )
    waiting, rejected, deleted = counts["candidate"], counts["rejected"], counts["deleted"]
    hidden = [f"{rejected} rejected" if rejected else "", f"{deleted} deleted" if deleted else ""]
    hidden_said = " and ".join(h for h in hidden if h)
    if waiting and not showing_candidates:
        return EmptyState(
            f"No confirmed incidents yet: {waiting} candidates await review"
            + (f" ({hidden_said} not shown)" if hidden_said else "")
            + ". Show them on the map, or confirm them on the Review page.",
            "candidates",
        )
    return EmptyState(
        "Nothing confirmed or awaiting review to draw: the store holds only "
        f"{hidden_said} incidents (see the Data page).",
        "review",
    )
