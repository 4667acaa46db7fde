"""Incidents per week or month, by actor, for the timeline chart."""

from __future__ import annotations

import re
from datetime import date

import altair as alt
import pandas as pd

from engine.mapping.palette import OTHER_COLOR, color_of

PERIODS = {"Month": "MS", "Week": "W-MON"}
NO_ACTOR = "(no actor given)"  # a chart series needs a name


Span = tuple[date | None, date | None]


def timeline_counts(
    incidents: pd.DataFrame, period: str = "Month", span: Span | None = None
) -> pd.DataFrame:
    """A table indexed by period start with one column per actor (counts), with
    empty periods kept as zero so gaps show as gaps.  ``span`` (the filter's dates,
    either may be None) widens it to the periods the reader asked for: a view "to 31
    December" with nothing in December shows December empty, not a chart that stops
    at November."""
    incidents = incidents.dropna(subset=["date"])
    if incidents.empty:
        return pd.DataFrame()
    freq = PERIODS[period]
    incidents = incidents.assign(actor=incidents["actor"].fillna("").replace("", NO_ACTOR))
    bins = pd.Grouper(key="date", freq=freq, label="left", closed="left")
    grouped = incidents.groupby([bins, "actor"]).size().unstack("actor", fill_value=0)
    first, last = grouped.index.min(), grouped.index.max()
    for day in span or ():
        if day is not None:
            start = pd.DataFrame({"date": [pd.Timestamp(day)]}).groupby(bins).size().index[0]
            first, last = min(first, start), max(last, start)
    full = pd.date_range(first, last, freq=freq)
    grouped = grouped.reindex(full, fill_value=0)
    grouped.index.name = "period"
    order = incidents["actor"].value_counts().index
    return grouped[[a for a in order if a in grouped.columns]]


def monthly_counts(incidents: pd.DataFrame, span: Span | None = None) -> pd.DataFrame:
    """``timeline_counts`` by month with months as periods ("2021-08"): the
    slides' charts (the snapshot's SVG, the deck's native chart) draw these."""
    counts = fold_actors(timeline_counts(incidents, "Month", span))
    if not counts.empty:
        counts.index = counts.index.to_period("M")
    return counts


LEGEND_COLUMNS = 3
TOP_ACTORS = 8  # the timeline names these; the rest are one grey "other actors" series
OTHER_ACTORS = "{} other actors"


def fold_actors(counts: pd.DataFrame, keep: int = TOP_ACTORS) -> pd.DataFrame:
    """``counts`` with the actors beyond the ``keep`` most frequent summed into one
    column, "N other actors": a 37-actor legend squeezed the chart to 40 pixels and
    its axis to a single 0."""
    if len(counts.columns) <= keep + 1:
        return counts
    kept, rest = list(counts.columns[:keep]), list(counts.columns[keep:])
    folded = counts[kept].copy()
    folded[OTHER_ACTORS.format(len(rest))] = counts[rest].sum(axis=1)
    return folded


def is_folded(actor: str) -> bool:
    return bool(re.fullmatch(OTHER_ACTORS.format(r"\d+"), actor))


def series_colour(palette: dict[str, str], actor: str) -> str:
    """A timeline series' colour: the actor's, or the folded row's grey."""
    return OTHER_COLOR if is_folded(actor) else color_of(palette, actor)


def timeline_chart(
    counts: pd.DataFrame,
    palette: dict[str, str],
    period: str = "Month",
    other_color: str = "#b0b0b0",
    window: tuple | None = None,
) -> alt.Chart | alt.LayerChart | alt.FacetChart:
    """Stacked bars of ``timeline_counts`` in the actors' map colours.

    Not ``st.bar_chart``: its legend is one row cut at the chart's width, so with
    seven actors the last ones ("Pakistan military") were not in it at all and the
    others were truncated.  Here the legend wraps into columns and names each actor
    in full; beyond the eight most frequent actors, the rest are one grey series."""
    counts = fold_actors(counts)
    actors = [str(a) for a in counts.columns]
    long = (
        counts.rename_axis("period")
        .reset_index()
        .melt(id_vars="period", var_name="actor", value_name="incidents")
    )
    long = long[long["incidents"] > 0]
    # The stacking order as a column: an expression built from the names broke the
    # chart on a name holding U+2029 (and let a name write Vega expression code).
    long = long.assign(actor_rank=long["actor"].map({a: i for i, a in enumerate(actors)}))
    unit = "yearmonth" if period == "Month" else "yearmonthdate"
    # No ``sort=actors``: Vega-Lite compiles a sort list into an expression holding
    # every name, and one U+2028 in a name blanked the chart.  The scale's domain is
    # plain data and already sets the legend's order.
    colour = alt.Color(
        "actor:N",
        title=None,
        scale=alt.Scale(
            domain=actors,
            range=[other_color if is_folded(a) else series_colour(palette, a) for a in actors],
        ),
        legend=alt.Legend(
            orient="bottom", direction="horizontal", columns=LEGEND_COLUMNS, labelLimit=360
        ),
    )
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X(f"{unit}(period):T", title=period),
            y=alt.Y("sum(incidents):Q", title="Incidents", axis=alt.Axis(tickMinStep=1)),
            color=colour,
            order=alt.Order("actor_rank:Q"),
            tooltip=[
                alt.Tooltip(f"{unit}(period):T", title=period),
                "actor:N",
                alt.Tooltip("sum(incidents):Q", title="incidents"),
            ],
        )
    )
    if window is None:
        return bars
    # The playback frame: shaded behind the bars, from its first to its last day.
    first = max(pd.Timestamp(window[0]), counts.index.min())
    shade = pd.DataFrame({"start": [first], "end": [pd.Timestamp(window[1])]})
    marked = (
        alt.Chart(shade).mark_rect(color="#b2182b", opacity=0.15).encode(x="start:T", x2="end:T")
    )
    return alt.layer(marked, bars)
