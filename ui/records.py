"""The records database's URL from the dashboard's secrets, following st.connection's conventions.

A deployment may name its database in `.streamlit/secrets.toml` as st.connection reads it:

    [connections.indicators]
    url = "postgresql+psycopg://indicators@db.internal/indicators"

INDICATORS_DATABASE_URL, when set, wins (indicators.store.database.database_url). indicators/ never reads
secrets itself: this module hands the URL over once per script run.
"""

from __future__ import annotations

import streamlit as st

from indicators.store import database


def secrets_url() -> str | None:
    """`[connections.indicators] url` from the secrets, or None when there is none (or no secrets file)."""
    try:
        connections = st.secrets.get("connections")
    except FileNotFoundError:  # no secrets file at all
        return None
    section = connections.get("indicators") if connections else None
    url = section.get("url") if section else None
    return url if isinstance(url, str) and url.strip() else None


def use_secrets() -> None:
    """Point the records database at the secrets' URL (or back to the default when there is none)."""
    database.use_url(secrets_url())
