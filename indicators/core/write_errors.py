"""A failed write to disk, in words a person can act on, without the server's paths."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is on a read-only file system",
    errno.EACCES: "the dashboard is not allowed to write there (the folder is read-only for it)",
    errno.EPERM: "the dashboard is not allowed to write there (the folder is read-only for it)",
    errno.ENOTDIR: "something that is not a folder is in the way",
    errno.EEXIST: "something that is not a folder is in the way",
}


def in_words(exc: OSError) -> str:
    """Why a write failed, as a phrase: "the disk is full", "the folder is read-only ..."."""
    reason = _REASONS.get(exc.errno or 0)
    return reason or f"the system refused the write ({exc.strerror or type(exc).__name__})"
