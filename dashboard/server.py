"""The server people open: ``streamlit run dashboard/server.py`` (``make run``).

The same pages as ``dashboard/app.py`` behind ``dashboard.guard``: framing by other
origins refused, the proxy's user header believed only from the proxy, foreign
origins refused before Streamlit would look up the machine's public address.
``dashboard/app.py`` alone (AppTest, ``streamlit run dashboard/app.py``) has none of
that and is for development only.
"""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware

from dashboard.guard import Guard

app = st.App("app.py", middleware=[Middleware(Guard)])
