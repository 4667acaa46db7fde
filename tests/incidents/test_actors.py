"""Actor names that mean the same group, as the datasets write them."""

from __future__ import annotations

import pandas as pd
import pytest

from incidents.actors import actor_key, actor_keys
from incidents.imports.duplicates import likely_duplicates


@pytest.mark.parametrize(
    "name, key",
    [
        ("Islamic State Khorasan Province (ISIS-K)", "iskp"),
        ("Islamic State (Afghanistan)", "iskp"),
        ("Khorasan Chapter of the Islamic State", "iskp"),
        ("IS", "iskp"),
        ("ISKP", "iskp"),
        ("Daesh", "iskp"),
        ("Tehrik-i-Taliban Pakistan (TTP)", "ttp"),
        ("Tehreek-e-Taliban Pakistan", "ttp"),
        ("TTP", "ttp"),
        ("Taliban (Afghan border forces)", "taliban"),
        ("Taliban", "taliban"),
        ("Balochistan Liberation Army (BLA)", "bla"),
        ("Baloch Liberation Army (BLA)", "bla"),
        ("Balochistan Liberation Front", "blf"),
        ("Tehreek-e-Jihad Pakistan (TJP)", "tjp"),
        ("Unknown", "unidentified"),
        ("Unidentified Armed Group (Pakistan)", "unidentified"),
        ("Pakistan military", "state-pk"),
        ("  Some  Local-Militia ", "some local militia"),
        ("This kind of group", "this kind of group"),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_actor_key(name, key):
    assert actor_key(name) == key


def test_actor_keys_keeps_the_index_and_fills_missing():
    names = pd.Series(["ISKP", None, "ISKP", "TTP"], index=[5, 6, 7, 8])
    assert actor_keys(names).to_dict() == {
        5: "iskp",
        6: "",
        7: "iskp",
        8: "ttp",
    }


def _incidents(rows):
    frame = pd.DataFrame(
        rows, columns=["incident_id", "date", "date_precision", "actor", "latitude", "longitude"]
    )
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def test_same_group_under_two_names_is_a_likely_duplicate():
    flags = likely_duplicates(
        _incidents(
            [
                (
                    "project:1",
                    "2021-08-26",
                    "day",
                    "Islamic State Khorasan Province (ISIS-K)",
                    34.565,
                    69.212,
                ),
                ("acled:1", "2021-08-26", "day", "Islamic State (Afghanistan)", 34.56, 69.21),
                ("acled:2", "2021-08-26", "day", "Taliban", 34.56, 69.21),
            ]
        )
    )
    assert flags.tolist() == ["acled:1", "project:1", ""]


def test_month_precision_dates_are_never_the_same_day():
    flags = likely_duplicates(
        _incidents(
            [
                ("a", "2021-08-01", "month", "TTP", 34.0, 71.5),
                ("b", "2021-08-01", "month", "TTP", 34.0, 71.5),
                ("c", "2021-08-01", "day", "TTP", 34.0, 71.5),
            ]
        )
    )
    assert flags.tolist() == ["", "", ""]


def test_user_aliases_come_first_and_bad_rows_are_named(tmp_path, monkeypatch):
    from incidents.actors import ALIASES_ENV, read_aliases, user_aliases

    text = (
        "\ufeffgroup,name\n"
        "Al-Shabaab,Harakat al-Shabaab al-Mujahideen\n"
        "Al-Shabaab,Al Shabaab (Somalia)\n"
        ",Nameless group\n"
        "Some group,\n"
        "Islamic State,Wilayat Somalia\n"
    )
    table = read_aliases(text, "aliases.csv")
    assert table.problems == (
        "aliases.csv row 4: group is empty",
        "aliases.csv row 5: name is empty",
    )
    assert actor_key("Harakat al-Shabaab al-Mujahideen", table.aliases) == "al shabaab"
    assert actor_key("AL SHABAAB (Somalia)", table.aliases) == "al shabaab"
    assert actor_key("Wilayat Somalia", table.aliases) == actor_key("ISKP") == "iskp"
    assert actor_key("TTP", table.aliases) == "ttp", "built-in groups stay"
    assert read_aliases("actor,alias\nx,y\n").problems == (
        "aliases: the header must have the columns group and name",
    )

    path = tmp_path / "aliases.csv"
    path.write_text(text, encoding="utf-8")
    assert user_aliases({}).aliases == {}
    assert user_aliases({ALIASES_ENV: str(path)}).aliases == table.aliases
    assert "cannot read" in user_aliases({ALIASES_ENV: str(tmp_path / "nope.csv")}).problems[0]
    monkeypatch.setenv(ALIASES_ENV, str(path))
    flags = likely_duplicates(
        _incidents(
            [
                ("ucdp:1", "2022-01-05", "day", "Al Shabaab (Somalia)", 2.04, 45.34),
                ("acled:1", "2022-01-05", "day", "Harakat al-Shabaab al-Mujahideen", 2.05, 45.33),
            ]
        )
    )
    assert flags.tolist() == ["acled:1", "ucdp:1"]
