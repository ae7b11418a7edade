"""`typing` on a thread socket: throttled on the server, never stored or replayed,
never sent back to the typist, and under the thread's alias in an aliased thread
(docs/live.md, "Forum threads")."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async

from forum.consumers import ThreadConsumer
from forum.models import ThreadEvent
from tests.forum import factories
from tests.forum.test_consumers import WAIT, open_socket, reply, setup_thread
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db(transaction=True)


@sync_to_async
def pseudonym(user) -> str:
    return user.profile.pseudonym


async def test_typing_reaches_the_others_but_never_the_typist():
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    typist_socket, connected, _ = await open_socket(author, thread.pk)
    assert connected
    reader_socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected

    await typist_socket.send_json_to({"type": "typing"})

    assert await reader_socket.receive_json_from(timeout=WAIT) == {
        "type": "typing",
        "name": await pseudonym(author),
    }
    assert await typist_socket.receive_nothing(timeout=0.5)
    await typist_socket.disconnect()
    await reader_socket.disconnect()


async def test_typing_is_throttled_on_the_server(monkeypatch):
    # An interval no test run can outlast, so the second frame is inside it.
    monkeypatch.setattr(ThreadConsumer, "typing_interval", 600.0)
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    typist_socket, _, _ = await open_socket(author, thread.pk)
    reader_socket, _, _ = await open_socket(reader, thread.pk)

    for _ in range(5):
        await typist_socket.send_json_to({"type": "typing"})
    # The consumer handles a socket's frames in order: once this error frame is back,
    # all five were handled (and whatever they published is in the layer).
    await typist_socket.send_json_to({"type": "resume", "after": "nu"})
    assert (await typist_socket.receive_json_from(timeout=WAIT))["type"] == "error"
    post = await reply(thread, author, "Klaar met typen.")

    frames = [await reader_socket.receive_json_from(timeout=WAIT)]
    while frames[-1]["type"] != "post":
        frames.append(await reader_socket.receive_json_from(timeout=WAIT))
    assert [f["type"] for f in frames] == ["typing", "post"]
    assert frames[-1]["seq"] == post.seq
    assert await reader_socket.receive_nothing(timeout=0.5)
    await typist_socket.disconnect()
    await reader_socket.disconnect()


async def test_typing_is_not_stored_nor_replayed():
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    typist_socket, _, _ = await open_socket(author, thread.pk)
    reader_socket, _, _ = await open_socket(reader, thread.pk)
    events_before = await sync_to_async(ThreadEvent.objects.filter(thread=thread).count)()

    await typist_socket.send_json_to({"type": "typing"})
    assert (await reader_socket.receive_json_from(timeout=WAIT))["type"] == "typing"

    assert await sync_to_async(ThreadEvent.objects.filter(thread=thread).count)() == events_before
    await reader_socket.send_json_to({"type": "resume", "after": 0})
    replayed = [await reader_socket.receive_json_from(timeout=WAIT) for _ in range(events_before)]
    assert all(frame["type"] != "typing" for frame in replayed)
    assert await reader_socket.receive_nothing(timeout=0.5)
    await typist_socket.disconnect()
    await reader_socket.disconnect()


async def test_in_an_aliased_thread_typing_shows_the_alias_only():
    author = await sync_to_async(member_factories.member)()
    thread = await sync_to_async(factories.thread)(author=author, alias_mode=True)
    await reply(thread, author, "Mijn casus, onder schuilnaam.")
    reader = await sync_to_async(member_factories.member)()
    newcomer = await sync_to_async(member_factories.member)()
    author_socket, _, _ = await open_socket(author, thread.pk)
    reader_socket, _, _ = await open_socket(reader, thread.pk)
    newcomer_socket, _, _ = await open_socket(newcomer, thread.pk)

    await author_socket.send_json_to({"type": "typing"})
    assert await reader_socket.receive_json_from(timeout=WAIT) == {
        "type": "typing",
        "name": "Inbrenger",
    }
    # Someone without an alias yet (no post here) is "Iemand", never their pseudonym.
    await newcomer_socket.send_json_to({"type": "typing"})
    frames = [await reader_socket.receive_json_from(timeout=WAIT)]
    assert frames == [{"type": "typing", "name": "Iemand"}]
    for socket in (author_socket, reader_socket, newcomer_socket):
        await socket.disconnect()


async def test_no_typing_in_a_locked_thread():
    author, thread = await setup_thread()
    await sync_to_async(type(thread).objects.filter(pk=thread.pk).update)(locked=True)
    reader = await sync_to_async(member_factories.member)()
    typist_socket, _, _ = await open_socket(author, thread.pk)
    reader_socket, _, _ = await open_socket(reader, thread.pk)

    await typist_socket.send_json_to({"type": "typing"})

    assert await reader_socket.receive_nothing(timeout=1)
    await typist_socket.disconnect()
    await reader_socket.disconnect()
