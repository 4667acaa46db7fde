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
    rf"^\s*(?P<place>{_WORD}(?:\s+{_WORD}){{0,3}})(?:,\s*(?P<country>{_WORD}(?:\s+{_WORD}){{0,2}}))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?\s*(?:\([^)]{1,40}\))?\s*[-—–]+\s"
)


def read(text: str) -> Dateline | None:
    """The report's dateline, or None.  A headline that ends with its country ("Indian
    fire kills four in Kashmir - Pakistan.", "Suicide Bomber Kills Five - Pakistan")
    has no dateline: a city's name holds no trigger word and is all capitalised words."""
    m = _DATELINE.match(text)
    if not m or triggers.event_type(m.group(0)) is not None:
        return None
    return Dateline(
        place=m.group("place").strip().title(),
        country=(m.group("country") or "").strip(),
        day_text=m.group("date") or "",
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
    found = dates.when(doc.text[: line.length], doc.published, lang=lang)
    doc.filed = found
