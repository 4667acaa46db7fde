"""The Data page: add an incident, edit one (form or table), delete and restore,
its history, imports into the store, and the store as CSV or GeoJSON."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.app_pages.shared import (
    ALL_STATUSES,
    WITH_CANDIDATES,
    editing,
    editor,
    geocoder,
    store,
    stored,
)
from dashboard.app_pages.uploads import read_uploads
from engine.filters import MAX_SEARCH
from geocoding.precision import PRECISION_WORDS
from ground.plain_text import plain
from incidents.exports import to_csv, to_geojson
from incidents.imports.trust import by_status
from incidents.schema import DATE_PRECISIONS, FIELD_LABELS
from incidents.store import ConflictError, StoreError
from incidents.store.editing import (
    EDITABLE,
    FieldErrors,
    NotAllowed,
    cell_text,
    place_suggestions,
    table_changes,
)

FORM_FIELDS = (
    *("date", "date_precision", "actor", "actor2", "associated_actors", "target"),
    *("event_type", "location", "admin2", "admin1", "country", "latitude", "longitude"),
    *("geo_precision", "fatalities", "injured", "description", "source", "source_url"),
)
LABELS = {name: FIELD_LABELS[name] for name in FORM_FIELDS} | {
    "date": "Date (YYYY-MM-DD, or YYYY-MM for a month)"
}
CHOICES = {"date_precision": ("", *DATE_PRECISIONS), "geo_precision": ("", *PRECISION_WORDS)}
TABLE_ROWS = 500


def _field(container, name: str, key: str) -> None:
    """One form field: a choice where the schema has a list, text otherwise (so a
    value the schema refuses stays as typed, to be corrected)."""
    if name in CHOICES:
        container.selectbox(LABELS[name], CHOICES[name], key=key)
    elif name == "description":
        container.text_area(LABELS[name], key=key)
    else:
        container.text_input(LABELS[name], key=key)


def _form_fields(prefix: str) -> dict[str, str]:
    grid = st.columns(3)
    for i, name in enumerate(n for n in LABELS if n != "description"):
        _field(grid[i % 3], name, f"{prefix}_{name}")
    _field(st, "description", f"{prefix}_description")
    return {name: st.session_state.get(f"{prefix}_{name}", "") for name in LABELS}


def _show_field_errors(fields: dict[str, str]) -> None:
    st.error(
        plain("Not saved. " + "; ".join(f"{LABELS.get(k, k)}: {v}" for k, v in fields.items()))
    )


def _place_lookup() -> None:
    """Type a place, choose where it is: the chosen point and its precision go into
    the form's coordinates."""
    cols = st.columns([2, 1, 1, 1])
    place = cols[0].text_input("Look up a place", key="add_lookup_place", max_chars=MAX_SEARCH)
    admin2 = cols[1].text_input("District", key="add_lookup_admin2", max_chars=MAX_SEARCH)
    admin1 = cols[2].text_input("Province", key="add_lookup_admin1", max_chars=MAX_SEARCH)
    country = cols[3].text_input("Country", key="add_lookup_country", max_chars=MAX_SEARCH)
    if not place:
        return
    found = place_suggestions(geocoder(), place, country, admin1, admin2)
    if not found:
        st.warning(
            plain(
                f"{place} is not in the gazetteer; type the coordinates, or name the "
                "district or province to place it there."
            )
        )
        return
    labels = [f["label"] for f in found]
    # Radio options are Markdown (images included); a typed place is in the note.
    chosen = st.radio("Where is it?", labels, key="add_lookup_choice", format_func=plain)
    if st.button("Use this place", key="add_lookup_use"):
        pick = found[labels.index(chosen)]
        for name in ("latitude", "longitude", "geo_precision"):
            st.session_state[f"add_{name}"] = str(pick[name])
        st.session_state["add_location"] = st.session_state.get("add_location") or place
        for name, value in (("admin2", admin2), ("admin1", admin1), ("country", country)):
            if value and not st.session_state.get(f"add_{name}"):
                st.session_state[f"add_{name}"] = value
        st.session_state["add_matched"] = (pick["matched_name"], pick["geocoder"])
        st.rerun()


def show_add() -> None:
    st.caption(
        "The schema's rules apply before anything is written; a refused field is "
        "named and what you typed stays."
    )
    _place_lookup()
    with st.form("add_form", clear_on_submit=False):
        values = _form_fields("add")
        status = st.radio("Status", ["confirmed", "candidate"], horizontal=True, key="add_status")
        note = st.text_input("Note for the history", key="add_note")
        submitted = st.form_submit_button("Add the incident", type="primary")
    if not submitted:
        return
    matched = st.session_state.get("add_matched")
    if matched:
        values["matched_name"], values["geocoder"] = matched
    try:
        new_id = editing().add(values, status=status, note=note)
    except FieldErrors as exc:
        _show_field_errors(exc.fields)
    except (NotAllowed, StoreError) as exc:
        st.error(plain(str(exc)))
    else:
        st.success(plain(f"Added {new_id} as {status}."))


def _pick_incident(everything: pd.DataFrame) -> pd.Series | None:
    labels = {
        r.incident_id: f"{r.incident_id} · {cell_text(r.date)} · {r.actor} · {r.location}"
        + (" (deleted)" if r.deleted else "")
        for r in everything.itertuples()
    }
    ids = list(labels)
    wanted = st.session_state.pop("edit_id", None)
    if wanted in labels:
        st.session_state["edit_pick"] = wanted
    chosen = st.selectbox(
        "Incident",
        ids,
        format_func=labels.__getitem__,
        key="edit_pick",
        index=None,
        placeholder="type to search by id, actor or place",
    )
    return everything.set_index("incident_id").loc[chosen].rename(chosen) if chosen else None


def show_edit(may_edit: bool) -> None:
    everything = stored(ALL_STATUSES, include_deleted=True)
    current = _pick_incident(everything)
    if current is None:
        return
    if message := st.session_state.pop("edit_saved", None):
        st.success(plain(message))
    incident_id = str(current.name)
    # The version this editor opened stays theirs until they save or reload: a
    # colleague's save meanwhile must be a conflict, not silently replace the form.
    version = st.session_state.setdefault(f"edit_version_{incident_id}", int(current["version"]))
    st.caption(
        plain(
            f"Version {version} · status {current['status']}"
            + (" · deleted" if current["deleted"] else "")
        )
    )
    if version != int(current["version"]):
        st.warning(
            plain(
                f"Someone saved version {int(current['version'])} since you opened "
                f"version {version}."
            )
        )
        if st.button("Load the stored version", key=f"edit_reload_{incident_id}"):
            st.session_state[f"edit_version_{incident_id}"] = int(current["version"])
            st.rerun()
    prefix = f"edit_{incident_id}_{version}"  # a new version loads fresh values
    for name in LABELS:
        st.session_state.setdefault(f"{prefix}_{name}", cell_text(current[name]))
    if may_edit:
        with st.form(f"edit_form_{incident_id}"):
            values = _form_fields(prefix)
            note = st.text_input("Note for the history", key=f"{prefix}_note")
            saved = st.form_submit_button("Save", type="primary")
        if saved:
            changes = {k: v for k, v in values.items() if v != cell_text(current[k])}
            _save(incident_id, changes, version, note)
        _delete_or_restore(incident_id, version, bool(current["deleted"]))
    show_history(incident_id)


def _save(incident_id: str, changes: dict, version: int, note: str) -> None:
    if not changes:
        st.info("Nothing changed.")
        return
    try:
        new = editing().save(incident_id, changes, version, note=note)
    except ConflictError as exc:
        st.error(plain(str(exc)))
        st.dataframe(
            pd.DataFrame(
                {
                    "field": list(exc.mine),
                    "stored now": [cell_text(exc.theirs.get(k)) for k in exc.mine],
                    "yours": [cell_text(v) for v in exc.mine.values()],
                }
            ),
            hide_index=True,
        )
    except (NotAllowed, StoreError) as exc:
        st.error(plain(str(exc)))
    else:
        st.session_state[f"edit_version_{incident_id}"] = new
        st.session_state["edit_saved"] = f"Saved {incident_id} as version {new}."
        st.rerun()


def _delete_or_restore(incident_id: str, version: int, deleted: bool) -> None:
    label = "Restore" if deleted else "Delete (hidden, can be restored)"
    if st.button(label, key=f"edit_delete_{incident_id}_{version}"):
        try:
            action = editing().restore if deleted else editing().delete
            new = action(incident_id, version)
        except (NotAllowed, StoreError) as exc:
            st.error(plain(str(exc)))
        else:
            st.session_state[f"edit_version_{incident_id}"] = new
            st.rerun()


def show_history(incident_id: str) -> None:
    st.subheader("History")
    rows = [
        {
            "version": c["version"],
            "when": f"{c['at']:%Y-%m-%d %H:%M}",
            "who": c["editor"],
            "what": c["action"],
            "note": c["note"],
            "changes": "; ".join(f"{k}: {a!r} → {b!r}" for k, (a, b) in c["changes"].items()),
        }
        for c in store().history(incident_id)
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def show_table(may_edit: bool) -> None:
    shown = stored(WITH_CANDIDATES)
    search = st.text_input("Only rows containing", key="table_search", max_chars=MAX_SEARCH)[
        :MAX_SEARCH
    ]  # a client may send more
    if search:
        hay = shown[["incident_id", "actor", "location", "admin1", "description"]].astype(str)
        shown = shown[
            hay.apply(lambda c: c.str.contains(search, case=False, regex=False)).any(axis=1)
        ]
    shown = shown.sort_values("date", ascending=False).head(TABLE_ROWS).reset_index(drop=True)
    st.caption(f"{len(shown)} rows (at most {TABLE_ROWS}; narrow with the search).")
    columns = ["incident_id", "status", "version", *[c for c in EDITABLE if c in shown]]
    before = shown[columns]
    after = st.data_editor(
        before,
        hide_index=True,
        width="stretch",
        key="table_editor",
        disabled=["incident_id", "status", "version"] if may_edit else True,
    )
    if may_edit and st.button("Save the table's changes", key="table_save"):
        outcomes = editing().save_table(
            table_changes(before, after),
            dict(zip(before["incident_id"], before["version"], strict=False)),
        )
        for outcome in outcomes:
            (st.success if outcome.saved else st.error)(
                plain(f"{outcome.incident_id}: {outcome.message}")
            )
        if not outcomes:
            st.info("Nothing changed.")


IMPORT_STATUSES = {
    "": "as the source earns (ACLED, UCDP, GTD confirmed; others candidate)",
    "candidate": "candidate",
    "confirmed": "confirmed",
}


def show_import() -> None:
    st.caption(
        "ACLED, UCDP GED, GTD, CSV or Excel. The same file again, or a newer export "
        "of the same source, updates the incidents with the same id; incidents that "
        "likely repeat a stored one go to Review."
    )
    read = read_uploads("store")
    if read is None:
        return
    imported, _ = read
    choice = st.radio(
        "New incidents are",
        list(IMPORT_STATUSES),
        horizontal=True,
        format_func=IMPORT_STATUSES.get,
        key="store_import_status",
    )
    if st.button(f"Import {len(imported)} incidents into the store", key="store_import"):
        said = []
        try:
            groups = by_status(imported, choice or None)
            done = editing().import_groups([(s, rows) for s, _, rows in groups], "app upload")
            for (status, why, _), counts in zip(groups, done, strict=False):
                said.append(
                    f"{counts['added']} added as {status} ({why}), {counts['to_review']}"
                    f" to review (likely the same as a stored incident), "
                    f"{counts['updated']} updated, {counts['unchanged']} unchanged."
                )
        except (NotAllowed, StoreError) as exc:
            st.error(plain(str(exc)))
        else:
            st.success(plain(" ".join(said)))


def show_export() -> None:
    everything = stored(ALL_STATUSES)
    stamp = date.today().isoformat()
    cols = st.columns(2)
    cols[0].download_button(
        "The store as CSV", lambda: to_csv(everything), f"incident-store-{stamp}.csv", "text/csv"
    )
    cols[1].download_button(
        "The store as GeoJSON",
        lambda: to_geojson(everything),
        f"incident-store-{stamp}.geojson",
        "application/geo+json",
    )


def render() -> None:
    st.title("Data")
    who = editor()
    st.caption(plain(f"You are {who.name}" + ("" if who.can_edit else f"; {who.reason}")))
    if who.can_edit:
        add, edit, table, imports, export = st.tabs(
            ["Add", "Edit and history", "Table", "Import", "Export"],
            # "Edit it first" on Review opens the candidate, not an empty Add form
            default="Edit and history" if st.session_state.get("edit_id") else None,
        )
        with add:
            show_add()
        with imports:
            show_import()
    else:
        edit, table, export = st.tabs(["History", "Table", "Export"])
    with edit:
        show_edit(who.can_edit)
    with table:
        show_table(who.can_edit)
    with export:
        show_export()


if __name__ == "__main__":  # run by st.navigation as a page script
    render()
