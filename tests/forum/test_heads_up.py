"""The heads-up: at the commit the posting process tells the thread's group that an
event is coming, so each worker checks its members while the post is drawn; the
event, when its drawings arrive, uses that check only when it is recent and covers
every socket. docs/live.md, "The check begins at the heads-up"."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.contrib.sessions.models import Session

from forum import broadcast, consumers
from members.live import CLOSE_UNAUTHENTICATED
from tests.forum.test_consumers import WAIT, open_socket, reply, setup_thread
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def heads_up_on(settings):
    """Off by default (docs/performance.md); these tests switch it on."""
    settings.FORUM_LIVE_HEADS_UP = True


@pytest.fixture
def checks(monkeypatch):
    """Counts the worker's member checks (each loads many members at once)."""
    calls: list[list[tuple[int, str | None]]] = []
    real = consumers.users_for_live_check

    def counted(wanted, **kwargs):
        calls.append(list(wanted))
        return real(wanted, **kwargs)

    monkeypatch.setattr(consumers, "users_for_live_check", counted)
    return calls


@pytest.fixture
def held(monkeypatch):
    """The forum's group messages of one post, kept instead of sent: (heads-up, event)."""
    kept: list[tuple[dict, dict]] = []

    def keep(group, event, *, prepare=None, heads_up=None):
        from django.db import transaction

        def later():
            message = dict(event)
            if prepare is not None:
                message.update(prepare())
            kept.append((dict(heads_up), message))

        transaction.on_commit(later)

    monkeypatch.setattr(broadcast, "send_on_commit", keep)
    return kept


async def until(predicate, timeout: float = WAIT) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def synced_socket(user, thread):
    socket, connected, _ = await open_socket(user, thread.pk)
    assert connected
    await socket.send_json_to({"type": "resume", "after": thread.last_seq - 1})
    assert (await socket.receive_json_from(timeout=WAIT))["seq"] == thread.last_seq
    return socket


async def test_a_reply_sends_the_heads_up_before_its_event():
    author, thread = await setup_thread()
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add(broadcast.thread_group(thread.pk), channel)

    post = await reply(thread, author, "Eerst de aankondiging, dan het bericht.")

    first = await asyncio.wait_for(layer.receive(channel), WAIT)
    second = await asyncio.wait_for(layer.receive(channel), WAIT)
    ids = {"thread_id": thread.pk, "seq": post.seq, "kind": "post", "post_id": post.pk}
    assert first == {"type": broadcast.THREAD_HEADS_UP, **ids}
    assert second["type"] == broadcast.THREAD_EVENT
    assert {key: second[key] for key in ids} == ids
    assert second["prepared"]["drawings"]  # the drawings come with the event only


@pytest.mark.parametrize("switch", [False, None])
async def test_no_heads_up_unless_it_is_switched_on(settings, switch):
    """FORUM_LIVE_HEADS_UP off or unset (the default): the event only."""
    if switch is None:
        del settings.FORUM_LIVE_HEADS_UP
    else:
        settings.FORUM_LIVE_HEADS_UP = switch
    author, thread = await setup_thread()
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add(broadcast.thread_group(thread.pk), channel)

    post = await reply(thread, author, "Zonder aankondiging.")

    first = await asyncio.wait_for(layer.receive(channel), WAIT)
    assert (first["type"], first["seq"]) == (broadcast.THREAD_EVENT, post.seq)


async def test_the_heads_up_checks_the_members_before_the_drawings_arrive(checks, held):
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    socket = await synced_socket(reader, thread)
    post = await reply(thread, author, "Gecontroleerd terwijl het getekend werd.")
    heads_up, event = held[0]
    layer = get_channel_layer()
    group = broadcast.thread_group(thread.pk)

    await layer.group_send(group, heads_up)
    await until(lambda: len(checks) == 1)
    assert await socket.receive_nothing(timeout=0.1)  # a heads-up is never a frame

    await layer.group_send(group, event)
    frame = await socket.receive_json_from(timeout=WAIT)
    assert (frame["type"], frame["seq"], frame["id"]) == ("post", post.seq, post.pk)
    assert len(checks) == 1  # the event used the heads-up's check
    # A heads-up that comes again (or late) begins nothing.
    await layer.group_send(group, heads_up)
    assert await socket.receive_nothing(timeout=0.2)
    assert len(checks) == 1
    await socket.disconnect()


async def test_a_heads_up_check_that_is_too_old_is_not_used(checks, held, settings):
    """The check the event uses must be recent: a session ended between an old
    heads-up and its event still closes the socket at that event."""
    settings.FORUM_HEADS_UP_MAX_AGE_SECONDS = 0
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    socket = await synced_socket(reader, thread)
    await reply(thread, author, "Te laat voor de vroege controle.")
    heads_up, event = held[0]
    layer = get_channel_layer()
    group = broadcast.thread_group(thread.pk)
    await layer.group_send(group, heads_up)
    await until(lambda: len(checks) == 1)

    await sync_to_async(Session.objects.all().delete)()  # as "sign out other sessions"
    await layer.group_send(group, event)

    assert await socket.receive_output(timeout=WAIT) == {
        "type": "websocket.close",
        "code": CLOSE_UNAUTHENTICATED,
    }
    assert len(checks) == 2


async def test_a_socket_opened_after_the_heads_up_is_checked_for_itself(checks, held):
    author, thread = await setup_thread()
    first = await synced_socket(await sync_to_async(member_factories.member)(), thread)
    post = await reply(thread, author, "Voor wie er al was en wie net kwam.")
    heads_up, event = held[0]
    layer = get_channel_layer()
    group = broadcast.thread_group(thread.pk)
    await layer.group_send(group, heads_up)
    await until(lambda: len(checks) == 1)

    late_reader = await sync_to_async(member_factories.member)()
    late, connected, _ = await open_socket(late_reader, thread.pk)
    assert connected
    await layer.group_send(group, event)

    for socket in (first, late):
        frame = await socket.receive_json_from(timeout=WAIT)
        assert (frame["type"], frame["seq"]) == ("post", post.seq)
    assert len(checks) == 2  # the heads-up's check did not cover the late socket
    assert any(user_id == late_reader.pk for user_id, _ in checks[1])
    for socket in (first, late):
        await socket.disconnect()


async def test_a_heads_up_without_its_event_is_caught_up(held, settings):
    """The heads-up does not count as the event: when the layer loses the event
    itself, the catch-up check still tells the socket to resync."""
    settings.FORUM_CATCH_UP_SECONDS = 0.05
    author, thread = await setup_thread()
    socket = await synced_socket(await sync_to_async(member_factories.member)(), thread)
    post = await reply(thread, author, "Alleen de aankondiging kwam aan.")
    heads_up, _event = held[0]
    await get_channel_layer().group_send(broadcast.thread_group(thread.pk), heads_up)

    assert await socket.receive_json_from(timeout=WAIT) == {"type": "resync"}
    await socket.send_json_to({"type": "resume", "after": post.seq - 1})
    frame = await socket.receive_json_from(timeout=WAIT)
    assert (frame["type"], frame["seq"]) == ("post", post.seq)
    await socket.disconnect()


async def test_the_worker_checks_on_the_live_checks_own_connection(monkeypatch):
    """The check runs in the live checks' thread (members.live_db), whose database
    connection outlives the event, not in Channels' thread, which closes it."""
    import threading

    names: list[str] = []
    real = consumers.users_for_live_check

    def named(wanted, **kwargs):
        names.append(threading.current_thread().name)
        return real(wanted, **kwargs)

    monkeypatch.setattr(consumers, "users_for_live_check", named)
    author, thread = await setup_thread()
    socket = await synced_socket(await sync_to_async(member_factories.member)(), thread)
    post = await reply(thread, author, "Over een verbinding die blijft.")
    assert (await socket.receive_json_from(timeout=WAIT))["seq"] == post.seq
    assert names
    assert all(name.startswith("live-check") for name in names)
    await socket.disconnect()
