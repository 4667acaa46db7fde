"""A media-monitoring export read at once: rows in = reports read + rows refused."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from intake.batch import Columns, read_batch
from intake.cli import main
from intake.reports import ReportError

EXPORT = (
    b"id,headline,body,date,link\n"
    b'1,Gunmen kill 4 in Bannu,"Gunmen shot dead four policemen at a checkpoint in Bannu, '
    b'Pakistan on Monday.",2023-05-08,https://example.org/1\n'
    b"2,,,,\n"
    b"3,Blast in Quetta,A bomb killed 6 people at a market in Quetta.,someday,"
    b"javascript:alert(1)\n"
)
COLUMNS = Columns(text="body", title="headline", published="date", url="link")


def test_each_row_is_a_report_and_each_refusal_names_its_row_and_field():
    batch = read_batch(EXPORT, "export.csv", COLUMNS)
    assert batch.rows == 3 == len(batch.reports) + len(batch.refused)
    assert batch.refused == ["export.csv row 3: body is empty"]
    assert batch.warnings and "export.csv row 4: date 'someday'" in batch.warnings[0]
    first, second = batch.reports
    assert (
        first.text.startswith("Gunmen kill 4 in Bannu\n\n") and first.url == "https://example.org/1"
    )
    assert second.published is None and second.url == ""  # not an http(s) address: dropped
    assert second.source == "export.csv row 4"  # the candidate names the row it came from


def test_json_lines_read_the_same_way():
    lines = "\n".join(
        json.dumps(r)
        for r in (
            {
                "text": "A roadside bomb killed 3 soldiers in Kech, Pakistan.",
                "published": "2022-01-02",
            },
            {"text": ""},
        )
    )
    batch = read_batch(lines.encode(), "feed.jsonl", Columns(published="published"))
    assert len(batch.reports) == 1 and batch.refused == ["feed.jsonl line 2: text is empty"]
    assert str(batch.reports[0].published) == "2022-01-02"


def test_a_missing_column_is_named_with_the_columns_there_are():
    with pytest.raises(ReportError, match=r"no column --text-col 'text'.*id, headline"):
        read_batch(EXPORT, "export.csv")
    with pytest.raises(ReportError, match="line 1: not JSON"):
        read_batch(b"{oops\n", "feed.jsonl")


def test_the_command_reads_an_export_into_candidates(tmp_path, offline, capsys):
    path = tmp_path / "export.csv"
    path.write_bytes(EXPORT)
    out = tmp_path / "candidates.csv"
    assert (
        main(
            [
                str(path),
                "--text-col",
                "body",
                "--title-col",
                "headline",
                "--published-col",
                "date",
                "--url-col",
                "link",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert sorted(table["location"]) == ["Bannu", "Quetta"]
    assert set(table["source_url"]) == {"https://example.org/1", ""}
    assert "export.csv row 4" in set(table["source"])
    said = capsys.readouterr().err
    assert "3 rows, 2 reports read, 1 refused" in said and "row 3: body is empty" in said
