"""Dates: the day (or month, or year) a sentence puts its event on, resolved against
the publication date; and the text's own order for dates in figures."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache

from intake.document import Dated, Document, Hit
from intake.language import Language, language

# "reported on October 24", "said on Tuesday": when something was said, not done.
_SAID = re.compile(
    r"\b(?:reported|said|told|announced|published|stated|added|confirmed)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_SAID_WINDOW = 80  # characters: the verb and two words before a date
# "on Saturday (Oct 16) claimed responsibility": when the claim was made, not the attack.
_SAID_AFTER = re.compile(
    r"\W*(?:\([^)]{0,20}\)\s*)?(?:claimed|said|announced|reported|told|"
    r"confirmed|stated)\b",
    re.IGNORECASE,
)
# "On Tuesday, the Interior Ministry said ...": a sentence opening with the day the
# speaker spoke (not "... in Bannu on Thursday, the military said": the attack's day).
_OPENS = re.compile(
    r"^\W*(?:(?:also|and|meanwhile|separately|elsewhere),?\s+)?(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)
_SPEAKER_NEXT = re.compile(
    r",\s*(?:[\w'’.-]+\s+){1,6}?(?:claimed|said|announced|reported|told|confirmed|stated)\b",
    re.IGNORECASE,
)
# "since October 17": when a campaign began, not the day of the event reported.
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<b>\d{1,2})-(?P<a>\d{1,2})\b")


def _month_pattern(lang: Language) -> str:
    """A month written out or cut short ("Sept.", "Oct"), as the group ``month``."""
    forms = {m for name in lang.months for m in (name, name[:3])} | {"sept"}
    return rf"(?P<month>{'|'.join(sorted(forms, key=len, reverse=True))})\.?"


@cache
def _stems(lang: Language) -> re.Pattern[str]:
    """What every date pattern needs one of: a figure, a month's first three letters,
    "day" (the weekdays, yesterday, today), night, morning, week, month or ago."""
    months = sorted({m[:3] for m in lang.months} | {"sep"})
    return re.compile(rf"\d|day|night|morning|week|month|ago|{'|'.join(months)}", re.IGNORECASE)


@cache
def _patterns(lang: Language) -> tuple[tuple[str, re.Pattern[str]], ...]:
    month = _month_pattern(lang)
    weekday = "|".join(lang.weekdays)
    return (
        (
            "day",
            re.compile(
                rf"\b{month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b",
                re.IGNORECASE,
            ),
        ),
        (
            "day",
            re.compile(
                rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{month}(?:,?\s+(?P<year>\d{{4}}))?\b",
                re.IGNORECASE,
            ),
        ),
        (
            "weekday",
            re.compile(
                rf"\b(?:on |late on |early on |last )?(?P<weekday>{weekday})\b", re.IGNORECASE
            ),
        ),
        (
            "relative",
            re.compile(
                r"\b(?P<rel>yesterday|today|last night|overnight(?!\s+(?:on\s+|into\s+)?"
                r"(?:[a-z]+day|\d))|this morning|last week|"
                r"last month|earlier this month|earlier this week)\b",
                re.IGNORECASE,
            ),
        ),
        (
            "month",
            re.compile(
                rf"\b(?:in|during|since|(?:at|by) the (?:end|start|beginning|middle) of|"
                rf"in (?:early|mid|late)[- ]?)\s*{month}(?:\s+(?P<year>\d{{4}}))?\b",
                re.IGNORECASE,
            ),
        ),
        ("year", re.compile(r"\bin (?P<year>(?:19|20)\d\d)\b")),
        # "two days ago", "the day before yesterday": counted back by dateparser
        (
            "ago",
            re.compile(
                r"\b(?P<phrase>(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
                r"\s+(?:days?|weeks?)\s+ago|the day before yesterday)\b",
                re.IGNORECASE,
            ),
        ),
        ("iso", _ISO),
        ("numeric", _NUMERIC),
    )


def day_first(text: str) -> bool | None:
    """The text's own order for dates in figures ("03/07/2014"): day first if one of
    them has a first number over 12, month first if one has a second over 12, None
    when every one could be either."""
    orders = {
        int(m["a"]) > 12
        for m in _NUMERIC.finditer(text)
        if (int(m["a"]) > 12) != (int(m["b"]) > 12)
    }
    return orders.pop() if len(orders) == 1 else None


def when(
    sentence: str,
    published: date | None,
    day_first: bool | None = None,
    lang: Language | None = None,
) -> Dated | None:
    """The date the sentence puts its event on, and its precision (day, month, year),
    resolved against the publication date; None when it names no date.  Dates in
    figures follow ``day_first`` (the text's convention, see ``day_first``); with none
    known, month first, as coders' summaries (GTD's, UCDP's) write them.  A day
    something was said on ("reported on October 24") is not the event's."""
    return _first(sentence, published, day_first, lang or language(), said=False)


def said_on(
    sentence: str,
    published: date | None,
    day_first: bool | None = None,
    lang: Language | None = None,
) -> Dated | None:
    """The day the sentence says something was said or claimed on ("the army said
    Sunday it killed 20"): the nearest thing to the event's day when the sentence
    gives no other."""
    return _first(sentence, published, day_first, lang or language(), said=True)


def _first(
    sentence: str, published: date | None, day_first: bool | None, lang: Language, said: bool
) -> Dated | None:
    if not _stems(lang).search(sentence):
        return None  # most sentences name no day: one search instead of a dozen
    found: list[tuple[int, Dated]] = []
    for kind, pattern in _patterns(lang):
        for m in pattern.finditer(sentence):
            if _SINCE.search(sentence, max(0, m.start() - 20), m.start()):
                continue
            spoken = bool(
                _SAID.search(sentence, max(0, m.start() - _SAID_WINDOW), m.start())
                or _SAID_AFTER.match(sentence[m.end() :])
                or (
                    _OPENS.match(sentence[: m.start()]) and _SPEAKER_NEXT.match(sentence[m.end() :])
                )
            )
            if spoken != said:
                continue
            resolved = (
                _numeric(m, day_first, iso=kind == "iso")
                if kind in ("numeric", "iso")
                else _ago(m["phrase"], published)
                if kind == "ago"
                else _resolve(kind, m, published, lang)
            )
            if resolved is not None:
                day, precision = resolved
                found.append((m.start(), Dated(Hit(day, m.start(), m.end()), precision)))
    if not found:
        return None
    return min(found, key=lambda f: f[0])[1]


# "..., a day after another bomber killed 13": the clause's event is a day before the
# one just told.
_DAYS_APART = re.compile(
    r"^\W*(?P<n>a|one|two|three) days? (?P<way>after|before) (?:another|an earlier|an?|the)\b",
    re.IGNORECASE,
)


# "The battles came a day after the army said 33 fighters were killed": the event
# the sentence goes on to tell was that many days before the one just told
_CAME_APART = re.compile(
    r"\b(?:came|comes|followed)\s+(?P<n>a|one|two|three) days? (?P<way>after)\b", re.IGNORECASE
)
# "The deaths came on the same day that a car bomb killed five": the day just told
_SAME_DAY = re.compile(r"\b(?:on )?the same day\b", re.IGNORECASE)


def annotate(doc: Document, lang: Language) -> None:
    doc.day_first = day_first(doc.text)
    previous: date | None = doc.published
    for sentence in doc.sentences:
        sentence.dated = when(sentence.text, doc.published, doc.day_first, lang)
        if sentence.dated is not None and "referenced" in sentence.cues:
            # "on Thursday, to meet survivors of a train attack": the visit's day
            sentence.said_on, sentence.dated = sentence.dated, None
            continue
        apart = _DAYS_APART.match(sentence.text) or _CAME_APART.search(sentence.text)
        if apart is not None and previous is not None and sentence.dated is None:
            n = {"a": 1, "one": 1, "two": 2, "three": 3}[apart["n"].lower()]
            day = previous - timedelta(days=n if apart["way"].lower() == "after" else -n)
            sentence.dated = Dated(Hit(day, apart.start("n"), apart.end()), "day")
        same = _SAME_DAY.search(sentence.text) if sentence.dated is None else None
        if same is not None and previous is not None:
            sentence.dated = Dated(Hit(previous, same.start(), same.end()), "day")
        if sentence.dated is not None and sentence.dated.precision == "day":
            previous = sentence.dated.hit.value
        if sentence.dated is None:
            sentence.said_on = said_on(sentence.text, doc.published, doc.day_first, lang)


def _before_or_on(day: date, published: date) -> date:
    """A date written without its year: the latest such day not after publication."""
    return day if day <= published else day.replace(year=day.year - 1)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric(m: re.Match[str], first_is_day: bool | None, iso: bool) -> tuple[date, str] | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    if iso or a > 12 or (first_is_day and b <= 12):
        day = _safe(year, b, a)
    else:
        day = _safe(year, a, b)
    return (day, "day") if day else None


def _ago(phrase: str, published: date | None) -> tuple[date, str] | None:
    """A day counted back from the publication date, by ``dateparser`` (a week or
    more back is only as precise as its month)."""
    if published is None:
        return None
    import dateparser  # 0.2 s to import: only when a text counts back

    found = dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.combine(published, datetime.min.time()),
            "PREFER_DATES_FROM": "past",
        },
    )
    if found is None:
        return None
    if "week" in phrase.lower():
        return found.date().replace(day=1), "month"
    return found.date(), "day"


def _month(text: str, lang: Language) -> int:
    short = text.lower().rstrip(".")[:3]
    return next(n for n, name in enumerate(lang.months, start=1) if name[:3] == short)


def _resolve(
    kind: str, m: re.Match[str], published: date | None, lang: Language
) -> tuple[date, str] | None:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "day":
        return _on_day(_month(groups["month"], lang), int(groups["day"]), year, published)
    if published is None:
        return (date(year, 1, 1), "year") if kind == "year" and year else None
    if kind == "weekday":
        back = (published.weekday() - lang.weekdays.index(groups["weekday"].lower())) % 7
        if m.group(0).lower().startswith("last ") and back == 0:
            back = 7
        return published - timedelta(days=back), "day"
    if kind == "relative":
        return _relative(groups["rel"].lower(), published)
    if kind == "month":
        day = date(year or published.year, _month(groups["month"], lang), 1)
        return (day if year else _before_or_on(day, published)), "month"
    if kind == "year" and year:
        return date(year, 1, 1), "year"
    return None


def _on_day(month: int, number: int, year: int | None, published: date | None):
    if year is None:
        if published is None:
            return None
        day = _safe(published.year, month, number)
        return (_before_or_on(day, published), "day") if day is not None else None
    day = _safe(year, month, number)
    return (day, "day") if day is not None else None


def _relative(rel: str, published: date) -> tuple[date, str]:
    if rel in ("today", "this morning"):
        return published, "day"
    if rel in ("yesterday", "last night", "overnight"):  # the night began the day before
        return published - timedelta(days=1), "day"
    if rel == "last week":
        return (published - timedelta(days=7)).replace(day=1), "month"
    if rel == "earlier this month":
        return published.replace(day=1), "month"
    if rel == "earlier this week":  # some day of the six before; the reader is told
        return published, "day"
    first = published.replace(day=1) - timedelta(days=1)  # last month
    return first.replace(day=1), "month"
