"""Three gaps a review found in the intervisie pages:

- a flash message is shown once on the room and on /intervisie/ (base.html draws
  the messages; a page that includes them again shows each twice);
- a contribution posted before the session began (or after it ended) is refused in
  Dutch on the page the author lands on, and what they typed is kept there to copy,
  over a plain post, the page's fetch and the socket alike;
- a session whose asked inbrenger was erased (services.erase_personal_data leaves
  models.NO_INBRENGER) says it has no inbrenger any more, not that the inbrenger has
  yet to confirm."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from intervisie import selectors, services
from intervisie.models import NO_INBRENGER, Contribution, Session, Status
from tests.intervisie import factories
from tests.intervisie.test_consumers import WAIT, open_socket
from tests.intervisie.test_no_inbrenger import BLOCKER, ENGLISH
from tests.members import factories as member_factories

TYPED = "Ik zou eerst met de moeder praten, en daarna met de school."
NOT_RUNNING = "De sessie is nu niet bezig: er kan niets bij."


def _room_url(session: Session) -> str:
    return reverse("intervisie:room", kwargs={"pk": session.pk})


# --- 1. a message once --------------------------------------------------------


@pytest.mark.django_db
def test_a_message_shows_once_on_the_room(client):
    session, lead, _inbrenger, _others = factories.session()
    client.force_login(lead)
    page = client.post(
        reverse("intervisie:control", kwargs={"pk": session.pk}),
        {"actie": "onbekend"},
        follow=True,
    )
    assert page.status_code == 200
    assert page.content.decode().count("Onbekende actie.") == 1


@pytest.mark.django_db
def test_a_message_shows_once_on_mine(client, monkeypatch):
    """A refused confirmation lands on /intervisie/ with its message."""
    factories.ensure_methods()
    asked = member_factories.member(email="gevraagd.lid@example.org")
    session = services.plan_session(
        facilitator=factories.facilitator(),
        case_id=factories.case_factories.case().pk,
        method=factories.Method.objects.get(slug="incidentmethode"),
        mode="live",
        starts_at=timezone.now(),
        inbrenger_address=asked.email,
        participants=[member_factories.member() for _ in range(2)],
    )

    def refuse(**_kwargs):
        raise PermissionDenied(services.ERROR_NOT_ASKED)

    monkeypatch.setattr(services, "confirm_inbrenger", refuse)
    client.force_login(asked)
    page = client.post(
        reverse("intervisie:confirm_inbrenger", kwargs={"pk": session.pk}), follow=True
    )
    assert page.redirect_chain[-1][0] == reverse("intervisie:mine")
    assert page.content.decode().count(str(services.ERROR_NOT_ASKED)) == 1


# --- 2. a contribution before the start ------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.PLANNED, Status.FINISHED])
def test_a_post_outside_the_session_is_refused_in_dutch_and_keeps_the_text(client, status):
    session, _lead, _inbrenger, (a, _b) = factories.session(
        starts_at=timezone.now() + timezone.timedelta(days=2)
    )
    Session.objects.filter(pk=session.pk).update(status=status)
    client.force_login(a)
    response = client.post(_room_url(session), {"text": TYPED})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(NOT_RUNNING) == 1
    assert TYPED in html  # kept, to copy
    assert "data-refused-text" in html
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_the_page_s_fetch_gets_the_refusal_and_the_text_too(client):
    session, _lead, _inbrenger, (a, _b) = factories.session(
        starts_at=timezone.now() + timezone.timedelta(days=2)
    )
    client.force_login(a)
    response = client.post(_room_url(session), {"text": TYPED}, headers={"X-Intervisie-Fetch": "1"})
    assert response.status_code == 400
    html = response.json()["html"]
    assert NOT_RUNNING in html
    assert TYPED in html


@pytest.mark.django_db
def test_the_plain_room_before_the_start_draws_no_refusal(client):
    session, _lead, _inbrenger, (a, _b) = factories.session(
        starts_at=timezone.now() + timezone.timedelta(days=2)
    )
    client.force_login(a)
    html = client.get(_room_url(session)).content.decode()
    assert NOT_RUNNING not in html
    assert "data-refused-text" not in html
    assert "De sessie is nog niet begonnen." in html


@pytest.mark.django_db(transaction=True)
async def test_the_socket_refuses_a_contribution_before_the_start_in_dutch():
    session, _lead, _inbrenger, (a, _b) = await sync_to_async(factories.session)(
        starts_at=timezone.now() + timezone.timedelta(days=2)
    )
    socket, connected, _ = await open_socket(a, session.pk)
    assert connected
    await socket.send_json_to({"type": "contribute", "text": TYPED})
    frame = await socket.receive_json_from(timeout=WAIT)
    assert frame == {"type": "error", "message": NOT_RUNNING}
    await socket.disconnect()
    assert not await sync_to_async(Contribution.objects.exists)()


# --- 3. the asked inbrenger erased -------------------------------------------------


def _erased_asked_session() -> Session:
    factories.ensure_methods()
    lead = factories.facilitator()
    others = [member_factories.member() for _ in range(3)]
    asked = member_factories.member(email="gevraagd.lid@example.org")
    session = services.plan_session(
        facilitator=lead,
        case_id=factories.case_factories.case().pk,
        method=factories.Method.objects.get(slug="incidentmethode"),
        mode="live",
        starts_at=timezone.now(),
        inbrenger_address=asked.email,
        participants=others,
    )
    services.erase_personal_data(asked)
    session = Session.objects.get(pk=session.pk)
    assert session.awaited_inbrenger == NO_INBRENGER
    assert services.NO_INBRENGER == NO_INBRENGER  # the one marker, one place
    return session, lead


@pytest.mark.django_db
def test_an_erased_asked_inbrenger_leaves_a_session_without_inbrenger(client):
    session, lead = _erased_asked_session()
    with translation.override("nl"):
        assert str(selectors.start_blocker(session)) == BLOCKER
    with translation.override("en"):
        assert str(selectors.start_blocker(session)) == ENGLISH
    client.force_login(lead)
    html = client.get(_room_url(session)).content.decode()
    assert BLOCKER in html
    assert "De inbrenger heeft nog niet bevestigd" not in html
    assert "data-inbrenger-awaited" not in html  # nobody is awaited any more
