"""The Streamlit app through streamlit.testing.v1.AppTest."""

from __future__ import annotations

from tests.support import FIXTURES
from tests.support.apptest import metrics, run_app, seen

BLA = "Balochistan Liberation Army (BLA)"


def multiselect(app, label):
    return next(w for w in app.sidebar.multiselect if w.label == label)


def test_project_data_is_shown(monkeypatch):
    app = run_app(monkeypatch)
    assert metrics(app)["Incidents"] == "32"
    assert metrics(app)["Date span"] == "Aug 2021 – Dec 2024"
    table = app.dataframe[0].value
    assert len(table) == 32 and "Abbey Gate" in " ".join(table["location"])
    refugees = table[table["location"] == "Ministry of Refugees, Kabul"].iloc[0]
    assert refugees["fatalities"] == "unknown", "an unknown toll is shown as unknown, not 0"
    assert not app.warning


def test_actor_filter_changes_counts_table_and_url(monkeypatch):
    app = run_app(monkeypatch)
    multiselect(app, "Actor").select(BLA).run()
    assert metrics(app)["Incidents"] == "3"
    assert len(app.dataframe[0].value) == 3
    assert app.query_params["actor"] == BLA or app.query_params.get_all("actor") == [BLA]
    assert "actor: " + BLA in seen(app.caption[0].value)


def test_other_filters_change_counts(monkeypatch):
    app = run_app(monkeypatch)
    multiselect(app, "Country").select("Pakistan").run()
    pakistan = int(metrics(app)["Incidents"])
    assert 0 < pakistan < 32
    app.sidebar.number_input[0].set_value(40).run()
    deadly = int(metrics(app)["Incidents"])
    assert 0 < deadly < pakistan
    assert all(int(n) >= 40 for n in app.dataframe[0].value["fatalities"])
    app.sidebar.text_input[0].input("mosque").run()
    assert 0 < int(metrics(app)["Incidents"]) < deadly
    assert app.query_params["q"] == "mosque"


def test_date_preset_and_custom_range(monkeypatch):
    app = run_app(monkeypatch)
    app.sidebar.selectbox[0].select("last365").run()
    last_year = int(metrics(app)["Incidents"])
    assert 0 < last_year < 32


def test_url_opens_the_same_view(monkeypatch):
    app = run_app(monkeypatch, query={"actor": BLA, "from": "2024-01-01"})
    assert metrics(app)["Incidents"] == "2"
    assert multiselect(app, "Actor").value == [BLA]


def test_empty_state_names_the_filter(monkeypatch):
    app = run_app(monkeypatch, query={"actor": BLA, "country": "Afghanistan"})
    assert metrics(app)["Incidents"] == "0"
    assert "country filter" in app.info[0].value


def test_bad_rows_are_reported_and_good_rows_still_shown(monkeypatch):
    app = run_app(monkeypatch, FIXTURES / "bad_incidents.csv")
    assert "5 of 7 rows" in app.warning[0].value
    text = " ".join(str(t.value) for t in app.text)
    assert "row 3, field 'latitude'" in text and "row 7, field 'incident_id'" in text
    assert metrics(app)["Incidents"] == "2"
    assert any("no coordinates" in c.value for c in app.caption)


def test_missing_file_is_a_clear_error(monkeypatch, tmp_path):
    app = run_app(monkeypatch, tmp_path / "nope.csv")
    assert "no such file" in app.error[0].value


def test_layers_and_map_position_come_from_the_url_and_go_back(monkeypatch):
    app = run_app(monkeypatch, query={"layers": "incidents,heat,bogus", "at": "33.5,68.25,7"})
    assert app.session_state["layers"] == ["incidents", "heat"]
    assert app.query_params["layers"] == "incidents,heat"
    assert app.query_params["at"] == "33.5000,68.2500,7"
    next(w for w in app.sidebar.multiselect if w.label == "Actor").select(BLA).run()
    assert "at" not in app.query_params, "a new selection is fitted, not kept at the old spot"


def test_snapshot_area_suggests_a_title_from_the_filters(monkeypatch):
    app = run_app(monkeypatch, query={"actor": BLA, "to": "2024-12-31"})
    title = next(w for w in app.text_input if w.label == "Title")
    assert title.placeholder.startswith("BLA incidents, ")
    assert [r.label for r in app.radio if r.label == "Format"] == ["Format"]


def test_snapshot_is_made_once_then_offered_until_the_view_changes(monkeypatch):
    app = run_app(monkeypatch, query={"actor": BLA})
    app.radio(key="snapshot_kind").set_value("html").run()
    assert not [b for b in app.get("download_button") if b.proto.label == "Download HTML"]
    app.button(key="snapshot_make").click().run()
    assert not app.exception, app.exception
    _fingerprint, content = app.session_state["snapshot_made"]
    assert b"<h1>BLA incidents, " in content
    assert [
        b.proto.label for b in app.get("download_button") if b.proto.label.startswith("Download H")
    ] == ["Download HTML"]
    app.text_input(key="snapshot_title").input("Another title").run()
    assert not [b for b in app.get("download_button") if b.proto.label == "Download HTML"], (
        "a file made for the old title is not offered for the new one"
    )


def test_uploaded_acled_file_is_imported_and_shown(monkeypatch):
    app = run_app(monkeypatch)
    data = (FIXTURES / "imports" / "acled_text_dates.csv").read_bytes()
    app.file_uploader(key="import_uploads").set_value(("acled.csv", data, "text/csv")).run()
    assert not app.exception, app.exception
    text = " ".join(seen(c.value) for c in app.caption)
    assert "ACLED export; 7 rows in, 4 imported, 3 rejected, 2 flagged" in text
    assert metrics(app)["Incidents"] == "4"
    rejected = next(d.value for d in app.dataframe if "problems" in d.value.columns)
    assert rejected["row"].tolist() == [5, 7, 8]
    app.radio(key="dataset").set_value("both").run()
    assert metrics(app)["Incidents"] == "36"


def test_plain_file_mapping_can_be_changed(monkeypatch):
    app = run_app(monkeypatch)
    data = (
        b"When,Who,Where,Toll\n2023-01-30,Test Group,Peshawar,3\n2023-02-01,Test Group,Quetta,x\n"
    )
    app.file_uploader(key="import_uploads").set_value(("mine.csv", data, "text/csv")).run()
    assert not app.exception, app.exception
    assert app.selectbox(key="import_map_0_date").value == "When"
    assert app.selectbox(key="import_map_0_fatalities").value == "(none)"
    assert metrics(app)["Fatalities (reported)"] == "0"
    app.selectbox(key="import_map_0_actor").set_value("Who")
    app.selectbox(key="import_map_0_fatalities").set_value("Toll").run()
    assert metrics(app)["Fatalities (reported)"] == "3"
    assert metrics(app)["Incidents"] == "1"  # the "x" row is rejected now


def test_a_bad_alias_file_is_shown_not_fatal(monkeypatch, tmp_path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("actor,other\n", encoding="utf-8")
    monkeypatch.setenv("INCIDENT_MAP_ACTOR_ALIASES", str(aliases))
    app = run_app(monkeypatch)
    warnings = " ".join(seen(w.value) for w in app.warning)
    assert (
        "Actor alias file: aliases.csv: the header must have the columns group and name" in warnings
    )
    assert metrics(app)["Incidents"] == "32"


def test_messages_name_files_not_server_paths(monkeypatch, tmp_path):
    aliases = tmp_path / "secret-folder" / "aliases.csv"
    monkeypatch.setenv("INCIDENT_MAP_ACTOR_ALIASES", str(aliases))
    app = run_app(monkeypatch, tmp_path / "secret-folder" / "nope.csv")
    shown = " ".join(seen(e.value) for e in [*app.error, *app.warning])
    assert "nope.csv" in shown and "secret-folder" not in shown and str(tmp_path) not in shown


def test_actor_filter_matches_every_side_and_the_switch_narrows_it(monkeypatch):
    app = run_app(monkeypatch)
    data = (FIXTURES / "imports" / "ucdp_sides.csv").read_bytes()
    app.file_uploader(key="import_uploads").set_value(("ucdp.csv", data, "text/csv")).run()
    actor = multiselect(app, "Actor")
    assert "Government of Testland (2)" in actor.options, "counted on every side"
    actor.select("Government of Testland").run()
    assert metrics(app)["Incidents"] == "2"
    assert set(app.dataframe[0].value["actor"]) == {"Test Front", "Government of Testland"}
    app.toggle(key="primary_only").set_value(True).run()
    assert metrics(app)["Incidents"] == "1"
    assert app.query_params["actor_role"] == "primary"


def test_by_default_the_app_shows_the_store_and_follows_its_changes(monkeypatch):
    import os

    from incidents.store import open_store

    app = run_app(monkeypatch)
    assert metrics(app)["Incidents"] == "32"
    assert any("Data: the incident store" in seen(c.value) for c in app.caption)
    store = open_store(os.environ["INCIDENT_MAP_DB"])
    first = store.incidents().iloc[0]
    store.review(first["incident_id"], "candidate", int(first["version"]), editor="analyst")
    app.run()
    assert metrics(app)["Incidents"] == "31", "a change in the store shows on the next run"


def test_a_cumulative_frame_is_named_by_its_last_day_on_the_timeline(monkeypatch):
    app = run_app(monkeypatch, query={"play": "month", "cumulative": "1", "frame": "2022-06-30"})
    shaded = [c.value for c in app.caption if "Shaded" in c.value]
    assert shaded == ["Shaded: the frame the map's player shows (up to 2022-06-30)."]


def test_an_unreachable_store_is_said_once_without_its_password(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.test_store_cli import UNREACHABLE
    from tests.support.apptest import APP

    monkeypatch.delenv("INCIDENT_MAP_DATA", raising=False)
    monkeypatch.setenv("INCIDENT_MAP_DB", UNREACHABLE)
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    assert [seen(e.value) for e in app.error] == [
        "cannot open the incident store at postgresql+psycopg://briefer:***@127.0.0.1:1/"
        'incidents: connection failed: connection to server at "127.0.0.1", port 1 failed: '
        "Connection refused"
    ]
