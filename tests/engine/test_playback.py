"""Playback frames: which days each frame shows, what it counts, how a link names
it; the player's list is this list, so these are the frames a briefer sees."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from engine.mapping.view import MapView
from engine.playback import (
    Playback,
    PlaybackError,
    frame_counts,
    frame_of,
    frames,
    frames_for,
    in_frame,
    paused_at,
    payload,
)

DATES = pd.Series(
    pd.to_datetime(["2021-08-26", "2021-10-08", "2021-10-15", "2022-01-03", "2022-01-31"])
)


def test_monthly_frames_cover_every_month_with_the_days_they_hold():
    found = frames(date(2021, 8, 26), date(2022, 1, 3), Playback())
    assert [f.label for f in found] == [
        "August 2021",
        "September 2021",
        "October 2021",
        "November 2021",
        "December 2021",
        "January 2022",
    ]
    assert (found[0].start, found[0].end) == (date(2021, 8, 1), date(2021, 8, 31))
    assert (found[-1].start, found[-1].end) == (date(2022, 1, 1), date(2022, 1, 31))


@pytest.mark.parametrize(
    "playback, first, last, count",
    [
        (Playback(step="week"), (date(2021, 8, 23), date(2021, 8, 29)), "Week of 2022-01-31", 24),
        (Playback(step="quarter"), (date(2021, 7, 1), date(2021, 9, 30)), "2022 Q1", 3),
        (Playback(step="day"), (date(2021, 8, 26), date(2021, 8, 26)), "2022-01-31", 159),
        (
            Playback(step="month", window="3M"),
            (date(2021, 6, 1), date(2021, 8, 31)),
            "January 2022",
            6,
        ),
        (
            Playback(step="week", window="1M"),
            (date(2021, 8, 1), date(2021, 8, 29)),
            "Week of 2022-01-31",
            24,
        ),
    ],
)
def test_steps_and_windows(playback, first, last, count):
    found = frames_for(DATES, playback)
    assert (found[0].start, found[0].end) == first
    assert found[-1].label == last and len(found) == count


def test_counts_per_frame_equal_the_incidents_in_each_window():
    for playback in (
        Playback(),
        Playback(window="3M"),
        Playback(cumulative=True),
        Playback(step="week", window="2W"),
    ):
        found = frames_for(DATES, playback)
        by_mask = [int(in_frame(DATES, f, playback.cumulative).sum()) for f in found]
        assert frame_counts(DATES, found, playback.cumulative) == by_mask
    assert frame_counts(DATES, frames_for(DATES, Playback()), False) == [1, 0, 2, 0, 0, 2]
    assert frame_counts(DATES, frames_for(DATES, Playback(cumulative=True)), True) == [
        1,
        1,
        3,
        3,
        3,
        5,
    ]


def test_a_span_keeps_quiet_months_at_either_end():
    found = frames_for(DATES, Playback(span=(date(2021, 6, 1), date(2022, 3, 31))))
    assert found[0].label == "June 2021" and found[-1].label == "March 2022"


def test_the_paused_frame_is_named_by_its_last_day_and_reopens_there():
    playback = Playback(window="3M")
    assert paused_at(DATES, playback, 2) == date(2021, 10, 31)
    assert paused_at(DATES, playback, 2.0) == date(2021, 10, 31)
    assert paused_at(DATES, playback, None) is None and paused_at(DATES, playback, 99) is None
    assert paused_at(DATES, playback, True) is None
    reopened = Playback(window="3M", at=date(2021, 10, 31))
    assert payload(DATES, date(2021, 8, 26), reopened)["at"] == 2
    assert frame_of(frames_for(DATES, reopened), date(2030, 1, 1)) == 5


def test_the_payload_gives_day_numbers_from_the_incident_payloads_first_day():
    sent = payload(DATES, date(2021, 8, 26), Playback())
    assert sent["frames"][0] == [-25, 5]  # 2021-08-01 .. 2021-08-31
    assert sent["labels"][2] == "October 2021" and sent["counts"][2] == 2


def test_a_link_round_trips_and_bad_parts_are_left_out():
    view = MapView(
        playback=Playback(step="month", window="3M", cumulative=True, at=date(2021, 10, 31))
    )
    query = view.to_query()
    assert query == {"play": "month", "window": "3M", "cumulative": "1", "frame": "2021-10-31"}
    assert MapView.from_query(query).playback == view.playback
    hostile = MapView.from_query({"play": "month", "window": "{{7*7}}", "frame": "<img>"})
    assert hostile.playback == Playback(step="month")
    assert MapView.from_query({"play": "fortnight"}).playback is None


@pytest.mark.parametrize("window", ["0M", "3Y", "{{7*7}}", "M"])
def test_bad_windows_are_refused_in_words(window):
    with pytest.raises(PlaybackError, match="write a number and D, W, M or Q"):
        Playback(window=window)
