"""Streamlit entry point: ``streamlit run dashboard/app.py``.

Three pages (``dashboard/app_pages/``): the Map, Review (candidates and likely
duplicates) and Data (add and edit, imports, history, export).  With
``INCIDENT_MAP_DATA`` the app shows a CSV file read-only, and only the Map exists.
"""

from __future__ import annotations

import streamlit as st

from dashboard.app_pages.shared import store_problem
from dashboard.config import uses_store
from ground.plain_text import plain


def main() -> None:
    st.set_page_config(page_title="Incident map", layout="wide")
    if uses_store() and (problem := store_problem()):
        st.error(plain(problem))  # an unreachable database: say where, not a traceback
        st.stop()
    pages = [st.Page("app_pages/map_page.py", title="Map", url_path="map", default=True)]
    if uses_store():
        pages += [
            st.Page("app_pages/review_page.py", title="Review", url_path="review"),
            st.Page("app_pages/data_page.py", title="Data", url_path="data"),
        ]
    st.navigation(pages, position="top" if len(pages) > 1 else "hidden").run()


main()
