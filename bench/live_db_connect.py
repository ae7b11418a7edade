"""What a live check's database connection costs: a query on a kept connection
against a new connection and the same query (what `database_sync_to_async` did for
every event with CONN_MAX_AGE=0; members.live_db keeps the live checks' one).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lwp_bench \\
        .venv/bin/python bench/live_db_connect.py [--calls 100]

Any database Django can reach (SQLite too); only `SELECT 1` is run. Prints the
median and p90 wall milliseconds of each."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerwerkplaats.settings.test")
    import django

    django.setup()
    from django.db import connection

    def query() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    def fresh() -> None:
        connection.close()
        query()

    def timed(call) -> tuple[float, float]:
        spent = []
        for _ in range(args.calls):
            started = time.perf_counter()
            call()
            spent.append((time.perf_counter() - started) * 1000)
        spent.sort()
        return spent[len(spent) // 2], spent[int(len(spent) * 0.9)]

    query()
    kept, new = timed(query), timed(fresh)
    print(
        f"{connection.vendor}: kept connection p50 {kept[0]:.2f} ms, p90 {kept[1]:.2f} ms; "
        f"new connection p50 {new[0]:.2f} ms, p90 {new[1]:.2f} ms ({args.calls} calls, "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
