"""Playing the map through time: the frames a player steps through, what each
shows, and how a frame is written in a link and on a slide.

The frames are computed here, once, and sent to the browser as day numbers: the
map's player, the animation export and the tests all read the same list, so the
incidents drawn in a frame are the ones this module counts for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from engine.errors import EngineError

STEPS = ("day", "week", "month", "quarter")
_UNIT_LETTER = {"D": "day", "W": "week", "M": "month", "Q": "quarter"}
_WINDOW = re.compile(r"^\s*(\d{1,3})\s*([DWMQ])\s*$", re.IGNORECASE)
MAX_FRAMES = 5000  # a day step over 14 years; more is no animation anyone watches


class PlaybackError(EngineError, ValueError):
    """A step, window or frame that cannot be played, said in words."""


@dataclass(frozen=True)
class Playback:
    """How the map plays: a frame per ``step``; each frame shows the incidents of a
    ``window`` ending with it ("3M": three months; None: one step), or with
    ``cumulative`` everything up to its end, the window's older incidents faded;
    ``at`` is the frame shown first (the one ending on or after that date); ``span``
    plays from and to given dates (an animation of 2021-08 to 2022-07 keeps its
    quiet months) instead of the data's first and last."""

    step: str = "month"
    window: str | None = None
    cumulative: bool = False
    at: date | None = None
    span: tuple[date, date] | None = None  # frames over these dates, not the data's

    def __post_init__(self):
        if self.step not in STEPS:
            raise PlaybackError(f"step must be one of {', '.join(STEPS)}, not {self.step!r}")
        if self.window is not None:
            window_length(self.window)


@dataclass(frozen=True)
class Frame:
    """One frame: incidents dated ``start`` to ``end`` (both included) are in its
    window; ``label`` is the date a reader sees on the map."""

    start: date
    end: date
    label: str


def window_length(text: str) -> tuple[int, str]:
    """ "3M" -> (3, "month"); "2W", "7D", "1Q" likewise."""
    m = _WINDOW.match(str(text))
    if not m or int(m.group(1)) < 1:
        raise PlaybackError(f"window {text!r}: write a number and D, W, M or Q (e.g. 3M)")
    return int(m.group(1)), _UNIT_LETTER[m.group(2).upper()]


def _period_start(day: date, unit: str) -> date:
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())  # weeks start on Monday
    if unit == "month":
        return day.replace(day=1)
    return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)


def _shift(day: date, unit: str, count: int) -> date:
    """``day`` (a period start) moved by ``count`` periods of ``unit``."""
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    months = count * (3 if unit == "quarter" else 1)
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _label(start: date, unit: str) -> str:
    if unit == "day":
        return start.isoformat()
    if unit == "week":
        return f"Week of {start.isoformat()}"
    if unit == "month":
        return start.strftime("%B %Y")
    return f"{start.year} Q{(start.month - 1) // 3 + 1}"


def frames(first: date, last: date, playback: Playback) -> list[Frame]:
    """A frame per step from the step holding ``first`` to the one holding ``last``."""
    if last < first:
        first, last = last, first
    count, unit = window_length(playback.window) if playback.window else (1, playback.step)
    try:
        return _frames(first, last, playback, count, unit)
    except PlaybackError:
        raise
    except (OverflowError, ValueError):  # date arithmetic past year 1 or 9999
        raise PlaybackError(
            f"cannot play from {first} to {last}: the steps reach past the "
            "calendar (years 1 to 9999); choose dates inside it"
        ) from None


def _frames(first: date, last: date, playback: Playback, count: int, unit: str) -> list[Frame]:
    out: list[Frame] = []
    step_start = _period_start(first, playback.step)
    while step_start <= last:
        next_start = _shift(step_start, playback.step, 1)
        end = next_start - timedelta(days=1)
        start = _shift(_period_start(end, unit), unit, 1 - count)
        out.append(Frame(start, end, _label(step_start, playback.step)))
        if len(out) > MAX_FRAMES:
            raise PlaybackError(
                f"more than {MAX_FRAMES} frames from {first} to {last} by "
                f"{playback.step}: choose a longer step or a shorter period"
            )
        step_start = next_start
    return out


def frames_for(dates: pd.Series, playback: Playback) -> list[Frame]:
    """The frames a playback of incidents dated ``dates`` steps through."""
    if playback.span:
        return frames(playback.span[0], playback.span[1], playback)
    if dates.empty:
        return []
    return frames(dates.min().date(), dates.max().date(), playback)


def frame_of(found: list[Frame], at: date | None) -> int:
    """The frame ending on or after ``at`` (the first when None, the last past the end)."""
    if at is None:
        return 0
    for index, frame in enumerate(found):
        if frame.end >= at:
            return index
    return len(found) - 1


def in_frame(dates: pd.Series, frame: Frame, cumulative: bool) -> pd.Series:
    """Which incidents a frame draws: its window, or everything up to its end."""
    day = dates.dt.normalize()
    upto = day <= pd.Timestamp(frame.end)
    return upto if cumulative else upto & (day >= pd.Timestamp(frame.start))


def frame_counts(dates: pd.Series, found: list[Frame], cumulative: bool) -> list[int]:
    """Incidents drawn in each frame (by sorted search: a million dates and a few
    thousand frames cost milliseconds, where a mask per frame cost seconds)."""
    days = np.sort(dates.dt.normalize().to_numpy("datetime64[D]"))
    ends = np.searchsorted(days, np.array([f.end for f in found], "datetime64[D]"), "right")
    if cumulative:
        return ends.tolist()
    starts = np.searchsorted(days, np.array([f.start for f in found], "datetime64[D]"), "left")
    return (ends - starts).tolist()


def describe(frame: Frame, playback: Playback) -> str:
    """The line a slide carries for a frame: which window it shows."""
    shown = f"{frame.start.isoformat()} to {frame.end.isoformat()}"
    if playback.cumulative:
        return (
            f"{frame.label}: every incident up to {frame.end.isoformat()} ({shown} in full colour)"
        )
    return f"{frame.label}: incidents {shown}"


def frame_line(frame: Frame, playback: Playback, drawn: int) -> str:
    """The line under a slide's title: the frame shown and how many it draws."""
    return f"Frame shown: {describe(frame, playback)} · {drawn} drawn"


def payload(dates: pd.Series, base: date, playback: Playback) -> dict | None:
    """What the browser's player needs: each frame as day numbers from ``base`` (the
    incident payload's first day), its label, count and the line a slide names it by
    (a standalone page's header follows the player), and the frame to show first."""
    found = frames_for(dates, playback)
    if not found:
        return None
    counts = frame_counts(dates, found, playback.cumulative)
    return {
        "frames": [[(f.start - base).days, (f.end - base).days] for f in found],
        "labels": [f.label for f in found],
        "counts": counts,
        "lines": [frame_line(f, playback, n) for f, n in zip(found, counts, strict=False)],
        "cumulative": playback.cumulative,
        "at": frame_of(found, playback.at),
    }


def paused_at(dates: pd.Series, playback: Playback, frame: object) -> date | None:
    """The date a paused player's frame number stands for (its last day), so a link
    or a snapshot names the frame by date, which survives new data; None (playing,
    or a number the frames do not have) means no particular frame."""
    if isinstance(frame, float) and frame.is_integer():
        frame = int(frame)
    if not isinstance(frame, int) or isinstance(frame, bool):
        return None
    found = frames_for(dates, playback)
    return found[frame].end if 0 <= frame < len(found) else None


def frame_window(dates: pd.Series, playback: Playback) -> tuple[date, date] | None:
    """(first, last day) of the frame the player opens on, for marking a chart."""
    found = frames_for(dates, playback)
    if not found:
        return None
    frame = found[frame_of(found, playback.at)]
    return (date.min if playback.cumulative else frame.start), frame.end
