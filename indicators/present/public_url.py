"""The address a reader reaches the dashboard at, for the links in a deck and a board pack.

A link sent round before a meeting must open for whoever receives it, so it is built from the
address the dashboard was requested at (the request's Host, or a proxy's Forwarded /
X-Forwarded-Host and X-Forwarded-Proto), not from where the server listens. A deployment whose
proxy does not pass those on sets INDICATORS_PUBLIC_URL, which then wins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from indicators.present.deck import Slide

SETTING = "INDICATORS_PUBLIC_URL"
SETTING_HELP = (
    "The address the dashboard is published at (for example https://indicators.example.org/leeds), used in "
    "shared deck links and the board pack's live-view links. Unset: the address of the request the page is "
    "served on."
)
FALLBACK = "http://localhost:8501"  # only when there is no request at all (a script, a test)

# A host name, IPv4 address or bracketed IPv6 address, with an optional port: nothing else can go in a link.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = re.compile(rf"^(?:{_LABEL}(?:\.{_LABEL})*|\[[0-9A-Fa-f:.]+\])(?::\d{{1,5}})?$")
_SCHEMES = ("http", "https")


class PublicUrlError(ValueError):
    """INDICATORS_PUBLIC_URL is set but is not an http(s) address."""


def _first(value: str | None) -> str:
    """The first of a comma-separated header (the proxy nearest the reader comes first)."""
    return (value or "").split(",")[0].strip()


def _header(headers: Mapping[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return _first(value)
    return ""


def _forwarded(headers: Mapping[str, str]) -> tuple[str, str]:
    """host and proto from an RFC 7239 Forwarded header's first element."""
    host = proto = ""
    for pair in _header(headers, "Forwarded").split(";"):
        name, _, value = pair.partition("=")
        value = value.strip().strip('"')
        if name.strip().lower() == "host":
            host = value
        elif name.strip().lower() == "proto":
            proto = value
    return host, proto


def _path(base_path: str) -> str:
    """Streamlit's server.baseUrlPath as a path prefix: '' or '/leeds'."""
    cleaned = base_path.strip("/")
    return f"/{cleaned}" if cleaned else ""


def check_setting(value: str) -> str:
    """The setting as a base address without a trailing slash; PublicUrlError says what is wrong."""
    parts = urlsplit(value.strip())
    if parts.scheme not in _SCHEMES or not parts.netloc or not _HOST.match(parts.netloc):
        raise PublicUrlError(
            f"{SETTING} is '{value}', which is not a web address: give it as http(s)://host[:port][/path]."
        )
    if parts.query or parts.fragment:
        raise PublicUrlError(f"{SETTING} is '{value}': give the address without '?' or '#' parts.")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def public_base_url(*, headers: Mapping[str, str], setting: str | None = None, base_path: str = "") -> str:
    """The dashboard's address as the reader reaches it: the setting, else the request's own address.

    The request's address comes from a proxy's Forwarded or X-Forwarded-Host header where one is
    sent, else from Host; the scheme from Forwarded's proto or X-Forwarded-Proto, else http. A host
    that is not a plain host name or address is ignored rather than put into a link.
    """
    if setting and setting.strip():
        return check_setting(setting)
    forwarded_host, forwarded_proto = _forwarded(headers)
    host = next(
        (h for h in (forwarded_host, _header(headers, "X-Forwarded-Host"), _header(headers, "Host")) if _HOST.match(h)),
        "",
    )
    if not host:
        return FALLBACK + _path(base_path)
    proto = (forwarded_proto or _header(headers, "X-Forwarded-Proto") or "http").lower()
    return f"{proto if proto in _SCHEMES else 'http'}://{host}{_path(base_path)}"


def live_url(base_url: str, slide: Slide) -> str:
    """A slide's indicator page on the dashboard at `base_url`."""
    return f"{base_url.rstrip('/')}/{slide.live_path}"
