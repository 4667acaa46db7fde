"""One language's vocabulary, read from ``intake/data/<code>.toml``.

The annotators build their patterns from it, so a month, a country's adjective or a
trigger word is written once.  English is the only language today; another (Urdu is
the likely next) is a data file of the same shape plus the annotators its grammar
needs (``intake.annotators.PIPELINES``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    words: tuple[str, ...]  # "Pakistan", "Pak"
    adjectives: tuple[str, ...]  # "Pakistani"
    region: bool  # a country reports are "about": places are looked for there first
    forces: bool  # "Pakistani troops" make this state an agent
    capital: str = ""  # "the Afghan capital"


@dataclass(frozen=True, eq=False)  # one object per language: hashed by identity
class Language:
    code: str
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    countries: tuple[Country, ...]
    units: tuple[str, ...]
    tens: tuple[str, ...]
    dozens: dict[str, int]
    vague: dict[str, int]
    event_types: tuple[tuple[str, re.Pattern[str]], ...]
    targets: tuple[tuple[str, re.Pattern[str]], ...]
    cues: dict[str, re.Pattern[str]]
    words: dict[str, str]  # pattern fragments: forces, kill, aerial, people nouns ...

    def country(self, word: str) -> Country | None:
        """The country a word names ("Pakistani", "pak", "U.S."), or None."""
        lowered = word.lower()
        return next(
            (
                c
                for c in self.countries
                if lowered in {w.lower() for w in (c.name, *c.words, *c.adjectives)}
            ),
            None,
        )

    def alternatives(self, *kinds: str, countries: tuple[Country, ...] | None = None) -> str:
        """A regex alternation of the countries' words ("words", "adjectives"), longest
        first, so "Pakistani" is not read as "Pakistan"."""
        chosen = self.countries if countries is None else countries
        words = {w for c in chosen for kind in kinds for w in getattr(c, kind)}
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    @property
    def region(self) -> tuple[Country, ...]:
        return tuple(c for c in self.countries if c.region)


def first_named(
    table: tuple[tuple[str, re.Pattern[str]], ...], text: str
) -> tuple[str, int, int] | None:
    """(name, start, end) of the first entry of ``table``, in its order of priority, the
    text matches: the event types and the targets are read this way."""
    for name, pattern in table:
        m = pattern.search(text)
        if m:
            return name, m.start(), m.end()
    return None


def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})", re.IGNORECASE)


@cache
def language(code: str = "en") -> Language:
    """The vocabulary of ``code`` (read once)."""
    raw = tomllib.loads(
        (resources.files("intake") / "data" / f"{code}.toml").read_text(encoding="utf-8")
    )
    return Language(
        code=raw["code"],
        months=tuple(raw["months"]),
        weekdays=tuple(raw["weekdays"]),
        countries=tuple(
            Country(
                code=c["code"],
                name=c["name"],
                words=tuple(c["words"]),
                adjectives=tuple(c["adjectives"]),
                region=c.get("region", False),
                forces=c.get("forces", False),
                capital=c.get("capital", ""),
            )
            for c in raw["countries"]
        ),
        units=tuple(raw["numbers"]["units"]),
        tens=tuple(raw["numbers"]["tens"]),
        dozens=dict(raw["numbers"]["dozens"]),
        vague=dict(raw["numbers"]["vague"]),
        event_types=tuple((e["name"], _compiled(e["pattern"])) for e in raw["event_types"]),
        targets=tuple(
            (t["name"], re.compile(rf"\b(?:{t['pattern']})\b", re.IGNORECASE))
            for t in raw["targets"]
        ),
        cues={name: re.compile(p, re.IGNORECASE) for name, p in raw["cues"].items()},
        words={**raw["agents"], **raw["people"]},
    )
