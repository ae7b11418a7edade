"""Run by test_privacy_rights.py in its own process: erase a member in a fresh
SQLite file database (the test database is in memory) and report whether their
pseudonym is still anywhere in the database file or its write-ahead log.

Usage: python tests/members/sqlite_erasure.py <database path>"""

import json
import os
import stat
import sys
from pathlib import Path

MARKER = "Zeldzamepseudoniem7731"


class _NoMigrations(dict):
    """Tables straight from the models: the same schema, in seconds not minutes."""

    def __contains__(self, item):
        return True

    def __getitem__(self, item):
        return None


def contains(path: Path, text: str) -> bool:
    return path.exists() and text.encode() in path.read_bytes()


def main(path: Path) -> dict:
    os.environ["DJANGO_SETTINGS_MODULE"] = "leerwerkplaats.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.MIGRATION_MODULES = _NoMigrations()
    call_command("migrate", run_syncdb=True, verbosity=0)

    from members.services import delete_account
    from tests.members import factories

    user = factories.member(pseudonym=MARKER)
    wal = Path(f"{path}-wal")
    before = contains(path, MARKER) or contains(wal, MARKER)

    delete_account(user=user)

    after_db = contains(path, MARKER)
    after_wal = contains(wal, MARKER)
    connection.close()
    return {
        "before": before,
        "after_db": after_db,
        "after_wal": after_wal,
        "wal_size": wal.stat().st_size if wal.exists() else 0,
        "mode": stat.S_IMODE(path.stat().st_mode),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))  # noqa: T201
