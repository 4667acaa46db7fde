"""Sentences to incidents: which annotated sentences report the same attack.

An incident starts at a sentence that names an event (a trigger, not in a threat,
plan or meeting) and collects the sentences after it, until another event sentence
puts itself on a different date, says it is a separate attack, recalls an earlier
one, or opens a round-up's next item (a later paragraph, its own toll, a place the
incident never named).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from intake.document import Annotated, Dated, Document
from intake.placing import Placer, inside


@dataclass
class Incident:
    """The sentences that report one attack: the first names it, ``dated`` is the
    first date any of them put it on."""

    lead: Annotated
    dated: Dated | None
    sentences: list[Annotated] = field(default_factory=list)


def incidents(doc: Document, placer: Placer) -> list[Incident]:
    """The report's incidents, in the order it first names them.  A sentence that
    recalls another time without a date of its own ("most of the attacks in the past
    month") belongs to no incident."""
    found: list[Incident] = []
    for sentence in doc.sentences:
        if sentence.trigger is not None and "recap" in sentence.cues and sentence.dated is None:
            continue
        if sentence.trigger is not None:
            if not found or _starts_another(sentence, found[-1], doc, placer):
                found.append(Incident(sentence, sentence.dated, [sentence]))
                continue
            if found[-1].dated is None and sentence.dated is not None:
                found[-1].dated = sentence.dated
        if found:
            if "recap" in sentence.cues and sentence.trigger is None and sentence.dated:
                continue  # background about another time, not this incident
            found[-1].sentences.append(sentence)
    return found


def _starts_another(sentence: Annotated, current: Incident, doc: Document, placer: Placer) -> bool:
    new_date = (
        sentence.dated is not None
        and current.dated is not None
        and sentence.dated.hit.value != current.dated.hit.value
    )
    recap = "recap" in sentence.cues and sentence.dated is not None
    return (
        new_date
        or "separate" in sentence.cues
        or recap
        or _elsewhere(sentence, current, doc, placer)
    )


def _places(sentence: Annotated, placer: Placer) -> list:
    """The gazetteer's places for what the sentence names, a round-up item's opening
    "In Herat," too (countries and unknown names left out)."""
    named = [*([sentence.opening] if sentence.opening else []), *sentence.places]
    return [p for m in named if (p := placer.place(m)) is not None]


def _same_area(a, b) -> bool:
    return a.matched_name == b.matched_name or inside(a, b) or inside(b, a)


def _elsewhere(sentence: Annotated, current: Incident, doc: Document, placer: Placer) -> bool:
    """A round-up's next item: an event sentence with a toll of its own, opening a
    later paragraph than its incident's lead and naming only places apart from all
    the incident named ("In Kandahar province, gunmen killed two policemen. / In
    southern Kabul, a roadside bomb killed a civilian.").  A place inside one named
    before is the same story told closer ("in Helmand province ... in the town of
    Lashkar Gah").  The headline is not a lead: the first paragraph says where the
    headline's event was."""
    group = current.sentences
    if all(s.start == 0 or s.trigger is None for s in group):
        return False
    leads = [s for s in group if doc.paragraph(s.start)[0] > 0] or group
    if doc.paragraph(sentence.start)[0] <= doc.paragraph(leads[0].start)[0]:
        return False
    if not (sentence.killed or sentence.injured):
        return False
    named = _places(sentence, placer)
    before = [p for s in group for p in _places(s, placer)]
    return bool(named and before) and not any(_same_area(a, b) for a in named for b in before)
