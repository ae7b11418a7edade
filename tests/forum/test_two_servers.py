"""Two server processes sharing PostgreSQL and Redis (`make test-services`): a reply
posted over HTTP on server 1 reaches a thread socket open on server 2.

Both servers are uvicorn subprocesses on the test's own database (pytest-django's
`transactional_db`: what the test writes is committed, so the subprocesses see it)
and on the test's Redis. Skipped unless DATABASE_URL is PostgreSQL and REDIS_URL
is set."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from tests.forum import factories
from tests.live_client import ThreadClient, post_reply
from tests.live_servers import AsgiProcess, server_env
from tests.members import factories as member_factories
from tests.members.test_live import logged_in_client

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(
        not settings.REDIS_URL or connection.vendor != "postgresql",
        reason="needs PostgreSQL and Redis: DATABASE_URL=postgres://... REDIS_URL=redis://... "
        "(make test-services)",
    ),
]

WAIT = 120


def session_cookie(user) -> str:
    client = logged_in_client(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@pytest.fixture
def two_servers(transactional_db, tmp_path):
    db = connection.settings_dict
    database_url = urlunsplit(
        (
            "postgres",
            f"{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}",
            f"/{db['NAME']}",
            "",
            "",
        )
    )
    redis_url = settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]
    assert urlsplit(redis_url).scheme.startswith("redis")
    env = server_env(
        database_url=database_url, redis_url=redis_url, settings="leerwerkplaats.settings.test"
    )
    servers = [AsgiProcess(env, log=tmp_path / f"server{i}.log") for i in (1, 2)]
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_a_post_on_server_one_reaches_a_socket_on_server_two(two_servers):
    one, two = two_servers
    author = member_factories.member()
    reader = member_factories.member()
    thread = factories.thread(author=author)
    factories.post(thread=thread, text="Het begin.")
    thread.refresh_from_db()
    client = ThreadClient(
        ws_url=two.ws_url,
        origin=two.url,
        thread_id=thread.pk,
        cookie=session_cookie(reader),
        last_seq=thread.last_seq,
    )
    author_cookie = session_cookie(author)

    async def scenario() -> dict:
        runner = asyncio.create_task(client.run())
        await asyncio.wait_for(client.connected.wait(), WAIT)
        answer = await asyncio.to_thread(
            post_reply, one.url, thread.pk, author_cookie, "Een reactie via server een."
        )
        deadline = asyncio.get_running_loop().time() + WAIT
        while client.last_seq < answer["seq"] and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
        await client.stop()
        await asyncio.wait_for(runner, WAIT)
        return answer

    answer = asyncio.run(scenario())

    assert answer["ok"] is True
    assert client.applied == [answer["seq"]]
    assert client.closes in ([], [1000])
