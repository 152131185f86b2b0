"""How old a figure is, said on every chart: the latest period and the date of the data extract.

The official series are tidy copies of Fingertips extracts kept in a public repository; the
date of each extract is the date of the commit the copy was taken from (named in the source's
`copied_from`). The report's figures are dated to the report; an import to the day it was loaded.
"""

from __future__ import annotations

import re
from datetime import date

from indicators.core.codes import REPORT_SOURCE
from indicators.store.load import Store

REPORT_WORDS = "as reported to the Board, Dec 2019"
# Commit of the Fingertips extract copy -> the day it was committed (git log of
# traffordDataLab/trafford_themes): the extract is no newer than that day.
EXTRACT_COMMITS: dict[str, date] = {
    "2daf91f9006d95aeaad67723ef171aa95766d370": date(2026, 4, 30),
    "8b6e8a046aeb2036effe6b9f422b4b211baeda73": date(2026, 4, 30),
    "ae20a088ae35b93b57843c79ee56e0072915db9e": date(2026, 5, 13),
    "d6549c372f9de7101473e877b39375e3e9a8d177": date(2026, 3, 11),
}
_COMMIT = re.compile(r"\b([0-9a-f]{40})\b")


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def extract_date(store: Store, source_id: str) -> date | None:
    """The day a dataset's copy was extracted, where its provenance names a known commit."""
    sources = store.sources.set_index("source_id")
    if source_id not in sources.index:
        return None
    found = _COMMIT.search(str(sources.at[source_id, "copied_from"]))
    return EXTRACT_COMMITS.get(found.group(1)) if found else None


def dated_line(store: Store, source_id: str, *, latest_period: str | None) -> str:
    """'latest period 2024; data extract of 30 April 2026 (Annual Population Survey (OHID Fingertips))'.

    The report's figures read 'as reported to the Board, Dec 2019'; an import names the day it was loaded.
    """
    sources = store.sources.set_index("source_id")
    if source_id not in sources.index:
        return f"latest period {latest_period}" if latest_period else ""
    source = sources.loc[source_id]
    if source_id == REPORT_SOURCE:
        return REPORT_WORDS
    latest = f"latest period {latest_period}; " if latest_period else ""
    if source["kind"] == "import":
        return f"{latest}data imported on {source['published']} ({source['short_title']})"
    extracted = extract_date(store, source_id)
    if extracted is not None:
        return f"{latest}data extract of {_long_date(extracted)} ({source['short_title']})"
    return f"{latest}{source['published']} ({source['short_title']})"
