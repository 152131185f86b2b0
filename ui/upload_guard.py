"""Uploads only from sessions that unlocked importing, and never more than one import's worth per session.

Streamlit accepts a file at /_stcore/upload_file/<session id>/<file id> for any live session and
keeps it in memory until the session ends; the only file box is on the import page, shown once
importing is unlocked. This wraps the upload manager's `add_file` so that a session that has not
unlocked importing stores nothing (the request fails), and an unlocked one holds at most
MAX_FILE_BYTES of uploads at a time. The body of a refused request is read by Streamlit (up to its
own limit) and dropped when the request ends; the proxy caps and rate-limits that path too.
"""

from __future__ import annotations

import logging
import threading

from indicators.imports.service import MAX_FILE_BYTES
from ui.auth import may_upload

_LOG = logging.getLogger(__name__)
_INSTALLED = "_indicators_upload_guard"
_lock = threading.Lock()


class UploadRefused(PermissionError):
    """An upload from a session that may not upload, or over its allowance."""


def guard(manager) -> None:
    """Wrap one upload manager's add_file (once)."""
    with _lock:
        if getattr(manager, _INSTALLED, False):
            return
        original = manager.add_file

        def add_file(session_id: str, file) -> None:
            if not may_upload(session_id):
                _LOG.warning("upload refused: the session has not unlocked importing")
                raise UploadRefused("uploads need importing to be unlocked in this session")
            held = sum(
                len(f.data) for f in manager.file_storage.get(session_id, {}).values() if f.file_id != file.file_id
            )
            if held + len(file.data) > MAX_FILE_BYTES:
                _LOG.warning("upload refused: the session would hold more than one import's worth")
                raise UploadRefused("this session already holds as much uploaded data as one import may be")
            original(session_id=session_id, file=file)

        manager.add_file = add_file
        setattr(manager, _INSTALLED, True)


def install() -> None:
    """Guard the running server's upload manager; nothing to do outside a server (tests, bare mode)."""
    from streamlit.runtime import Runtime

    if Runtime.exists():
        guard(Runtime.instance().uploaded_file_mgr)
