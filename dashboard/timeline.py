"""Incidents per week or month, by actor, for the timeline chart."""
from __future__ import annotations

import pandas as pd

PERIODS = {"Month": "MS", "Week": "W-MON"}
NO_ACTOR = "(no actor given)"  # a chart series needs a name


def timeline_counts(incidents: pd.DataFrame, period: str = "Month") -> pd.DataFrame:
    """A table indexed by period start with one column per actor (counts), with
    empty periods kept as zero so gaps show as gaps."""
    if incidents.empty:
        return pd.DataFrame()
    freq = PERIODS[period]
    incidents = incidents.assign(actor=incidents["actor"].replace("", NO_ACTOR))
    grouped = (incidents.groupby([pd.Grouper(key="date", freq=freq, label="left", closed="left"),
                                  "actor"]).size().unstack("actor", fill_value=0))
    full = pd.date_range(grouped.index.min(), grouped.index.max(), freq=freq)
    grouped = grouped.reindex(full, fill_value=0)
    grouped.index.name = "period"
    order = incidents["actor"].value_counts().index
    return grouped[[a for a in order if a in grouped.columns]]
