"""The import formats, declared once (``incidents.imports.formats``) and read by
detection, the command's choices, the upload's choice, the status an import starts
with and the error texts."""

from __future__ import annotations

import pytest

from dashboard.app_pages.uploads import FORMAT_CHOICES
from dashboard.cli import build_parser
from incidents.imports.detect import detect_format
from incidents.imports.errors import ImportFileError
from incidents.imports.formats import BY_NAME, FALLBACK, FORMATS, format_named, listed, names
from incidents.imports.trust import default_status


def _import_choices() -> list[str]:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    action = next(a for a in commands["import"]._actions if a.dest == "format")
    return list(action.choices)


def test_the_command_and_the_upload_offer_every_format():
    assert _import_choices() == list(names()) == [f.name for f in FORMATS]
    assert FORMAT_CHOICES == ["auto", *names()]


@pytest.mark.parametrize("found", [f for f in FORMATS if not f.maps_columns], ids=lambda f: f.name)
def test_each_coded_header_is_detected_and_starts_confirmed(found):
    header = [c.upper() + " " for c in sorted(found.signature)] + ["something else"]
    assert detect_format(header).format == found.name
    assert default_status(found.name)[0] == "confirmed"


def test_any_other_header_is_the_mapped_table_which_awaits_review():
    assert FALLBACK.maps_columns and FALLBACK is FORMATS[-1]
    assert detect_format(["when", "where", "who"]).format == FALLBACK.name
    assert default_status(FALLBACK.name)[0] == "candidate"


def test_an_unknown_format_is_refused_naming_every_known_one():
    with pytest.raises(ImportFileError) as refused:
        format_named("xlsx-of-mine")
    assert listed() in str(refused.value)
    assert all(name in str(refused.value) for name in BY_NAME)
