"""A candidate incident: each field's value with the words it came from and how sure
the reading is; notes for what a reviewer should know."""

from __future__ import annotations

from dataclasses import dataclass, field

from intake.document import Annotated, Hit


@dataclass
class Evidence:
    value: object
    sentence: str
    start: int  # offsets in the report
    end: int
    confidence: float
    sentence_start: int = 0  # where ``sentence`` begins in the report

    @property
    def words(self) -> str:
        """The words that gave the value, cut from ``sentence``."""
        return self.sentence[self.start - self.sentence_start : self.end - self.sentence_start]


@dataclass
class Candidate:
    fields: dict[str, Evidence] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    background: bool = False  # an earlier attack the report recalls, not its news

    def notes_say(self, words: str) -> bool:
        return any(words in note for note in self.notes)

    def value(self, name: str, default: object = "") -> object:
        found = self.fields.get(name)
        return found.value if found else default


def evidence(sentence: Annotated, hit: Hit, confidence: float, value: object = None) -> Evidence:
    """The evidence of ``hit`` in ``sentence`` (its value unless one is given)."""
    text = sentence.text
    lead = len(text) - len(text.lstrip())
    return Evidence(
        hit.value if value is None else value,
        text.strip(),
        sentence.start + hit.start,
        sentence.start + hit.end,
        confidence,
        sentence.start + lead,
    )


def assumed(value: object, why: str, confidence: float) -> Evidence:
    """A value no words gave ("(the report's date)", "(no group named)")."""
    return Evidence(value, why, 0, 0, confidence)
