"""Asking another inbrenger: one rule (permissions.can_ask_another_inbrenger) decides
whether the room draws the form and whether services.ask_another_inbrenger accepts,
so the form is drawn exactly when its POST would be accepted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from intervisie import permissions, selectors, services
from intervisie.models import Participant, Session
from tests.intervisie import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db

ASKED = "gevraagd.lid@example.org"
NEW = "nieuwe.inbrenger@example.org"
FORM = 'value="inbrenger"'  # the form's submit button in the room

STATUSES = ("planned", "running", "finished")
INBRENGERS = ("awaited", "erased", "confirmed", "none")


def _session(inbrenger: str, status: str) -> tuple[Session, object, object]:
    """(session, facilitator, a participant): live, the inbrenger as named."""
    factories.ensure_methods()
    if inbrenger in ("awaited", "erased"):
        lead = factories.facilitator()
        others = [member_factories.member() for _ in range(2)]
        asked = member_factories.member(email=ASKED)
        session = services.plan_session(
            facilitator=lead,
            case_id=factories.case_factories.case().pk,
            method=factories.Method.objects.get(slug="incidentmethode"),
            mode="live",
            starts_at=timezone.now(),
            inbrenger_address=ASKED,
            participants=others,
        )
        if inbrenger == "erased":
            services.erase_personal_data(asked)
        participant = others[0]
    else:
        session, lead, confirmed, others = factories.session()
        participant = others[0]
        if inbrenger == "none":
            # The inbrenger who had confirmed is gone (an administrator removed the
            # account): nobody is asked and nobody confirmed.
            confirmed.delete()
    Session.objects.filter(pk=session.pk).update(status=status)
    return Session.objects.get(pk=session.pk), lead, participant


def _expected(who: str, status: str, inbrenger: str) -> bool:
    return who == "facilitator" and status == "planned" and inbrenger != "confirmed"


@pytest.mark.parametrize("inbrenger", INBRENGERS)
@pytest.mark.parametrize("status", STATUSES)
def test_the_rule_as_a_truth_table(status, inbrenger):
    session, lead, participant = _session(inbrenger, status)
    moderator = member_factories.member(role="Moderator", with_mfa=True)
    roles = set(session.participants.values_list("role", flat=True))
    for who, user in (("facilitator", lead), ("participant", participant), ("other", moderator)):
        answer = permissions.can_ask_another_inbrenger(user, session)
        assert answer == _expected(who, status, inbrenger), (who, status, inbrenger)
        # The roles the room read already give the same answer.
        assert permissions.can_ask_another_inbrenger(user, session, roles=roles) == answer


def test_the_rule_follows_the_status_the_caller_worked_out():
    session, lead, _participant = _session("awaited", "planned")
    assert permissions.can_ask_another_inbrenger(lead, session)
    assert not permissions.can_ask_another_inbrenger(lead, session, status="running")


def _accepted(client, session: Session) -> bool:
    """Whether the room's POST made NEW the address asked."""
    client.post(
        reverse("intervisie:control", kwargs={"pk": session.pk}),
        {"actie": "inbrenger", "inbrenger": NEW},
    )
    session.refresh_from_db()
    return session.awaited_inbrenger == selectors.address_digest(NEW)


@pytest.mark.parametrize("inbrenger", INBRENGERS)
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("who", ["facilitator", "participant"])
def test_the_form_is_drawn_exactly_when_its_post_is_accepted(client, who, status, inbrenger):
    """Before, the room drew the form only while someone was awaited: a session whose
    inbrenger was gone had no form, though the service accepted the request."""
    session, lead, participant = _session(inbrenger, status)
    client.force_login(lead if who == "facilitator" else participant)
    room = client.get(reverse("intervisie:room", kwargs={"pk": session.pk}))
    assert room.status_code == 200

    drawn = FORM in room.content.decode()

    assert drawn == _expected(who, status, inbrenger)
    assert _accepted(client, session) == drawn


def test_the_service_refuses_in_dutch_what_the_rule_refuses():
    session, lead, participant = _session("confirmed", "planned")
    with pytest.raises(ValidationError) as refused:
        services.ask_another_inbrenger(session=session, actor=lead, address=NEW)
    assert refused.value.messages == [str(services.ERROR_INBRENGER_CONFIRMED)]
    with pytest.raises(PermissionDenied):
        services.ask_another_inbrenger(session=session, actor=participant, address=NEW)

    started, lead, _participant = _session("awaited", "running")
    with pytest.raises(ValidationError) as refused:
        services.ask_another_inbrenger(session=started, actor=lead, address=NEW)
    assert refused.value.messages == [str(services.ERROR_ALREADY_STARTED)]


def test_an_asynchronous_session_without_inbrenger_waits_past_its_dates_and_asks(client):
    """Past its planned start, but without an inbrenger it has not begun
    (selectors.start_blocker, tests/intervisie/test_no_inbrenger.py): the room draws
    the form and the service accepts. Before, the session counted as begun by its
    dates, so the form was gone and the request refused (ERROR_ALREADY_STARTED)."""
    session, lead, confirmed, _others = factories.session(
        mode="async", participants=3, starts_at=timezone.now() - timedelta(hours=1)
    )
    Participant.objects.filter(session=session, user=confirmed).delete()
    client.force_login(lead)

    room = client.get(reverse("intervisie:room", kwargs={"pk": session.pk})).content.decode()

    assert 'data-status="planned"' in room
    assert FORM in room
    assert _accepted(client, session)


@pytest.mark.parametrize(("inbrenger", "queries"), [("awaited", 6), ("confirmed", 7), ("none", 6)])
def test_the_rule_takes_no_query_of_its_own_in_the_room(
    client, inbrenger, queries, django_assert_num_queries, session_read_queries
):
    """The room passes the roles it read: the planner's page takes as many queries
    as a participant's. start_blocker takes the group the room read too: one query
    fewer than before ("confirmed" 9, "none" 9), and two fewer without an inbrenger
    (no case to look up)."""
    session, lead, participant = _session(inbrenger, "planned")
    url = reverse("intervisie:room", kwargs={"pk": session.pk})
    for user in (lead, participant):
        client.force_login(user)
        client.get(url)  # the first visit warms the per-user caches
        with django_assert_num_queries(queries + session_read_queries):
            client.get(url)
