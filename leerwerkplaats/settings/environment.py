"""Reading settings from the environment: one place that knows the variable names."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = BASE_DIR / "var" / "db.sqlite3"

# SQLite's default journal and DEFERRED transactions fail concurrent writers with
# "database is locked" (a read lock cannot be upgraded while another writer waits).
# WAL lets readers run beside one writer, IMMEDIATE takes the write lock at BEGIN,
# and the busy timeout makes a second writer wait for it instead of failing.
#
# secure_delete overwrites deleted and replaced content with zeros, so erased
# personal data does not linger in free pages of the file or its write-ahead log
# (members.services.delete_account also checkpoints the log after an erasure).
SQLITE_BUSY_TIMEOUT_SECONDS = 20
# Like uploads (FILE_UPLOAD_PERMISSIONS): the site's user reads and writes, its
# group may read, nobody else. SQLite gives the -wal and -shm files the same mode.
SQLITE_FILE_MODE = 0o640
SQLITE_OPTIONS: dict[str, Any] = {
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000};"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA secure_delete=ON;"
    ),
}


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def require(name: str, why: str) -> str:
    """Return an environment variable or stop start-up with a message that says what to do."""
    value = env(name)
    if value is None:
        raise ImproperlyConfigured(
            f"The environment variable {name} is not set. {why} "
            f"See docs/deployment.md for the variables production needs."
        )
    return value


def sqlite_database(path: Path | str) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


def database_from_env() -> dict[str, Any]:
    """`DATABASE_URL` when set (PostgreSQL in production), else the embedded SQLite file."""
    url = env("DATABASE_URL")
    if url is None:
        DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        return sqlite_database(DEFAULT_SQLITE_PATH)
    config = dj_database_url.parse(url, conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config
