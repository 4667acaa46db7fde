"""The report's sentences (``intake.segment``), each cut where it turns to another
event: "the bombing of a bus station in X on DATE, as well as an attack on a shrine
in Y in March" is read as two."""

from __future__ import annotations

import re
from bisect import bisect_right

from intake.annotators.triggers import event_type, is_event
from intake.document import Annotated, Document
from intake.language import Language
from intake.segment import Sentence, sentences, unwrap

_CLAUSE_BREAK = re.compile(
    r",?\s+(?:as well as|along with|followed by|and later|while|whereas)\s+"
    r"|;\s+|,\s+and\s+(?=(?:an?|the|another)\s)"
    # "..., a day after another bomber killed 13": the words stay with the clause
    r"|,\s+(?=(?:a|one|two|three) days? (?:after|before) (?:another|an earlier|an?|the)\b)",
    re.IGNORECASE,
)
_DAYS_APART = re.compile(r"(?:a|one|two|three) days? (?:after|before)\b", re.IGNORECASE)


def clauses(sentence: Sentence, lang: Language) -> list[Sentence]:
    """The sentence cut where it turns to another event: each piece that names an
    event of its own is read as a sentence (the assembly then keeps together what
    shares a date, and parts what a recap or a date sets apart)."""
    text, pieces, start = sentence.text, [], 0
    for cut in _CLAUSE_BREAK.finditer(text):
        before, after = text[start : cut.start()], text[cut.end() :]
        # "..., a day after a suicide bomber killed 60": the clause is dated from the
        # words before it, whether or not they tell an event themselves
        dated_apart = _DAYS_APART.match(after) is not None
        if (dated_apart or is_event(before, lang)) and event_type(
            after.split(",")[0] + " " + after[:120], lang
        ):
            pieces.append(Sentence(before, sentence.start + start))
            start = cut.end()
    if not pieces:
        return [sentence]
    pieces.append(Sentence(text[start:], sentence.start + start))
    return pieces


def annotate(doc: Document, lang: Language) -> None:
    """The sentences, the one holding the dateline read from after it ("PESHAWAR, Jan
    3 - A bomb killed five." is read from "A bomb": the dateline's day is no toll,
    its city no place named)."""
    line = doc.dateline
    # paragraphs part at blank lines; a text with none (a bulletin, a flattened page)
    # at the line breaks that stay breaks (``segment.unwrap`` joins the wrapped ones)
    gap = r"\n\n" if "\n\n" in doc.text else r"\n"
    breaks = [m.end() for m in re.finditer(gap, unwrap(doc.text))]
    doc.sentences = [
        Annotated(
            piece,
            paragraph=([0, *breaks])[bisect_right(breaks, piece.start)],
            headline=_is_headline(piece, doc.text),
            clause=number > 0,
        )
        for sentence in sentences(doc.text)
        for number, piece in enumerate(
            clauses(_after(sentence, line.start, line.length) if line else sentence, lang)
        )
        if piece.text.strip()
    ]


def _is_headline(sentence: Sentence, text: str) -> bool:
    """A title: the report's first line, alone in its paragraph, short and without a
    full stop, with a body after it."""
    body = text.find("\n\n")
    words = sentence.text.strip()
    return (
        sentence.start < max(body, 0)
        and len(words) <= 160
        and not words.endswith((".", "!", "?", '"', "”"))
        and bool(text[body:].strip())
    )


def _after(sentence: Sentence, start: int, cut: int) -> Sentence:
    if not sentence.start <= start < sentence.start + len(sentence.text):
        return sentence
    skip = max(0, min(len(sentence.text), cut - sentence.start))
    return Sentence(sentence.text[skip:], sentence.start + skip)
