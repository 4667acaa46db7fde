"""Sentences as others write them: hard-wrapped lines, headlines, bylines, lists.

Plain-text wires, e-mails and text copied from PDFs break lines at a width, not at
sentence ends; cutting at every line break parts a date or a toll from its event.
A line break is kept as a boundary only where the text says one: the line ends a
sentence, is a headline or byline (short, no closing punctuation, the next line
starts a new thought), the next line is a list item, or a blank line follows.  Else
it becomes a space, in place (one character for one), so every offset still points
into the text as written.

Inside a line, a sentence ends at ``.``, ``!`` or ``?`` (with closing quotes or
brackets) before a capital or a digit, unless the full stop belongs to a title or
an initial ("Lt. Gen.", "U.S."); a semicolon before a capital ends one too, as
in UCDP's lists of headlines joined by ";".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen lt col maj capt cpl sgt brig adm gov sen rep
    st no vs jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept univ
    approx est e.g i.e etc u.s u.k u.n""".split()
)
_END = re.compile(
    r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|;\s*(?=[A-Z0-9])"
    # "...in the operations.In a separate incident": a space lost in copying
    r"|(?<=[a-z]{3})\.(?=[A-Z][a-z]+\s)"
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–—]|\d{1,2}[.)]|[a-z][.)])\s+")
_CLOSED = re.compile(r"[.!?:;\"'”’)\]]\s*$")
_WORD_BEFORE = re.compile(r"(\S+)$")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # character offset in the report


def unwrap(text: str) -> str:
    """``text`` with the line breaks of hard wrapping made spaces (same length)."""
    lines = text.split("\n")
    widest = max((len(line.rstrip()) for line in lines), default=0)
    widths = _paragraph_widths(lines, widest)
    out = []
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else ""
        out.append(line)
        if number + 1 < len(lines):
            out.append(" " if _continues(line, following, widths[number]) else "\n")
    return "".join(out)


def _paragraph_widths(lines: list[str], widest: int) -> list[int]:
    """The width each line is measured against: its paragraph's longest line where
    the paragraph has three lines or more (a wrapped quote inside an article of long
    one-line paragraphs), else the text's (a headline over a byline stays apart)."""
    widths, start = [widest] * len(lines), 0
    for end in [*(n for n, line in enumerate(lines) if not line.strip()), len(lines)]:
        block = lines[start:end]
        if len(block) >= 3:
            own = max(len(line.rstrip()) for line in block)
            widths[start:end] = [own] * len(block)
        start = end + 1
    return widths


def _continues(line: str, following: str, width: int) -> bool:
    """Whether the break after ``line`` falls inside a sentence."""
    body, nxt = line.rstrip(), following.strip()
    if not body or not nxt or _CLOSED.search(body) or _LIST_ITEM.match(following):
        return False
    if nxt[0].islower() or nxt[0] in ",;–-(":
        return True  # "... left at least 40 people dead and / many others wounded"
    # a wrapped line runs close to the text's width; a headline or byline stops short
    return width >= 40 and len(body) >= 0.7 * width


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, each with its offset."""
    flat = unwrap(text)
    found: list[Sentence] = []
    for block in re.finditer(r"[^\n]+", flat):
        start, line = block.start(), block.group(0)
        for cut in _END.finditer(line):
            if _abbreviation(line[max(0, cut.start() - 20) : cut.start() + 1]):
                continue
            _add(found, flat[start : block.start() + cut.end()], start)
            start = block.start() + cut.end()
        _add(found, flat[start : block.end()], start)
    return found


def _abbreviation(before: str) -> bool:
    """A full stop that closes "Gen." or "U.S." or a lone initial, not a sentence."""
    if not before.endswith("."):
        return False
    word = _WORD_BEFORE.search(before[:-1])
    if word is None:
        return False
    token = word.group(1).lower().lstrip("(\"'“")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _add(found: list[Sentence], text: str, start: int) -> None:
    if text.strip():
        found.append(Sentence(text, start))
