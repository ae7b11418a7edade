"""The inbrenger is asked by e-mail and confirms: the planning answers alike for a
member's address and any other (no account enumeration), and the session cannot
start before the inbrenger, an approved member, confirmed (docs/intervisie.md)."""

from __future__ import annotations

import re
from contextlib import suppress

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from intervisie import selectors, services
from intervisie.models import Participant, Session
from tests.casuistry import factories as case_factories
from tests.intervisie import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db

STRANGER = "nog.geen.lid@example.org"


def _form(case, inbrenger_address, participants, **extra):
    return {
        "case": case.pk,
        "method": factories.Method.objects.get(slug="incidentmethode").pk,
        "mode": "live",
        "starts_at": "2030-05-01T10:00",
        "async_days_per_phase": "2",
        "inbrenger": inbrenger_address,
        "participants": "\n".join(u.email for u in participants),
        "keep_text": "ja",
        "audience": "invited",
        **extra,
    }


def _page(response, *, typed: str, session: Session | None = None) -> str:
    """The page without what differs per request or per session: the CSRF token, the
    scripts' nonce, the session's id, and the value typed for the inbrenger."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)
    html = re.sub(r'nonce="[^"]+"', "NONCE", html)
    if session is not None:
        html = html.replace(f"/intervisie/{session.pk}/", "/intervisie/ID/")
        html = html.replace(f'data-session-id="{session.pk}"', "SESSION")
    return html.replace(typed, "TYPED")


def _plan_asking(lead, address: str, **fields) -> Session:
    """A live session planned by `lead`, the inbrenger asked by `address`."""
    return services.plan_session(
        facilitator=lead,
        case_id=case_factories.case().pk,
        method=factories.Method.objects.get(slug="incidentmethode"),
        mode="live",
        starts_at=timezone.now(),
        inbrenger_address=address,
        **fields,
    )


@pytest.fixture
def planning(client):
    factories.ensure_methods()
    lead = factories.facilitator()
    others = [member_factories.member() for _ in range(2)]
    client.force_login(lead)
    return lead, others


def test_a_planned_session_looks_the_same_for_a_members_address_and_any_other(
    client, planning, django_capture_on_commit_callbacks, mailoutbox
):
    _lead, others = planning
    member = member_factories.member()
    case = case_factories.case()
    answers = {}
    for address in (member.email, STRANGER):
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("intervisie:plan"), _form(case, address, others), follow=True
            )
        session = Session.objects.latest("pk")
        answers[address] = (
            response.status_code,
            [status for _url, status in response.redirect_chain],
            [str(m) for m in response.context["messages"]],
            _page(response, typed=address, session=session),
            session.participants.count(),
            str(selectors.start_blocker(session)),
            next(m for m in mailoutbox if m.to == [address]).body,
        )
        assert address not in str(list(Session.objects.filter(pk=session.pk).values()))

    assert answers[member.email] == answers[STRANGER]
    status, chain, messages, page, count, blocker, body = answers[STRANGER]
    assert (status, chain) == (200, [302])
    assert "De sessie is gepland" in messages[0]
    assert "Inbrenger (nog niet bevestigd)" in page
    assert "goedgekeurd lid" not in page
    assert count == 3  # the facilitator and the two invited; the inbrenger awaited
    assert "De inbrenger heeft nog niet bevestigd" in blocker
    assert reverse("intervisie:mine") in body and reverse("account_signup") in body


def test_a_refused_plan_looks_the_same_and_keeps_what_was_typed(client, planning):
    _lead, others = planning
    member = member_factories.member()
    case = case_factories.case()
    pages = {}
    for address in (member.email, STRANGER):
        # An open session for an organisation without the organisation: refused.
        response = client.post(
            reverse("intervisie:plan"), _form(case, address, others, audience="organisation")
        )
        assert response.status_code == 200
        assert f'value="{address}"' in response.content.decode()
        pages[address] = _page(response, typed=address)

    assert not Session.objects.exists()
    assert pages[member.email] == pages[STRANGER]
    assert str(services.ERROR_NO_ORGANISATION) in pages[STRANGER]


def test_the_address_becomes_the_inbrenger_once_its_approved_member_confirms(
    client, planning, django_capture_on_commit_callbacks
):
    lead, others = planning
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intervisie:plan"), _form(case_factories.case(), STRANGER, others))
    session = Session.objects.get()
    with pytest.raises(ValidationError):
        services.start_session(session=session, actor=lead)
    confirm = reverse("intervisie:confirm_inbrenger", kwargs={"pk": session.pk})

    # Someone else cannot take the place, nor can the address before it is approved.
    client.force_login(others[0])
    assert client.post(confirm).status_code == 404
    pending = member_factories.member(email=STRANGER.upper(), status="pending")
    with pytest.raises(PermissionDenied):
        services.confirm_inbrenger(session=session, user=pending)
    assert not Participant.objects.filter(session=session, role="inbrenger").exists()

    # Signed up and approved: the session is on their page, and they confirm.
    pending.profile.status = "approved"
    pending.profile.save()
    client.force_login(pending)
    assert confirm in client.get(reverse("intervisie:mine")).content.decode()
    response = client.post(confirm, follow=True)

    assert response.redirect_chain[-1][0] == reverse("intervisie:room", kwargs={"pk": session.pk})
    session.refresh_from_db()
    assert session.awaited_inbrenger == ""
    assert session.participants.get(user=pending).alias == "Inbrenger"
    assert selectors.start_blocker(session) is None
    assert services.start_session(session=session, actor=lead).status == "running"
    # Once confirmed, the place is taken: a second confirmation is refused.
    assert client.post(confirm).status_code == 404


def test_the_inbrenger_address_counts_once_and_keeps_a_place_in_an_open_session(client, planning):
    lead, others = planning
    member = member_factories.member()
    # The inbrenger's address also among the participants: counted once.
    session = _plan_asking(
        lead,
        member.email,
        participants=[member, *others],
        other_addresses=[member.email],
        audience="region",
    )
    assert session.participants.count() == 3  # the facilitator and the two others
    assert selectors.group_size(session) == 3  # the inbrenger's place kept
    # Joined the open session before confirming: becomes its inbrenger.
    services.join_session(session=session, user=member)
    services.confirm_inbrenger(session=session, user=member)
    session.refresh_from_db()
    assert session.participants.get(user=member).role == "inbrenger"
    assert selectors.group_size(session) == 3


def test_erasing_the_member_asked_drops_the_digest_of_their_address(planning):
    lead, others = planning
    member = member_factories.member()
    session = _plan_asking(lead, member.email, participants=others)
    assert session.awaited_inbrenger == selectors.address_digest(member.email)

    services.erase_personal_data(member)

    session.refresh_from_db()
    assert session.awaited_inbrenger == services.NO_INBRENGER
    assert selectors.start_blocker(session) is not None  # never without an inbrenger


# --- asking another inbrenger (services.ask_another_inbrenger) ------------------


def _joined_but_not_confirmed(lead, others):
    """An open session whose inbrenger, asked by address, joined and has not confirmed."""
    first = member_factories.member()
    session = _plan_asking(lead, first.email, participants=others, audience="region")
    services.join_session(session=session, user=first)
    return session, first


def test_asking_another_inbrenger_replaces_the_first_who_joined_with_notice(
    planning, django_capture_on_commit_callbacks, mailoutbox
):
    from notifications.models import Notification

    lead, others = planning
    session, first = _joined_but_not_confirmed(lead, others)
    second = member_factories.member()

    with django_capture_on_commit_callbacks(execute=True):
        services.ask_another_inbrenger(session=session, actor=lead, address=second.email.upper())

    session.refresh_from_db()
    assert session.awaited_inbrenger == selectors.address_digest(second.email)
    # The first stays in the open session as a participant, under a letter, and is told.
    row = session.participants.get(user=first)
    assert (row.role, row.alias) == ("participant", "Deelnemer C")
    notice = Notification.objects.get(recipient=first)
    assert "niet meer gevraagd als inbrenger" in notice.text
    # A kind of its own: it is no reminder ("Herinnering") of anything.
    assert (notice.kind, notice.get_kind_display()) == ("no_longer_asked", "Niet meer gevraagd")
    with translation.override("en"):
        assert str(notice.get_kind_display()) == "No longer asked"
    assert [m.to for m in mailoutbox] == [[second.email]]
    # Only the new address can confirm now: one inbrenger, one "Inbrenger".
    with pytest.raises(PermissionDenied):
        services.confirm_inbrenger(session=session, user=first)
    services.confirm_inbrenger(session=session, user=second)
    assert list(session.participants.filter(role="inbrenger").values_list("user", flat=True)) == [
        second.pk
    ]
    assert list(session.participants.values_list("alias", flat=True)).count("Inbrenger") == 1
    assert selectors.group_size(session) == 4


def test_once_the_inbrenger_confirmed_another_is_refused_in_dutch(planning, mailoutbox):
    lead, others = planning
    session, first = _joined_but_not_confirmed(lead, others)
    services.confirm_inbrenger(session=session, user=first)

    with pytest.raises(ValidationError) as refused:
        services.ask_another_inbrenger(session=session, actor=lead, address=STRANGER)

    assert refused.value.messages == [str(services.ERROR_INBRENGER_CONFIRMED)]
    session.refresh_from_db()
    assert session.awaited_inbrenger == ""
    assert session.participants.get(role="inbrenger").user == first


def test_only_the_facilitator_asks_another_and_never_themselves(planning):
    lead, others = planning
    session, _first = _joined_but_not_confirmed(lead, others)

    with pytest.raises(PermissionDenied):
        services.ask_another_inbrenger(session=session, actor=others[0], address=STRANGER)
    with pytest.raises(ValidationError):
        services.ask_another_inbrenger(session=session, actor=lead, address=lead.email)


def test_the_request_and_the_confirmation_are_ordered_by_the_session_lock(planning):
    """Both lock the session row before they read who is asked or who confirmed, so
    of a confirmation and a new request at the same moment one waits for the other
    (PostgreSQL; SQLite writes one transaction at a time and has no row locks)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if not connection.features.has_select_for_update:
        pytest.skip("row locks: PostgreSQL (make test-services)")
    lead, others = planning
    session, first = _joined_but_not_confirmed(lead, others)
    table = Session._meta.db_table.upper()
    for call in (
        lambda: services.ask_another_inbrenger(session=session, actor=lead, address=STRANGER),
        lambda: services.confirm_inbrenger(session=session, user=first),
    ):
        # The confirmation after the new request is refused, as it should be.
        with CaptureQueriesContext(connection) as queries, suppress(PermissionDenied):
            call()
        # The test's own transaction makes atomic() a savepoint: not a statement to order.
        statements = [
            sql
            for sql in (query["sql"].upper() for query in queries.captured_queries)
            if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        ]
        assert table in statements[0] and "FOR UPDATE" in statements[0]


def test_the_database_keeps_one_inbrenger_per_session(planning):
    from django.db import IntegrityError, transaction

    lead, others = planning
    session, first = _joined_but_not_confirmed(lead, others)
    services.confirm_inbrenger(session=session, user=first)

    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(session=session, user=others[0]).update(role="inbrenger")


def test_the_facilitator_asks_another_in_the_room_and_a_refusal_keeps_the_address(
    client, planning, django_capture_on_commit_callbacks
):
    lead, others = planning
    session, first = _joined_but_not_confirmed(lead, others)
    room = reverse("intervisie:room", kwargs={"pk": session.pk})
    control = reverse("intervisie:control", kwargs={"pk": session.pk})
    assert 'value="inbrenger"' in client.get(room).content.decode()

    response = client.post(control, {"actie": "inbrenger", "inbrenger": lead.email})
    text = response.content.decode()
    assert response.status_code == 400
    assert str(services.ERROR_FACILITATOR_IN_LIST) in text
    assert f'value="{lead.email}"' in text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(control, {"actie": "inbrenger", "inbrenger": STRANGER}, follow=True)
    assert "de vraag om inbrenger te zijn gekregen" in response.content.decode()
    session.refresh_from_db()
    assert session.awaited_inbrenger == selectors.address_digest(STRANGER)

    client.force_login(first)
    assert 'value="inbrenger"' not in client.get(room).content.decode()  # not the planner


def test_after_the_member_asked_was_erased_the_planner_asks_another(planning):
    lead, others = planning
    member = member_factories.member()
    session = _plan_asking(lead, member.email, participants=others)
    services.erase_personal_data(member)

    services.ask_another_inbrenger(session=session, actor=lead, address=STRANGER)

    session.refresh_from_db()
    assert session.awaited_inbrenger == selectors.address_digest(STRANGER)
