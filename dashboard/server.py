"""The server people open: ``make run`` or ``python -m dashboard serve``, which start
``streamlit run dashboard/server.py`` with uvicorn's forwarded-address trust off.

The same pages as ``dashboard/app.py`` behind ``dashboard.guard``: framing by other
origins refused, the proxy's user header believed only from the proxy (the socket's
peer), foreign origins refused before Streamlit would look up the machine's public
address.  ``dashboard/app.py`` alone (AppTest, ``streamlit run dashboard/app.py``) has
none of that and is for development only.
"""

from __future__ import annotations

import os

import streamlit as st
from starlette.middleware import Middleware

from dashboard.guard import Guard

# uvicorn read this before importing this module; the guard must know whether client
# addresses may have been rewritten from a forwarded header.
FORWARDED_TRUST = os.environ.get("FORWARDED_ALLOW_IPS")

app = st.App("app.py", middleware=[Middleware(Guard, forwarded_trust=FORWARDED_TRUST)])
