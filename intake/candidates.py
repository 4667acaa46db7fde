"""Candidates as rows of the incident schema, plus their evidence and confidence:
what the CLI writes, the store receives (as ``candidate``) and Review shows."""

from __future__ import annotations

import hashlib
import itertools
import json
from datetime import date
from typing import Any

import pandas as pd

from incidents.schema import COLUMNS
from intake.evidence import Candidate
from intake.reports import Report

EXTRA_COLUMNS = ("attribution", "reported_by", "background", "evidence", "confidence")


def _id(report: Report, number: int) -> str:
    digest = hashlib.sha1((report.url or report.text).encode("utf-8")).hexdigest()[:10]
    return f"intake:{digest}-{number}"


def _text(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def to_row(report: Report, candidate: Candidate, number: int) -> dict[str, str]:
    """One candidate as text cells in the schema (the importer's validation types
    them), its evidence as JSON: {field: {"text", "start", "end", "confidence"}}."""
    row = {column: _text(candidate.value(column)) for column in COLUMNS}
    row["incident_id"] = _id(report, number)
    first = candidate.fields.get("event_type")
    summary = first.sentence if first else report.text[:300]
    notes = list(candidate.notes)
    if report.url_from_page:
        notes.append("source URL as the page itself names it, not checked")
    row["description"] = " ".join([summary, *(f"[{n}]" for n in notes)])
    row["source"] = report.source or report.name
    row["source_url"] = report.url
    row["attribution"] = _text(candidate.value("attribution", "unknown"))
    row["reported_by"] = _text(candidate.value("reported_by", ""))
    row["background"] = "yes" if candidate.background else ""
    evidence = {
        name: {
            "text": e.sentence,
            "start": e.start,
            "end": e.end,
            "confidence": round(e.confidence, 2),
        }
        for name, e in candidate.fields.items()
    }
    row["evidence"] = json.dumps(evidence, ensure_ascii=False)
    confidences = [e.confidence for e in candidate.fields.values()]
    row["confidence"] = f"{sum(confidences) / len(confidences):.2f}" if confidences else "0"
    return row


def candidates_table(found: list[tuple[Report, list[Candidate]]]) -> pd.DataFrame:
    rows = [
        to_row(report, candidate, n)
        for report, candidates in found
        for n, candidate in enumerate(candidates, start=1)
    ]
    return pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA_COLUMNS])


def evidence_rows(candidate: Candidate) -> pd.DataFrame:
    """What a reviewer reads beside a candidate: each field, its value, how sure the
    rule is, and the sentence with the words it came from between ⟦ ⟧."""
    rows = []
    for name, found in candidate.fields.items():
        if name in ("latitude", "longitude", "matched_name", "geocoder", "date_precision"):
            continue
        local, length = found.start - found.sentence_start, found.end - found.start
        marked = found.sentence
        if length > 0 and 0 <= local and local + length <= len(marked):
            marked = f"{marked[:local]}⟦{marked[local : local + length]}⟧{marked[local + length :]}"
        rows.append(
            {
                "field": name,
                "value": _text(found.value),
                "confidence": round(found.confidence, 2),
                "evidence": marked,
            }
        )
    return pd.DataFrame(rows, columns=["field", "value", "confidence", "evidence"])


# Fields whose evidence a reviewer wants to see in the report itself.
MARKED_FIELDS = ("event_type", "date", "actor", "target", "location", "fatalities", "injured")


def marked_segments(text: str, candidate: Candidate) -> list[dict]:
    """The report cut where the candidate's evidence starts and ends: each piece of
    text with the fields it is evidence for ([] for the words in between), in order,
    covering the whole text once.  The page draws marked pieces highlighted."""
    spans = [
        (e.start, e.end, name)
        for name, e in candidate.fields.items()
        if name in MARKED_FIELDS and 0 <= e.start < e.end <= len(text)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments: list[dict[str, Any]] = []
    for start, end in itertools.pairwise(cuts):
        fields = [name for s, e, name in spans if s <= start and end <= e]
        if segments and segments[-1]["fields"] == fields:
            segments[-1]["text"] += text[start:end]
        else:
            segments.append({"text": text[start:end], "fields": fields})
    return segments
