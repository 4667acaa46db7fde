"""Bringing a file in: format detection, the user's overrides, counts and the
rejected rows.  Used by the Map page (look at a file without keeping it) and the
Data page (import it into the store)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.app_pages.shared import editor, import_upload
from ground.csv_cells import to_csv_bytes
from ground.plain_text import plain
from incidents.datasets import CHOICES
from incidents.imports.duplicates import describe_duplicates
from incidents.imports.errors import ImportFileError
from incidents.imports.formats import BY_NAME, names
from incidents.imports.importer import ImportResult, combine
from incidents.imports.plain import SYNONYMS, MappingStore

FORMAT_CHOICES = ["auto", *names()]
NO_COLUMN = "(none)"


def _import_one(upload, number: int, prefix: str = "import") -> ImportResult | None:
    """One uploaded file: detection, the user's overrides, counts and rejected rows."""
    st.markdown(f"**{plain(upload.name)}**")
    cols = st.columns([1, 1, 2])
    chosen = cols[0].selectbox(
        "Format",
        FORMAT_CHOICES,
        key=f"{prefix}_format_{number}",
        format_func=lambda f: "as detected" if f == "auto" else BY_NAME[f].label,
    )
    sheet = st.session_state.get(f"{prefix}_sheet_{number}")
    mapping_keys = {f: f"{prefix}_map_{number}_{f}" for f in SYNONYMS}
    mapping = None
    if all(k in st.session_state for k in mapping_keys.values()):
        mapping = tuple(
            (f, st.session_state[k])
            for f, k in mapping_keys.items()
            if st.session_state[k] != NO_COLUMN
        )
    try:
        result = import_upload(
            upload.getvalue(), upload.name, None if chosen == "auto" else chosen, sheet, mapping
        )
    except ImportFileError as exc:
        if exc.sheets:
            cols[1].selectbox(
                "Sheet",
                exc.sheets,
                index=None,
                key=f"{prefix}_sheet_{number}",
                placeholder="choose a sheet",
            )
        st.error(plain(exc))
        return None
    if result.sheet:
        cols[1].selectbox(
            "Sheet",
            [result.sheet] if not sheet else [sheet],
            disabled=True,
            key=f"{prefix}_sheet_shown_{number}",
        )
    cols[2].caption(
        plain(
            f"Detected: {result.detection.reason}"
            + (f" · read as {result.encoding}" if result.encoding else "")
        )
    )
    if BY_NAME[result.format].maps_columns:
        _mapping_editor(result, mapping_keys)
    st.caption(plain(result.summary()))
    for warning in result.warnings:
        st.warning(plain(warning))
    for note in result.notes:
        st.caption(plain(note))
    if len(result.rejected):
        st.dataframe(result.rejected, hide_index=True, height=180)
        st.download_button(
            "Download the rejected rows",
            to_csv_bytes(result.rejected),
            f"rejected-{upload.name}.csv",
            "text/csv",
            key=f"{prefix}_rej_{number}",
        )
    return result


def _mapping_editor(result: ImportResult, keys: dict[str, str]) -> None:
    st.caption("Columns of the file for each field (guessed from the header; change any):")
    options = [NO_COLUMN, *result.columns]
    grid = st.columns(4)
    for i, (field, key) in enumerate(keys.items()):
        current = (result.mapping or {}).get(field, NO_COLUMN)
        if key not in st.session_state:
            st.session_state[key] = current
        grid[i % 4].selectbox(field, options, key=key)
    who = editor()
    if not who.can_edit:  # a reader's mapping would change how an editor's import is read
        st.caption(plain(f"Remembering a mapping needs edit rights ({who.reason})."))
        return
    if st.button("Remember this mapping for files with these columns", key=f"{key}_save"):
        MappingStore().save(result.columns, result.mapping or {}, by=who.name)
        st.toast("Mapping saved")


def read_uploads(prefix: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The file picker and each file's import; returns (incidents, rejected) of all
    files together, or None before any file is usable."""
    uploads = st.file_uploader(
        "Incident files",
        type=["csv", "tsv", "txt", "xlsx", "xls"],
        accept_multiple_files=True,
        key=f"{prefix}_uploads",
    )
    results = [
        r for n, u in enumerate(uploads or []) if (r := _import_one(u, n, prefix)) is not None
    ]
    if not results:
        return None
    imported, rejected = combine(results)
    repeated = len(rejected) - sum(len(r.rejected) for r in results)
    if repeated:
        st.warning(f"{repeated} rows repeat an id from an earlier file and were left out.")
    said = describe_duplicates(imported)
    if said:
        st.info(plain(said))
    return imported, rejected


def show_import_area() -> tuple[pd.DataFrame | None, str]:
    """Look at files beside the data without keeping them; returns (imported, choice)."""
    with st.expander(
        "Bring your own data (ACLED, UCDP GED, GTD, CSV or Excel) to look at "
        "in this session; the Data page keeps it in the store"
    ):
        read = read_uploads("import")
        if read is None:
            return None, "project"
        choice = st.radio(
            "Show", list(CHOICES), format_func=CHOICES.get, key="dataset", index=1, horizontal=True
        )
        return read[0], choice
