"""The sender's check (docs/live.md, "The sender's check"): the posting transaction
decides the sockets it finds in the watcher registry and the worker only applies
its verdicts; every other socket is checked by its worker as before. On a
redis-server of the test's own (the registry lives in the channel layer's Redis;
with the in-memory layer every socket is checked by its worker, as the rest of
tests/forum proves); skipped when `redis-server` is not installed."""

from __future__ import annotations

import asyncio
import itertools

import pytest
import redis
from allauth.usersessions.models import UserSession
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum import broadcast, consumers, selectors, services
from leerwerkplaats.routing import websocket_urlpatterns
from members import live_db
from members.live import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from members.models import MembershipStatus, Profile
from tests.forum import factories
from tests.live_servers import OwnRedis, redis_server_binary
from tests.members import factories as member_factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        redis_server_binary() is None, reason="redis-server is not installed (apt install redis)"
    ),
]

WAIT = 10
application = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
_prefixes = itertools.count(1)
_addresses = itertools.count(1)


@pytest.fixture(scope="module")
def redis_server():
    server = OwnRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def layer(redis_server, settings):
    prefix = f"sender-check-{next(_prefixes)}"
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [redis_server.url], "prefix": prefix},
        }
    }
    settings.FORUM_LIVE_SENDER_CHECK = True
    settings.FORUM_CATCH_UP_SECONDS = 3600  # no catch-up query during a test
    yield redis.Redis.from_url(redis_server.url), prefix


@pytest.fixture
def check_thread_queries(monkeypatch):
    """Every call the live checks' thread runs, with the queries it made there
    (Django's CaptureQueriesContext on that thread's connection)."""
    calls: list[tuple[str, int]] = []
    real = live_db._in_check_thread

    def counted(func, *args, **kwargs):
        with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as captured:
            result = real(func, *args, **kwargs)
        calls.append((getattr(func, "__name__", str(func)), len(captured)))
        return result

    monkeypatch.setattr(live_db, "_in_check_thread", counted)
    return calls


@pytest.fixture
def decided(monkeypatch):
    """The member ids each worker check (`_decide`) answered for."""
    seen: list[set[int]] = []
    real = consumers._decide

    def spy(batch):
        answers = real(batch)
        seen.append({socket.user_id for socket in answers})
        return answers

    monkeypatch.setattr(consumers, "_decide", spy)
    return seen


def log_in_through_the_site(user) -> Client:
    """allauth's login form, as a member logs in (its `UserSession` row written)."""
    client = Client(REMOTE_ADDR=f"10.9.0.{next(_addresses) % 250 + 1}")
    answer = client.post(
        reverse("account_login"), {"login": user.email, "password": member_factories.PASSWORD}
    )
    assert answer.status_code == 302
    return client


def session_key_of(client: Client) -> str:
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


async def open_socket(client: Client, thread_id: int):
    cookie = f"{django_settings.SESSION_COOKIE_NAME}={session_key_of(client)}"
    communicator = WebsocketCommunicator(
        application, f"/ws/forum/threads/{thread_id}/", headers=[(b"cookie", cookie.encode())]
    )
    connected, _code = await communicator.connect(timeout=WAIT)
    assert connected
    return communicator


@sync_to_async
def member_logged_in(**kwargs):
    user = member_factories.member(**kwargs)
    return user, log_in_through_the_site(user)


@sync_to_async
def setup_thread():
    author = member_factories.member()
    thread = factories.thread(author=author)
    factories.post(thread=thread, text="Het begin van het gesprek.")
    thread.refresh_from_db()
    return author, thread


@sync_to_async
def reply(thread, author, text):
    return services.post_reply(thread=thread, author=author, text=text)


@pytest.fixture
def sent(monkeypatch):
    """The thread events as the posting process sent them (after the commit)."""
    events: list[dict] = []
    real = broadcast.send_on_commit

    def spy(group, message):
        if message.get("type") == broadcast.THREAD_EVENT:
            events.append(message)
        real(group, message)

    monkeypatch.setattr(broadcast, "send_on_commit", spy)
    return events


async def test_a_covered_socket_costs_its_worker_no_query(
    layer, check_thread_queries, decided, sent
):
    author, thread = await setup_thread()
    _reader, client = await member_logged_in()
    socket = await open_socket(client, thread.pk)

    post = await reply(thread, author, "Beslist door de afzender.")

    frame = await socket.receive_json_from(timeout=WAIT)
    assert (frame["type"], frame["seq"], frame["id"]) == ("post", post.seq, post.pk)
    assert "Beslist door de afzender." in frame["html"]
    assert len(sent[-1]["verdicts"]) == 1  # the reader's socket, decided by the sender
    assert check_thread_queries == []  # no check in the worker: no query, no hop
    assert decided == []
    await socket.disconnect()


async def test_without_the_sender_check_the_worker_checks_with_queries(
    layer, settings, check_thread_queries, decided, sent
):
    """The same as above with the setting off: what the test above would see
    without the feature (so it can tell the difference)."""
    settings.FORUM_LIVE_SENDER_CHECK = False
    author, thread = await setup_thread()
    reader, client = await member_logged_in()
    socket = await open_socket(client, thread.pk)

    await reply(thread, author, "Beslist door de worker.")

    frame = await socket.receive_json_from(timeout=WAIT)
    assert frame["type"] == "post"
    assert "verdicts" not in sent[-1]
    assert len(check_thread_queries) == 1  # the worker's check, in its thread
    assert check_thread_queries[0][1] >= 1  # with its queries
    assert decided == [{reader.pk}]
    await socket.disconnect()


async def test_a_socket_that_joined_after_the_sender_read_the_registry_is_checked_by_its_worker(
    layer, monkeypatch, decided, sent
):
    author, thread = await setup_thread()
    early, early_client = await member_logged_in()
    early_socket = await open_socket(early_client, thread.pk)
    read_before = await sync_to_async(broadcast.read_watchers)(thread.pk)
    late, late_client = await member_logged_in()
    late_socket = await open_socket(late_client, thread.pk)
    # The sender read the registry before the late socket joined.
    monkeypatch.setattr(broadcast, "read_watchers", lambda thread_id: read_before)

    post = await reply(thread, author, "Net te laat in het register.")

    for socket in (early_socket, late_socket):
        frame = await socket.receive_json_from(timeout=WAIT)
        assert (frame["type"], frame["seq"]) == ("post", post.seq)
        assert "Net te laat in het register." in frame["html"]
    assert {key.split("|")[0] for key in sent[-1]["verdicts"]} == {str(early.pk)}
    assert decided == [{late.pk}]  # only the late socket was checked by its worker
    await early_socket.disconnect()
    await late_socket.disconnect()


@sync_to_async
def refuse(user):
    Profile.objects.filter(user=user).update(status=MembershipStatus.REFUSED)


@sync_to_async
def end_session_row(key):
    # Only the session row (an expired or cleared session): allauth's record stays.
    Session.objects.filter(session_key=key).delete()


@pytest.mark.parametrize("sender_check", [True, False])
@pytest.mark.parametrize(
    ("change", "code"), [("refused", CLOSE_FORBIDDEN), ("session_ended", CLOSE_UNAUTHENTICATED)]
)
async def test_a_member_refused_in_the_posting_transaction_is_closed_as_the_worker_would(
    layer, settings, decided, sent, sender_check, change, code
):
    settings.FORUM_LIVE_SENDER_CHECK = sender_check
    author, thread = await setup_thread()
    reader, client = await member_logged_in()
    socket = await open_socket(client, thread.pk)
    if change == "refused":
        await refuse(reader)
    else:
        await end_session_row(session_key_of(client))

    await reply(thread, author, "Dit mag het lid niet meer zien.")

    output = await socket.receive_output(timeout=WAIT)
    assert output == {"type": "websocket.close", "code": code}
    if sender_check:
        assert list(sent[-1]["verdicts"].values()) == [code]
        assert decided == []
    else:
        assert decided == [{reader.pk}]


async def test_no_value_in_the_registry_equals_a_session_key(layer):
    redis_client, prefix = layer
    _, thread = await setup_thread()
    sockets, keys = [], []
    for _ in range(3):
        _user, client = await member_logged_in()
        keys.append(session_key_of(client))
        sockets.append(await open_socket(client, thread.pk))

    stored = redis_client.zrange(f"{prefix}:forum.watchers.{thread.pk}", 0, -1)

    assert len(stored) == 3
    values = [entry.decode() for entry in stored]
    for key in keys:
        assert all(key not in value for value in values)
    assert all(len(value.split("|")) == 3 for value in values)
    for socket in sockets:
        await socket.disconnect()
    assert redis_client.zcard(f"{prefix}:forum.watchers.{thread.pk}") == 0


@sync_to_async
def sign_out_elsewhere(key):
    # allauth's "sign out other sessions" (UserSession.end): the session and its
    # record go, and no signal reaches the live sockets.
    UserSession.objects.get(session_key=key).end()


async def test_a_session_ended_elsewhere_before_the_post_is_closed_at_this_event(layer, decided):
    author, thread = await setup_thread()
    reader, client = await member_logged_in()
    socket = await open_socket(client, thread.pk)
    await sign_out_elsewhere(session_key_of(client))

    await reply(thread, author, "Na het afmelden elders.")

    output = await socket.receive_output(timeout=WAIT)
    assert output == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}
    assert decided == [{reader.pk}]  # no record any more: its worker checked it


async def test_a_session_ended_after_the_sender_checked_is_closed_at_the_next_event(
    layer, monkeypatch
):
    """The window the sender's check moves: a session that ends, without a signal,
    after the posting transaction read it still gets that event; the next event
    closes the socket (the worker's check read it a few milliseconds later)."""
    author, thread = await setup_thread()
    _reader, client = await member_logged_in()
    socket = await open_socket(client, thread.pk)
    real = selectors.live_verdicts
    ended = []

    def verdicts_then_sign_out(**kwargs):
        verdicts = real(**kwargs)
        if not ended:
            ended.append(True)
            Session.objects.filter(session_key=session_key_of(client)).delete()
        return verdicts

    monkeypatch.setattr(selectors, "live_verdicts", verdicts_then_sign_out)

    first = await reply(thread, author, "Nog net.")
    frame = await socket.receive_json_from(timeout=WAIT)
    assert (frame["type"], frame["seq"]) == ("post", first.seq)
    await reply(thread, author, "Niet meer.")
    output = await socket.receive_output(timeout=WAIT)
    assert output == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}


async def test_sockets_of_one_session_share_an_entry_until_the_last_closes(layer):
    redis_client, prefix = layer
    _, thread = await setup_thread()
    _user, client = await member_logged_in()
    first = await open_socket(client, thread.pk)
    second = await open_socket(client, thread.pk)
    key = f"{prefix}:forum.watchers.{thread.pk}"
    assert redis_client.zcard(key) == 1

    await first.disconnect()
    await asyncio.sleep(0)
    assert redis_client.zcard(key) == 1
    await second.disconnect()
    assert redis_client.zcard(key) == 0


async def test_past_the_cap_every_worker_checks_its_own_sockets(layer, settings, decided, sent):
    """Past FORUM_LIVE_SENDER_CHECK_MAX_WATCHERS (member, session) entries the
    sender's serial check would cost more than the workers' parallel ones."""
    settings.FORUM_LIVE_SENDER_CHECK_MAX_WATCHERS = 1
    author, thread = await setup_thread()
    sockets, readers = [], []
    for _ in range(2):
        reader, client = await member_logged_in()
        readers.append(reader.pk)
        sockets.append(await open_socket(client, thread.pk))

    await reply(thread, author, "Te veel kijkers voor de afzender.")

    for socket in sockets:
        assert (await socket.receive_json_from(timeout=WAIT))["type"] == "post"
        await socket.disconnect()
    assert "verdicts" not in sent[-1]
    assert set().union(*decided) == set(readers)


async def test_a_registry_that_cannot_be_read_leaves_every_socket_to_its_worker(
    layer, monkeypatch, decided, sent
):
    author, thread = await setup_thread()
    reader, client = await member_logged_in()
    socket = await open_socket(client, thread.pk)
    # The registry's Redis does not answer (port 9: nobody listens there).
    monkeypatch.setattr(
        broadcast._process, "client", lambda host: redis.Redis(port=9, socket_connect_timeout=0.2)
    )
    monkeypatch.setattr(broadcast._process, "failed_at", 0.0)

    post = await reply(thread, author, "Zonder register.")

    frame = await socket.receive_json_from(timeout=WAIT)
    assert (frame["type"], frame["seq"]) == ("post", post.seq)
    assert "verdicts" not in sent[-1]
    assert decided == [{reader.pk}]
    await socket.disconnect()
