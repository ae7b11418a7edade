"""The live room through the socket: admission, resume from the log, phase/reveal/timer
events for every screen, blind positions hidden per member, and every phase rule
refused through the socket as well (a write frame goes to the same service)."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from intervisie import services
from intervisie.models import RuleKind
from leerwerkplaats.routing import websocket_urlpatterns
from members.live import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from members.privacy_preview import ERROR_TOO_MANY_CHECKS
from tests.intervisie import factories
from tests.members import factories as member_factories
from tests.members.test_live import cookie_of, logged_in_client

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 10
application = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))


async def open_socket(user, session_id: int):
    headers = []
    if user is not None:
        client = await sync_to_async(logged_in_client)(user)
        headers.append(cookie_of(client))
    communicator = WebsocketCommunicator(
        application, f"/ws/intervisie/{session_id}/", headers=headers
    )
    connected, code = await communicator.connect(timeout=WAIT)
    return communicator, connected, code


async def frames(socket, count: int) -> list[dict]:
    return [await socket.receive_json_from(timeout=WAIT) for _ in range(count)]


async def test_only_the_session_s_members_connect():
    session, *_ = await sync_to_async(factories.session)()
    _socket, connected, code = await open_socket(None, session.pk)
    assert (connected, code) == (False, CLOSE_UNAUTHENTICATED)
    outsider = await sync_to_async(member_factories.member)()
    _socket, connected, code = await open_socket(outsider, session.pk)
    assert (connected, code) == (False, CLOSE_FORBIDDEN)


async def test_phase_moves_reach_every_screen_and_resume_replays_the_log():
    session, lead, inbrenger, (a, b) = await sync_to_async(factories.session)()
    sockets = []
    for user in (inbrenger, a, b):
        socket, connected, _ = await open_socket(user, session.pk)
        assert connected
        sockets.append(socket)
    session = await sync_to_async(services.start_session)(session=session, actor=lead)
    session = await sync_to_async(services.advance_phase)(session=session, actor=lead)
    for socket in sockets:
        got = await frames(socket, 2)
        assert [(f["type"], f["seq"], f["phase"]) for f in got] == [
            ("phase", 1, 0),
            ("phase", 2, 1),
        ]
        assert got[1]["rule"] == RuleKind.QUESTIONS_ONLY
        await socket.disconnect()
    # A late joiner (or a reload) asks from 0 and gets everything, in order.
    await sync_to_async(services.post_contribution)(
        session=session, author=a, text="Wanneer was het huisbezoek?"
    )
    late, connected, _ = await open_socket(b, session.pk)
    assert connected
    await late.send_json_to({"type": "resume", "after": 0})
    got = await frames(late, 3)
    assert [f["seq"] for f in got] == [1, 2, 3]
    assert got[2]["type"] == "contribution"
    assert "Wanneer was het huisbezoek?" in got[2]["html"]
    assert await late.receive_nothing(timeout=0.3)
    await late.disconnect()


async def test_blind_positions_travel_without_text_until_the_reveal():
    session, lead, _inbrenger, (a, b) = await sync_to_async(factories.session)()
    session = await sync_to_async(factories.to_phase)(session, lead, RuleKind.BLIND_POSITIONS)
    start = session.last_seq
    socket_a, _, _ = await open_socket(a, session.pk)
    socket_b, _, _ = await open_socket(b, session.pk)
    await sync_to_async(services.post_contribution)(
        session=session, author=a, text="Ik bel vandaag Veilig Thuis."
    )
    (own,) = await frames(socket_a, 1)
    (other,) = await frames(socket_b, 1)
    assert own["seq"] == other["seq"] == start + 1
    assert "Ik bel vandaag Veilig Thuis." in own["html"]
    assert "Ik bel vandaag Veilig Thuis." not in other["html"]
    assert "data-hidden-position" in other["html"]
    await sync_to_async(services.reveal_positions)(session=session, actor=lead)
    (reveal_b,) = await frames(socket_b, 1)
    assert reveal_b == {"type": "reveal", "seq": start + 2}
    # After the reveal the replay shows the text to b as well.
    await socket_b.send_json_to({"type": "resume", "after": start})
    replay = await frames(socket_b, 2)
    assert "Ik bel vandaag Veilig Thuis." in replay[0]["html"]
    (reveal_a,) = await frames(socket_a, 1)
    assert reveal_a["type"] == "reveal"
    for socket in (socket_a, socket_b):
        await socket.disconnect()


async def test_the_timer_event_carries_the_new_end():
    session, lead, _inbrenger, (a, _b) = await sync_to_async(factories.session)()
    session = await sync_to_async(services.start_session)(session=session, actor=lead)
    socket, _, _ = await open_socket(a, session.pk)
    session = await sync_to_async(services.extend_timer)(session=session, actor=lead, minutes=7)
    (frame,) = await frames(socket, 1)
    assert frame["type"] == "timer"
    assert frame["ends_at"] == session.phase_ends_at.isoformat()
    await socket.disconnect()


@pytest.mark.parametrize(
    ("rule", "who", "text", "message"),
    [
        (RuleKind.QUESTIONS_ONLY, "a", "Ik zou bellen.", services.ERROR_NOT_A_QUESTION),
        (
            RuleKind.INBRENGER_SILENT,
            "inbrenger",
            "Mag ik iets zeggen?",
            services.ERROR_INBRENGER_SILENT,
        ),
        (RuleKind.BLIND_POSITIONS, "lead", "Mijn positie.", services.ERROR_FACILITATOR_BLIND),
    ],
)
async def test_every_phase_rule_is_refused_through_the_socket(rule, who, text, message):
    session, lead, inbrenger, (a, _b) = await sync_to_async(factories.session)()
    session = await sync_to_async(factories.to_phase)(session, lead, rule)
    user = {"a": a, "inbrenger": inbrenger, "lead": lead}[who]
    socket, connected, _ = await open_socket(user, session.pk)
    assert connected
    await socket.send_json_to({"type": "contribute", "text": text})
    frame = await socket.receive_json_from(timeout=WAIT)
    assert frame == {"type": "error", "message": str(message)}
    assert await socket.receive_nothing(timeout=0.3)
    await socket.disconnect()


async def test_a_participant_cannot_move_the_phase_through_the_socket():
    session, lead, _inbrenger, (a, _b) = await sync_to_async(factories.session)()
    session = await sync_to_async(services.start_session)(session=session, actor=lead)
    socket, _, _ = await open_socket(a, session.pk)
    for kind in ("advance", "reveal", "extend"):
        await socket.send_json_to({"type": kind, "minutes": 5})
        frame = await socket.receive_json_from(timeout=WAIT)
        assert frame == {"type": "error", "message": str(services.ERROR_ONLY_FACILITATOR)}
    await socket.disconnect()
    lead_socket, _, _ = await open_socket(lead, session.pk)
    await lead_socket.send_json_to({"type": "advance"})
    frame = await lead_socket.receive_json_from(timeout=WAIT)
    assert (frame["type"], frame["phase"]) == ("phase", 1)
    await lead_socket.disconnect()


async def test_contributions_through_the_socket_count_against_the_privacy_check_limit(settings):
    # Each frame runs the privacy engine, as a form post does (members.privacy_preview).
    settings.PRIVACY_CHECKS_PER_MINUTE = 1
    session, lead, _inbrenger, (a, _b) = await sync_to_async(factories.session)()
    await sync_to_async(services.start_session)(session=session, actor=lead)
    socket, connected, _ = await open_socket(a, session.pk)
    assert connected
    await socket.send_json_to({"type": "contribute", "text": "Wat zag je toen?"})
    first = await socket.receive_json_from(timeout=WAIT)
    assert first["type"] != "error"
    await socket.send_json_to({"type": "contribute", "text": "En wat deed je daarna?"})
    second = await socket.receive_json_from(timeout=WAIT)
    assert second == {"type": "error", "message": str(ERROR_TOO_MANY_CHECKS)}
    await socket.disconnect()
