"""Run by test_sqlite_concurrency in a subprocess of its own: many threads doing
read-modify-write transactions on one SQLite file, with either the project's
database options or SQLite's defaults. Prints a JSON summary."""

import json
import sys
import threading
import time

import django
from django.conf import settings


def main(path: str, mode: str, threads: int, iterations: int) -> None:
    from leerwerkplaats.settings.environment import sqlite_database

    database = (
        sqlite_database(path)
        if mode == "project"
        else {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    )
    settings.configure(DATABASES={"default": database}, USE_TZ=True)
    django.setup()
    from django.db import OperationalError, connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
        cursor.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, seen INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (1, 0)")
    connection.close()

    failures: list[str] = []
    barrier = threading.Barrier(threads)

    def writer() -> None:
        barrier.wait()
        for _ in range(iterations):
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute("SELECT value FROM counter WHERE id = 1")
                    (value,) = cursor.fetchone()
                    # A request does some work between reading and writing; this
                    # is the window in which a DEFERRED transaction's read lock
                    # cannot be upgraded while another thread waits to write.
                    time.sleep(0.002)
                    cursor.execute("INSERT INTO entry (seen) VALUES (%s)", [value])
                    cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
            except OperationalError as error:
                failures.append(str(error))
        connection.close()

    workers = [threading.Thread(target=writer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM counter WHERE id = 1")
        (final,) = cursor.fetchone()
        cursor.execute("PRAGMA journal_mode")
        (journal,) = cursor.fetchone()
    print(  # noqa: T201
        json.dumps(
            {
                "attempted": threads * iterations,
                "failed": len(failures),
                "counter": final,
                "journal_mode": journal,
                "errors": sorted(set(failures))[:3],
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
