"""The Streamlit dashboard: thin wiring over the ``incidents`` and ``geocoding`` packages."""
