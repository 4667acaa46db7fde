"""The Review page: candidates awaiting review, each beside the stored incidents it
likely repeats; confirm, reject, merge into a stored incident, or edit first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.app_pages.background import run_with_progress
from dashboard.app_pages.shared import (
    WITH_CANDIDATES,
    editing,
    editor,
    geocoder,
    import_ids,
    store,
    store_imports,
    store_stamp,
    stored,
)
from dashboard.marked import marked_report
from engine.filters import EARLIEST, LATEST
from engine.review_filter import (
    ANY,
    DUPLICATE_CHOICES,
    PAGE_ROWS,
    QueueFilter,
    choices,
    date_range,
    filtered,
    half_entered,
    import_label,
    page,
    pages,
    selected_ids,
)
from ground.plain_text import plain
from incidents.participants import participation_counts
from incidents.schema import FIELD_LABELS as SCHEMA_LABELS
from incidents.store import StoreError
from incidents.store.bulk import undo_preview
from incidents.store.editing import NotAllowed, cell_text
from incidents.store.editors import LOCAL
from incidents.store.review import review_queue
from incidents.validate import validate_incidents
from intake.batch import Columns, read_batch
from intake.candidates import candidates_table, evidence_rows, marked_segments
from intake.reports import MAX_REPORT_CHARS, Report, ReportError, from_text, web_url

SHOWN = [
    "incident_id",
    "date",
    "actor",
    "actor2",
    "target",
    "event_type",
    "location",
    "admin2",
    "admin1",
    "country",
    "geo_precision",
    "fatalities",
    "injured",
    "source",
    "source_url",
    "description",
]


def _queue() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The review queue and the confirmed incidents it is compared with, compared once
    per change of the store (a bulk filter reruns the page at every click)."""
    return _compared(store_stamp())


@st.cache_data(show_spinner="Comparing candidates with stored incidents...", max_entries=4)
def _compared(stamp: tuple[str, int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    everything = stored(WITH_CANDIDATES)
    confirmed = everything[everything["status"] == "confirmed"]
    return review_queue(everything[everything["status"] == "candidate"], confirmed), confirmed


FIELD_LABELS = {**SCHEMA_LABELS, "likely_duplicate_of": "Likely the same as"}


def _fields(row: pd.Series) -> pd.DataFrame:
    """One incident as field / value rows, every value as plain text."""
    return pd.DataFrame(
        {"field": [FIELD_LABELS[f] for f in SHOWN], "value": [cell_text(row[f]) for f in SHOWN]}
    )


def _decide(action, done: str) -> None:
    try:
        action()
    except NotAllowed as exc:
        st.error(plain(str(exc)))
    except StoreError as exc:
        st.error(plain(str(exc)))
    else:
        st.session_state["review_done"] = done
        _clear_selection()
        st.rerun()


def _clear_selection() -> None:
    """A decision empties the table's selection: its ticks must not move onto the
    rows that take the decided ones' places."""
    st.session_state["review_generation"] = st.session_state.get("review_generation", 0) + 1


def _decisions(candidate: pd.Series, twins: pd.DataFrame) -> None:
    writer, version = editing(), int(candidate["version"])
    note = st.text_input(
        "Note (kept in the history)", key=f"review_note_{candidate['incident_id']}"
    )
    cols = st.columns(4)
    incident_id = str(candidate["incident_id"])
    duplicate = not twins.empty
    if duplicate:  # the stored incident is updated; adding would draw the event twice
        target = cols[0].selectbox(
            "Same event as", twins["incident_id"].tolist(), key="review_merge_into"
        )
        if cols[0].button("Update the stored incident", key="review_merge", type="primary"):
            kept = twins.set_index("incident_id").loc[target]
            _decide(
                lambda: writer.merge(incident_id, version, target, int(kept["version"]), note),
                f"{incident_id} merged into {target}: its source was added there",
            )
    confirm = "Confirm as another incident" if duplicate else "Confirm: put it on the map"
    if cols[1].button(confirm, key="review_confirm", type="secondary" if duplicate else "primary"):
        _decide(
            lambda: writer.review(incident_id, "confirmed", version, note),
            f"{incident_id} confirmed",
        )
    if cols[2].button("Reject", key="review_reject"):
        _decide(
            lambda: writer.review(incident_id, "rejected", version, note), f"{incident_id} rejected"
        )
    if cols[3].button("Edit it first", key="review_edit"):
        st.session_state["edit_id"] = incident_id
        st.switch_page("app_pages/data_page.py")


@st.cache_resource(show_spinner=False)
def _extractor():
    from intake.extract import Extractor

    return Extractor(geocoder())


READ_KEPT = 8  # reports a session keeps read


def _read(report: Report) -> tuple[list, str | None]:
    """The report's candidates, read once per session (a long report takes seconds;
    every click on the page reruns it) off the page's thread, and a note if its
    place-name searches hit their bound."""
    kept = st.session_state.setdefault("_read_reports", {})
    if report not in kept:
        extractor = _extractor()
        found, note = run_with_progress(
            "Reading the report...", lambda progress: extractor.extract_request([report])
        )
        kept[report] = (found[0][1], note)
        while len(kept) > READ_KEPT:
            kept.pop(next(iter(kept)))
    return kept[report]


def show_intake(may_edit: bool) -> None:
    """Paste a news report: its candidate incidents, each field beside the words it
    came from (marked in the report, and between ⟦ ⟧ in the table), then into the store as candidates awaiting review."""
    with st.expander("Paste a news report"):
        text = st.text_area(
            "Report text", key="intake_text", height=160, max_chars=MAX_REPORT_CHARS
        )
        cols = st.columns(3)
        published = cols[0].date_input("Published", key="intake_published")
        source = cols[1].text_input("Source", key="intake_source")
        url = cols[2].text_input("URL", key="intake_url")
        if url.strip() and not web_url(url):
            st.warning("Only an http(s) address is kept as the source URL; this one is left out.")
        if not text.strip():
            return
        try:
            report = from_text(text, published, source or "pasted report", url)
        except ReportError as exc:
            st.error(plain(str(exc)))
            return
        found, note = _read(report)
        if note:
            st.warning(plain(note))
        st.caption(f"{len(found)} incident(s) found.")
        for number, candidate in enumerate(found, start=1):
            st.caption(
                f"Incident {number}: the report with its evidence marked, and the "
                "fields read from it"
                + (
                    " · background: an earlier incident the report recalls, not its news"
                    if candidate.background
                    else ""
                )
            )
            left, right = st.columns([3, 2])
            with left:
                marked_report(
                    marked_segments(report.text, candidate), key=f"intake_marked_{number}"
                )
            right.dataframe(
                evidence_rows(candidate),
                hide_index=True,
                width="stretch",
                key=f"intake_evidence_{number}",
            )
        recalled = [c for c in found if c.background]
        if recalled and not st.checkbox(
            f"Also add the {len(recalled)} earlier incident(s) it recalls", key="intake_background"
        ):
            found = [c for c in found if not c.background]
        if found and may_edit and st.button(f"Add {len(found)} as candidates", key="intake_add"):
            table = candidates_table([(report, found)])
            checked = validate_incidents(table.astype(str), first_row_number=1)
            _decide(
                lambda: editing().import_incidents(
                    checked.incidents, status="candidate", note="news intake"
                ),
                f"{len(checked.incidents)} candidates from the report added for review",
            )


def _queue_filter(queue: pd.DataFrame) -> QueueFilter:
    """The filter row above the queue."""
    cols = st.columns(6)
    found = {import_label(i): i["import_id"] for i in store_imports()}
    chosen = cols[5].selectbox("Import", [ANY, *found], key="review_import")
    ids = import_ids(found[chosen]) if chosen != ANY else None
    source = cols[0].selectbox("Source", choices(queue, "source"), key="review_source")
    actor = cols[1].selectbox(
        "Actor", [ANY, *[a for a, _ in participation_counts(queue)]], key="review_actor"
    )
    country = cols[2].selectbox("Country", choices(queue, "country"), key="review_country")
    dates = cols[3].date_input(
        "Dates", value=[], min_value=EARLIEST, max_value=LATEST, key="review_dates"
    )
    duplicate = cols[4].selectbox("Likely duplicate", DUPLICATE_CHOICES, key="review_duplicate")
    st.session_state["review_dates_half"] = half_entered(dates)
    return QueueFilter(source, actor, country, *date_range(dates), duplicate, ids)


def _bulk(selected: list[str], everything: list[str]) -> None:
    """Confirm or reject the selected rows, or every row the filter shows."""
    note = st.text_input("Note for these decisions (kept in each history row)", key="bulk_note")
    cols = st.columns(4)
    asked = None
    if cols[0].button(
        f"Confirm selected ({len(selected)})", key="bulk_confirm_selected", disabled=not selected
    ):
        asked = (selected, "confirmed")
    if cols[1].button(
        f"Reject selected ({len(selected)})", key="bulk_reject_selected", disabled=not selected
    ):
        asked = (selected, "rejected")
    editing_dates = bool(st.session_state.get("review_dates_half"))
    if cols[2].button(
        f"Confirm all {len(everything)} the filter shows",
        key="bulk_confirm_all",
        disabled=editing_dates,
    ):
        asked = (everything, "confirmed")
    if cols[3].button(
        f"Reject all {len(everything)} the filter shows",
        key="bulk_reject_all",
        disabled=editing_dates,
    ):
        asked = (everything, "rejected")
    if editing_dates:
        st.caption("Pick the range's last day to act on all the filter shows.")
    if asked is None:
        return
    ids, decision = asked
    writer = editing()

    def work(progress):
        return writer.review_many(
            ids,
            decision,
            note,
            progress=lambda done, total: progress.tell(
                done, total, f"{done:,} of {total:,} decided"
            ),
        )

    _decide(
        lambda: run_with_progress(f"Setting {len(ids):,} candidates to {decision}...", work),
        f"{len(ids)} candidates set to {decision}",
    )


def _read_batch(batch) -> tuple[list, str | None]:
    """A file's candidates, read once per session (every click reruns the page)."""
    kept = st.session_state.setdefault("_read_batches", {})
    key = tuple(batch.reports)
    if key not in kept:
        extractor = _extractor()
        kept[key] = run_with_progress(
            f"Reading {len(batch.reports):,} reports...",
            lambda progress: extractor.extract_request(batch.reports),
        )
        while len(kept) > 2:
            kept.pop(next(iter(kept)))
    return kept[key]


def show_batch_intake(may_edit: bool) -> None:
    """A media-monitoring export (CSV or JSON Lines, a report per row): read at once,
    each candidate naming its row; refused rows named by row and field."""
    with st.expander("Read a file of reports (CSV or JSON Lines)"):
        upload = st.file_uploader(
            "Reports, one per row", type=["csv", "jsonl", "ndjson"], key="batch_reports"
        )
        cols = st.columns(4)
        columns = Columns(
            *(
                cols[n].text_input(label, value=default, key=f"batch_{name}")
                for n, (name, label, default) in enumerate(
                    (
                        ("text", "Text column", "text"),
                        ("published", "Published column", "published"),
                        ("url", "URL column", "url"),
                        ("title", "Title column", ""),
                    )
                )
            )
        )
        if upload is None:
            return
        try:
            batch = read_batch(upload.getvalue(), upload.name, columns)
        except ReportError as exc:
            st.error(plain(str(exc)))
            return
        for line in batch.refused + batch.warnings:
            st.warning(plain(line))
        found, note = _read_batch(batch)
        if note:
            st.warning(plain(note))
        table = candidates_table(found)
        st.caption(
            plain(
                f"{batch.rows} rows: {len(batch.reports)} reports read, "
                f"{len(batch.refused)} refused; {len(table)} incident(s) found."
            )
        )
        st.dataframe(
            table[
                [
                    "source",
                    "date",
                    "event_type",
                    "actor",
                    "location",
                    "fatalities",
                    "injured",
                    "source_url",
                ]
            ],
            hide_index=True,
            width="stretch",
            key="batch_found",
        )
        if (
            len(table)
            and may_edit
            and st.button(f"Add {len(table)} as candidates", key="batch_add")
        ):
            checked = validate_incidents(table.astype(str), first_row_number=1)
            _decide(
                lambda: editing().import_incidents(
                    checked.incidents, status="candidate", note=f"news intake: {upload.name}"
                ),
                f"{len(checked.incidents)} candidates from {upload.name} added for review",
            )


def show_imports() -> None:
    """The imports the history records, and one undone whole."""
    found = {import_label(i): i["import_id"] for i in store_imports()}
    if not found:
        return
    with st.expander(f"Imports ({len(found)})"):
        chosen = st.selectbox("Import", list(found), key="undo_import_choice")
        import_id = found[chosen]
        if chosen.endswith("undone"):
            st.caption("This import was undone.")
            return
        will = undo_preview(store(), import_id)
        st.warning(
            plain(
                f"Undoing it removes {will['removed']} incidents"
                + (
                    f", {will['reviewed_since']} of them reviewed since (their decisions go "
                    "with them)"
                    if will["reviewed_since"]
                    else ""
                )
                + f", and gives {will['restored']} changed incidents their earlier values back."
            )
        )
        note = st.text_input("Note (kept in each history row)", key="undo_import_note")
        sure = st.checkbox(
            f"Yes, remove these {will['removed']} incidents", key=f"undo_sure_{import_id}"
        )
        if st.button("Undo this import", key="undo_import", disabled=not sure):
            _decide(
                lambda: editing().undo_import(import_id, note),
                f"{import_id} undone: {will['removed']} incidents it added removed, "
                f"{will['restored']} it changed restored",
            )


def render() -> None:
    st.title("Review")
    if message := st.session_state.pop("review_done", None):
        st.success(plain(message))
    show_intake(editor().can_edit)
    show_batch_intake(editor().can_edit)
    if editor().can_edit:
        show_imports()
    queue, stored_now = _queue()
    who = editor()
    st.caption(
        plain(
            f"{len(queue)} candidates awaiting review · "
            + (
                "you may decide them (this machine, no sign-in)"
                if who.name == LOCAL and who.can_edit
                else f"you are {who.name}"
            )
            + ("" if who.can_edit else f" ({who.reason})")
        )
    )
    if queue.empty:
        st.info(
            "Nothing awaits review. Plain tables and news reports imported as candidates, "
            "and incidents that likely repeat a stored one, come here."
        )
        return
    shown = filtered(queue, _queue_filter(queue))
    if shown.empty:
        st.info("No candidate matches the filter.")
        return
    if st.session_state.get("review_page", 1) > pages(len(shown)):
        st.session_state["review_page"] = pages(len(shown))  # the filter narrowed
    number = st.number_input(
        f"Page (of {pages(len(shown))}, {PAGE_ROWS} rows each)",
        min_value=1,
        max_value=pages(len(shown)),
        step=1,
        key="review_page",
    )
    on_page = page(shown, int(number))
    table = on_page[
        [
            "incident_id",
            "likely_duplicate_of",
            "date",
            "actor",
            "event_type",
            "location",
            "admin1",
            "country",
            "fatalities",
            "source",
        ]
    ].copy()
    table["date"] = table["date"].dt.date.astype(str)  # same order as ``on_page``: rows match
    page_ids = on_page["incident_id"].astype(str).tolist()
    if st.session_state.get("review_table_ids") != page_ids:
        _clear_selection()  # another page, filter or decision: ticks would land elsewhere
    st.session_state["review_table_ids"] = page_ids
    picked = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="multi-row",
        key=f"review_table_{st.session_state.get('review_generation', 0)}",
        column_config=FIELD_LABELS,
    )
    chosen = selected_ids(picked.selection.rows if picked else [], page_ids, set(page_ids))
    if who.can_edit:
        _bulk(chosen, shown["incident_id"].tolist())
    candidate = on_page.set_index("incident_id", drop=False).loc[
        chosen[0] if chosen else page_ids[0]
    ]
    st.subheader(plain(f"Candidate {candidate['incident_id']}"))
    ids = [i for i in str(candidate["likely_duplicate_of"]).split("; ") if i]
    twins = stored_now[stored_now["incident_id"].isin(ids)]
    left, right = st.columns(2)
    left.caption("The candidate")
    left.dataframe(_fields(candidate), hide_index=True, width="stretch")
    right.caption(f"Stored incidents it likely repeats ({len(twins)})")
    for _, twin in twins.iterrows():
        right.dataframe(_fields(twin), hide_index=True, width="stretch")
    if twins.empty:
        right.info("None within 5 km on the same day by the same actor.")
    if who.can_edit:
        _decisions(candidate, twins)
    else:
        st.info(plain(f"Read-only: {who.reason}."))


if __name__ == "__main__":  # run by st.navigation as a page script
    render()
