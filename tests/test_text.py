"""Text from links and data is shown as written, never as a link, image or formatting."""

from __future__ import annotations

import pytest

from indicators.core.text import md_escape

PAYLOAD = "[Log in again here](https://evil.example/login) ![x](https://evil.example/pixel.png)"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("[a](b)", r"\[a\]\(b\)"),
        ("**bold** _it_", r"\*\*bold\*\* \_it\_"),
        (":red[alarm]", r":red\[alarm\]"),
        ("<img src=x>", r"\<img src=x\>"),
        ("'not-a-date' is 2.5", "'not-a-date' is 2.5"),
        ("$x$", r"\$x\$"),
    ],
)
def test_md_escape(text, escaped):
    assert md_escape(text) == escaped


def test_payload_loses_every_link_marker():
    escaped = md_escape(PAYLOAD)
    assert "](" not in escaped.replace("\\]\\(", "")
    assert escaped.count("\\[") == 2
