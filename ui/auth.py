"""Who may change things: a password per kind of change, kept in Streamlit's secrets, checked in constant time.

Each `Gate` is one kind of change (recording a tracker status, importing data) with its own secret.
With no password configured for a gate, that change is switched off and the page is read-only.
A deployment with a login provider would use Streamlit's OIDC login (`st.login`) instead; see README.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import streamlit as st


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


def _fingerprint(gate: Gate, password: str) -> str:
    # Bound to the gate, so unlocking one kind of change never unlocks another that shares a password.
    return hashlib.sha256(f"{gate.section}.{gate.key}\0{password}".encode()).hexdigest()


def _session_key(gate: Gate) -> str:
    return f"{gate.form}_unlocked"


def can_edit(gate: Gate = TRACKER) -> bool:
    """True when this session unlocked the gate with the password that is configured now."""
    expected = configured_password(gate)
    held = st.session_state.get(_session_key(gate))
    return expected is not None and isinstance(held, str) and hmac.compare_digest(held, _fingerprint(gate, expected))


def unlock_form(gate: Gate = TRACKER) -> None:
    """A password box; the right password unlocks the gate for this browser session only."""
    expected = configured_password(gate)
    if expected is None:
        st.info(gate.how_to_enable(), icon=":material/lock:")
        return
    with st.form(f"{gate.form}_unlock", clear_on_submit=True):
        given = st.text_input(gate.label, type="password", key=f"{gate.form}_password")
        submitted = st.form_submit_button(f"Unlock {gate.doing.lower()}", icon=":material/lock_open:")
    if submitted:
        if password_matches(given or "", expected):
            st.session_state[_session_key(gate)] = _fingerprint(gate, expected)
            st.rerun()
        st.warning(f"That password is not right, so {gate.doing.lower()} stays locked.", icon=":material/lock:")


def lock(gate: Gate = TRACKER) -> None:
    """End this session's unlock of the gate."""
    st.session_state.pop(_session_key(gate), None)
