"""The live base (members.live.LiveConsumer): admission, the per-event permission
check, the per-user group that closes a member's sockets, and bounded input.

A probe consumer built on the base stands in for the consumers to come; every
socket carries a real session cookie through Channels' AuthMiddlewareStack."""

from __future__ import annotations

import time
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import Client
from django.urls import path, reverse

from members import live, services
from members.broadcast import CLOSE_EVENT, close_user_connections, user_group
from members.live import (
    CLOSE_FORBIDDEN,
    CLOSE_RATE_LIMITED,
    CLOSE_UNAUTHENTICATED,
    ERROR_INVALID_JSON,
    ERROR_NOT_ALLOWED,
    ERROR_NOT_AN_OBJECT,
    ERROR_RESUME_AFTER,
    ERROR_RESUME_UNSUPPORTED,
    ERROR_TOO_DEEP,
    ERROR_TOO_LARGE,
    ERROR_UNKNOWN_TYPE,
    LiveConsumer,
    json_depth,
)
from members.middleware import SESSION_LOGIN_AT, SESSION_SEEN_AT
from members.models import MembershipStatus, Profile
from members.permissions import can_use_members_area
from members.selectors import user_for_live_check
from tests.members import factories

pytestmark = pytest.mark.django_db(transaction=True)

PROBE_GROUP = "probe.events"
ERROR_BY_A_SERVICE = "Je reactie is leeg."
SHUT_OUT = "Buitengesloten"  # a last name the probe's own rule refuses
WAIT = 5


class ProbeConsumer(LiveConsumer):
    """A consumer with a group, a rule of its own, a message type and a replay."""

    async def join_groups(self) -> None:
        await self.join(PROBE_GROUP)

    def check_permission(self, user: Any) -> bool:
        return user.last_name != SHUT_OUT

    async def handle_echo(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "echo", "text": content.get("text")})

    async def handle_refused(self, content: dict[str, Any]) -> None:
        raise ValidationError(ERROR_BY_A_SERVICE)

    async def handle_forbidden(self, content: dict[str, Any]) -> None:
        raise PermissionDenied

    async def probe_event(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "event", "seq": event["seq"]})


class ReplayingProbe(ProbeConsumer):
    async def replay_after(self, after: int) -> None:
        for seq in range(after + 1, after + 3):
            await self.send_json({"type": "event", "seq": seq})


application = AuthMiddlewareStack(
    URLRouter(
        [
            path("ws/probe/", ProbeConsumer.as_asgi()),
            path("ws/replay/", ReplayingProbe.as_asgi()),
        ]
    )
)


def logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def cookie_of(client: Client) -> tuple[bytes, bytes]:
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return (b"cookie", f"{settings.SESSION_COOKIE_NAME}={value}".encode())


async def open_socket(user=None, *, url: str = "/ws/probe/", client: Client | None = None):
    headers = []
    if client is None and user is not None:
        client = await sync_to_async(logged_in_client)(user)
    if client is not None:
        headers.append(cookie_of(client))
    communicator = WebsocketCommunicator(application, url, headers=headers)
    connected, code = await communicator.connect(timeout=WAIT)
    return communicator, connected, code


async def send_probe_event(seq: int) -> None:
    await get_channel_layer().group_send(PROBE_GROUP, {"type": "probe.event", "seq": seq})


async def assert_closed_with(communicator: WebsocketCommunicator, code: int) -> None:
    output = await communicator.receive_output(timeout=WAIT)
    assert output == {"type": "websocket.close", "code": code}


async def assert_alive(communicator: WebsocketCommunicator) -> None:
    await communicator.send_json_to({"type": "echo", "text": "nog daar"})
    assert await communicator.receive_json_from(timeout=WAIT) == {
        "type": "echo",
        "text": "nog daar",
    }


def error(message) -> dict[str, str]:
    return {"type": "error", "message": str(message)}


# --- admission ---------------------------------------------------------------


async def test_an_anonymous_visitor_is_refused_as_unauthenticated():
    _communicator, connected, code = await open_socket()

    assert (connected, code) == (False, CLOSE_UNAUTHENTICATED)


async def test_an_approved_member_is_admitted_and_gets_group_events(member):
    communicator, connected, _code = await open_socket(member)
    assert connected is True

    await send_probe_event(1)

    assert await communicator.receive_json_from(timeout=WAIT) == {"type": "event", "seq": 1}
    await communicator.disconnect()


@pytest.mark.parametrize("status", [MembershipStatus.PENDING, MembershipStatus.REFUSED])
async def test_a_member_who_is_not_approved_is_refused(status):
    user = await sync_to_async(factories.member)(status=status)

    _communicator, connected, code = await open_socket(user)

    assert (connected, code) == (False, CLOSE_FORBIDDEN)


@pytest.mark.parametrize("role", ["Moderator", "Coordinator"])
async def test_a_role_that_needs_mfa_is_refused_without_it_and_admitted_with_it(role):
    without = await sync_to_async(factories.member)(role=role)
    with_mfa = await sync_to_async(factories.member)(role=role, with_mfa=True)

    _refused, connected, code = await open_socket(without)
    admitted, admitted_connected, _ = await open_socket(with_mfa)

    assert (connected, code) == (False, CLOSE_FORBIDDEN)
    assert admitted_connected is True
    await admitted.disconnect()


async def test_the_consumers_own_rule_refuses_at_connect():
    user = await sync_to_async(factories.member)(last_name=SHUT_OUT)

    _communicator, connected, code = await open_socket(user)

    assert (connected, code) == (False, CLOSE_FORBIDDEN)


# --- the permission check before every event ----------------------------------


async def test_a_member_no_longer_approved_gets_no_further_event(member):
    communicator, _, _ = await open_socket(member)
    # Straight in the database: no service, so no close message. Only the check
    # before the event can notice.
    await sync_to_async(Profile.objects.filter(user=member).update)(status=MembershipStatus.PENDING)

    await send_probe_event(2)

    await assert_closed_with(communicator, CLOSE_FORBIDDEN)


async def test_a_moderator_whose_mfa_is_removed_gets_no_further_event():
    moderator = await sync_to_async(factories.member)(role="Moderator", with_mfa=True)
    communicator, connected, _ = await open_socket(moderator)
    assert connected is True
    await send_probe_event(1)
    assert await communicator.receive_json_from(timeout=WAIT) == {"type": "event", "seq": 1}

    # The first event found MFA in place; a memo on the connection would say so still.
    await sync_to_async(Authenticator.objects.filter(user=moderator).delete)()
    await send_probe_event(2)

    await assert_closed_with(communicator, CLOSE_FORBIDDEN)


async def test_the_consumers_own_rule_is_checked_again_before_every_event(member):
    communicator, _, _ = await open_socket(member)
    await send_probe_event(1)
    assert await communicator.receive_json_from(timeout=WAIT) == {"type": "event", "seq": 1}

    await sync_to_async(type(member).objects.filter(pk=member.pk).update)(last_name=SHUT_OUT)
    await send_probe_event(2)

    await assert_closed_with(communicator, CLOSE_FORBIDDEN)


def test_the_check_before_an_event_costs_one_query(django_assert_num_queries):
    moderator = factories.member(role="Moderator", with_mfa=True)
    pending = factories.member(status=MembershipStatus.PENDING)
    no_mfa = factories.member(role="Coordinator")

    with django_assert_num_queries(1):
        assert can_use_members_area(user_for_live_check(moderator.pk)) is True
    with django_assert_num_queries(1):
        assert can_use_members_area(user_for_live_check(pending.pk)) is False
    with django_assert_num_queries(1):
        assert can_use_members_area(user_for_live_check(no_mfa.pk)) is False
    with django_assert_num_queries(1):
        assert user_for_live_check(10**9) is None
    session_key = logged_in_client(moderator).session.session_key
    with django_assert_num_queries(1):
        user = user_for_live_check(moderator.pk, session_key=session_key)
        assert can_use_members_area(user) is True
        assert user.live_session["_auth_user_id"] == str(moderator.pk)


async def test_a_socket_lives_no_longer_than_its_session(member):
    client = await sync_to_async(logged_in_client)(member)
    communicator, _, _ = await open_socket(client=client)
    session_key = client.session.session_key

    # As allauth's "sign out other sessions" does: the row goes, no signal is sent.
    await sync_to_async(Session.objects.filter(session_key=session_key).delete)()
    await send_probe_event(1)

    await assert_closed_with(communicator, CLOSE_UNAUTHENTICATED)


@pytest.mark.parametrize(
    ("key", "age_setting"),
    [(SESSION_SEEN_AT, "SESSION_IDLE_TIMEOUT"), (SESSION_LOGIN_AT, "SESSION_ABSOLUTE_TIMEOUT")],
)
async def test_a_session_past_its_timeout_closes_the_socket(member, key, age_setting):
    client = await sync_to_async(logged_in_client)(member)
    communicator, connected, _ = await open_socket(client=client)
    assert connected is True

    def age_the_session() -> None:
        session = client.session
        session[key] = int(time.time()) - getattr(settings, age_setting) - 5
        session.save()

    await sync_to_async(age_the_session)()
    await send_probe_event(1)

    await assert_closed_with(communicator, CLOSE_UNAUTHENTICATED)


async def test_a_password_changed_elsewhere_ends_that_sessions_sockets(member):
    """As Django's `get_user` ends the other session at its next request, its open
    socket gets no further event; the session that changed the password (its key
    cycled, so its sockets reconnect) goes on with the new password's hash."""
    here = await sync_to_async(logged_in_client)(member)
    elsewhere, connected, _ = await open_socket(member)  # another device, another session
    assert connected is True

    def change_password() -> None:
        new = "een-heel-ander-wachtwoord-2026"
        response = here.post(
            reverse("account_change_password"),
            {"oldpassword": factories.PASSWORD, "password1": new, "password2": new},
        )
        assert response.status_code == 302

    await sync_to_async(change_password)()
    await send_probe_event(1)

    await assert_closed_with(elsewhere, CLOSE_UNAUTHENTICATED)
    mine, connected, _ = await open_socket(client=here)
    assert connected is True
    await send_probe_event(2)
    assert await mine.receive_json_from(timeout=WAIT) == {"type": "event", "seq": 2}
    await mine.disconnect()


# --- the member's group: services close every socket of the member ----------


async def test_logging_out_closes_the_members_sockets(member):
    client = await sync_to_async(logged_in_client)(member)
    first, _, _ = await open_socket(client=client)
    second, _, _ = await open_socket(member)  # another device, another session

    await sync_to_async(client.post)(reverse("account_logout"))

    await assert_closed_with(first, CLOSE_UNAUTHENTICATED)
    await assert_closed_with(second, CLOSE_UNAUTHENTICATED)


async def test_erasing_the_account_closes_the_members_sockets(member):
    communicator, _, _ = await open_socket(member)

    await sync_to_async(services.delete_account)(user=member)

    await assert_closed_with(communicator, CLOSE_UNAUTHENTICATED)


async def test_deleting_the_account_row_closes_the_members_sockets(member):
    communicator, _, _ = await open_socket(member)

    await sync_to_async(type(member).objects.filter(pk=member.pk).delete)()

    await assert_closed_with(communicator, CLOSE_UNAUTHENTICATED)


async def test_suspending_a_member_in_the_admin_closes_their_sockets(member, superuser):
    communicator, _, _ = await open_socket(member)
    admin = await sync_to_async(logged_in_client)(superuser)
    professional = await sync_to_async(Group.objects.get)(name="Professional")

    response = await sync_to_async(admin.post)(
        reverse("wagtailusers_users:edit", args=[member.pk]),
        {
            "email": member.email,
            "first_name": member.first_name,
            "last_name": member.last_name,
            "groups": [str(professional.pk)],
            # "is_active" left out: the account is deactivated
        },
    )

    assert response.status_code == 302
    await assert_closed_with(communicator, CLOSE_FORBIDDEN)


async def test_losing_a_role_closes_the_members_sockets(superuser):
    moderator = await sync_to_async(factories.member)(role="Moderator", with_mfa=True)
    communicator, connected, _ = await open_socket(moderator)
    assert connected is True

    await sync_to_async(services.set_roles)(actor=superuser, user=moderator, roles=["Professional"])

    await assert_closed_with(communicator, CLOSE_FORBIDDEN)


async def test_removing_a_second_factor_closes_the_members_sockets():
    moderator = await sync_to_async(factories.member)(role="Moderator", with_mfa=True)
    communicator, connected, _ = await open_socket(moderator)
    assert connected is True

    # What allauth's authenticator_removed receiver calls.
    await sync_to_async(services.record_mfa_change)(
        user=moderator, authenticator_type="totp", added=False
    )

    await assert_closed_with(communicator, CLOSE_FORBIDDEN)


async def test_refusing_a_sign_up_tells_the_members_group(superuser):
    # A pending member cannot connect, so listen on their group as a socket would.
    pending = await sync_to_async(factories.member)(status=MembershipStatus.PENDING)
    profile = await sync_to_async(Profile.objects.get)(user=pending)
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add(user_group(pending.pk), channel)

    await sync_to_async(services.refuse_member)(
        actor=superuser, profile=profile, reason="Geen lid van een netwerkorganisatie."
    )

    assert await layer.receive(channel) == {"type": CLOSE_EVENT, "reason": "refused"}


async def test_a_close_inside_a_rolled_back_transaction_is_never_sent(member):
    communicator, _, _ = await open_socket(member)

    def close_then_roll_back() -> None:
        with pytest.raises(RuntimeError), transaction.atomic():
            close_user_connections(member.pk, "suspended")
            raise RuntimeError("rolled back")

    await sync_to_async(close_then_roll_back)()

    assert await communicator.receive_nothing(timeout=0.5)
    await assert_alive(communicator)
    await communicator.disconnect()


def test_an_unknown_close_reason_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown reason"):
        close_user_connections(1, "because")


# --- bounded input -------------------------------------------------------------


async def test_a_huge_frame_gets_an_error_frame_and_the_socket_stays(member):
    communicator, _, _ = await open_socket(member)

    await communicator.send_to(text_data="[" * 200_000)

    assert await communicator.receive_json_from(timeout=WAIT) == error(ERROR_TOO_LARGE)
    await assert_alive(communicator)
    await communicator.disconnect()


async def test_deep_nesting_within_the_size_limit_gets_an_error_frame(member):
    communicator, _, _ = await open_socket(member)

    # 50,000 brackets fit in 64 KiB and would exhaust json.loads' recursion.
    await communicator.send_to(text_data="[" * 50_000 + "]" * 10)
    assert await communicator.receive_json_from(timeout=WAIT) == error(ERROR_TOO_DEEP)
    await communicator.send_to(text_data='{"type": "echo", "text": ' + "[" * 21 + "]" * 21 + "}")
    assert await communicator.receive_json_from(timeout=WAIT) == error(ERROR_TOO_DEEP)
    # Brackets inside a string are text, not nesting.
    await communicator.send_json_to({"type": "echo", "text": "[" * 100})
    assert await communicator.receive_json_from(timeout=WAIT) == {
        "type": "echo",
        "text": "[" * 100,
    }
    await communicator.disconnect()


async def test_malformed_frames_each_get_an_error_frame(member):
    communicator, _, _ = await open_socket(member)
    cases = [
        ("{not json", ERROR_INVALID_JSON),
        ("1" * 5000, ERROR_INVALID_JSON),  # past Python's limit on integer digits
        ("[1, 2]", ERROR_NOT_AN_OBJECT),
        ('"ping"', ERROR_NOT_AN_OBJECT),
        ('{"type": 5}', ERROR_NOT_AN_OBJECT),
        ('{"type": "unknown"}', ERROR_UNKNOWN_TYPE),
        ('{"type": "__class__"}', ERROR_UNKNOWN_TYPE),
        ('{"type": "resume", "after": 3}', ERROR_RESUME_UNSUPPORTED),
    ]
    for frame, message in cases:
        await communicator.send_to(text_data=frame)
        assert await communicator.receive_json_from(timeout=WAIT) == error(message), frame

    await communicator.send_to(bytes_data=b"\x00\x01")
    assert (await communicator.receive_json_from(timeout=WAIT))["type"] == "error"
    await assert_alive(communicator)
    await communicator.disconnect()


async def test_a_service_that_refuses_gives_an_error_frame_not_a_crash(member):
    communicator, _, _ = await open_socket(member)

    await communicator.send_json_to({"type": "refused"})
    assert await communicator.receive_json_from(timeout=WAIT) == error(ERROR_BY_A_SERVICE)
    await communicator.send_json_to({"type": "forbidden"})
    assert await communicator.receive_json_from(timeout=WAIT) == error(ERROR_NOT_ALLOWED)
    await assert_alive(communicator)
    await communicator.disconnect()


async def test_too_many_frames_close_the_socket(member):
    communicator, _, _ = await open_socket(member)

    for _ in range(60):
        await communicator.send_json_to({"type": "echo", "text": "x"})

    echoes = 0
    while True:
        output = await communicator.receive_output(timeout=WAIT)
        if output["type"] == "websocket.close":
            break
        echoes += 1
    assert output["code"] == CLOSE_RATE_LIMITED
    assert live.RATE_BURST <= echoes < 60


async def test_the_bucket_is_the_members_not_the_sockets(member):
    first, _, _ = await open_socket(member)
    second, _, _ = await open_socket(member)

    for _ in range(15):
        await first.send_json_to({"type": "echo", "text": "x"})
    for _ in range(15):
        assert (await first.receive_json_from(timeout=WAIT))["type"] == "echo"
    # The second socket shares what is left of the member's 20.
    for _ in range(15):
        await second.send_json_to({"type": "echo", "text": "x"})

    echoes = 0
    while (output := await second.receive_output(timeout=WAIT))["type"] == "websocket.send":
        echoes += 1
    assert output == {"type": "websocket.close", "code": CLOSE_RATE_LIMITED}
    assert echoes < 15
    await first.disconnect()


def test_the_depth_scan_reads_strings_as_text():
    assert json_depth('{"a": [1, {"b": "[[[["}]}') == 3
    assert json_depth('"\\"[[["') == 0
    assert json_depth("[]" * 1000) == 1
    assert json_depth("[" * 65_000) == 65_000


# --- resume ---------------------------------------------------------------------


async def test_resume_replays_from_the_hook_and_live_events_follow(member):
    communicator, _, _ = await open_socket(member, url="/ws/replay/")

    await communicator.send_json_to({"type": "resume", "after": 7})
    assert await communicator.receive_json_from(timeout=WAIT) == {"type": "event", "seq": 8}
    assert await communicator.receive_json_from(timeout=WAIT) == {"type": "event", "seq": 9}
    await send_probe_event(10)
    assert await communicator.receive_json_from(timeout=WAIT) == {"type": "event", "seq": 10}

    for after in (-1, "3", True, None, 2**64, 1.5):
        await communicator.send_json_to({"type": "resume", "after": after})
        assert await communicator.receive_json_from(timeout=WAIT) == error(ERROR_RESUME_AFTER)
    await communicator.disconnect()


async def test_resume_checks_permission_before_replaying(member):
    communicator, _, _ = await open_socket(member, url="/ws/replay/")
    await sync_to_async(Profile.objects.filter(user=member).update)(status=MembershipStatus.PENDING)

    await communicator.send_json_to({"type": "resume", "after": 0})

    await assert_closed_with(communicator, CLOSE_FORBIDDEN)


async def test_a_member_holds_a_bounded_number_of_sockets_per_process(member):
    # Admission takes no token from the bucket: without a bound a script could open
    # thousands of sockets under one session, each checked again before every event.
    client = await sync_to_async(logged_in_client)(member)
    sockets = []
    for _ in range(live.MAX_CONNECTIONS_PER_MEMBER):
        communicator, connected, _code = await open_socket(client=client)
        assert connected
        sockets.append(communicator)

    _refused, connected, code = await open_socket(client=client)
    assert (connected, code) == (False, CLOSE_RATE_LIMITED)

    await sockets.pop().disconnect()  # one closed: room for one again
    again, connected, _code = await open_socket(client=client)
    assert connected
    for communicator in [*sockets, again]:
        await communicator.disconnect()
