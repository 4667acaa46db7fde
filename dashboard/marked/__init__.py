"""A report with the words a candidate came from highlighted.

The page gets the report already cut into pieces (``intake.candidates.marked_segments``)
and only puts each piece into the document as text: a report is untrusted, so no
piece is ever read as HTML or Markdown, and the frame has no way to send anything back.
"""

from __future__ import annotations

from pathlib import Path

import streamlit.components.v1 as components

FRONTEND = Path(__file__).parent / "frontend"
_component = components.declare_component("marked_report", path=str(FRONTEND))


def height_for(segments: list[dict], chars_per_line: int = 70) -> int:
    """Frame height for the passage: a frame cannot grow to its text by itself, and a
    clipped report hides evidence."""
    length = sum(len(s["text"]) + 12 * len(s["fields"]) for s in segments)
    return min(600, 40 + 26 * (length // chars_per_line + 1))


def marked_report(segments: list[dict], key: str) -> None:
    """Show ``segments`` ({"text", "fields"}) as one passage, marked pieces labelled
    with their fields."""
    _component(segments=segments, height=height_for(segments), key=key, default=None)
