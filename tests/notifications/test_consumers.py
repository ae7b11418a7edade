"""The bell, live: /ws/notifications/ on the live base. Real session cookies through
the project's ASGI application (Origin check included)."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from forum import services as forum_services
from leerwerkplaats.asgi import application
from members import services as member_services
from members.live import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from members.models import MembershipStatus, Profile
from notifications import services
from tests.forum import factories as forum_factories
from tests.members import factories
from tests.members.test_live import cookie_of, logged_in_client

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 10
OWN_ORIGIN = (b"origin", b"http://testserver")


async def open_bell(user=None, origin=OWN_ORIGIN):
    headers = [origin]
    if user is not None:
        client = await sync_to_async(logged_in_client)(user)
        headers.append(cookie_of(client))
    communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
    connected, code = await communicator.connect(timeout=WAIT)
    return communicator, connected, code


@sync_to_async
def thread_of(author):
    return forum_services.open_thread(
        category=forum_factories.category(),
        title="Samenwerken met school",
        author=author,
        text="Hoe doen jullie dat?",
    )


async def test_a_reply_updates_the_bell_live_with_count_and_title():
    owner = await sync_to_async(factories.member)()
    replier = await sync_to_async(factories.member)()
    thread = await thread_of(owner)
    socket, connected, _ = await open_bell(owner)
    assert connected
    await socket.send_json_to({"type": "resume", "after": 0})
    assert await socket.receive_json_from(timeout=WAIT) == {"type": "unread", "unread": 0}

    await sync_to_async(forum_services.post_reply)(
        thread=thread, author=replier, text="Wij bellen eerst de intern begeleider."
    )

    frame = await socket.receive_json_from(timeout=WAIT)
    assert frame["type"] == "notification"
    assert frame["unread"] == 1
    assert frame["title"] == 'Er is een nieuwe reactie in "Samenwerken met school"'
    assert "intern begeleider" not in str(frame)
    # The replier's own bell hears nothing of it.
    await sync_to_async(services.mark_all_read)(user=owner)
    assert await socket.receive_json_from(timeout=WAIT) == {"type": "unread", "unread": 0}
    await socket.disconnect()


async def test_anonymous_pending_and_foreign_origin_are_refused():
    _, connected, code = await open_bell(None)
    assert (connected, code) == (False, CLOSE_UNAUTHENTICATED)

    pending = await sync_to_async(factories.member)(role=None, status=MembershipStatus.PENDING)
    _, connected, code = await open_bell(pending)
    assert (connected, code) == (False, CLOSE_FORBIDDEN)

    member = await sync_to_async(factories.member)()
    socket, connected, _ = await open_bell(member, origin=(b"origin", b"https://evil.example"))
    assert connected is False
    await socket.disconnect()


async def test_permission_is_checked_again_for_every_event():
    member = await sync_to_async(factories.member)()
    socket, connected, _ = await open_bell(member)
    assert connected

    await sync_to_async(
        lambda: Profile.objects.filter(user=member).update(status=MembershipStatus.REFUSED)
    )()
    await sync_to_async(services.notify)(
        recipient=member, kind="reply", title="Na intrekking", url="/forum/", email=False
    )

    output = await socket.receive_output(timeout=WAIT)
    assert output == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}


async def test_a_suspension_closes_the_socket_at_once_and_refuses_a_new_one():
    member = await sync_to_async(factories.member)()
    moderator = await sync_to_async(factories.member)(role="Moderator", with_mfa=True)
    socket, connected, _ = await open_bell(member)
    assert connected

    await sync_to_async(member_services.suspend_member)(
        moderator=moderator, member=member, days=3, reason="ongepast"
    )

    output = await socket.receive_output(timeout=WAIT)
    assert output == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}
    _, connected, code = await open_bell(member)
    assert (connected, code) == (False, CLOSE_FORBIDDEN)
