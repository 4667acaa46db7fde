"""Dates as the sources write them -> ISO text the schema's validation reads.

ACLED has used both "2021-08-26" and "26 August 2021"; spreadsheets add
"August 26, 2021" and "26-Aug-2021".  Slash dates (03/04/2021) are refused: day
and month cannot be told apart.  What cannot be read is passed through unchanged,
so validation names the row, the field and the value.
"""

from __future__ import annotations

import pandas as pd

TEXT_FORMATS = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d-%b-%Y",
    "%d-%B-%Y",
    "%Y/%m/%d",
)


def iso_dates(text: pd.Series) -> pd.Series:
    """Each cell as YYYY-MM-DD where one of ``TEXT_FORMATS`` reads it; ISO month
    ("2021-08") and year ("2021") and unreadable cells are left as they are."""
    cleaned = text.fillna("").astype(str).str.strip()
    # times after the date ("2021-08-26 00:00:00" from Excel) say nothing more
    cleaned = cleaned.str.replace(
        r"^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?$", r"\1", regex=True
    )
    out = cleaned.copy()
    pending = cleaned.str.len() > 7
    for fmt in TEXT_FORMATS:
        if not pending.any():
            break
        parsed = pd.to_datetime(cleaned[pending], format=fmt, errors="coerce")
        ok = parsed.notna()
        out.loc[ok[ok].index] = parsed[ok].dt.strftime("%Y-%m-%d")
        pending.loc[ok[ok].index] = False
    return out
