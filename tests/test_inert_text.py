"""Text from links and data stays text: bare addresses, Streamlit's shortcodes and bidi controls are inert."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from indicators.core.text import html_text, md_escape, neutral_bidi, safe_file_stem
from tests.conftest import REPO

# A crafted message: a working link and an icon would make it look like the dashboard's own.
LURE = "Session expired :material/lock: log in again at https://evil.example/login or www.evil.example :red[now]"
BIDI = "report\u202egpj.exe"  # shows as "reportexe.jpg" where the override is obeyed

# What GitHub-flavoured Markdown links from bare text (read after escapes are resolved), and what
# Streamlit reads as an icon or a coloured span: a ":" directive that no backslash escapes.
BARE_ADDRESS = re.compile(r"(?i)https?://|\bwww\.|[-.\w+]+@[-\w]+\.")
SHORTCODE = re.compile(r":(?:material/|streamlit:|[a-z]+\\?\[)")
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _inert(text: str) -> bool:
    return not BARE_ADDRESS.search(text) and not SHORTCODE.search(text) and not BIDI_CONTROLS.search(text)


@pytest.mark.parametrize(
    "text",
    [
        LURE,
        "HTTPS://EVIL.EXAMPLE",
        "http://x.example/?a=b",
        "mail someone@evil.example today",
        ":material/warning: and :streamlit: and :blue-background[x]",
        BIDI,
        "a\u2066b\u2069c\u200fd",
    ],
)
def test_markdown_text_is_inert(text):
    """Given an address, a shortcode or a bidi control, md_escape leaves nothing Markdown or Streamlit acts on."""
    escaped = md_escape(text)
    assert _inert(escaped), escaped
    # Still reads as written once the Markdown escapes and the invisible joiners are dropped.
    visible = escaped.replace("\\", "").replace("\u2060", "")
    assert visible == neutral_bidi(text)


def test_html_text_breaks_bare_addresses():
    assert not BARE_ADDRESS.search(html_text(LURE))


def test_bidi_controls_are_replaced_visibly():
    assert neutral_bidi(BIDI) == "report\ufffdgpj.exe"


@pytest.mark.parametrize(
    ("stem", "safe"),
    [
        ("smoking_prevalence-aps", "smoking_prevalence-aps"),
        (BIDI, "report_gpj.exe"),
        ("../../etc/passwd", "etc_passwd"),
        (".hidden", "hidden"),
        ("", "download"),
    ],
)
def test_download_file_names_are_plain(stem, safe):
    assert safe_file_stem(stem) == safe


LINKS = [
    ("app_pages/indicator.py", {"id": LURE}),
    ("app_pages/indicator.py", {"id": "smoking_prevalence", "compare": LURE}),
    ("app_pages/present.py", {"deck": "Log in again at www.evil.example/login"}),
    ("app_pages/explorer.py", {"indicator": LURE}),
    ("app_pages/actions.py", {"item": LURE, "plan": LURE}),
]
MARKDOWN_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "success", "error")


@pytest.mark.parametrize(("path", "params"), LINKS, ids=lambda v: v if isinstance(v, str) else None)
def test_link_parameters_are_shown_inert(path, params):
    """Given a link whose parameters carry an address, an icon and a colour, the page shows them as plain text."""
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(path)
    at.run()
    assert not at.exception, at.exception
    texts = [str(e.value) for kind in MARKDOWN_ELEMENTS for e in getattr(at, kind)]
    shown = [t for t in texts if "evil" in t]
    assert shown, "the crafted text should be named in a message"
    for text in shown:
        assert _inert(text), text
