"""Links for the recipient: the address the dashboard was requested at, or INDICATORS_PUBLIC_URL."""

from __future__ import annotations

import re

import pytest

from indicators.present.public_url import FALLBACK, PublicUrlError, check_setting, public_base_url


@pytest.mark.parametrize(
    ("headers", "base_path", "expected"),
    [
        ({"Host": "indicators.leeds.example:8501"}, "", "http://indicators.leeds.example:8501"),
        ({"host": "localhost:8501"}, "", "http://localhost:8501"),  # where this reader is
        ({"Host": "10.0.0.5:8501", "X-Forwarded-Proto": "https"}, "", "https://10.0.0.5:8501"),
        (
            {"Host": "127.0.0.1:8501", "X-Forwarded-Host": "dash.example.org", "X-Forwarded-Proto": "https"},
            "",
            "https://dash.example.org",
        ),
        (
            {
                "Host": "127.0.0.1:8501",
                "X-Forwarded-Host": "a.example.org, b.internal",
                "X-Forwarded-Proto": "https,http",
            },
            "",
            "https://a.example.org",
        ),
        (
            {"Host": "127.0.0.1", "Forwarded": 'for=192.0.2.1;host="board.example.org";proto=https, for=10.0.0.1'},
            "",
            "https://board.example.org",
        ),
        ({"Host": "dash.example.org"}, "/leeds/", "http://dash.example.org/leeds"),
        ({"Host": "[::1]:8501"}, "", "http://[::1]:8501"),
        # A host that is not a host name never goes into a link; the next header is used.
        ({"Host": "ok.example.org", "X-Forwarded-Host": "evil.example/<script>"}, "", "http://ok.example.org"),
        ({"Host": "dash.example.org", "X-Forwarded-Proto": "javascript"}, "", "http://dash.example.org"),
        ({}, "", FALLBACK),
    ],
)
def test_address_comes_from_the_request(headers, base_path, expected):
    assert public_base_url(headers=headers, base_path=base_path) == expected


def test_setting_overrides_the_request():
    headers = {"Host": "127.0.0.1:8501", "X-Forwarded-Host": "proxy.internal"}
    setting = "https://indicators.example.org/leeds/"
    assert public_base_url(headers=headers, setting=setting) == "https://indicators.example.org/leeds"
    assert public_base_url(headers=headers, setting="  ") == "http://proxy.internal"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("indicators.example.org", "not a web address"),
        ("ftp://indicators.example.org", "not a web address"),
        ("https://", "not a web address"),
        ("https://bad host/", "not a web address"),
        ("https://indicators.example.org/?deck=1", "without '?' or '#'"),
    ],
)
def test_a_setting_that_is_not_an_address_is_named(value, message):
    with pytest.raises(PublicUrlError, match=re.escape(f"INDICATORS_PUBLIC_URL is '{value}'")) as raised:
        check_setting(value)
    assert message in str(raised.value)
