"""Actor names that mean the same group, as the datasets write them."""
from __future__ import annotations

import pandas as pd
import pytest

from incidents.actors import actor_key, actor_keys
from incidents.imports.duplicates import likely_duplicates


@pytest.mark.parametrize("name, key", [
    ("Islamic State Khorasan Province (ISIS-K)", "islamic state"),
    ("Islamic State (Afghanistan)", "islamic state"),
    ("Khorasan Chapter of the Islamic State", "islamic state"),
    ("IS", "islamic state"),
    ("ISKP", "islamic state"),
    ("Daesh", "islamic state"),
    ("Tehrik-i-Taliban Pakistan (TTP)", "tehrik-i-taliban pakistan"),
    ("Tehreek-e-Taliban Pakistan", "tehrik-i-taliban pakistan"),
    ("TTP", "tehrik-i-taliban pakistan"),
    ("Taliban (Afghan border forces)", "taliban"),
    ("Taliban", "taliban"),
    ("Balochistan Liberation Army (BLA)", "baloch liberation army"),
    ("Baloch Liberation Army (BLA)", "baloch liberation army"),
    ("Balochistan Liberation Front", "baloch liberation front"),
    ("Tehreek-e-Jihad Pakistan (TJP)", "tehreek-e-jihad pakistan"),
    ("Unknown", "unidentified"),
    ("Unidentified Armed Group (Pakistan)", "unidentified"),
    ("Pakistan military", "pakistan military"),
    ("  Some  Local-Militia ", "some local militia"),
    ("This kind of group", "this kind of group"),
    (None, ""),
    (float("nan"), ""),
])
def test_actor_key(name, key):
    assert actor_key(name) == key


def test_actor_keys_keeps_the_index_and_fills_missing():
    names = pd.Series(["ISKP", None, "ISKP", "TTP"], index=[5, 6, 7, 8])
    assert actor_keys(names).to_dict() == {5: "islamic state", 6: "", 7: "islamic state",
                                           8: "tehrik-i-taliban pakistan"}


def _incidents(rows):
    frame = pd.DataFrame(rows, columns=["incident_id", "date", "date_precision", "actor",
                                        "latitude", "longitude"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def test_same_group_under_two_names_is_a_likely_duplicate():
    flags = likely_duplicates(_incidents([
        ("project:1", "2021-08-26", "day", "Islamic State Khorasan Province (ISIS-K)", 34.565, 69.212),
        ("acled:1", "2021-08-26", "day", "Islamic State (Afghanistan)", 34.56, 69.21),
        ("acled:2", "2021-08-26", "day", "Taliban", 34.56, 69.21),
    ]))
    assert flags.tolist() == ["acled:1", "project:1", ""]


def test_month_precision_dates_are_never_the_same_day():
    flags = likely_duplicates(_incidents([
        ("a", "2021-08-01", "month", "TTP", 34.0, 71.5),
        ("b", "2021-08-01", "month", "TTP", 34.0, 71.5),
        ("c", "2021-08-01", "day", "TTP", 34.0, 71.5),
    ]))
    assert flags.tolist() == ["", "", ""]
