"""The live thread: resume from the database, live posts, hiding, and access
checked at connect and before every event. Real session cookies."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from forum import services
from forum.models import FlagReason
from leerwerkplaats.routing import websocket_urlpatterns
from members.live import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from members.models import MembershipStatus, Profile
from tests.forum import factories
from tests.members import factories as member_factories
from tests.members.test_live import cookie_of, logged_in_client

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 10
application = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))


async def open_socket(user, thread_id: int):
    headers = []
    if user is not None:
        client = await sync_to_async(logged_in_client)(user)
        headers.append(cookie_of(client))
    communicator = WebsocketCommunicator(
        application, f"/ws/forum/threads/{thread_id}/", headers=headers
    )
    connected, code = await communicator.connect(timeout=WAIT)
    return communicator, connected, code


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


async def test_resume_after_a_disconnect_delivers_the_missed_posts_once_in_order():
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    seen = thread.last_seq
    socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected
    await socket.send_json_to({"type": "resume", "after": seen})
    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect()

    texts = [f"Gemist bericht {i}." for i in (1, 2, 3)]
    for text in texts:
        await reply(thread, author, text)

    socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected
    await socket.send_json_to({"type": "resume", "after": seen})
    frames = [await socket.receive_json_from(timeout=WAIT) for _ in texts]
    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect()

    assert [f["type"] for f in frames] == ["post", "post", "post"]
    assert [f["seq"] for f in frames] == [seen + 1, seen + 2, seen + 3]
    for frame, text in zip(frames, texts, strict=True):
        assert text in frame["html"]
        assert f'data-seq="{frame["seq"]}"' in frame["html"]


async def test_a_new_post_arrives_live():
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected

    post = await reply(thread, author, "Een nieuw bericht, live.")

    frame = await socket.receive_json_from(timeout=WAIT)
    assert (frame["type"], frame["seq"], frame["id"]) == ("post", post.seq, post.pk)
    assert "Een nieuw bericht, live." in frame["html"]
    await socket.disconnect()


async def test_a_live_post_reaches_reader_author_and_moderator_without_a_render_in_the_worker(
    monkeypatch,
):
    """The frames were rendered once in the posting transaction and travel with the
    event; the worker only checks its members again and picks each socket's frame."""
    from forum import consumers as forum_consumers

    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    moderator = await sync_to_async(factories.moderator)()
    sockets = []
    for user in (reader, author, moderator):
        socket, connected, _ = await open_socket(user, thread.pk)
        assert connected
        sockets.append(socket)

    def no_rendering(**kwargs):
        raise AssertionError("the worker rendered the post")

    monkeypatch.setattr(forum_consumers.selectors, "live_frames", no_rendering)
    post = await reply(thread, author, "Eenmaal gerenderd.")

    frames = [await socket.receive_json_from(timeout=WAIT) for socket in sockets]
    assert all((f["type"], f["seq"], f["id"]) == ("post", post.seq, post.pk) for f in frames)
    assert all("Eenmaal gerenderd." in f["html"] for f in frames)
    assert "Bewerken" not in frames[0]["html"] and "Modereren" not in frames[0]["html"]
    assert "Bewerken" in frames[1]["html"]
    assert "Modereren" in frames[2]["html"]
    for socket in sockets:
        await socket.disconnect()


async def test_an_event_the_layer_lost_with_none_after_it_still_reaches_the_client(
    monkeypatch, settings
):
    """The client finds a gap only when a later frame shows it. When the channel
    layer drops a thread's last event (channels_redis drops messages past a worker's
    `capacity` or `expiry`: a worker far behind on an overloaded machine), the
    worker's catch-up check sees the thread ahead of what the socket was sent and
    tells it to resync; the resume then brings the post."""
    from forum import broadcast

    settings.FORUM_CATCH_UP_SECONDS = 0.05
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected
    last = thread.last_seq
    await socket.send_json_to({"type": "resume", "after": last - 1})
    assert (await socket.receive_json_from(timeout=WAIT))["seq"] == last

    monkeypatch.setattr(broadcast, "send_on_commit", lambda *args, **kwargs: None)  # lost
    post = await reply(thread, author, "Dit bericht haalde de kanaallaag nooit.")

    assert await socket.receive_json_from(timeout=WAIT) == {"type": "resync"}
    await socket.send_json_to({"type": "resume", "after": last})
    frame = await socket.receive_json_from(timeout=WAIT)
    assert (frame["type"], frame["seq"], frame["id"]) == ("post", post.seq, post.pk)
    assert "Dit bericht haalde de kanaallaag nooit." in frame["html"]
    await socket.disconnect()


async def test_no_resync_while_every_event_arrives(settings):
    """The catch-up check stays quiet for a socket that got every event."""
    import asyncio

    settings.FORUM_CATCH_UP_SECONDS = 0.05
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected
    await socket.send_json_to({"type": "resume", "after": thread.last_seq - 1})
    assert (await socket.receive_json_from(timeout=WAIT))["seq"] == thread.last_seq
    post = await reply(thread, author, "Dit bericht komt gewoon aan.")
    frame = await socket.receive_json_from(timeout=WAIT)
    assert (frame["type"], frame["seq"]) == ("post", post.seq)

    await asyncio.sleep(0.5)  # ten checks
    assert await socket.receive_nothing(timeout=0.1)
    await socket.disconnect()


async def test_a_herleidbaar_flag_hides_the_post_live():
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    moderator = await sync_to_async(factories.moderator)()
    post = await reply(thread, author, "Een bericht dat te herkennen blijkt.")
    member_socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected
    moderator_socket, connected, _ = await open_socket(moderator, thread.pk)
    assert connected

    await sync_to_async(services.flag_post)(
        post=post, reporter=reader, reason=FlagReason.HERLEIDBAAR
    )

    frame = await member_socket.receive_json_from(timeout=WAIT)
    assert frame == {"type": "post_hidden", "seq": post.seq + 1, "id": post.pk}
    frame = await moderator_socket.receive_json_from(timeout=WAIT)
    assert frame["type"] == "post_hidden"
    assert "forum-post--hidden" in frame["html"]
    # A member who resumes from before the post gets no trace of its text either.
    await member_socket.send_json_to({"type": "resume", "after": post.seq - 1})
    replayed = [await member_socket.receive_json_from(timeout=WAIT) for _ in range(2)]
    assert [f["type"] for f in replayed] == ["post_hidden", "post_hidden"]
    assert all("html" not in f for f in replayed)
    await member_socket.disconnect()
    await moderator_socket.disconnect()


async def test_a_revoked_member_is_closed_at_the_next_event():
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected

    await sync_to_async(
        lambda: Profile.objects.filter(user=reader).update(status=MembershipStatus.REFUSED)
    )()
    await reply(thread, author, "Dit bericht mag de ingetrokken lid niet meer zien.")

    output = await socket.receive_output(timeout=WAIT)
    assert output == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}


async def test_visitors_pending_members_and_hidden_threads_are_refused():
    _, thread = await setup_thread()
    pending = await sync_to_async(member_factories.member)(
        role=None, status=MembershipStatus.PENDING
    )
    member = await sync_to_async(member_factories.member)()
    hidden = await sync_to_async(factories.thread)(hidden=True)

    _, connected, code = await open_socket(None, thread.pk)
    assert (connected, code) == (False, CLOSE_UNAUTHENTICATED)
    _, connected, code = await open_socket(pending, thread.pk)
    assert (connected, code) == (False, CLOSE_FORBIDDEN)
    _, connected, code = await open_socket(member, hidden.pk)
    assert (connected, code) == (False, CLOSE_FORBIDDEN)


async def test_bad_resume_gets_an_error_frame():
    _, thread = await setup_thread()
    member = await sync_to_async(member_factories.member)()
    socket, connected, _ = await open_socket(member, thread.pk)
    assert connected

    await socket.send_json_to({"type": "resume", "after": "gisteren"})

    assert (await socket.receive_json_from(timeout=WAIT))["type"] == "error"
    await socket.disconnect()


async def test_an_edit_and_a_reaction_arrive_as_post_updated_and_reaction():
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    post = await reply(thread, author, "Eerste versie van mijn bericht.")
    socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected

    await sync_to_async(services.edit_post)(post=post, editor=author, text="Tweede versie.")
    await sync_to_async(services.react)(post=post, user=reader, kind="steun")

    edited = await socket.receive_json_from(timeout=WAIT)
    reacted = await socket.receive_json_from(timeout=WAIT)
    assert (edited["type"], edited["seq"], edited["id"]) == ("post_updated", post.seq + 1, post.pk)
    assert "Tweede versie." in edited["html"]
    assert (reacted["type"], reacted["seq"]) == ("reaction", post.seq + 2)
    assert 'aria-pressed="true"' in reacted["html"]
    await socket.disconnect()


async def sockets_with_an_event(monkeypatch, count: int):
    """`count` thread consumers of readers (not connected: `_checked_frame` is asked
    directly), the event of a new post, and the list of live checks made (each the
    number of sockets it answered for)."""
    from forum import consumers as forum_consumers
    from forum import selectors
    from forum.broadcast import THREAD_EVENT
    from forum.models import EventKind

    author, thread = await setup_thread()
    post = await reply(thread, author, "Een bericht voor velen.")
    sockets = []
    for _ in range(count):
        consumer = forum_consumers.ThreadConsumer()
        consumer.scope = {"url_route": {"kwargs": {"pk": thread.pk}}}
        consumer.user_id = (await sync_to_async(member_factories.member)()).pk
        sockets.append(consumer)
    checks: list[int] = []
    live_frames = selectors.live_frames

    def counted(**kwargs):
        checks.append(len(kwargs["users"]))
        return live_frames(**kwargs)

    monkeypatch.setattr(forum_consumers.selectors, "live_frames", counted)
    event = {
        "type": THREAD_EVENT,
        "thread_id": thread.pk,
        "seq": post.seq,
        "kind": EventKind.POST,
        "post_id": post.pk,
    }
    return sockets, event, checks


async def test_sockets_that_get_an_event_while_the_database_thread_is_busy_share_one_check(
    monkeypatch,
):
    """Under load the database thread is busy when an event reaches a worker's
    sockets, and they reach it one after another: every socket that comes before
    the thread is free joins the one batch (one check, one render), instead of
    queueing a check of its own behind the others (docs/live.md, "Many sockets on
    one thread")."""
    import asyncio
    import threading

    from members.live_db import run_live_check

    sockets, event, checks = await sockets_with_an_event(monkeypatch, 6)
    busy = threading.Event()
    # The live checks' own thread (members.live_db) is the one that is busy.
    other_work = asyncio.ensure_future(run_live_check(busy.wait, WAIT))
    answers = []
    for consumer in sockets:
        answers.append(asyncio.ensure_future(consumer._checked_frame(event)))
        for _ in range(10):  # each socket a little later than the one before
            await asyncio.sleep(0)
    busy.set()
    results = await asyncio.wait_for(asyncio.gather(*answers), WAIT)
    await other_work

    assert checks == [len(sockets)]
    assert all(refusal is None and frame["seq"] == event["seq"] for refusal, frame in results)


async def test_one_check_answers_every_socket_of_the_process_on_the_thread(monkeypatch):
    """With the database thread free, the first socket's check answers for all the
    process's sockets on the thread; those that reach the event later (one after
    another, as channels_redis hands it out) find their answer: one check, not six.
    A socket that opened after the check gets a check of its own."""
    from forum import consumers as forum_consumers

    sockets, event, checks = await sockets_with_an_event(monkeypatch, 7)
    for consumer in sockets[:6]:
        forum_consumers._register(consumer)
    try:
        results = [await sockets[0]._checked_frame(event)]
        for consumer in sockets[1:6]:
            results.append(await consumer._checked_frame(event))
        assert checks == [6]
        late = await sockets[6]._checked_frame(event)
        assert len(checks) == 2
    finally:
        for consumer in sockets[:6]:
            forum_consumers._unregister(consumer)
    assert all(
        refusal is None and frame["seq"] == event["seq"] for refusal, frame in [*results, late]
    )
    assert event["thread_id"] not in forum_consumers._thread_sockets


async def test_the_worker_checks_on_the_live_checks_own_connection(monkeypatch):
    """The event's check runs in the live checks' thread (members.live_db), whose
    database connection outlives the event, not in Channels' thread, which closes it."""
    import threading

    from forum import consumers as forum_consumers

    names: list[str] = []
    real = forum_consumers.users_for_live_check

    def named(wanted, **kwargs):
        names.append(threading.current_thread().name)
        return real(wanted, **kwargs)

    monkeypatch.setattr(forum_consumers, "users_for_live_check", named)
    author, thread = await setup_thread()
    socket, connected, _ = await open_socket(
        await sync_to_async(member_factories.member)(), thread.pk
    )
    assert connected
    post = await reply(thread, author, "Over een verbinding die blijft.")
    assert (await socket.receive_json_from(timeout=WAIT))["seq"] == post.seq
    assert names
    assert all(name.startswith("live-check") for name in names)
    await socket.disconnect()


async def test_the_catch_up_check_reads_on_the_live_checks_own_connection(monkeypatch, settings):
    """The catch-up check's `last_seq` query runs in the same thread, on the same
    lasting connection, as the events' checks."""
    import asyncio
    import threading

    from forum import consumers as forum_consumers

    settings.FORUM_CATCH_UP_SECONDS = 0.05
    names: list[str] = []
    real = forum_consumers._last_seqs

    def named(thread_ids):
        names.append(threading.current_thread().name)
        return real(thread_ids)

    monkeypatch.setattr(forum_consumers, "_last_seqs", named)
    _author, thread = await setup_thread()
    socket, connected, _ = await open_socket(
        await sync_to_async(member_factories.member)(), thread.pk
    )
    assert connected
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while len(names) < 2:
        assert loop.time() < deadline, "the catch-up check never ran"
        await asyncio.sleep(0.01)
    await socket.disconnect()
    assert all(name.startswith("live-check") for name in names)


async def test_a_live_check_that_fails_for_a_moment_is_tried_again_after_a_pause(
    monkeypatch, caplog
):
    """A check that fails (a database restarting; SQLite's shared cache refusing a
    read while another transaction writes the thread) is tried again after short
    pauses, and the socket still gets its frame; the log names the error's class,
    not its text (a database error may quote the statement)."""
    from django.db import OperationalError

    from forum import consumers as forum_consumers

    sockets, event, checks = await sockets_with_an_event(monkeypatch, 1)
    monkeypatch.setattr(forum_consumers, "LIVE_CHECK_PAUSES", (0.0, 0.01, 0.01, 0.01))
    decide = forum_consumers._decide
    failures = []

    def flaky(batch):
        if len(failures) < 2:
            failures.append(1)
            raise OperationalError("database table is locked: forum_thread")
        return decide(batch)

    monkeypatch.setattr(forum_consumers, "_decide", flaky)
    refusal, frame = await asyncio.wait_for(sockets[0]._checked_frame(event), WAIT)

    assert (refusal, frame["seq"]) == (None, event["seq"])
    assert len(failures) == 2 and checks == [1]
    warnings = [r.getMessage() for r in caplog.records if r.name == "forum.consumers"]
    assert len(warnings) == 2 and all("(OperationalError)" in w for w in warnings)
    assert not any("locked" in w for w in warnings)


async def test_a_live_check_that_keeps_failing_gives_up_after_the_last_pause(monkeypatch):
    """When every try fails the socket's handler raises: the socket closes and the
    client reconnects and resumes (nothing is lost)."""
    from django.db import OperationalError

    from forum import consumers as forum_consumers

    sockets, event, _ = await sockets_with_an_event(monkeypatch, 1)
    monkeypatch.setattr(forum_consumers, "LIVE_CHECK_PAUSES", (0.0, 0.01))
    tries = []

    def failing(batch):
        tries.append(1)
        raise OperationalError("database is away")

    monkeypatch.setattr(forum_consumers, "_decide", failing)
    with pytest.raises(RuntimeError):
        await asyncio.wait_for(sockets[0]._checked_frame(event), WAIT)
    assert len(tries) == 2
