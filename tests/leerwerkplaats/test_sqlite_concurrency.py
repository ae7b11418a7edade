"""The embedded SQLite database survives concurrent writers.

Measured with SQLite's defaults, concurrent read-modify-write transactions fail
with "database is locked"; with WAL, IMMEDIATE transactions and a busy timeout
none fail and no update is lost."""

import json
import subprocess
import sys
from pathlib import Path

from leerwerkplaats.settings.environment import BASE_DIR

THREADS = 8
ITERATIONS = 25


def run_writers(tmp_path: Path, mode: str) -> dict:
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(Path(__file__).with_name("sqlite_writers.py")),
            str(tmp_path / f"{mode}.sqlite3"),
            mode,
            str(THREADS),
            str(ITERATIONS),
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return json.loads(result.stdout)


def test_concurrent_writers_all_succeed_with_the_project_options(tmp_path):
    outcome = run_writers(tmp_path, "project")

    assert outcome["journal_mode"] == "wal"
    assert outcome["failed"] == 0, outcome["errors"]
    # IMMEDIATE serialises read-modify-write: no update is lost either.
    assert outcome["counter"] == THREADS * ITERATIONS


def test_the_same_load_fails_with_sqlites_defaults(tmp_path):
    """The control: proves the load above is one that needs the options."""
    outcome = run_writers(tmp_path, "default")

    assert outcome["journal_mode"] == "delete"
    assert outcome["failed"] > 0
    assert any("database is locked" in error for error in outcome["errors"])
