"""The map in the app, drawn in a frame that cannot reach the app.

streamlit-folium put the map's scripts into a component frame that Streamlit
sandboxes with ``allow-same-origin allow-scripts``: a script injected through the
data there could reach the whole app (its DOM, its session).  This component's frame
only relays messages; the map page itself is loaded into an inner frame with
``sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"``: scripts for
the map, new windows for the source links, and no origin, so it can touch neither
the app nor its cookies.  The map tells the relay where it is (``ViewReporter``), and
the relay tells Streamlit, as ``st_folium`` did: {"bounds", "center", "zoom"}.
"""

from __future__ import annotations

from pathlib import Path

import streamlit.components.v1 as components

FRONTEND = Path(__file__).parent / "frontend"
_component = components.declare_component("incident_map", path=str(FRONTEND))


def map_frame(page: str, height: int = 620, key: str = "map") -> dict | None:
    """Show ``page`` (a whole map page, from ``build_map(...).get_root().render()``)
    and return where the reader has moved the map, or None before it reports."""
    return _component(html=page, height=height, key=key, default=None)
