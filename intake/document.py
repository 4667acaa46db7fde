"""A report as the annotators leave it: its dateline, its sentences and, on each
sentence, what was found there.

Annotators (``intake.annotators``) each fill one kind of annotation, once per report;
the assembly (``intake.assemble``, ``intake.fields``) only reads them.  Offsets in a
``Hit`` are within its sentence's text; ``Sentence.start`` places that in the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from intake.segment import Sentence


@dataclass(frozen=True)
class Hit:
    """One thing found in a sentence: its value and where it was written."""

    value: Any  # a count (int), a name (str) or a date, by what was looked for
    start: int
    end: int
    vague: bool = False  # "dozens": no number a toll can keep
    update: bool = False  # "the death toll rose to 25": a later figure, not another one


@dataclass(frozen=True)
class Dated:
    """The date a sentence puts its event on, and how precise it is."""

    hit: Hit  # hit.value is a date
    precision: str  # "day", "month", "year"


@dataclass(frozen=True)
class Dateline:
    """A wire dateline: "KABUL, Aug 26 (Reuters) -"."""

    place: str
    country: str
    day_text: str  # "Aug 26", or ""
    start: int  # where the place is written in the report
    end: int
    length: int  # where the whole dateline ends (an offset in the report)


@dataclass(frozen=True)
class PlaceMention:
    """A name the text gives as where something was ("in", "near", "at" ...)."""

    name: str  # as written, without a country's possessive ("Pakistan's")
    query: str  # what the gazetteer is asked ("Chak district, Wardak")
    hint: str  # the country the words put it in ("Pakistani city of"), or ""
    start: int  # offsets in the sentence
    end: int
    speaker: bool = False  # where someone spoke from ("a spokesman in Kabul said")
    destination: bool = False  # where people were going ("a bus bound for Quetta")
    near: bool = False  # "near Kabul", "outside Peshawar": around the place, not in it


@dataclass(frozen=True)
class Agent:
    """A state or international force written as the one that killed or struck."""

    hit: Hit  # hit.value: "Government of Pakistan", "International forces (NATO/ISAF)"
    needs_country: bool = False  # the words name no state ("troops killed"): the
    # assembly takes the country the report or the incident's place gives


@dataclass
class Annotated:
    """One sentence (or clause of one) and what the annotators found in it."""

    sentence: Sentence
    paragraph: int = 0  # where the sentence's paragraph begins in the report
    headline: bool = False  # the report's title line, not its body
    clause: bool = False  # cut from the sentence before it, where that turned to another event
    trigger: Hit | None = None  # the event type the sentence names, if it happened
    dated: Dated | None = None
    said_on: Dated | None = None  # the day a claim or statement was made, if no other
    cues: frozenset[str] = frozenset()  # "separate", "recap", "claimed", "denied" ...
    killed: list[Hit] = field(default_factory=list)
    injured: list[Hit] = field(default_factory=list)
    attackers: list[Hit] = field(default_factory=list)  # attackers' own dead
    actors: list[Hit] = field(default_factory=list)  # armed groups, registry names
    agent: Agent | None = None
    target: Hit | None = None
    speaker: Hit | None = None  # who the sentence quotes ("police", "the ministry")
    places: list[PlaceMention] = field(default_factory=list)
    opening: PlaceMention | None = None  # a round-up item's "In Herat, ..."

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def start(self) -> int:
        return self.sentence.start


@dataclass
class Document:
    """A report being read: the text, its date, and the annotations on it."""

    text: str
    published: date | None
    dateline: Dateline | None = None
    filed: Dated | None = None  # the dateline's day ("QUETTA, Feb 9 -"), if it gives one
    day_first: bool | None = None  # the text's order for dates in figures
    country: str = ""  # the one region country the report names ("" for none or both)
    sentences: list[Annotated] = field(default_factory=list)

    def paragraph(self, at: int) -> tuple[int, int]:
        """(start, end) of the paragraph (text between blank lines) holding ``at``."""
        start = self.text.rfind("\n\n", 0, at)
        end = self.text.find("\n\n", at)
        return (0 if start < 0 else start + 2), (len(self.text) if end < 0 else end)

    def within(self, start: int, end: int) -> list[Annotated]:
        """The annotated sentences that begin in [start, end)."""
        return [s for s in self.sentences if start <= s.start < end]
