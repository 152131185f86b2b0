"""Who may change things: a password per kind of change, kept in Streamlit's secrets, checked in constant time.

Each `Gate` is one kind of change (recording a tracker status, importing data) with its own secret.
With no password configured for a gate, that change is switched off and the page is read-only.

The password is asked for every change (each status saved, each import, each undo), not once per
session: a browser session is named by an id that travels in upload addresses and can end up in a
proxy's log, and whoever holds the id can reconnect to the session. So nothing a session holds lets
a change through without the password (SECURITY.md argues the choice). Unlocking the import page
only opens its form, which lets the session upload a file to check.

Wrong passwords are throttled per session and per client address (indicators.throttle).
A deployment with a login provider would use Streamlit's OIDC login (`st.login`) instead; see README.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from indicators.core.throttle import Throttle, in_words


@dataclass(frozen=True)
class Gate:
    """One kind of change and the secret that unlocks it: `[section] key` in .streamlit/secrets.toml."""

    section: str
    key: str
    doing: str  # what is unlocked, as a noun phrase starting with a capital: "Editing"
    form: str  # a widget-key prefix unique to this gate
    label: str  # what the password box is called: "Edit password"

    def how_to_enable(self) -> str:
        """Markdown telling an administrator how to switch this change on."""
        return (
            f"{self.doing} is off because no password is set for it. To turn it on, add to "
            "`.streamlit/secrets.toml` (kept out of version control):\n\n"
            f'```toml\n[{self.section}]\n{self.key} = "choose-a-long-password"\n```\n'
            "then restart the dashboard."
        )


TRACKER = Gate(section="action_tracker", key="edit_password", doing="Editing", form="tracker", label="Edit password")
IMPORTS = Gate(section="imports", key="import_password", doing="Importing", form="imports", label="Import password")

# One per server process, shared by every session: wrong passwords counted per session and per address.
THROTTLE = Throttle()
# Sessions that unlocked the import page in this process: only they may upload (ui/upload_guard.py).
_UPLOADERS: set[str] = set()


def configured_password(gate: Gate = TRACKER) -> str | None:
    """The gate's password from st.secrets, or None when none is set (or no secrets file exists)."""
    try:
        section = st.secrets.get(gate.section)
    except FileNotFoundError:  # Streamlit raises a subclass of this when there is no secrets file at all
        return None
    if not section:
        return None
    value = section.get(gate.key)
    return value if isinstance(value, str) and value.strip() else None


def password_matches(given: str, expected: str) -> bool:
    """Compare in constant time, so the time taken does not reveal how much of a guess was right."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def session_id() -> str:
    """This browser session's id ("" outside a running page)."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else ""


def client_address() -> str:
    """The address the request came from: behind a proxy on this machine, the one the proxy saw and passed on."""
    direct = getattr(st.context, "ip_address", None) or ""
    try:
        local = not direct or ipaddress.ip_address(direct).is_loopback
    except ValueError:
        local = False
    if local:
        # Only a proxy on this machine is trusted to say who is behind it: nginx appends the real peer last.
        forwarded = (st.context.headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
        return forwarded or direct or "local"
    return direct


def _throttle_keys() -> list[str]:
    return [f"session:{session_id()}", f"address:{client_address()}"]


def check_password(gate: Gate, given: str | None) -> str | None:
    """None when `given` is the gate's password; else a message (wrong, switched off, or too many tries).

    Wrong tries are counted per session and per client address; while either must wait, even the
    right password is refused, so guessing cannot go faster than the throttle allows.
    """
    expected = configured_password(gate)
    if expected is None:
        return f"{gate.doing} is switched off on this dashboard (no password is set)."
    keys = _throttle_keys()
    wait = THROTTLE.wait(keys)
    if wait > 0:
        return (
            f"Too many wrong passwords from this browser or address: {gate.doing.lower()} is refused for "
            f"{in_words(wait)}. Nothing was changed."
        )
    if not password_matches(given or "", expected):
        THROTTLE.failed(keys)
        return f"That password is not right, so nothing was changed and {gate.doing.lower()} stays locked."
    THROTTLE.succeeded(keys[:1])
    return None


def _fingerprint(gate: Gate, password: str) -> str:
    # Bound to the gate, so unlocking one kind of change never unlocks another that shares a password.
    return hashlib.sha256(f"{gate.section}.{gate.key}\0{password}".encode()).hexdigest()


def _session_key(gate: Gate) -> str:
    return f"{gate.form}_unlocked"


def can_edit(gate: Gate = TRACKER) -> bool:
    """True when this session opened the gate's form with the password that is configured now.

    It opens a form and nothing more: each change the form makes asks for the password again.
    """
    expected = configured_password(gate)
    held = st.session_state.get(_session_key(gate))
    return expected is not None and isinstance(held, str) and hmac.compare_digest(held, _fingerprint(gate, expected))


def unlock_form(gate: Gate = TRACKER) -> None:
    """A password box; the right password opens the gate's form for this browser session."""
    expected = configured_password(gate)
    if expected is None:
        st.info(gate.how_to_enable(), icon=":material/lock:")
        return
    with st.form(f"{gate.form}_unlock", clear_on_submit=True):
        given = st.text_input(gate.label, type="password", key=f"{gate.form}_password")
        submitted = st.form_submit_button(f"Unlock {gate.doing.lower()}", icon=":material/lock_open:")
    if submitted:
        refused = check_password(gate, given)
        if refused is None:
            st.session_state[_session_key(gate)] = _fingerprint(gate, expected)
            if gate == IMPORTS:
                _UPLOADERS.add(session_id())
            st.rerun()
        st.warning(refused, icon=":material/lock:")


def password_box(gate: Gate, *, key: str) -> str:
    """A password box for one change (inside a form), asked again for every change."""
    return st.text_input(f"{gate.label} (asked for every change)", type="password", key=key) or ""


def may_upload(session: str) -> bool:
    """Whether a session unlocked the import page in this process (ui/upload_guard.py asks)."""
    return session in _UPLOADERS


def lock(gate: Gate = TRACKER) -> None:
    """End this session's unlock of the gate."""
    st.session_state.pop(_session_key(gate), None)
    if gate == IMPORTS:
        _UPLOADERS.discard(session_id())
