"""An incident's fields, read from its sentences' annotations: the event type, date,
tolls, place, perpetrator and target, each with its evidence.

The order is fixed, and said here because one field reads another: the place comes
before the perpetrator (a state's forces written without their country, "troops
killed 20", are the forces of the country the incident is in), and the perpetrator
before the event type's last word (a state's forces killing is a clash).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from geocoding.precision import GeoPrecision
from ground.distances import km_apart
from intake.annotators.counts import of_militants
from intake.assemble import Incident, planted
from intake.document import Annotated, Document, Hit, PlaceMention
from intake.evidence import Candidate, assumed, evidence
from intake.placing import Placer, country_name, inside, named_as
from intake.segment import Sentence

RECENT_DAYS = 7  # an incident dated more than a week back is recalled, not reported
NEAR_AROUND_KM = 100  # "near X": a place named later this close is where it was
STATE_ACTORS = ("Government of ", "International forces")
ATTRIBUTIONS = ("claimed", "blamed", "suspected", "named")  # most sure first
_CONFIDENCE = {"claimed": 0.9, "blamed": 0.7, "suspected": 0.5, "named": 0.6}

_PART_BEFORE = re.compile(
    r"(?:including|among them|among the (?:dead|victims|killed)|of them|of whom|"
    r"as well as)\s+(?:at least\s+|some\s+|about\s+)?$",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(r"^\s*(?:of them|of whom|were among)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    """An armed group an incident's sentence names, and how it is named responsible."""

    sentence: Annotated
    hit: Hit
    kind: str  # one of ATTRIBUTIONS

    @property
    def rank(self) -> int:
        return ATTRIBUTIONS.index(self.kind)


def candidate(incident: Incident, doc: Document, placer: Placer) -> Candidate:
    """The candidate incident its sentences make."""
    made = Candidate()
    sentence, trigger = _most_specific_type(incident)
    made.fields["event_type"] = evidence(sentence, trigger, 0.8)
    _date(made, incident, doc)
    _people(made, incident.sentences)
    _place(made, incident.sentences, doc, placer)
    _perpetrator(made, incident.sentences)
    _state_fighting(made)
    _all_sides(made, incident.sentences)
    for sentence in incident.sentences:
        if sentence.target is not None:
            made.fields["target"] = evidence(sentence, sentence.target, 0.6)
            break
    for sentence in incident.sentences:  # who reports it, kept apart from who did it
        if sentence.speaker is not None:
            made.fields["reported_by"] = evidence(sentence, sentence.speaker, 0.6)
            break
    _mark_background(made, doc.published, _about_a_reaction(doc))
    return made


def _about_a_reaction(doc: Document) -> bool:
    """Whether the report opens with a reaction ("U.S. Condemns Pakistan Attacks"):
    the attacks it lists are the ones reacted to, already reported."""
    opening = next((s for s in doc.sentences if s.text.strip()), None)
    return opening is not None and opening.trigger is None and "reaction" in opening.cues


# What a generic word can turn out to be, told more closely later: "a bomb" that a
# later sentence says a suicide bomber set off; "an attack" that was a bombing.
_NARROWER = {
    "Bombing": ("Suicide bombing",),
    "Attack": ("Suicide bombing", "Airstrike", "Bombing"),
}


def _most_specific_type(incident: Incident) -> tuple[Annotated, Hit]:
    """The lead's event type, or a narrower one another sentence of the same incident
    names ("Bomb kills 3" / "the suicide bomber detonated ...")."""
    lead, trigger = incident.lead, incident.lead.trigger
    assert trigger is not None, "an incident starts at a sentence with a trigger"
    narrower = _NARROWER.get(str(trigger.value), ())
    own = [s for s in incident.sentences if s.cues.isdisjoint(_ABOUT_OTHERS)]
    if any(planted(s.text) for s in own):
        narrower = tuple(k for k in narrower if k != "Suicide bombing")  # "a roadside bomb"
    for kind in narrower:
        for sentence in own:
            if sentence.trigger is not None and sentence.trigger.value == kind:
                return sentence, sentence.trigger
    return lead, trigger


# sentences about other attacks than the incident's ("came days after fighters,
# including suicide bombers, stormed ..."): they do not say what this one was
_ABOUT_OTHERS = frozenset({"recap", "context_only", "habitual"})


def _date(made: Candidate, incident: Incident, doc: Document) -> None:
    """The incident's first date, else the dateline's day, else the report's."""
    lead, dated, published = incident.dated_in or incident.lead, incident.dated, doc.published
    if dated is None and doc.filed is not None and doc.dateline is not None:
        line = doc.dateline
        lead = Annotated(Sentence(doc.text[line.start : line.length], line.start))
        dated = doc.filed
    if dated is not None:
        vague = "this week" in lead.text[dated.hit.start : dated.hit.end].lower()
        made.fields["date"] = evidence(lead, dated.hit, 0.5 if vague else 0.9)
        made.fields["date_precision"] = evidence(lead, dated.hit, 0.9, dated.precision)
        if vague:
            made.notes.append(
                "date: 'earlier this week', some day of the six before "
                "the report; the report's date is recorded"
            )
    elif published is not None:
        made.fields["date"] = assumed(published, "(the report's date)", 0.5)
        made.fields["date_precision"] = assumed("day", "(the report's date)", 0.5)
        made.notes.append("date: the report's own date (no date in the text)")


def _people(made: Candidate, group: list[Annotated]) -> None:
    """Tolls from the incident's sentences, not from statistics told beside it ("an
    average of nine children are killed each day")."""
    group = [s for s in group if "habitual" not in s.cues]
    # "a governor and four police were killed in two separate attacks": the sum of
    # the attacks told next, not this one's toll, where this one has its own
    own = [s for s in group if "summary" not in s.cues]
    group = own if any(s.killed or s.injured for s in own) else group
    for column, found in (
        ("fatalities", [(s, h) for s in group for h in s.killed]),
        ("injured", [(s, h) for s in group for h in s.injured]),
    ):
        if found:
            _toll(made, column, found)
    attackers = [(s, h) for s in group for h in s.attackers]
    total = sum(h.value for _, h in attackers)
    if attackers and "fatalities" in made.fields:
        made.notes.append(f"attackers killed: {total}")
    elif attackers:  # "15 militants killed in Pakistan": they are the only dead named
        sentence, first = attackers[0]
        made.fields["fatalities"] = evidence(sentence, first, 0.6, total)
        made.notes.append(
            f"fatalities: {total}, all of them militants or attackers (no other deaths reported)"
        )


def _toll(made: Candidate, column: str, hits: list[tuple[Annotated, Hit]]) -> None:
    """The toll from the body where it gives one: a headline rounds and shortens
    ("Four levies men martyred" over "five people, including four levies men")."""
    hits = [sh for sh in hits if not sh[0].headline] or hits
    values = sorted({h.value for _, h in hits})
    updates = [(s, h) for s, h in hits if h.update]
    if updates:  # "the toll rose to 25" replaces the first figures
        sentence, chosen = max(updates, key=lambda sh: sh[1].value)
        why = "the latest toll given as risen"
    else:
        more = [sh for sh in hits if _ALSO.search(sh[0].text[: sh[1].start])]
        sentence, chosen = _whole_figure([sh for sh in hits if sh not in more] or hits)
        why = "the lowest exact figure that is not a part of another"
        later = [h.value for s, h in more if s.start > sentence.start and not h.vague]
        if later and not chosen.vague:
            chosen = replace(chosen, value=chosen.value + sum(later))
            made.notes.append(f"{column}: {sum(later)} more told after ('also killed')")
    if len(values) > 1:
        made.notes.append(
            f"{column}: reports differ ({', '.join(map(str, values))}); {chosen.value} kept ({why})"
        )
    if chosen.vague:  # "dozens" is no number: the toll stays unknown
        words = sentence.text[chosen.start : chosen.end]
        made.notes.append(f"{column}: vague ('{words}'), left unknown")
        return
    made.fields[column] = evidence(sentence, chosen, 0.85)


_ROUND = re.compile(r"[\w-]+\s+dozens?\b", re.IGNORECASE)
# "The attack also killed an Afghan doctor": more dead, told after the first figure
_ALSO = re.compile(r"\balso\s+(?:killed|wounded|injured|left)\s+(?:at least\s+)?$", re.IGNORECASE)


def _whole_figure(hits: list[tuple[Annotated, Hit]]) -> tuple[Annotated, Hit]:
    """The toll: the lowest exact figure (reports differ, the careful one is kept),
    leaving out a figure written as a part of another ("72 killed, including 13 U.S.
    troops" gave 13)."""
    exact = [sh for sh in hits if not sh[1].vague] or hits
    # "killing more than two dozen": a round figure, where an exact one is given too
    exact = [sh for sh in exact if not _ROUND.match(sh[0].text, sh[1].start)] or exact
    # "police gunned down two terrorists" beside "three policemen were martyred"
    exact = [sh for sh in exact if not of_militants(sh[0].text, sh[1])] or exact
    wholes = [sh for sh in exact if not _is_part(*sh)] or exact
    # "killed 11 people ... killed the head of the council": one person named among them
    wholes = [sh for sh in wholes if sh[1].value > 1] or wholes
    return min(wholes, key=lambda sh: sh[1].value)


def _is_part(sentence: Annotated, hit: Hit) -> bool:
    return bool(
        _PART_BEFORE.search(sentence.text[: hit.start])
        or _PART_AFTER.search(sentence.text[hit.end :])
    )


def _perpetrator(made: Candidate, group: list[Annotated]) -> None:
    """The best-attributed armed group; a state's forces where no group is claimed,
    blamed or suspected (a claim or a blame outranks the forces), and in an air
    strike unless a group claims it: the group named there is what was struck."""
    best = _group_named(made, group)
    if best is not None and best.kind == "named" and any("unclaimed" in s.cues for s in group):
        made.notes.append(f"{best.hit.value} named, but the report says no one claimed it")
        best = None  # "No group has claimed responsibility": a group named is context
    aerial = made.value("event_type") == "Airstrike"  # armed groups have no aircraft
    # a bombing's forces are its targets or responders ("police gunned down two of the
    # attackers"): states strike from the air, they do not plant bombs in this data
    bombing = made.value("event_type") in ("Bombing", "Suicide bombing")
    if not bombing and (
        best is None or best.kind == "named" or (aerial and best.kind != "claimed")
    ):
        state = _state_agent(group, str(made.value("country") or ""))
        if state is not None:
            best = Attribution(state[0], state[1], "named")
        elif _an_operation(made):  # "an intelligence-based operation": the state's own
            operation = made.fields["event_type"]
            actor = f"Government of {made.value('country')}"
            made.fields["actor"] = replace(operation, value=actor, confidence=0.6)
            made.fields["attribution"] = replace(operation, value="named", confidence=0.6)
            return
    if best is None:
        made.fields["actor"] = assumed("Unidentified", "(no group named)", 0.4)
        made.fields["attribution"] = assumed("unknown", "(no group named)", 0.4)
        return
    confidence = _CONFIDENCE[best.kind]
    made.fields["actor"] = evidence(best.sentence, best.hit, confidence)
    made.fields["attribution"] = evidence(best.sentence, best.hit, confidence, best.kind)


def _an_operation(made: Candidate) -> bool:
    """Whether the event is named as an operation ("a military operation", "an
    intelligence-based operation"): a state's, in the country where it took place."""
    kind = made.fields.get("event_type")
    if kind is None or kind.value != "Armed clash" or not made.value("country"):
        return False
    return bool(re.search(r"operation|\bIBO", kind.words, re.IGNORECASE))


def _state_agent(group: list[Annotated], country: str) -> tuple[Annotated, Hit] | None:
    for sentence in group:
        agent = sentence.agent
        if agent is None:
            continue
        if not agent.needs_country:
            return sentence, agent.hit
        if country:
            return sentence, replace(agent.hit, value=f"Government of {country}")
    return None


def _group_named(made: Candidate, group: list[Annotated]) -> Attribution | None:
    """The best-attributed armed group the incident's sentences name, or None."""
    best = None
    for sentence in group:
        cues = sentence.cues
        for hit in sentence.actors:
            if _SPEAKS.match(sentence.text, hit.end) and not ({"claimed", "blamed"} & cues):
                continue  # "..., the Taliban says": who reports it, not who did it
            if "context_only" in cues:
                made.notes.append(f"{hit.value} named as background, not as the perpetrator")
                continue
            claimed = "claimed" in cues and "no_claim" not in cues
            if "denied" in cues:
                made.notes.append(f"{hit.value} denied involvement")
                if not (claimed or "blamed" in cues):
                    continue
            kind = (
                "claimed"
                if claimed
                else "blamed"
                if "blamed" in cues
                else "suspected"
                if "suspected" in cues
                else "named"
            )
            found = Attribution(sentence, hit, kind)
            if best is None or found.rank < best.rank:
                best = found
    return best


# "..., the Taliban says", "the Taliban's deputy spokesman told": the group reports it
_SPEAKS = re.compile(
    r"(?:['’]s)?\s+(?:(?:[\w-]+\s+)?(?:spokes(?:man|woman|person)|officials?|statement)|"
    r"says?|said|told|reported|confirmed|announced)\b"
)
FIGHTING = ("Armed clash", "Airstrike")


def _all_sides(made: Candidate, group: list[Annotated]) -> None:
    """In fighting and air strikes every death counts, the militants' too (as UCDP
    and the labelled articles count them); in an attack on someone the attackers'
    own dead stay out of the toll."""
    toll = made.fields.get("fatalities")
    if toll is None:
        return
    # the militants counted where the toll is: elsewhere they may be another day's
    attackers = sum(
        h.value for s in group if s.start <= toll.start < s.start + len(s.text) for h in s.attackers
    )
    if not attackers or toll is None:
        return
    if made.value("event_type") in FIGHTING and not made.notes_say("all of them militants"):
        made.fields["fatalities"] = replace(toll, value=int(str(toll.value)) + attackers)
        made.notes.append(f"fatalities: both sides ({attackers} of them militants)")
    else:
        made.notes.append(f"fatalities: the {attackers} attackers killed are not counted")


def _state_fighting(made: Candidate) -> None:
    """A state's forces killing with no other word for how ("troops killed 20
    militants", "an operation killed 33") is fighting between armed parties, a clash,
    not an attack on someone."""
    kind = made.fields.get("event_type")
    actor = str(made.value("actor"))
    if kind is not None and kind.value == "Attack" and actor.startswith(STATE_ACTORS):
        made.fields["event_type"] = replace(kind, value="Armed clash")
        made.notes.append("event type: a state's forces killing, read as a clash")


def _mark_background(made: Candidate, published: date | None, reaction: bool = False) -> None:
    """An attack dated weeks before the report, or only by an earlier month, is one it
    recalls (a funeral, a trial, an anniversary, a comparison), not its news: kept,
    marked, and not proposed for the map by default.  So is any earlier attack in a
    report about a reaction to attacks (``reaction``)."""
    day = made.value("date", None)
    if published is None or not isinstance(day, date):
        return
    if reaction and day < published and made.value("date_precision") == "day":
        made.background = True
        made.notes.append(f"background: an attack ({day.isoformat()}) the report reacts to")
        return
    if made.value("date_precision") == "month":
        # "last week" is read as its month; it is before the report's week all the same
        earlier = (day.year, day.month) < (published.year, published.month) or (
            "last week" in made.fields["date"].words.lower()
        )
    else:
        earlier = (published - day).days > RECENT_DAYS
    if earlier:
        made.background = True
        made.notes.append(f"background: an earlier incident ({day.isoformat()}) the report recalls")


# --- the place -------------------------------------------------------------------


def _place(made: Candidate, group: list[Annotated], doc: Document, placer: Placer) -> None:
    """The first place the incident's own sentences give (not where a spokesman
    spoke, nor where people were going), else the dateline's, else one borrowed from
    around it."""
    named = [
        (sentence, mention)
        for sentence in group
        for mention in _mentions(sentence)
        if not (mention.speaker or mention.destination)
    ]
    body = [(s, m) for s, m in named if not s.headline]  # a headline shortens names
    named = body if any(placer.place(m) is not None for _, m in body) else named
    first = next((i for i, (_, m) in enumerate(named) if placer.place(m) is not None), None)
    if first is not None:
        sentence, mention, match = _most_precise(named[first:], placer)
        hit = Hit(_with_landmark(sentence, mention, match, placer), mention.start, mention.end)
        _set_place(made, sentence, hit, match, 0.8 if not match.fallback else 0.5)
        return
    if _dateline_place(made, doc, placer):
        return
    _nearby_place(made, group, doc, placer)


def _most_precise(
    named: list[tuple[Annotated, PlaceMention]], placer: Placer
) -> tuple[Annotated, PlaceMention, Any]:
    """The first place named, or a more precise one inside it named later ("in
    Helmand province ... in the Gereshk district"; "the governor of Badakhshan
    province ... in Faizabad"): the later words say where in the area it was."""
    sentence, mention = named[0]
    chosen = (sentence, mention, placer.place(mention))
    for sentence, mention in named[1:]:
        finer = placer.place_within(mention, chosen[2])
        if finer is None and chosen[1].near:
            finer = _close_by(mention, chosen[2], placer)
        if finer is not None:
            chosen = (sentence, mention, finer)
    return chosen


def _close_by(mention: PlaceMention, around: Any, placer: Placer) -> Any | None:
    """A district, village or landmark named after "near X", within a day's drive of
    X: where "near" was ("near the capital, Kabul ... in the Jalrez district")."""
    found = placer.place(mention)
    if found is None or found.precision.rank > GeoPrecision.DISTRICT.rank:
        return None
    if inside(around, found):
        return None  # "near Miranshah in North Waziristan": the district holds the town
    apart = km_apart(found.latitude, found.longitude, around.latitude, around.longitude)
    return found if apart <= NEAR_AROUND_KM else None


# A named spot the gazetteer does not have: kept in the location's words, placed at
# the town ("Police Lines, Quetta"), so the map's point stays honest and the spot is
# not lost.
_LANDMARK = re.compile(
    r"\b(?:Mosque|Masjid|Imambargah|Bazaar|Market|Police Lines|Gate|Hotel|Checkpoint|"
    r"Check Post|University|College|School|Hospital|Shrine|Church|Camp|Cantonment|Stadium|"
    r"Embassy|Consulate|Headquarters|Complex|Compound|Chowk|Square|Academy)$"
)


def _with_landmark(sentence: Annotated, mention: PlaceMention, match: Any, placer: Placer) -> str:
    """The place's name, led by the landmark the sentence puts it at, if the
    gazetteer does not know the landmark itself."""
    spot = next(
        (
            m
            for m in sentence.places
            if m.end <= mention.start and _LANDMARK.search(m.name) and placer.place(m) is None
        ),
        None,
    )
    if spot is not None and match.precision is not GeoPrecision.LANDMARK:
        return f"{spot.name}, {mention.name}"
    # a spot placed at the town it is in ("Police Lines, Quetta"): both named
    return mention.name if named_as(match, mention.name) else mention.query


def _mentions(sentence: Annotated) -> list:
    return [*([sentence.opening] if sentence.opening else []), *sentence.places]


def _dateline_place(made: Candidate, doc: Document, placer: Placer) -> bool:
    line = doc.dateline
    if line is None:
        return False
    query = line.place if not line.country else f"{line.place}, {line.country}"
    match = placer.ask(query)
    if match is None:
        return False
    sentence = Annotated(Sentence(doc.text[line.start : line.end], line.start))
    _set_place(made, sentence, Hit(line.place, 0, line.end - line.start), match, 0.6)
    made.notes.append("place: the dateline's")
    return True


def _nearby_place(made: Candidate, group: list[Annotated], doc: Document, placer: Placer) -> None:
    """No place in the incident's own sentences and no dateline: the nearest place
    the same paragraph names, else the next paragraph, the ones before, the article.
    Marked as borrowed, at lower confidence: an incident left unplaced could not be
    put on a map at all."""
    paragraph = doc.paragraph(group[0].start)
    following = doc.paragraph(min(len(doc.text), paragraph[1] + 2))
    scopes = (
        (paragraph, "its paragraph"),
        (following, "the next paragraph"),
        ((0, paragraph[0]), "the paragraphs before it"),
        ((paragraph[1], len(doc.text)), "the article"),
    )
    for (start, end), why in scopes:
        for sentence in doc.within(start, end) if end > start else []:
            for mention in _mentions(sentence):
                match = None if mention.destination else placer.place(mention)
                if match is None:
                    continue
                hit = Hit(mention.name, mention.start, mention.end)
                _set_place(made, sentence, hit, match, 0.4)
                made.notes.append(f"place: named in {why}, not in the incident's sentence")
                return


def _set_place(
    made: Candidate, sentence: Annotated, hit: Hit, match: Any, confidence: float
) -> None:
    made.fields["location"] = evidence(sentence, hit, confidence)
    for column, value in (
        ("latitude", match.latitude),
        ("longitude", match.longitude),
        ("geo_precision", match.precision.value),
        ("country", country_name(match)),
        ("matched_name", match.matched_name),
        ("geocoder", match.geocoder),
    ):
        made.fields[column] = evidence(sentence, hit, confidence, value)
