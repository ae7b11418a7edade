"""The embedded SQLite database file is personal data: only the site may read it."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from .settings.environment import SQLITE_FILE_MODE


def restrict_sqlite_file(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """On every new connection (connection_created): the database file, created
    with the process umask (often world-readable), gets SQLITE_FILE_MODE. Its
    write-ahead log and shared-memory files inherit the mode from it."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or connection.is_in_memory_db():
        return
    path = Path(name)
    for candidate in (path, Path(f"{name}-wal"), Path(f"{name}-shm")):
        with contextlib.suppress(FileNotFoundError):
            if (candidate.stat().st_mode & 0o777) != SQLITE_FILE_MODE:
                os.chmod(candidate, SQLITE_FILE_MODE)
