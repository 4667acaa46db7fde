"""Armed groups a sentence names, under their registry names (``incidents.registry``:
the one actor vocabulary, the user's file included)."""

from __future__ import annotations

import re
from functools import lru_cache

from incidents.registry import Registry, plain, plain_text, registry
from intake.document import Document, Hit
from intake.language import Language


def actors(sentence: str, matches: list[tuple[int, int, str]] | None = None) -> list[Hit]:
    """Every perpetrator group named in the sentence, each once, first named first.
    The longest name wins where two overlap: "Tehrik-i-Taliban Pakistan" is not also
    read as "Taliban".  ``matches``: the sentence's names, found already (the report
    is searched once, not each of its sentences)."""
    found_names = _matches(sentence) if matches is None else matches
    spans = sorted(found_names, key=lambda m: (m[0], -(m[1] - m[0])))
    taken: list[tuple[int, int]] = []
    found: list[Hit] = []
    for start, end, name in spans:
        if any(start < b and a < end for a, b in taken) or _ALLIED.search(sentence[:start]):
            continue
        if _RULING.match(sentence, end):
            continue  # "the Taliban-run interior ministry": a government, not an attacker
        taken.append((start, end))
        if name not in {h.value for h in found}:
            found.append(Hit(name, start, end))
    return found


# "the Taliban-run interior ministry", "the Taliban government", "Taliban authorities"
_RULING = re.compile(
    r"(?:-(?:run|led|appointed|controlled)\b|\s+(?:government|administration|authorities|"
    r"ministry|interior ministry|regime)\b)",
    re.IGNORECASE,
)
# "pro-Taliban militants", "anti-Taliban forces": another group, named by its stance.
_ALLIED = re.compile(r"\b(?:pro|anti)[- ]$", re.IGNORECASE)


def is_armed_group(name: str) -> bool:
    """Whether a capitalised name is one of the registry's armed groups."""
    found = registry().identify(name)
    return found is not None and found.kind == "armed group"


def annotate(doc: Document, lang: Language) -> None:
    """Every sentence's groups, from one search of the whole report per name (a
    search per name and sentence cost as much as the rest of the reading)."""
    everywhere = _matches(doc.text)
    for sentence in doc.sentences:
        start, end = sentence.start, sentence.start + len(sentence.text)
        inside = [(a - start, b - start, n) for a, b, n in everywhere if start <= a and b <= end]
        sentence.actors = actors(sentence.text, inside)


def _matches(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, registry name) of every armed group's name in the sentence."""
    lowered = plain_text(sentence)
    matches = []
    for name, patterns, acronyms in _text_vocabulary(registry()):
        for pattern in patterns:
            matches += [(m.start(), m.end(), name) for m in _at_word(pattern, lowered)]
        if acronyms is not None:
            matches += [(m.start(), m.end(), name) for m in _at_word(acronyms, sentence, "-")]
    return matches


def _at_word(pattern: re.Pattern[str], text: str, joiners: str = "") -> list[re.Match[str]]:
    """Matches that begin a word.  The patterns are compiled without a leading ``\\b``
    and checked here: a pattern that starts with its letters is searched twenty times
    faster than one that starts with a word boundary."""
    return [
        m
        for m in pattern.finditer(text)
        if m.start() == 0
        or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_" + joiners)
    ]


def _no_leading_boundary(pattern: str) -> str:
    return pattern[2:] if pattern.startswith("\\b") else pattern


@lru_cache(maxsize=4)
def _text_vocabulary(
    known: Registry,
) -> tuple[tuple[str, tuple[re.Pattern[str], ...], re.Pattern[str] | None], ...]:
    """Per armed group: its patterns and its longer names (over lower-cased text,
    each space one or more), and its acronyms (capitals as written)."""
    vocabulary = []
    for actor in known.text_actors():
        phrases = [
            r" +".join(map(re.escape, plain(a).split())) + r"\b"
            for a in (actor.name, *actor.aliases)
            if len(plain(a)) > 5 and a not in actor.acronyms
        ]
        patterns = tuple(
            re.compile(_no_leading_boundary(p).replace(" ", " +"))
            for p in (*actor.patterns, *phrases)
        )
        acronyms = (
            re.compile("(?:" + "|".join(map(re.escape, actor.acronyms)) + r")(?![\w-])")
            if actor.acronyms
            else None
        )
        vocabulary.append((actor.name, patterns, acronyms))
    return tuple(vocabulary)
