"""The map: incidents to a folium map (``map_build``), one small element per map
feature (``map_elements``), the compact incident data the browser layer draws
(``map_payload``), text put into pages without templates (``verbatim``), borders,
colours, the map's position and its URL form (``view``), the front-end files
(``assets``). The sandboxed frame the app shows it in is a Streamlit component,
so it lives in ``dashboard.map_frame``."""
