"""Whatever arrives, the importer answers with incidents + rejected rows, or one
clear ImportFileError; it never crashes and never loses a row."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidents.imports.errors import ImportFileError
from incidents.imports.formats import BY_NAME
from incidents.imports.importer import import_table
from incidents.imports.reading import read_table

ACLED = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "notes",
    "source",
]
GTD = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "country_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "gname",
    "attacktype1_txt",
    "nkill",
    "nwound",
    "summary",
]
UCDP = [
    "id",
    "date_start",
    "date_end",
    "date_prec",
    "side_a",
    "side_b",
    "country",
    "adm_1",
    "where_coordinates",
    "latitude",
    "longitude",
    "where_prec",
    "best",
    "low",
    "high",
]

cell = st.one_of(
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(
        [
            "",
            "0",
            "1",
            "2",
            "3",
            "-4",
            "1.5",
            "34.5",
            "200",
            "nan",
            "Unknown",
            "2021-08-26",
            "26 August 2021",
            "2021-13-45",
            "2021",
            "x,y",
            "a\nb",
            '"',
        ]
    ),
    st.integers(-1000, 100000).map(str),
)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


@st.composite
def export_files(draw):
    header = draw(st.sampled_from([ACLED, GTD, UCDP]))
    rows = draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=8))
    return header, rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(export_files())
def test_random_rows_never_crash_and_nothing_is_lost(file):
    header, rows = file
    data = _csv(header, rows)
    records = [r for r in csv.reader(io.StringIO(data.decode("utf-8"), newline=""))][1:]
    expected = sum(1 for r in records if any(c.strip() for c in r))
    try:
        result = import_table(read_table(data, "random.csv"), "random.csv")
    except ImportFileError as error:
        assert expected == 0, f"rows were readable but the file was refused: {error}"
        return
    assert result.format in BY_NAME
    assert result.rows_in == expected
    assert result.rows_in == len(result.incidents) + len(result.rejected)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data):
    try:
        table = read_table(data, "random.bin")
        result = import_table(table, "random.bin")
    except ImportFileError as error:
        assert str(error)
        return
    assert result.rows_in == len(result.incidents) + len(result.rejected)
