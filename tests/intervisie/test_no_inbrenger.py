"""A session whose inbrenger is gone (the one who confirmed had their account removed,
their participant row with it) and who nobody was asked since does not start: not by
the facilitator's button, not through the socket, not by its dates. The room says why
and points to asking someone else (permissions.can_ask_another_inbrenger allows it in
that state); once someone else confirmed, the session starts, an asynchronous one
from that confirmation, never before."""

from __future__ import annotations

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse
from django.utils import timezone, translation

from intervisie import selectors, services
from intervisie.models import Participant, Session
from tests.intervisie import factories
from tests.intervisie.test_consumers import WAIT, open_socket
from tests.members import factories as member_factories

NEW = "nieuwe.inbrenger@example.org"
BLOCKER = (
    "Deze sessie heeft geen inbrenger meer: ze begint pas als de gespreksleider "
    "iemand anders vraagt („Een ander vragen als inbrenger”) en die bevestigt."
)
ENGLISH = (
    "This session no longer has a presenter: it starts only once the facilitator "
    "asks someone else (“Ask someone else to be the presenter”) and they confirm."
)
ASK_FORM = 'value="inbrenger"'  # the room's "Dit adres vragen als inbrenger" button


def _without_inbrenger(**options):
    """(session, facilitator, participants): planned with three participants besides
    the inbrenger, who is then gone (as when an administrator removes the account),
    so the group alone is still large enough to start."""
    session, lead, inbrenger, others = factories.session(participants=3, **options)
    Participant.objects.filter(session=session, user=inbrenger).delete()
    return Session.objects.get(pk=session.pk), lead, others


def _room(client, session: Session) -> str:
    return client.get(reverse("intervisie:room", kwargs={"pk": session.pk})).content.decode()


def _press(client, session: Session, action: str, **data) -> str:
    """The facilitator's button, followed to the room it redirects to."""
    response = client.post(
        reverse("intervisie:control", kwargs={"pk": session.pk}),
        {"actie": action, **data},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def _ask_and_confirm(client, session: Session, lead) -> None:
    """The facilitator asks NEW in the room; the member on that address confirms."""
    client.force_login(lead)
    assert "Het adres heeft de vraag" in _press(client, session, "inbrenger", inbrenger=NEW)
    asked = member_factories.member(email=NEW)
    client.force_login(asked)
    confirmed = client.post(reverse("intervisie:confirm_inbrenger", kwargs={"pk": session.pk}))
    assert confirmed.status_code == 302
    client.force_login(lead)


@pytest.mark.django_db
def test_the_facilitator_s_start_is_refused_with_the_reason_and_the_way_out(client):
    """Before, start_blocker looked only at whether someone was awaited, the case and
    the group: a session without any inbrenger started."""
    session, lead, _others = _without_inbrenger()
    client.force_login(lead)

    page = _press(client, session, "start")

    session.refresh_from_db()
    assert session.status == "planned"
    assert session.started_at is None
    assert f'<p class="utrecht-paragraph utrecht-alert__message">{BLOCKER}</p>' in page
    assert f'<p class="utrecht-paragraph" data-start-blocker>{BLOCKER}</p>' in page
    assert ASK_FORM in page  # the way out is on the same page

    _ask_and_confirm(client, session, lead)
    page = _press(client, session, "start")
    session.refresh_from_db()
    assert session.status == "running"
    assert BLOCKER not in page


@pytest.mark.django_db
def test_an_asynchronous_session_does_not_begin_by_its_dates_without_an_inbrenger(client):
    """Before, the room, the socket and the tick took it as begun an hour ago, and the
    room offered no way out: the rule for asking another saw a begun session."""
    session, lead, (a, _b, _c) = _without_inbrenger(
        mode="async", starts_at=timezone.now() - timedelta(hours=1)
    )
    assert selectors.effective_state(session).status == "planned"

    client.force_login(a)
    room = _room(client, session)
    assert 'data-status="planned"' in room
    assert BLOCKER in room
    # Nothing can be written in it, and the tick stores no start either.
    client.post(reverse("intervisie:room", kwargs={"pk": session.pk}), {"text": "Hoi?"})
    assert not session.contributions.exists()
    assert services.advance_due_sessions() == 0
    session.refresh_from_db()
    assert (session.status, session.last_seq) == ("planned", 0)
    assert "Gepland" in client.get(reverse("intervisie:mine")).content.decode()

    client.force_login(lead)
    room = _room(client, session)
    assert BLOCKER in room
    assert ASK_FORM in room

    # Someone else confirms: the session begins then, not back at its planned start.
    _ask_and_confirm(client, session, lead)
    confirmed_at = session.participants.get(role="inbrenger").joined_at
    session.refresh_from_db()
    state = selectors.effective_state(session)
    assert state.status == "running"
    assert state.moves[0].at == confirmed_at
    room = _room(client, session)
    assert 'data-status="running"' in room
    assert BLOCKER not in room


@pytest.mark.django_db(transaction=True)
async def test_the_socket_s_start_gets_the_same_refusal():
    session, lead, _others = await sync_to_async(_without_inbrenger)()
    socket, connected, _ = await open_socket(lead, session.pk)
    assert connected

    await socket.send_json_to({"type": "start"})

    assert await socket.receive_json_from(timeout=WAIT) == {"type": "error", "message": BLOCKER}
    session = await sync_to_async(Session.objects.get)(pk=session.pk)
    assert session.status == "planned"
    await socket.disconnect()


@pytest.mark.django_db
def test_the_reason_reads_in_english():
    session, _lead, _others = _without_inbrenger()
    assert str(selectors.start_blocker(session)) == BLOCKER
    with translation.override("en"):
        assert str(selectors.start_blocker(session)) == ENGLISH
