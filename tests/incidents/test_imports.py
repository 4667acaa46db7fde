"""Importing ACLED, UCDP GED, GTD and plain spreadsheets (fixtures in
tests/fixtures/imports/, written here with the real exports' headers)."""

from __future__ import annotations

import pandas as pd
import pytest

from incidents.imports.dates import iso_dates
from incidents.imports.detect import detect_format
from incidents.imports.errors import ImportFileError
from incidents.imports.importer import combine, import_file, import_table
from incidents.imports.plain import MappingStore, guess_mapping
from incidents.imports.reading import read_table
from tests.support import FIXTURES, km_between

IMPORTS = FIXTURES / "imports"


@pytest.fixture(scope="module")
def resolver(gazetteer, settings):
    from geocoding.offline import OfflineGazetteer

    return OfflineGazetteer(settings, gazetteer=gazetteer)


def by_id(result, incident_id):
    return result.incidents.set_index("incident_id").loc[incident_id]


def test_acled_with_text_dates(resolver):
    result = import_file(IMPORTS / "acled_text_dates.csv", resolver=resolver)
    assert result.format == "acled" and "event_id_cnty" in result.detection.reason
    assert result.rows_in == 7 == len(result.incidents) + len(result.rejected)
    first = by_id(result, "acled:TST1")
    assert first["date"] == pd.Timestamp("2021-08-26") and first["date_precision"] == "day"
    assert first["geo_precision"] == "town" and first["geo_precision_code"] == "1"
    assert first["source_id"] == "TST1" and first["event_type"] == "Suicide bomb"
    assert first["event_category"] == "Explosions/Remote violence"
    assert first["description"] == "Test fixture row, with a quoted comma."
    week = by_id(result, "acled:TST2")
    assert week["date_precision"] == "month" and week["date_precision_code"] == "2"
    assert "\n" in week["description"]  # a newline inside quotes stays in the note
    region = by_id(result, "acled:TST3")
    assert region["geo_precision"] == "province" and region["fatalities"] == 0


def test_rows_without_coordinates_are_geocoded_and_others_kept(resolver):
    result = import_file(IMPORTS / "acled_text_dates.csv", resolver=resolver)
    placed = by_id(result, "acled:TST2")
    assert km_between(placed["latitude"], placed["longitude"], 34.43, 70.45) < 10  # Jalalabad
    assert placed["geocoder"].startswith("offline")
    kept = by_id(result, "acled:TST1")
    assert (kept["latitude"], kept["longitude"]) == (34.5553, 69.2075)
    assert kept["geocoder"] == ""


def test_bad_rows_are_reported_with_row_field_and_value():
    result = import_file(IMPORTS / "acled_text_dates.csv")
    problems = dict(zip(result.rejected["row"], result.rejected["problems"], strict=False))
    assert "field 'date'" in problems[5] and "31 September 2021" in problems[5]
    assert "duplicate id" in problems[7]
    assert "negative count" in problems[8]
    assert result.rejected.loc[result.rejected["row"] == 5, "event_id_cnty"].item() == "TST4"


def test_likely_duplicates_are_flagged_not_merged():
    result = import_file(IMPORTS / "acled_text_dates.csv")
    assert by_id(result, "acled:TST1")["likely_duplicate_of"] == "acled:TST5"
    assert by_id(result, "acled:TST5")["likely_duplicate_of"] == "acled:TST1"
    assert by_id(result, "acled:TST3")["likely_duplicate_of"] == ""


def test_acled_iso_dates_bom_and_a_malformed_record():
    result = import_file(IMPORTS / "acled_iso_bom.csv")
    assert result.encoding == "utf-8-sig" and result.format == "acled"
    assert list(result.incidents["incident_id"]) == ["acled:TSTB1", "acled:TSTB2"]
    assert pd.isna(by_id(result, "acled:TSTB2")["fatalities"])  # empty stays unknown
    assert result.rejected["row"].tolist() == [4]
    assert "33 fields" in result.rejected["problems"].item()
    assert result.rows_in == 3


def test_ucdp_precision_best_low_high(resolver):
    result = import_file(IMPORTS / "ucdp_ged.csv", resolver=resolver)
    assert result.format == "ucdp"
    kabul = by_id(result, "ucdp:900001")
    assert kabul["date"] == pd.Timestamp("2021-08-26") and kabul["fatalities"] == 80
    assert (kabul["fatalities_low"], kabul["fatalities_high"]) == ("72", "120")
    assert kabul["geo_precision"] == "town" and kabul["actor"] == "Test side A"
    province = by_id(result, "ucdp:900002")
    assert province["geo_precision"] == "province" and province["date_precision"] == "month"
    assert province["admin1"] == "Nangarhar"
    country = by_id(result, "ucdp:900003")
    assert country["date_precision"] == "year" and pd.isna(country["fatalities"])
    assert country["geo_precision"] == "country"


def test_gtd_unknown_days_and_months(resolver):
    result = import_file(IMPORTS / "gtd.csv", resolver=resolver)
    assert result.format == "gtd"
    exact = by_id(result, "gtd:202108260001")
    assert exact["fatalities"] == 10 and exact["injured"] == 20 and exact["date_precision"] == "day"
    no_day = by_id(result, "gtd:202109000001")
    assert no_day["date"] == pd.Timestamp("2021-09-01") and no_day["date_precision"] == "month"
    assert no_day["location"] == ""  # "Unknown" is not a place
    assert no_day["geo_precision"] == "province"  # placed by its province
    no_month = by_id(result, "gtd:202100000001")
    assert no_month["date_precision"] == "year"
    assert result.rejected["row"].tolist() == [5]
    assert "iyear=20x1" in result.rejected["problems"].item()


def test_gtd_from_excel(tmp_path):
    frame = pd.read_csv(IMPORTS / "gtd.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "gtd.xlsx"
    frame.to_excel(path, index=False, sheet_name="Data")
    result = import_file(path)
    assert result.format == "gtd" and result.sheet == "Data"
    assert len(result.incidents) == 3 and result.rejected["row"].tolist() == [5]


def test_workbook_with_several_sheets_asks_which(tmp_path):
    path = tmp_path / "two.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"date": ["2021-01-01"], "actor": ["A"]}).to_excel(
            writer, sheet_name="2021", index=False
        )
        pd.DataFrame({"date": ["2022-01-01"], "actor": ["B"]}).to_excel(
            writer, sheet_name="2022", index=False
        )
    with pytest.raises(ImportFileError) as error:
        import_file(path)
    assert error.value.sheets == ["2021", "2022"] and "choose one" in str(error.value)
    result = import_file(path, sheet="2022")
    assert result.incidents["actor"].tolist() == ["B"]


def test_plain_cp1252_with_guessed_mapping(resolver):
    result = import_file(IMPORTS / "plain_cp1252.csv", resolver=resolver)
    assert result.format == "csv" and result.encoding == "cp1252"
    assert result.mapping["fatalities"] == "Killed" and result.mapping["actor"] == "Group"
    first = result.incidents.iloc[0]
    assert first["description"] == "Café attack – test fixture"
    assert first["incident_id"] == "plain_cp1252-2"
    problems = dict(zip(result.rejected["row"], result.rejected["problems"], strict=False))
    assert "not a whole number" in problems[3] and "01/02/2023" in problems[4]
    assert result.rows_in == 4 == len(result.incidents) + len(result.rejected)


def test_mapping_is_saved_for_the_same_header(tmp_path):
    store = MappingStore(tmp_path / "mappings.json")
    columns = ["When", "Who", "Where"]
    assert guess_mapping(columns) == {"date": "When"}
    store.save(columns, {"date": "When", "actor": "Who", "location": "Where"}, by="alice")
    assert store.load(["Where", "Who", "When"]) == {
        "date": "When",
        "actor": "Who",
        "location": "Where",
    }
    assert store.find(columns).by == "alice"
    assert store.load(["other"]) is None


def test_an_import_says_whose_saved_mapping_it_applied(tmp_path, monkeypatch):
    """A saved mapping changes how a file is read: the import names it and who saved it
    (a reader's saved mapping once made an editor's import store victims as actors)."""
    monkeypatch.setenv("INCIDENT_MAP_MAPPINGS", str(tmp_path / "mappings.json"))
    data = b"When,Who,Victims,Dead\n2024-01-02,Group A,Villagers,2\n"
    plain_read = import_table(read_table(data, "x.csv"), "x.csv")
    assert "applied" not in plain_read.detection.reason
    MappingStore().save(
        ["When", "Who", "Victims", "Dead"],
        {"date": "When", "actor": "Victims", "fatalities": "Dead"},
        by="bob",
    )
    again = import_table(read_table(data, "x.csv"), "x.csv")
    assert "the mapping saved for this header by bob" in again.detection.reason
    assert again.incidents.iloc[0]["actor"] == "Villagers"


def test_the_mappings_file_is_bounded(tmp_path):
    from incidents.imports.plain import MAX_MAPPINGS, MAX_MAPPINGS_BYTES

    store = MappingStore(tmp_path / "mappings.json")
    for n in range(MAX_MAPPINGS + 30):
        store.save([f"c{n}", "date"], {"date": "date", "actor": "x" * 5000}, by="y" * 5000)
    assert len(store._all()) == MAX_MAPPINGS
    assert store.find(["c0", "date"]) is None and store.find([f"c{MAX_MAPPINGS + 29}", "date"])
    assert (tmp_path / "mappings.json").stat().st_size < MAX_MAPPINGS_BYTES
    (tmp_path / "mappings.json").write_text("{" + " " * MAX_MAPPINGS_BYTES + "}")
    assert store.find([f"c{MAX_MAPPINGS + 29}", "date"]) is None  # an oversized file is not read


def test_format_can_be_overridden():
    table = read_table((IMPORTS / "gtd.csv").read_bytes(), "gtd.csv")
    as_plain = import_table(table, "gtd.csv", format="csv", mapping={"date": "iyear"})
    assert as_plain.format == "csv" and len(as_plain.incidents) == 3  # a year is a date
    assert as_plain.rejected["row"].tolist() == [5]  # "20x1" is not


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x00\x01\x02binary", "not a text table"),
        (b"just one column\nvalue\n", "not a table"),
        (b"colour,size\nred,big\n", "no column for the incident date"),
    ],
)
def test_bad_files_give_one_clear_sentence(data, message):
    with pytest.raises(ImportFileError, match=message):
        import_table(read_table(data, "upload.csv"), "upload.csv")


def test_size_limit_is_configurable(monkeypatch):
    monkeypatch.setenv("INCIDENT_MAP_MAX_IMPORT_MB", "0.001")
    with pytest.raises(ImportFileError, match=r"over the 0 MB limit|over the"):
        read_table(b"date,actor\n" + b"2021-01-01,A\n" * 200, "big.csv")


def test_header_only_imports_nothing():
    result = import_table(read_table(b"date,actor\n", "empty.csv"), "empty.csv")
    assert result.rows_in == 0 and result.incidents.empty


def test_combining_files_rejects_repeated_ids_and_flags_cross_source_duplicates():
    first = import_file(IMPORTS / "acled_text_dates.csv")
    again = import_file(IMPORTS / "acled_text_dates.csv")
    incidents, rejected = combine([first, again])
    assert len(incidents) == len(first.incidents)
    assert rejected["problems"].str.contains("already imported from an earlier file").sum() == 4
    assert len(incidents) + len(rejected) == first.rows_in + again.rows_in


def test_date_styles():
    values = pd.Series(
        [
            "2021-08-26",
            "26 August 2021",
            "August 26, 2021",
            "26-Aug-2021",
            "2021-08",
            "2021",
            "2021-08-26 00:00:00",
            "03/04/2021",
            "nonsense",
        ]
    )
    assert iso_dates(values).tolist() == [
        "2021-08-26",
        "2021-08-26",
        "2021-08-26",
        "2021-08-26",
        "2021-08",
        "2021",
        "2021-08-26",
        "03/04/2021",
        "nonsense",
    ]


def test_detection_by_header():
    assert (
        detect_format(["EVENT_ID_CNTY", "event_date", "actor1", "geo_precision"]).format == "acled"
    )
    assert detect_format(["id", "date_start", "side_a", "where_prec", "best"]).format == "ucdp"
    assert detect_format(["eventid", "iyear", "imonth", "iday", "gname"]).format == "gtd"
    assert detect_format(["Date", "Group"]).format == "csv"


def test_a_point_fills_its_district_and_province_never_over_the_source():
    """Rows with coordinates but no district or province get them from the official
    polygons, marked; what the source wrote stays; a province-level point gives no
    district, a point outside the region nothing."""
    data = (
        b"date,actor,latitude,longitude,admin1,admin2,geo_precision\n"
        b"2024-01-01,A,34.0,71.55,,,town\n"
        b"2024-01-02,B,31.6,65.7,Kandahar Province,,town\n"
        b"2024-01-03,C,51.5,0.1,,,town\n"
        b"2024-01-04,D,34.0,71.55,,,province\n"
    )
    result = import_table(read_table(data, "points.csv"), "points.csv")
    rows = result.incidents.set_index("actor")
    assert tuple(rows.loc["A", ["admin2", "admin1", "country"]]) == (
        "Peshawar",
        "Khyber Pakhtunkhwa",
        "Pakistan",
    )
    assert rows.loc["A", "admin_derived"] == "admin2,admin1,country"
    assert rows.loc["B", "admin1"] == "Kandahar Province"  # the source's own spelling
    assert (
        rows.loc["B", "admin2"] == "Kandahar" and rows.loc["B", "admin_derived"] == "admin2,country"
    )
    assert rows.loc["C", "admin_derived"] == "" and rows.loc["C", "admin1"] == ""
    assert rows.loc["D", "admin2"] == "" and rows.loc["D", "admin_derived"] == "admin1,country"
    assert any("3 rows with coordinates" in w for w in result.notes), result.notes


def test_duplicates_are_described_by_where_they_come_from():
    from incidents.imports.duplicates import describe_duplicates

    one_file = pd.DataFrame(
        {
            "incident_id": ["a", "b", "c"],
            "likely_duplicate_of": ["b", "a", ""],
            "source_file": ["ged.csv"] * 3,
        }
    )
    said = describe_duplicates(one_file)
    assert "2 look like an event the same file already holds" in said
    assert "another source" not in said
    two_files = one_file.assign(source_file=["ged.csv", "acled.csv", "acled.csv"])
    assert "2 look like the same event from another source" in describe_duplicates(two_files)
    assert describe_duplicates(one_file.assign(likely_duplicate_of="")) == ""
