"""Every setting the dashboard reads from its environment, declared once with its default and help text.

Code reads a setting through `value(NAME)`, never `os.environ` directly, and README's "Settings" section
lists every one (a test holds the two together). Passwords are not settings: they live in Streamlit's
secrets (`.streamlit/secrets.toml`), see SECURITY.md.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# The repository: the store's tables sit in its data/ folder unless INDICATORS_DATA_DIR says otherwise.
REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "data"


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, what it holds when unset (None: nothing), and what it is for."""

    name: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "INDICATORS_DATA_DIR",
        None,
        "Folder holding the store's Parquet tables and analysts' imports (default: the repository's data/).",
    ),
    Setting(
        "INDICATORS_STATE_DIR",
        None,
        "Folder of the SQLite records database (status updates, import registry) when no "
        "INDICATORS_DATABASE_URL is set (default: the data folder's state/).",
    ),
    Setting(
        "INDICATORS_DATABASE_URL",
        None,
        "SQLAlchemy URL of the records database, for example postgresql+psycopg://user@host/indicators "
        "(default: the dashboard's secrets [connections.indicators] url, else SQLite records.sqlite "
        "in the state folder).",
    ),
    Setting(
        "INDICATORS_SUPPRESS_UP_TO",
        "4",
        "Largest count hidden by small-number suppression in imported data (1 to this); 0 turns it off.",
    ),
    Setting(
        "INDICATORS_PUBLIC_URL",
        None,
        "The address readers reach the dashboard at, for links in decks and board packs "
        "(default: taken from the request the page is served on).",
    ),
    Setting(
        "INDICATORS_FINGERTIPS_API",
        "https://fingertips.phe.org.uk/api",
        "Base address of the Fingertips API that `python -m indicators.imports.refresh` fetches from.",
    ),
    Setting(
        "INDICATORS_FINGERTIPS_AREA_TYPE",
        "501",
        "Fingertips area type fetched by the refresh, every one of its areas in England "
        "(501: districts and unitary authorities from April 2023, which include Leeds).",
    ),
    Setting(
        "BROWSER_PATH",
        None,
        "Chromium or Chrome used to draw the board pack's chart images (default: chromium on the PATH).",
    ),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def value(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The setting's value: from the environment when set and not blank, else its declared default."""
    setting = _BY_NAME[name]  # a KeyError here means the setting was never declared above
    raw = (os.environ if environ is None else environ).get(name, "").strip()
    return raw or setting.default


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder of the store's tables (INDICATORS_DATA_DIR, or the repository's data/)."""
    return Path(value("INDICATORS_DATA_DIR", environ) or DATA_DIR)
