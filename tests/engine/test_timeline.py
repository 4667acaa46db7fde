"""The timeline: counts per period and actor, and the chart drawn from them."""

from __future__ import annotations

import pandas as pd

from engine.timeline import LEGEND_COLUMNS, timeline_chart, timeline_counts


def test_counts_keep_empty_months_and_order_actors_by_size(incidents):
    counts = timeline_counts(incidents, "Month")
    assert counts.index[0] == pd.Timestamp("2021-08-01")
    assert counts.index[-1] == pd.Timestamp("2024-12-01")
    assert len(counts) == 41, "every month from Aug 2021 to Dec 2024, empty ones as zero"
    assert counts.columns[0] == "Islamic State Khorasan Province (ISIS-K)"
    assert int(counts.to_numpy().sum()) == len(incidents)


def test_chart_names_every_actor_in_full_in_its_map_colour(incidents, palette):
    counts = timeline_counts(incidents, "Week")
    spec = timeline_chart(counts, palette, "Week").to_dict()
    colour = spec["encoding"]["color"]
    assert colour["scale"]["domain"] == list(counts.columns)
    assert colour["scale"]["range"] == [palette[a] for a in counts.columns]
    legend = colour["legend"]
    assert legend["columns"] == LEGEND_COLUMNS and legend["labelLimit"] >= 300, (
        "a legend that wraps and does not cut 'Islamic State Khorasan Province (ISIS-K)'"
    )
    rows = pd.DataFrame(next(iter(spec["datasets"].values())))
    assert (rows["incidents"] > 0).all() and rows["incidents"].sum() == len(incidents)
    assert spec["encoding"]["x"]["timeUnit"] == "yearmonthdate"


def _paths_holding(spec, needle: str, path: str = ""):
    if isinstance(spec, dict):
        for key, value in spec.items():
            yield from _paths_holding(value, needle, f"{path}/{key}")
    elif isinstance(spec, list):
        for value in spec:
            yield from _paths_holding(value, needle, path)
    elif isinstance(spec, str) and needle in spec:
        yield path


def test_actor_names_are_only_data_in_the_chart_never_expression_source():
    """A U+2028 in one actor's name blanked the Timeline for everyone: the legend's
    sort list became a Vega expression.  Names may appear only as data (the dataset
    and the colour scale's domain)."""
    import pandas as pd

    from engine.timeline import timeline_chart, timeline_counts

    names = ["Line\u2028separator", 'quote\' "both" ', "datum.x || alert(1)"]
    shown = pd.DataFrame(
        {"date": pd.to_datetime(["2021-01-05", "2021-02-05", "2021-03-07"]), "actor": names}
    )
    spec = timeline_chart(timeline_counts(shown), {}).to_dict()
    for name in names:
        places = {
            p if not p.startswith("/datasets/") else "/datasets" for p in _paths_holding(spec, name)
        }
        assert places == {"/datasets", "/encoding/color/scale/domain"}, (name, places)


def test_the_filters_dates_widen_the_chart_to_the_months_asked_for(incidents):
    from datetime import date

    from engine.timeline import monthly_counts

    autumn = incidents[(incidents["date"] >= "2021-08-01") & (incidents["date"] < "2021-12-01")]
    plain = timeline_counts(autumn, "Month")
    asked = timeline_counts(autumn, "Month", (date(2021, 7, 15), date(2021, 12, 31)))
    assert asked.index[0] == pd.Timestamp("2021-07-01") and asked.index[-1] == pd.Timestamp(
        "2021-12-01"
    )
    assert len(asked) == len(plain) + 2 and int(asked.iloc[[0, -1]].to_numpy().sum()) == 0
    assert int(asked.to_numpy().sum()) == len(autumn)
    weeks = timeline_counts(autumn, "Week", (None, date(2021, 12, 31)))
    assert weeks.index[-1] == pd.Timestamp("2021-12-27")  # the Monday starting that week
    assert [str(m) for m in monthly_counts(autumn, (None, date(2021, 12, 31))).index][
        -1
    ] == "2021-12"


def test_a_timeline_of_many_actors_folds_the_rest_into_one_grey_series():
    """37 actors in a legend squeezed the chart to 40 px and its axis to "0"."""
    from engine.mapping.palette import OTHER_COLOR
    from engine.timeline import fold_actors, series_colour, timeline_chart, timeline_counts

    rows = [
        {"date": pd.Timestamp("2021-01-01") + pd.Timedelta(days=k), "actor": f"Group {k % 37}"}
        for k in range(400)
    ]
    counts = timeline_counts(pd.DataFrame(rows))
    assert len(counts.columns) == 37
    folded = fold_actors(counts)
    assert list(folded.columns)[-1] == "29 other actors" and len(folded.columns) == 9
    assert folded.to_numpy().sum() == counts.to_numpy().sum() == 400
    assert series_colour({}, "29 other actors") == OTHER_COLOR
    spec = timeline_chart(counts, {}).to_dict()
    assert len(spec["encoding"]["color"]["scale"]["domain"]) == 9
