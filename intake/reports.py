"""Reports as intake reads them: text with its publication date, source and URL,
from pasted text, a ``.txt`` or ``.html`` file, or the entries of an RSS/Atom feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from ground.encodings import decode_text
from intake.errors import IntakeError


class ReportError(IntakeError, ValueError):
    """A report that cannot be read; the message names the file and why."""


# A long news article is 10,000-30,000 characters.  Reading costs about 30 us a
# character, and text made to be slow (a capitalised word in every other place)
# ten times that: the limits keep one report under ten seconds and one file's
# reading from filling memory.  Over them, the reader is told; nothing is cut.
MAX_REPORT_CHARS = 100_000
MAX_REPORT_FILE_BYTES = 20_000_000


@dataclass(frozen=True)
class Report:
    text: str
    published: date | None = None
    source: str = ""
    url: str = ""
    title: str = ""
    name: str = ""  # the file (and entry) it came from, for messages
    url_from_page: bool = False  # the page named its own address (canonical, og:url, <base>)


def web_url(value: object) -> str:
    """``value`` if it is an http(s) address, else "": a ``javascript:`` or ``data:``
    URL from a paste or a page is never stored as a source."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) and " " not in text else ""


def publication_day(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


EARLIEST_PUBLISHED = date(1900, 1, 1)


def published_day(value: object, name: str = "the report") -> date | None:
    """A publication date the user gave, or None; ``ReportError`` when it cannot be
    one (before 1900, or after tomorrow): "9999-12-31" dated every incident in it in
    the year 9999, without a word."""
    day = publication_day(value)
    if day is None:
        return None
    latest = date.today() + timedelta(days=1)
    if not EARLIEST_PUBLISHED <= day <= latest:
        when = "in the future" if day > latest else "before 1900"
        raise ReportError(f"{name}: the publication date {day.isoformat()} is {when}")
    return day


def _plausible(day: date | None) -> date | None:
    """A date found in a page or feed, or None when it cannot be a publication's."""
    try:
        return published_day(day)
    except ReportError:
        return None


def from_text(
    text: str, published: object = None, source: str = "", url: str = "", name: str = "pasted text"
) -> Report:
    _check_length(text, name)
    return Report(
        text=text,
        published=published_day(published, name),
        source=source,
        url=web_url(url),
        name=name,
    )


def _check_length(text: str, name: str) -> None:
    if len(text) > MAX_REPORT_CHARS:
        raise ReportError(
            f"{name}: {len(text):,} characters of text, over the limit of "
            f"{MAX_REPORT_CHARS:,} for one report; split it into its articles"
        )


def _html(path: Path, published: object, source: str, url: str) -> Report:
    import trafilatura

    raw = decode_text(path.read_bytes())
    text = (
        trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True)
        or ""
    )
    meta = trafilatura.extract_metadata(raw)
    if not text.strip():
        raise ReportError(f"{path.name}: no article text found in the page")
    _check_length(text, path.name)
    found_date = _plausible(publication_day(getattr(meta, "date", None))) if meta else None
    # Where the page says it lives (its canonical link, og:url or <base href>) is the
    # page's own claim, not where it was fetched: kept only as http(s), and marked.
    claimed = web_url(getattr(meta, "url", "") if meta else "")
    given = web_url(url)
    return Report(
        text=text,
        published=published_day(published, path.name) or found_date,
        source=source or (getattr(meta, "sitename", "") or "") if meta else source,
        url=given or claimed,
        url_from_page=not given and bool(claimed),
        title=(getattr(meta, "title", "") or "") if meta else "",
        name=path.name,
    )


def _feed(path: Path, published: object, source: str, url: str) -> list[Report]:
    import feedparser

    feed = feedparser.parse(path.read_bytes())
    if feed.bozo and not feed.entries:
        raise ReportError(f"{path.name}: not a readable RSS or Atom feed ({feed.bozo_exception})")
    title = feed.feed.get("title", "")
    reports = []
    for number, entry in enumerate(feed.entries, start=1):
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        day = _plausible(date(*parsed[:3])) if parsed else None
        text = ". ".join(
            p for p in (entry.get("title", ""), _strip_tags(entry.get("summary", ""))) if p
        )
        _check_length(text, f"{path.name} entry {number}")
        reports.append(
            Report(
                text=text,
                published=published_day(published, path.name) or day,
                source=source or title,
                url=web_url(url) or web_url(entry.get("link", "")),
                url_from_page=not web_url(url) and bool(web_url(entry.get("link"))),
                title=entry.get("title", ""),
                name=f"{path.name} entry {number}",
            )
        )
    return reports


def _strip_tags(html: str) -> str:
    """A feed summary's text only (markup in feeds is common and untrusted)."""
    import re
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", " ", html or "")).strip()


def read_reports(
    path: Path, published: object = None, source: str = "", url: str = ""
) -> list[Report]:
    """Every report in ``path``: one for a text or HTML file, one per feed entry."""
    path = Path(path)
    if not path.is_file():
        raise ReportError(f"{path.name}: no such file")
    size = path.stat().st_size
    if size > MAX_REPORT_FILE_BYTES:
        raise ReportError(
            f"{path.name} is {size / 1e6:,.0f} MB, over the "
            f"{MAX_REPORT_FILE_BYTES / 1e6:.0f} MB limit for a report file"
        )
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return [_html(path, published, source, url)]
    if suffix in (".rss", ".atom", ".xml"):
        return _feed(path, published, source, url)
    text = decode_text(path.read_bytes())
    return [from_text(text, published, source or path.stem, url, name=path.name)]
