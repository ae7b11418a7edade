"""The WebSocket wiring: Origin check, session authentication, the ping consumer
on the live base, announcements sent after commit."""

import pytest
from channels.security.websocket import OriginValidator
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import transaction
from django.test import Client

from leerwerkplaats.asgi import application
from leerwerkplaats.broadcast import announce
from members.live import CLOSE_FORBIDDEN, CLOSE_NOT_FOUND, CLOSE_UNAUTHENTICATED
from members.models import MembershipStatus
from tests.members import factories

pytestmark = pytest.mark.django_db(transaction=True)

OWN_ORIGIN = (b"origin", b"http://testserver")


def session_cookie_for(user) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return (b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie.value}".encode())


async def open_socket(*headers: tuple[bytes, bytes]) -> tuple[WebsocketCommunicator, bool]:
    communicator, connected, _code = await open_socket_with_code(*headers)
    return communicator, connected


async def open_socket_with_code(*headers: tuple[bytes, bytes]):
    communicator = WebsocketCommunicator(application, "/ws/ping/", headers=list(headers))
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def test_an_anonymous_visitor_is_refused():
    communicator, connected, code = await open_socket_with_code(OWN_ORIGIN)

    assert (connected, code) == (False, CLOSE_UNAUTHENTICATED)
    await communicator.disconnect()


def test_every_socket_passes_the_origin_check():
    # The ASGI application wraps the WebSocket routes in AllowedHostsOriginValidator.
    assert isinstance(application.application_mapping["websocket"], OriginValidator)


async def test_a_pending_member_gets_no_pong():
    pending = await sync(factories.member)(status=MembershipStatus.PENDING)
    cookie = await sync(session_cookie_for)(pending)

    _communicator, connected, code = await open_socket_with_code(OWN_ORIGIN, cookie)

    assert (connected, code) == (False, CLOSE_FORBIDDEN)


async def test_a_moderator_without_mfa_gets_no_pong():
    moderator = await sync(factories.member)(role="Moderator")
    cookie = await sync(session_cookie_for)(moderator)

    _communicator, connected, code = await open_socket_with_code(OWN_ORIGIN, cookie)

    assert (connected, code) == (False, CLOSE_FORBIDDEN)


async def test_a_moderator_with_mfa_gets_a_pong():
    moderator = await sync(factories.member)(role="Moderator", with_mfa=True)
    cookie = await sync(session_cookie_for)(moderator)
    communicator, _connected = await open_socket(OWN_ORIGIN, cookie)

    await communicator.send_json_to({"type": "ping"})

    assert await communicator.receive_json_from(timeout=5) == {"type": "pong"}
    await communicator.disconnect()


async def test_a_deeply_nested_frame_gets_an_error_frame_not_a_crash(member):
    cookie = await sync(session_cookie_for)(member)
    communicator, _ = await open_socket(OWN_ORIGIN, cookie)

    await communicator.send_to(text_data="[" * 200_000)
    assert (await communicator.receive_json_from(timeout=5))["type"] == "error"
    await communicator.send_to(text_data="[" * 60_000)
    assert (await communicator.receive_json_from(timeout=5))["type"] == "error"
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=5) == {"type": "pong"}
    await communicator.disconnect()


async def test_a_foreign_origin_is_refused_even_with_a_valid_session(member):
    cookie = await sync(session_cookie_for)(member)
    communicator, connected = await open_socket((b"origin", b"https://evil.example"), cookie)

    assert connected is False
    await communicator.disconnect()


async def test_a_logged_in_member_gets_an_answer(member):
    cookie = await sync(session_cookie_for)(member)
    communicator, connected = await open_socket(OWN_ORIGIN, cookie)

    assert connected is True
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()


async def test_bad_input_gets_an_error_frame_not_silence(member):
    cookie = await sync(session_cookie_for)(member)
    communicator, _ = await open_socket(OWN_ORIGIN, cookie)

    await communicator.send_to(text_data="{not json")
    assert await communicator.receive_json_from() == {
        "type": "error",
        "message": "Dit bericht is geen geldige JSON.",
    }
    await communicator.send_json_to({"type": "unknown"})
    assert (await communicator.receive_json_from())["type"] == "error"
    await communicator.disconnect()


async def test_an_announcement_reaches_every_connected_member(member):
    cookie = await sync(session_cookie_for)(member)
    first, _ = await open_socket(OWN_ORIGIN, cookie)
    second, _ = await open_socket(OWN_ORIGIN, cookie)

    await sync(announce)("Vanavond om 22:00 onderhoud.")

    expected = {"type": "announce", "text": "Vanavond om 22:00 onderhoud."}
    assert await first.receive_json_from() == expected
    assert await second.receive_json_from() == expected
    await first.disconnect()
    await second.disconnect()


async def test_an_announcement_waits_for_the_commit_and_a_rollback_sends_none(member):
    cookie = await sync(session_cookie_for)(member)
    communicator, _ = await open_socket(OWN_ORIGIN, cookie)

    def announce_then_roll_back() -> None:
        with pytest.raises(RuntimeError), transaction.atomic():
            announce("Dit gaat niet door.")
            raise RuntimeError("rolled back")

    await sync(announce_then_roll_back)()
    assert await communicator.receive_nothing(timeout=0.5)

    def announce_in_a_transaction() -> None:
        with transaction.atomic():
            announce("Dit gaat wel door.")

    await sync(announce_in_a_transaction)()
    assert await communicator.receive_json_from(timeout=5) == {
        "type": "announce",
        "text": "Dit gaat wel door.",
    }
    await communicator.disconnect()


def test_an_empty_announcement_is_refused():
    with pytest.raises(ValueError, match="1 to 500 characters"):
        announce("   ")


def sync(function):
    from asgiref.sync import sync_to_async

    return sync_to_async(function, thread_sensitive=True)


@pytest.mark.parametrize(
    "path", ["/ws/onbekend/", "/en/ws/ping/", "/ws/forum/threads/1", "/ws/forum/threads/abc/"]
)
async def test_a_socket_to_an_address_without_a_route_is_refused_not_an_error(path):
    # Channels' URLRouter raises ValueError for an unknown path: a 500 for the
    # handshake and a traceback in the log for every such request.
    communicator = WebsocketCommunicator(application, path, headers=[OWN_ORIGIN])

    connected, code = await communicator.connect(timeout=5)

    assert (connected, code) == (False, CLOSE_NOT_FOUND)
