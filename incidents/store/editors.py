"""Who is editing, and may they?

The name recorded in the store's history comes, in order, from Streamlit's own login
(``st.user``, when authentication is configured in secrets), from a header that a
trusted reverse proxy sets (its name in ``INCIDENT_MAP_USER_HEADER``, e.g.
``X-Forwarded-User``), or is "local" on a machine nobody else reaches.

Who may write: nobody when ``INCIDENT_MAP_READONLY=1``; only the names in
``INCIDENT_MAP_EDITORS`` (comma-separated) when that is set; and when a proxy header
is configured, a request without it did not come through the proxy, so it may not
write either; nor may one that carries it twice.  The server (``dashboard.guard``)
believes the header only from the proxy's address and refuses it twice; this is
the same rule again where the name is used.  The page hides its editing controls from a reader who may not write,
and ``incidents.store.editing`` refuses the write itself: hiding a button is not a check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LOCAL = "local"
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Editor:
    name: str
    can_edit: bool
    reason: str = ""  # why not, in words for the reader


def _login_name(user: Mapping | None) -> str:
    if not user or not user.get("is_logged_in"):
        return ""
    return str(user.get("email") or user.get("name") or user.get("sub") or "").strip()


def identify(
    user: Mapping | None, headers: Mapping[str, str | list[str]], env: Mapping[str, str]
) -> Editor:
    """The editor for one session, from what Streamlit knows of the user, the
    request's headers and the settings."""
    header = env.get("INCIDENT_MAP_USER_HEADER", "").strip()
    lowered = {k.lower(): v for k, v in headers.items()}
    name = _login_name(user)
    if not name and header:
        carried = lowered.get(header.lower()) or ""
        if not isinstance(carried, str):  # every value the request carried
            if len(carried) > 1:
                return Editor(
                    "unknown", False, f"the {header} header came more than once: read-only"
                )
            carried = carried[0] if carried else ""
        name = carried.strip()
        if not name:
            return Editor(
                "unknown", False, f"the {header} header the proxy sets is missing: read-only"
            )
    name = name or LOCAL
    if env.get("INCIDENT_MAP_READONLY", "").strip().lower() in _TRUE:
        return Editor(name, False, "this dashboard is read-only (INCIDENT_MAP_READONLY)")
    editors = {
        e.strip().lower() for e in env.get("INCIDENT_MAP_EDITORS", "").split(",") if e.strip()
    }
    if editors and name.lower() not in editors:
        return Editor(name, False, f"{name} is not in the editors list (INCIDENT_MAP_EDITORS)")
    return Editor(name, True)
