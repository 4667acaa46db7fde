"""Reports as intake reads them: text with its publication date, source and URL,
from pasted text, a ``.txt`` or ``.html`` file, or the entries of an RSS/Atom feed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


class ReportError(ValueError):
    """A report that cannot be read; the message names the file and why."""


@dataclass(frozen=True)
class Report:
    text: str
    published: date | None = None
    source: str = ""
    url: str = ""
    title: str = ""
    name: str = ""  # the file (and entry) it came from, for messages


def _day(value: object) -> date | None:
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


def from_text(text: str, published: object = None, source: str = "", url: str = "",
              name: str = "pasted text") -> Report:
    return Report(text=text, published=_day(published), source=source, url=url, name=name)


def _html(path: Path, published: object, source: str, url: str) -> Report:
    import trafilatura
    raw = path.read_text(encoding="utf-8", errors="replace")
    text = trafilatura.extract(raw, include_comments=False, include_tables=False,
                               favor_precision=True) or ""
    meta = trafilatura.extract_metadata(raw)
    if not text.strip():
        raise ReportError(f"{path.name}: no article text found in the page")
    found_date = _day(getattr(meta, "date", None)) if meta else None
    return Report(text=text, published=_day(published) or found_date,
                  source=source or (getattr(meta, "sitename", "") or "") if meta else source,
                  url=url or (getattr(meta, "url", "") or "") if meta else url,
                  title=(getattr(meta, "title", "") or "") if meta else "", name=path.name)


def _feed(path: Path, published: object, source: str, url: str) -> list[Report]:
    import feedparser
    feed = feedparser.parse(path.read_bytes())
    if feed.bozo and not feed.entries:
        raise ReportError(f"{path.name}: not a readable RSS or Atom feed ({feed.bozo_exception})")
    title = feed.feed.get("title", "")
    reports = []
    for number, entry in enumerate(feed.entries, start=1):
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        day = date(*parsed[:3]) if parsed else None
        text = ". ".join(p for p in (entry.get("title", ""), _strip_tags(
            entry.get("summary", ""))) if p)
        reports.append(Report(text=text, published=_day(published) or day,
                              source=source or title, url=url or entry.get("link", ""),
                              title=entry.get("title", ""), name=f"{path.name} entry {number}"))
    return reports


def _strip_tags(html: str) -> str:
    """A feed summary's text only (markup in feeds is common and untrusted)."""
    from html import unescape
    import re
    return unescape(re.sub(r"<[^>]+>", " ", html or "")).strip()


def read_reports(path: Path, published: object = None, source: str = "",
                 url: str = "") -> list[Report]:
    """Every report in ``path``: one for a text or HTML file, one per feed entry."""
    path = Path(path)
    if not path.exists():
        raise ReportError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return [_html(path, published, source, url)]
    if suffix in (".rss", ".atom", ".xml"):
        return _feed(path, published, source, url)
    text = path.read_text(encoding="utf-8", errors="replace")
    return [from_text(text, published, source or path.stem, url, name=path.name)]
