"""Streamlit entry point: ``streamlit run dashboard/app.py``.

Reads like a table of contents: load (cached), summarise, show.  The map, filters
and exports arrive with their own issues; this page lists the incidents.
"""
from __future__ import annotations

import streamlit as st

from dashboard.config import data_path
from dashboard.summary import date_span, display_table, headline
from incidents.io import load_incidents
from incidents.validate import IncidentDataError, ValidationResult


@st.cache_data(show_spinner="Loading incidents...")
def load(path: str, _mtime: float) -> ValidationResult:
    return load_incidents(path)


def main() -> None:
    st.set_page_config(page_title="Incident map", layout="wide")
    st.title("Regional incident dashboard")
    path = data_path()
    try:
        result = load(str(path), path.stat().st_mtime if path.exists() else 0.0)
    except IncidentDataError as exc:
        st.error(f"Cannot read {path.name}: {exc}")
        return
    if result.problems:
        st.warning(f"{len(result.rejected)} of {result.rows_read} rows in {path.name} "
                   "could not be used; they are listed below.")
    numbers = headline(result.incidents)
    cols = st.columns(4)
    cols[0].metric("Incidents", numbers.incidents)
    cols[1].metric("Fatalities (reported)", numbers.fatalities,
                   help=f"{numbers.fatalities_unknown} incidents have no reported toll")
    cols[2].metric("Actors", numbers.actors)
    cols[3].metric("Date span", date_span(numbers),
                   help=f"{numbers.first_date} to {numbers.last_date}")
    st.dataframe(display_table(result.incidents), hide_index=True, width="stretch")
    if result.problems:
        with st.expander(f"Rejected rows ({len(result.rejected)})", expanded=True):
            for problem in result.problems:
                st.write(str(problem))
    st.caption(f"Data: {path.name}. Sources are listed per incident; figures as first reported.")


main()
