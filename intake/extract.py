"""A report's candidate incidents, each field with its evidence and a confidence.

Read in three steps: the annotators read the report once (``intake.annotators``:
dateline, clauses, triggers, dates, tolls, groups, state agents, targets, places);
the assembly groups the annotated sentences into incidents (``intake.assemble``);
each incident's fields are read from its sentences (``intake.fields``).
"""

from __future__ import annotations

from typing import Any

from geocoding import budget
from intake.annotators import annotate
from intake.assemble import incidents
from intake.evidence import Candidate, Evidence
from intake.fields import candidate
from intake.placing import Placer
from intake.reports import Report

FUZZY_PER_REQUEST = 40  # near-spelling searches per paste, file or feed (~0.2 s each)

__all__ = ["FUZZY_PER_REQUEST", "Candidate", "Evidence", "Extractor"]


class Extractor:
    """Reads reports with one gazetteer (anything with ``resolve(query, country)``)."""

    def __init__(self, resolver: Any):
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
        doc = annotate(report.text, report.published)
        placer = Placer(self.resolver, doc.country)
        return [candidate(incident, doc, placer) for incident in incidents(doc, placer)]
