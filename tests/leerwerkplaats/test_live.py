"""The WebSocket wiring: Origin check, session authentication, the ping consumer."""

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from leerwerkplaats.asgi import application
from leerwerkplaats.live import announce

pytestmark = pytest.mark.django_db(transaction=True)

OWN_ORIGIN = (b"origin", b"http://testserver")


def session_cookie_for(user) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return (b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie.value}".encode())


async def open_socket(*headers: tuple[bytes, bytes]) -> tuple[WebsocketCommunicator, bool]:
    communicator = WebsocketCommunicator(application, "/ws/ping/", headers=list(headers))
    connected, _ = await communicator.connect()
    return communicator, connected


async def test_an_anonymous_visitor_is_refused():
    communicator, connected = await open_socket(OWN_ORIGIN)

    assert connected is False
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


def test_an_empty_announcement_is_refused():
    with pytest.raises(ValueError, match="1 to 500 characters"):
        announce("   ")


def sync(function):
    from asgiref.sync import sync_to_async

    return sync_to_async(function, thread_sensitive=True)
