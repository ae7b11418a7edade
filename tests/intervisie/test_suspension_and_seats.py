"""A suspended member meets no button on /intervisie/ that would be refused (joining,
confirming as inbrenger), but one note with the end date; confirming as inbrenger is
taking part, refused while suspended without telling the planner. And a session whose
asked inbrenger was erased (models.NO_INBRENGER) keeps no seat for them: the list and
the room count alike."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from intervisie import selectors, services
from intervisie.models import MAX_PARTICIPANTS, Method, Participant, Role, Session
from members.permissions import suspension_refusal
from tests.casuistry import factories as case_factories
from tests.intervisie import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db

JOIN_BUTTON = "Aanmelden voor Incidentmethode"
CONFIRM_BUTTON = "Bevestigen als inbrenger bij Incidentmethode"


def _suspend(user, days: int = 3) -> None:
    user.profile.suspended_until = timezone.now() + timedelta(days=days)
    user.profile.save(update_fields=["suspended_until"])


def _region_session(*, asked: str = "", participants: int = 2) -> tuple[Session, object, list]:
    """An open region session planned by a facilitator, with `participants` invited
    besides the inbrenger, who is asked by address (`asked`) or a member."""
    factories.ensure_methods()
    lead = factories.facilitator()
    others = [member_factories.member() for _ in range(participants)]
    extra = {"inbrenger_address": asked} if asked else {}
    if not asked:
        inbrenger = member_factories.member()
        extra = {"inbrenger": inbrenger}
        others = [inbrenger, *others]
    session = services.plan_session(
        facilitator=lead,
        case_id=case_factories.case().pk,
        method=Method.objects.get(slug="incidentmethode"),
        mode="live",
        starts_at=timezone.now() + timedelta(days=1),
        participants=others,
        audience="region",
        **extra,
    )
    return session, lead, others


def test_a_suspended_member_sees_no_join_button_but_one_note_with_the_end_date(
    client, django_assert_max_num_queries
):
    _region_session()
    _region_session()
    member = member_factories.member()
    client.force_login(member)
    with django_assert_max_num_queries(25) as before:
        page = client.get(reverse("intervisie:mine")).content.decode()
    assert page.count(JOIN_BUTTON) == 2
    assert "data-suspension-note" not in page

    _suspend(member)
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = client.get(reverse("intervisie:mine")).content.decode()

    assert JOIN_BUTTON not in page
    assert page.count("data-suspension-note") == 1
    assert f"<strong>{suspension_refusal(member, services.ERROR_SUSPENDED_JOIN)}</strong>" in page
    # The sessions are still listed: reading is allowed.
    assert page.count("Incidentmethode") == 2


def test_a_suspended_member_asked_as_inbrenger_cannot_confirm_and_the_planner_is_not_told(
    client,
):
    asked = member_factories.member()
    session, lead, _others = _region_session(asked=asked.email)
    _suspend(asked)
    confirm = reverse("intervisie:confirm_inbrenger", kwargs={"pk": session.pk})

    client.force_login(asked)
    page = client.get(reverse("intervisie:mine")).content.decode()
    assert "data-inbrenger-request" in page  # they read that they were asked
    assert CONFIRM_BUTTON not in page
    assert page.count("data-suspension-note") == 1
    note = suspension_refusal(asked, services.ERROR_SUSPENDED_CONFIRM)
    assert f"<strong>{note}</strong>" in page

    with pytest.raises(ValidationError, match="geschorst tot"):
        services.confirm_inbrenger(session=session, user=asked)
    response = client.post(confirm, follow=True)
    assert "Bevestigen als inbrenger bij Incidentmethode op" in response.content.decode()
    assert "Je bent geschorst tot" in response.content.decode()
    session.refresh_from_db()
    assert session.awaited_inbrenger == selectors.address_digest(asked.email)
    assert not Participant.objects.filter(session=session, user=asked).exists()

    # The planner's room looks as for any request not yet confirmed, with the way out.
    client.force_login(lead)
    room = client.get(reverse("intervisie:room", kwargs={"pk": session.pk})).content.decode()
    assert "geschorst" not in room.lower()
    assert "Inbrenger (nog niet bevestigd)" in room
    assert 'value="inbrenger"' in room  # "Een ander vragen als inbrenger"

    # Once the suspension ends, the same request can be confirmed.
    asked.profile.suspended_until = None
    asked.profile.save(update_fields=["suspended_until"])
    asked = type(asked).objects.get(pk=asked.pk)  # the answer is cached per user object
    services.confirm_inbrenger(session=session, user=asked)
    assert session.participants.get(user=asked).role == Role.INBRENGER


def test_an_erased_asked_inbrenger_keeps_no_seat_in_the_list_or_the_room(client):
    asked = member_factories.member()
    session, _lead, others = _region_session(asked=asked.email, participants=MAX_PARTICIPANTS - 1)
    newcomer = member_factories.member()
    # While the one asked may still confirm, their place is kept: the session is full.
    assert selectors.group_size(session) == MAX_PARTICIPANTS
    assert selectors.open_sessions_for(user=newcomer) == []

    services.erase_personal_data(asked)
    session.refresh_from_db()
    assert session.awaited_inbrenger == services.NO_INBRENGER

    assert selectors.group_size(session) == MAX_PARTICIPANTS - 1
    listed = selectors.open_sessions_for(user=newcomer)
    assert [(s.pk, s.group) for s in listed] == [(session.pk, MAX_PARTICIPANTS - 1)]
    client.force_login(newcomer)
    page = client.get(reverse("intervisie:mine")).content.decode()
    assert f"{MAX_PARTICIPANTS - 1} deelnemers" in page
    assert JOIN_BUTTON in page
    # The room counts the same: the participants but the facilitator, nobody awaited.
    client.force_login(others[0])
    room = selectors.room(session=session, user=others[0])
    assert len([p for p in room["participants"] if p.role != Role.FACILITATOR]) == (
        MAX_PARTICIPANTS - 1
    )
    assert not room["inbrenger_awaited"]
    html = client.get(reverse("intervisie:room", kwargs={"pk": session.pk})).content.decode()
    assert "Inbrenger (nog niet bevestigd)" not in html

    # The seat is free: the newcomer joins, and then the session is full.
    services.join_session(session=session, user=newcomer)
    assert selectors.group_size(session) == MAX_PARTICIPANTS
    assert selectors.open_sessions_for(user=member_factories.member()) == []
