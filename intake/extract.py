"""A report's candidate incidents, each field with its evidence and a confidence.

An incident starts at a sentence that names an event (a trigger word, not in a
threat, plan or meeting) and collects the sentences after it until another event
sentence that puts itself on a different date or recalls an earlier attack.  The
place comes from the incident's own sentences ("in", "near", "at" a gazetteer name,
never the place a spokesman spoke from), else from the report's dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from geocoding import budget
from incidents.registry import registry
from intake import rules
from intake.reports import Report
from intake.segment import Sentence, sentences

FUZZY_PER_REQUEST = 40  # near-spelling searches per paste, file or feed (~0.2 s each)

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z'’ -]{2,40}?)(?:,\s*(?P<country>[A-Z][A-Za-z ]{2,30}?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?\s*(?:\([^)]{1,40}\))?\s*[-—–]+\s"
)
_NOT_A_PLACE = (
    r"(?!(?i:jan(?:uary)?|feb(?:ruary)?|march|april|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b)"
)
# Words between a country's possessive and the place: "Pakistan's restive Balochistan".
_EPITHETS = (
    r"(?:(?:restive|troubled|volatile|remote|tribal|insurgency-hit|militancy-hit|"
    r"(?:north|south)?(?:east|west)?(?:ern)?|northern|southern|central)\s+)*"
)
_PLACE = re.compile(
    r"\b(?:in|near|at|outside|on the outskirts of|of|"
    r"(?:hit|struck|targeted|stormed|rocked)(?=\s+[A-Z]))\s+(?:the\s+)?"
    r"(?P<name>"
    + _NOT_A_PLACE
    + r"(?:(?:Pakistan|Pak|Afghanistan|India|Iran)['’]s\s+"
    + _EPITHETS
    + r")?"
    r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|(?:e|i|ul)\b))*(?:\s+(?:district|"
    r"province|city|town|village|area|tehsil|agency|airport|border crossing|"
    r"border|crossing))?)"
)
# What follows a place and contains it: "... of Chak district, Wardak", ", Helmand".
_AREA_NAME = (
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
    r"(?:\s+(?:district|province|agency|tehsil|division))?"
)
_CONTAINERS = re.compile(
    r"(?:\s+(?:district|area|tehsil))?(?:\s*(?:of|in)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central)(?:ern)?\s+)?|,\s*)"
    r"(?P<more>" + _AREA_NAME + r"(?:,\s*" + _AREA_NAME + r")*)(?=[,.;:)]|\s*$|\s+(?:on|in|at|"
    r"near|when|after|killing|wounding|and)\b)"
)


def _end_of(name: str, sentence: str) -> int:
    at = sentence.find(name)
    return at + len(name) if at >= 0 else len(sentence)


# Where people were going, not where the attack was.
_DESTINATION = re.compile(
    r"\b(?:travel(?:l?ing)? to|bound for|heading (?:to|for)|en route to|"
    r"on (?:its|their|his|her) way to|destined for|(?:a|the) (?:train|bus|"
    r"flight|convoy) (?:to|for))\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:of\s+)?$",
    re.IGNORECASE,
)
# "Jalalabad airport", "Wagah border": a landmark if the gazetteer has it, else the town
_SPOT = re.compile(r"\s+(?:airport|border crossing|border|crossing)$")
# "a spokesman in Kabul said", but not "in Mastung on Sunday, officials said".
# ", officials said" after the place is attribution, not a speaker's whereabouts.
_SPEAKER = re.compile(
    r"^\s*(?:(?!on\b|during\b|late\b|early\b|last\b|overnight\b)[\w'’]+\s+)"
    r"{0,3}?(?:said|told|says|added|announced)\b"
    r"|^\W*(?:on|by)\s+(?:phone|telephone)",
    re.IGNORECASE,
)
_SPEAKER_BEFORE = re.compile(
    r"(?:spokes(?:man|woman|person)|statement|told reporters|speaking|"
    r"briefing)\W+(?:\w+\W+){0,2}"
    r"(?:in|from|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
COUNTRIES = {"AF": "Afghanistan", "PK": "Pakistan", "IR": "Iran", "IN": "India"}


@dataclass
class Evidence:
    value: object
    sentence: str
    start: int  # offsets in the report
    end: int
    confidence: float
    sentence_start: int = 0  # where ``sentence`` begins in the report


RECENT_DAYS = 7  # an incident dated more than a week back is recalled, not reported


@dataclass
class Candidate:
    fields: dict[str, Evidence] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    background: bool = False  # an earlier attack the report recalls, not its news

    def value(self, name: str, default: object = "") -> object:
        found = self.fields.get(name)
        return found.value if found else default


def dateline(text: str) -> tuple[str, str, str, int, int] | None:
    """(place, country, date text, start, end) of a wire dateline ("KABUL, Aug 26
    (Reuters) -"), or None."""
    m = _DATELINE.match(text)
    if not m:
        return None
    return (
        m.group("place").strip().title(),
        (m.group("country") or "").strip(),
        m.group("date") or "",
        m.start("place"),
        m.end("place"),
    )


STATE_ACTORS = ("Government of ", "International forces")


def _state_fighting(candidate: Candidate) -> None:
    """A state's forces killing with no other word for how ("troops killed 20
    militants", "an operation killed 33") is fighting between armed parties, a clash,
    not an attack on someone."""
    kind = candidate.fields.get("event_type")
    actor = str(candidate.value("actor"))
    if kind is not None and kind.value == "Attack" and actor.startswith(STATE_ACTORS):
        candidate.fields["event_type"] = replace(kind, value="Armed clash")
        candidate.notes.append("event type: a state's forces killing, read as a clash")


def _mark_background(candidate: Candidate, published: date | None) -> None:
    """An attack dated weeks before the report, or only by an earlier month, is one it
    recalls (a funeral, a trial, an anniversary, a comparison), not its news: kept,
    marked, and not proposed for the map by default."""
    day = candidate.value("date", None)
    if published is None or not isinstance(day, date):
        return
    if candidate.value("date_precision") == "month":
        earlier = (day.year, day.month) < (published.year, published.month)
    else:
        earlier = (published - day).days > RECENT_DAYS
    if earlier:
        candidate.background = True
        candidate.notes.append(
            f"background: an earlier incident ({day.isoformat()}) the report recalls"
        )


_PART_BEFORE = re.compile(
    r"(?:including|among them|among the (?:dead|victims|killed)|of them|of whom|"
    r"as well as)\s+(?:at least\s+|some\s+|about\s+)?$",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(r"^\s*(?:of them|of whom|were among)\b", re.IGNORECASE)


def _whole_figure(hits: list) -> tuple:
    """The toll: the lowest exact figure (reports differ, the careful one is kept),
    leaving out a figure written as a part of another ("72 killed, including 13 U.S.
    troops" gave 13)."""
    exact = [sh for sh in hits if not sh[1].vague] or hits
    wholes = [sh for sh in exact if not _is_part(*sh)] or exact
    return min(wholes, key=lambda sh: sh[1].value)


def _is_part(sentence: Sentence, hit) -> bool:
    return bool(
        _PART_BEFORE.search(sentence.text[: hit.start])
        or _PART_AFTER.search(sentence.text[hit.end :])
    )


def _paragraph_of(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the paragraph (text between blank lines) holding offset ``at``."""
    start = text.rfind("\n\n", 0, at)
    end = text.find("\n\n", at)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def _is_actor(name: str) -> bool:
    """Whether a capitalised name is one of the registry's armed groups."""
    found = registry().identify(name)
    return found is not None and found.kind == "armed group"


def dateline_end(text: str) -> int:
    """Where the report's dateline ends (0 without one)."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _past(sentence: Sentence, cut: int) -> Sentence:
    """``sentence`` with whatever lies before ``cut`` (a report offset) blanked, same
    length: a dateline's day is not a toll ("PESHAWAR, Jan 3 - A bomb killed five."
    gave 3)."""
    blank = max(0, min(len(sentence.text), cut - sentence.start))
    return Sentence(" " * blank + sentence.text[blank:], sentence.start) if blank else sentence


def _evidence(
    sentence: Sentence, hit: rules.Hit, confidence: float, value: object = None
) -> Evidence:
    lead = len(sentence.text) - len(sentence.text.lstrip())
    return Evidence(
        hit.value if value is None else value,
        sentence.text.strip(),
        sentence.start + hit.start,
        sentence.start + hit.end,
        confidence,
        sentence.start + lead,
    )


# Where one sentence turns to another attack: "the bombing of a bus station in X on
# DATE, as well as an attack on a shrine in Y in March".
_CLAUSE_BREAK = re.compile(
    r",?\s+(?:as well as|along with|followed by|and later|while|whereas)\s+"
    r"|;\s+|,\s+and\s+(?=(?:an?|the|another)\s)",
    re.IGNORECASE,
)


def _clauses(sentence: Sentence) -> list[Sentence]:
    """The sentence cut where it turns to another event: each piece that names an
    event of its own is read as a sentence (the grouping then keeps together what
    shares a date, and parts what the recap or a date sets apart)."""
    text, pieces, start = sentence.text, [], 0
    for cut in _CLAUSE_BREAK.finditer(text):
        before, after = text[start : cut.start()], text[cut.end() :]
        if _is_event(Sentence(before, 0)) and rules.event_type(
            after.split(",")[0] + " " + after[:120]
        ):
            pieces.append(Sentence(before, sentence.start + start))
            start = cut.end()
    if not pieces:
        return [sentence]
    pieces.append(Sentence(text[start:], sentence.start + start))
    return pieces


def _is_event(sentence: Sentence) -> rules.Hit | None:
    found = rules.event_type(sentence.text)
    if found is None or rules.NOT_AN_EVENT.search(sentence.text):
        return None
    return found


_OPENING_PLACE = re.compile(
    r"^\W*(?:In|Near|At|Outside|Elsewhere in|Meanwhile in)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)


def _places_named(text: str) -> set[str]:
    """The place names a sentence gives, a round-up item's opening "In Herat," too."""
    named = {m.group("name").lower() for m in _PLACE.finditer(text)}
    opening = _OPENING_PLACE.match(text)
    return named | ({opening.group("name").lower()} if opening else set())


def _elsewhere(sentence: Sentence, group: list[Sentence], text: str) -> bool:
    """A round-up's next item: an event sentence with a toll of its own, opening a
    later paragraph than its group's lead and naming only places the group never
    named ("In Kandahar province, gunmen killed two policemen. / In southern Kabul, a
    roadside bomb killed a civilian.").  The headline is not a group's lead: the lead
    paragraph says where the headline's event was."""
    if not text or (len(group) == 1 and group[0].start == 0):
        return False
    leads = [s for s in group if _paragraph_of(text, s.start)[0] > 0] or group
    if _paragraph_of(text, sentence.start)[0] <= _paragraph_of(text, leads[0].start)[0]:
        return False
    named = _places_named(sentence.text)
    before = set().union(*(_places_named(s.text) for s in group))
    tolled = bool(rules.counts(sentence.text, "killed") or rules.counts(sentence.text, "injured"))
    return tolled and bool(named) and bool(before) and not named & before


def _groups(
    parts: list[Sentence],
    published: date | None,
    day_first: bool | None = None,
    text: str = "",
):
    """Sentences grouped per incident: (event sentence, its date, its sentences)."""
    groups: list[list] = []
    for sentence in parts:
        trigger = _is_event(sentence)
        dated = rules.when(sentence.text, published, day_first)
        if trigger is not None:
            new_date = (
                dated is not None
                and groups
                and groups[-1][1] is not None
                and dated[0].value != groups[-1][1][0].value
            )
            recap = rules.RECAP.search(sentence.text) is not None
            separate = rules.SEPARATE.search(sentence.text) is not None
            apart = bool(groups) and _elsewhere(sentence, groups[-1][2], text)
            if not groups or new_date or separate or apart or (recap and dated is not None):
                groups.append([sentence, dated, [sentence]])
                continue
            if groups[-1][1] is None and dated is not None:
                groups[-1][1] = dated
        if groups:
            if rules.RECAP.search(sentence.text) and trigger is None and dated is not None:
                continue  # background about another time, not this incident
            groups[-1][2].append(sentence)
    return groups


# "Pakistan's Lahore", "Pak's Balochistan", "Pakistani city of Lahore": the country
# says where to look; the place is what follows.
_OWNED = re.compile(
    r"^(?P<country>Pakistan|Pak|Afghanistan|India|Iran)['’]s\s+"
    + _EPITHETS
    + r"|^(?P<people>Pakistani|Afghan|Indian|Iranian)\s+(?:city|town|village|"
    r"province|district|capital|port city)(?:\s+of)?\s+"
)
_BARE_KIND = re.compile(
    r"^(?:Pakistani|Afghan|Indian|Iranian)\s+(?:city|town|village|province|"
    r"district|capital|port city)$"
)
_PEOPLE_COUNTRY = {
    "Pakistani": "Pakistan",
    "Afghan": "Afghanistan",
    "Indian": "India",
    "Iranian": "Iran",
    "Pak": "Pakistan",
}
# The countries themselves, not their adjectives: "near the Afghan border in Chaman"
# is a Pakistani town.
_COUNTRY_NAMED = re.compile(r"\b(Pakistan|Afghanistan)\b(?!i)|\b(Pak)\b")


def _owned(name: str, start: int) -> tuple[str, int, str]:
    """The place name without a country's possessive before it, where it now starts,
    and that country ("" when none)."""
    if _BARE_KIND.match(name):
        return "", start, ""  # "the Pakistani city" of Lahore: the name comes next
    m = _OWNED.match(name)
    if m is None:
        return name, start, ""
    country = m.group("country") or m.group("people")
    return name[m.end() :].strip(), start + m.end(), _PEOPLE_COUNTRY.get(country, country)


def _country_of(text: str) -> str:
    """The one country of the region the report names, or "" (none, or both)."""
    named = {
        _PEOPLE_COUNTRY.get(w, w) for m in _COUNTRY_NAMED.finditer(text) for w in m.groups() if w
    }
    return named.pop() if len(named) == 1 else ""


class Extractor:
    """Reads reports with one gazetteer (anything with ``resolve(query, country)``)."""

    def __init__(self, resolver):
        self.resolver = resolver

    def extract_request(
        self, reports: list[Report]
    ) -> tuple[list[tuple[Report, list[Candidate]]], str | None]:
        """Every report of one request (a paste, a file, a feed) with one budget of
        near-spelling searches (``FUZZY_PER_REQUEST``): a text of unknown names cannot
        hold the server.  Returns the candidates and, if the budget ran out, a note."""
        with budget.limited(FUZZY_PER_REQUEST) as spent:
            found = [(report, self.extract(report)) for report in reports]
        return found, spent.note("this request")

    def extract(self, report: Report) -> list[Candidate]:
        text = report.text
        line = dateline(text)
        published = report.published
        if published is None and line and line[2]:
            found = rules.when(line[2], date.today())
            published = found[0].value if found else None
        parts = [clause for sentence in sentences(text) for clause in _clauses(sentence)]
        made = [
            self._candidate(report, first, dated, group, line, published)
            for first, dated, group in _groups(parts, published, rules.day_first(text), text)
        ]
        for candidate in made:
            _mark_background(candidate, published)
        return made

    def _candidate(
        self, report, first: Sentence, dated, group: list[Sentence], line, published: date | None
    ) -> Candidate:
        candidate = Candidate()
        trigger = rules.event_type(first.text)
        assert trigger is not None, "a group starts at a sentence with a trigger"
        candidate.fields["event_type"] = _evidence(first, trigger, 0.8)
        self._date(candidate, first, dated, published)
        cut = dateline_end(report.text)
        self._people(candidate, [_past(sentence, cut) for sentence in group])
        self._place(candidate, group, line, text=report.text)
        self._perpetrator(candidate, group, report.text)
        _state_fighting(candidate)
        for sentence in group:
            found = rules.target(sentence.text)
            if found:
                candidate.fields["target"] = _evidence(sentence, found, 0.6)
                break
        return candidate

    @staticmethod
    def _date(candidate: Candidate, first: Sentence, dated, published: date | None) -> None:
        if dated is not None:
            hit, precision = dated
            vague = "this week" in first.text[hit.start : hit.end].lower()
            candidate.fields["date"] = _evidence(first, hit, 0.5 if vague else 0.9)
            candidate.fields["date_precision"] = _evidence(first, hit, 0.9, precision)
            if vague:
                candidate.notes.append(
                    "date: 'earlier this week', some day of the six before "
                    "the report; the report's date is recorded"
                )
        elif published is not None:
            candidate.fields["date"] = Evidence(published, "(the report's date)", 0, 0, 0.5)
            candidate.fields["date_precision"] = Evidence("day", "(the report's date)", 0, 0, 0.5)
            candidate.notes.append("date: the report's own date (no date in the text)")

    @staticmethod
    def _people(candidate: Candidate, group: list[Sentence]) -> None:
        for kind, column in (("killed", "fatalities"), ("injured", "injured")):
            hits = [(s, h) for s in group for h in rules.counts(s.text, kind)]
            if not hits:
                continue
            values = sorted({h.value for _, h in hits})
            updates = [(s, h) for s, h in hits if h.update]
            if updates:  # "the toll rose to 25" replaces the first figures
                sentence, chosen = max(updates, key=lambda sh: sh[1].value)
                why = "the latest toll given as risen"
            else:
                sentence, chosen = _whole_figure(hits)
                why = "the lowest exact figure that is not a part of another"
            if len(values) > 1:
                candidate.notes.append(
                    f"{column}: reports differ ({', '.join(map(str, values))}); "
                    f"{chosen.value} kept ({why})"
                )
            if chosen.vague:  # "dozens" is no number: the toll stays unknown
                candidate.notes.append(
                    f"{column}: vague ('{sentence.text[chosen.start : chosen.end]}'), left unknown"
                )
                continue
            candidate.fields[column] = _evidence(sentence, chosen, 0.85)
        attackers = [(s, h) for s in group for h in rules.attacker_counts(s.text)]
        total = sum(h.value for _, h in attackers)
        if attackers and "fatalities" in candidate.fields:
            candidate.notes.append(f"attackers killed: {total} (not in the toll)")
        elif attackers:  # "15 militants killed in Pakistan": they are the only dead named
            sentence, first = attackers[0]
            candidate.fields["fatalities"] = _evidence(sentence, first, 0.6, total)
            candidate.notes.append(
                f"fatalities: {total}, all of them militants or attackers "
                "(no other deaths reported)"
            )

    @staticmethod
    def _perpetrator(candidate: Candidate, group: list[Sentence], text: str = "") -> None:
        best = Extractor._group_named(candidate, group)
        if best is None or best[3] == "named":  # a claim or a blame outranks the forces
            country = str(candidate.value("country") or "")
            state = next(
                (
                    (s, h)
                    for s in group
                    if (h := rules.state_agent(s.text, text, country)) is not None
                ),
                None,
            )
            if state is not None:
                best = (3, state[0], state[1], "named")
        if best is None:
            candidate.fields["actor"] = Evidence("Unidentified", "(no group named)", 0, 0, 0.4)
            candidate.fields["attribution"] = Evidence("unknown", "(no group named)", 0, 0, 0.4)
            return
        _, sentence, hit, attribution = best
        confidence = {"claimed": 0.9, "blamed": 0.7, "suspected": 0.5, "named": 0.6}[attribution]
        candidate.fields["actor"] = _evidence(sentence, hit, confidence)
        candidate.fields["attribution"] = _evidence(sentence, hit, confidence, attribution)

    @staticmethod
    def _group_named(candidate: Candidate, group: list[Sentence]):
        """The best-attributed armed group the incident's sentences name, as (rank,
        sentence, hit, attribution), or None."""
        best = None
        for sentence in group:
            for hit in rules.actors(sentence.text):
                if rules.CONTEXT_ONLY.search(sentence.text):
                    candidate.notes.append(
                        f"{hit.value} named as background, not as the perpetrator"
                    )
                    continue
                claimed = rules.CLAIMED.search(sentence.text) and not rules.NO_CLAIM.search(
                    sentence.text
                )
                if rules.DENIED.search(sentence.text):
                    candidate.notes.append(f"{hit.value} denied involvement")
                    if not (claimed or rules.BLAMED.search(sentence.text)):
                        continue
                attribution = (
                    "claimed"
                    if claimed
                    else "blamed"
                    if rules.BLAMED.search(sentence.text)
                    else "suspected"
                    if rules.SUSPECTED.search(sentence.text)
                    else "named"
                )
                rank = ["claimed", "blamed", "suspected", "named"].index(attribution)
                if best is None or rank < best[0]:
                    best = (rank, sentence, hit, attribution)
        return best

    def _place(
        self, candidate: Candidate, group: list[Sentence], line, text: str, borrow: bool = True
    ) -> None:
        about = _country_of(text)
        for sentence in group:
            opening = _OPENING_PLACE.match(sentence.text)  # "In Herat, gunmen ..."
            for m in [*([opening] if opening else []), *_PLACE.finditer(sentence.text)]:
                if (
                    borrow
                    and (  # a place borrowed from elsewhere may be the officials'
                        _SPEAKER.search(sentence.text[m.end() :])
                        or _SPEAKER_BEFORE.search(
                            sentence.text[: m.start()] + m.group(0)[: m.start("name") - m.start()]
                        )
                    )
                ):
                    continue
                if _DESTINATION.search(sentence.text[: m.start("name")]):
                    continue  # "a train to travel to the garrison city of Rawalpindi"
                name, start, hint = _owned(m.group("name"), m.start("name"))
                if not name or _is_actor(name):  # "attacks by the Taliban" is no place
                    continue
                match = self._resolve(self._query(name, sentence.text), hint or about)
                if (match is None or match.fallback) and _SPOT.search(name):
                    name = _SPOT.sub("", name)
                    match = self._resolve(self._query(name, sentence.text), hint or about)
                if match is None or match.precision.value == "country" or match.score < 95:
                    continue
                hit = rules.Hit(name, start, m.end("name"))
                self._set_place(candidate, sentence, hit, match, 0.8 if not match.fallback else 0.5)
                return
        if line is not None:
            place, country, _, start, end = line
            match = self.resolver.resolve(place if not country else f"{place}, {country}")
            if match is not None:
                sentence = Sentence(text[:end], 0)
                self._set_place(candidate, sentence, rules.Hit(place, start, end), match, 0.6)
                candidate.notes.append("place: the dateline's")
                return
        if borrow:
            self._nearby_place(candidate, group, text)

    def _nearby_place(self, candidate: Candidate, group: list[Sentence], text: str) -> None:
        """No place in the incident's own sentences and no dateline: the nearest place
        the same paragraph names, else the article's lead (its headline and first
        paragraph name where the story is).  Marked as borrowed, at lower confidence:
        an incident left unplaced could not be put on a map at all."""
        first = group[0]
        paragraph = _paragraph_of(text, first.start)
        following = _paragraph_of(text, min(len(text), paragraph[1] + 2))
        scopes = (
            (paragraph, "its paragraph"),
            (following, "the next paragraph"),
            ((0, paragraph[0]), "the paragraphs before it"),
            ((paragraph[1], len(text)), "the article"),
        )
        for scope, why in scopes:
            if scope[1] <= scope[0]:
                continue
            before = Candidate()
            scoped = [Sentence(text[scope[0] : scope[1]], scope[0])]
            self._place(before, scoped, None, text, borrow=False)
            if "location" in before.fields:
                candidate.fields.update(
                    {
                        k: replace(v, confidence=min(v.confidence, 0.4))
                        for k, v in before.fields.items()
                    }
                )
                candidate.notes.append(f"place: named in {why}, not in the incident's sentence")
                return

    def _resolve(self, query: str, country: str):
        """The place within the country the report is about, if it names one, else in
        another country of the region: a bare "PM's" or "Kot" is not looked for in
        Syria.  A report that names no country is looked for anywhere."""
        if not country:
            return self.resolver.resolve(query)
        found = self.resolver.resolve(query, country=country)
        if found is not None and not found.fallback:
            return found
        found = self.resolver.resolve(query)  # another country of the region, then
        code = found.matched_name.rsplit(", ", 1)[-1].split(" ")[0] if found else ""
        return found if code in COUNTRIES else None

    @staticmethod
    def _query(name: str, sentence: str) -> str:
        """The name with the district or province the sentence adds ("X district of
        Y province" -> "X, Y"; "the Tangi area of Chak district, Wardak" -> "Tangi,
        Chak district, Wardak"; "Mir Ali, North Waziristan Agency"), so a village is
        looked for inside the right area."""
        after = _CONTAINERS.match(sentence, _end_of(name, sentence))
        # "Kandahar province" is the province, not its capital: the level word stays
        # for the gazetteer to read; "city", "village" and "area" say nothing it needs.
        cleaned = re.sub(r"\s+(?:city|town|village|area)$", "", name)
        if after is None:
            return cleaned
        parts = [p.strip() for p in re.split(r",\s*", after.group("more")) if p.strip()]
        return ", ".join([cleaned, *parts])

    @staticmethod
    def _set_place(
        candidate: Candidate, sentence: Sentence, hit: rules.Hit, match, confidence: float
    ) -> None:
        code = match.matched_name.rsplit(", ", 1)[-1].split(" ")[0]
        candidate.fields["location"] = _evidence(sentence, hit, confidence)
        for column, value in (
            ("latitude", match.latitude),
            ("longitude", match.longitude),
            ("geo_precision", match.precision.value),
            ("country", COUNTRIES.get(code, code)),
            ("matched_name", match.matched_name),
            ("geocoder", match.geocoder),
        ):
            candidate.fields[column] = _evidence(sentence, hit, confidence, value)
