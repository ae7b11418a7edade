"""The live checks' database thread keeps its connection between events (the
ASGI processes run with CONN_MAX_AGE=0, so `database_sync_to_async` opened one
per event), and drops it after a database error or past its age."""

from __future__ import annotations

import threading

import pytest
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from members import live_db

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def closes(monkeypatch):
    """The threads in which a database connection was closed."""
    names: list[str] = []
    wrapper = type(connections[DEFAULT_DB_ALIAS])
    real = wrapper.close

    def close(self):
        names.append(threading.current_thread().name)
        return real(self)

    monkeypatch.setattr(wrapper, "close", close)
    return names


def count_users() -> tuple[str, int]:
    from django.contrib.auth import get_user_model

    return threading.current_thread().name, get_user_model().objects.count()


def broken() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table_at_all")


async def test_checks_run_in_one_thread_that_keeps_its_connection(closes):
    first = await live_db.run_live_check(count_users)
    second = await live_db.run_live_check(count_users)
    assert first[0] == second[0]
    assert first[0].startswith("live-check")
    assert closes == []


async def test_a_database_error_drops_the_connection_for_the_next_check(closes):
    with pytest.raises(DatabaseError):  # OperationalError on SQLite, ProgrammingError on PostgreSQL
        await live_db.run_live_check(broken)
    assert [name for name in closes if name.startswith("live-check")]
    closes.clear()
    assert (await live_db.run_live_check(count_users))[1] >= 0
    assert closes == []


async def test_a_connection_past_its_age_is_opened_again(closes, settings):
    await live_db.run_live_check(count_users)
    settings.LIVE_DATABASE_CONN_MAX_AGE = 0
    await live_db.run_live_check(count_users)
    assert [name for name in closes if name.startswith("live-check")]
