"""Redis going away under open thread sockets: they stay open, and when the channel
layer answers again each socket joins its groups again and gets `{"type": "resync"}`
(docs/live.md, "Redis going away"). On a redis-server of the test's own, on its own
port, which the test stops and starts again (the machine's shared Redis is never
touched); skipped when `redis-server` is not installed."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.layers import channel_layers

from members.live import CLOSE_FORBIDDEN
from members.models import MembershipStatus, Profile
from tests.forum.test_consumers import open_socket, reply, setup_thread
from tests.live_servers import OwnRedis, redis_server_binary
from tests.members import factories as member_factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        redis_server_binary() is None, reason="redis-server is not installed (apt install redis)"
    ),
]

WAIT = 30


async def next_post(socket) -> dict:
    """The next frame with a seq. A `resync` may come first: a layer read that timed
    out (a busy machine) counts as an outage, and a resync never hurts."""
    while True:
        frame = await socket.receive_json_from(timeout=WAIT)
        if frame != {"type": "resync"}:
            return frame


@pytest.fixture
def own_redis(settings):
    redis = OwnRedis()
    redis.start()
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [redis.url], "prefix": "resync-test"},
        }
    }
    settings.LIVE_LAYER_CHECK_SECONDS = 0.2
    channel_layers.backends.clear()
    yield redis
    channel_layers.backends.clear()
    redis.stop()


async def test_a_redis_restart_sends_resync_and_the_socket_keeps_receiving(own_redis):
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected
    before = await reply(thread, author, "Voor de herstart van de server.")
    frame = await next_post(socket)
    assert (frame["type"], frame["seq"]) == ("post", before.seq)

    # Redis restarts without persistence: every group membership is gone.
    await sync_to_async(own_redis.restart)()

    assert await socket.receive_json_from(timeout=WAIT) == {"type": "resync"}
    # The socket joined its thread's group again: the next post arrives live.
    after = await reply(thread, author, "Na de herstart van de server.")
    frame = await next_post(socket)
    assert (frame["type"], frame["seq"]) == ("post", after.seq)
    assert "Na de herstart van de server." in frame["html"]
    await socket.disconnect()


async def test_a_socket_survives_redis_being_down_and_resumes_after_it(own_redis):
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected
    seen = thread.last_seq

    await sync_to_async(own_redis.stop)()
    # Posted while Redis is down: stored, its broadcast lost (logged, not an error).
    missed = await reply(thread, author, "Terwijl de server weg was.")
    await sync_to_async(own_redis.start)()

    assert await socket.receive_json_from(timeout=WAIT) == {"type": "resync"}
    await socket.send_json_to({"type": "resume", "after": seen})
    frame = await next_post(socket)
    assert (frame["type"], frame["seq"], frame["id"]) == ("post", missed.seq, missed.pk)
    await socket.disconnect()


async def test_after_the_restart_a_revoked_member_is_still_closed(own_redis):
    """The member's own group is joined again too, and the per-event check holds."""
    author, thread = await setup_thread()
    reader = await sync_to_async(member_factories.member)()
    socket, connected, _ = await open_socket(reader, thread.pk)
    assert connected

    await sync_to_async(own_redis.restart)()
    assert await socket.receive_json_from(timeout=WAIT) == {"type": "resync"}

    await sync_to_async(
        lambda: Profile.objects.filter(user=reader).update(status=MembershipStatus.REFUSED)
    )()
    await reply(thread, author, "Niet meer voor het ingetrokken lid.")
    # Both the receive loop and the watcher may have noticed: a second resync may come.
    output = await socket.receive_output(timeout=WAIT)
    while output == {"type": "websocket.send", "text": '{"type": "resync"}'}:
        output = await socket.receive_output(timeout=WAIT)
    assert output == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}
