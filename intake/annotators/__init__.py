"""Annotators: each reads the report once for one kind of thing and writes it on the
``Document`` (``intake.document``); the assembly reads only what they wrote.

The order matters in two places, and only there: the dateline comes first (its day
stands in for a missing publication date, and the sentences begin after it), and the
clauses next (every other annotator writes on the sentences they make).  The rest
read one sentence each and do not read one another.

A language is its vocabulary (``intake/data/<code>.toml``) and its list of annotators
here: a second language adds a list, reusing what fits its grammar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from intake.annotators import (
    agents,
    clauses,
    counts,
    dateline,
    dates,
    groups,
    places,
    speakers,
    targets,
    triggers,
)
from intake.document import Document
from intake.language import Language, language

Annotator = Callable[[Document, Language], None]

PIPELINES: dict[str, tuple[Annotator, ...]] = {
    "en": (
        dateline.annotate,
        clauses.annotate,
        triggers.annotate,
        dates.annotate,
        counts.annotate,
        groups.annotate,
        agents.annotate,
        targets.annotate,
        speakers.annotate,
        places.annotate,
    ),
}


def annotate(text: str, published: date | None, code: str = "en") -> Document:
    """The report read once by every annotator of its language."""
    doc = Document(text, published)
    lang = language(code)
    for annotator in PIPELINES[code]:
        annotator(doc, lang)
    return doc
