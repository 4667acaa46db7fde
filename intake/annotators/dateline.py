"""The wire dateline ("KABUL, Aug 26 (Reuters) -"): where the report was filed, and
its day when the report carries no publication date."""

from __future__ import annotations

import re
from datetime import date

from intake.annotators import dates, triggers
from intake.document import Dateline, Document
from intake.language import Language

_WORD = r"[A-Z][A-Za-z'’-]+"
_DATELINE = re.compile(
    rf"\s*(?P<place>{_WORD}(?:\s+{_WORD}){{0,3}})(?:,\s*(?P<country>{_WORD}(?:\s+{_WORD}){{0,2}}))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?|\d{1,2} [A-Z][a-z]{2,8}(?: \d{4})?))?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:[-—–]+|:)\s"
)
# "DERA ISMAIL KHAN: A bomb ...": a place in capitals and a colon
_CAPITALS = re.compile(r"\s*(?P<place>[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+){0,3}):\s")


def read(text: str) -> Dateline | None:
    """The report's dateline, or None: at the start of the text or of one of its first
    paragraphs (a pasted article often puts its headline and byline first).  A
    headline that ends with its country ("Indian fire kills four in Kashmir -
    Pakistan.", "Suicide Bomber Kills Five - Pakistan") has no dateline: a city's
    name holds no trigger word and is all capitalised words."""
    for start in _paragraph_starts(text, FIRST_PARAGRAPHS):
        line = _read_at(text, start)
        if line is not None:
            return line
    return None


FIRST_PARAGRAPHS = 4  # a headline, a byline, a date line, then the dateline


def _paragraph_starts(text: str, count: int) -> list[int]:
    starts = [0]
    while len(starts) < count and (at := text.find("\n\n", starts[-1])) >= 0:
        starts.append(at + 2)
    return starts


def _read_at(text: str, start: int) -> Dateline | None:
    m = _DATELINE.match(text, start) or _CAPITALS.match(text, start)
    if not m or triggers.event_type(m.group(0)) is not None:
        return None
    groups = m.groupdict()
    return Dateline(
        place=m.group("place").strip().title(),
        country=(groups.get("country") or "").strip(),
        day_text=groups.get("date") or "",
        start=m.start("place"),
        end=m.end("place"),
        length=m.end(),
    )


def annotate(doc: Document, lang: Language) -> None:
    doc.dateline = line = read(doc.text)
    if line is None or not line.day_text:
        return
    if doc.published is None:
        found = dates.when(line.day_text, date.today(), lang=lang)
        doc.published = found.hit.value if found else None
    found = dates.when(doc.text[line.start : line.length], doc.published, lang=lang)
    doc.filed = found
