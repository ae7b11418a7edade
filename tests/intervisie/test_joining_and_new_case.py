"""Who may join (an invited list, an organisation or a region; 3 to 12 in all) and a
new case brought in by the inbrenger, which passes casuistry's own intake, privacy
check and moderation before anyone reads it or the session starts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casuistry import services as case_services
from casuistry.anonymise import anonymise
from intervisie import selectors, services
from intervisie.models import MAX_PARTICIPANTS, Method, Participant, Session
from tests.casuistry import factories as case_factories
from tests.intervisie import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db


def open_session(*, audience="organisation", org=None, invited=0, mode="live", starts_at=None):
    factories.ensure_methods()
    lead = factories.facilitator()
    inbrenger = member_factories.member(org=org)
    others = [member_factories.member(org=org) for _ in range(invited)]
    case = case_factories.case(author=inbrenger)
    session = services.plan_session(
        facilitator=lead,
        case_id=case.pk,
        method=Method.objects.get(slug="incidentmethode" if mode == "live" else "moreel_beraad"),
        mode=mode,
        starts_at=starts_at or timezone.now() + timedelta(days=1),
        inbrenger=inbrenger,
        participants=[inbrenger, *others],
        audience=audience,
        organisation=org if audience == "organisation" else None,
    )
    return session, lead, inbrenger


# --- joining by organisation or region -------------------------------------------


def test_members_of_the_organisation_join_an_open_session_others_cannot(
    django_capture_on_commit_callbacks,
):
    org = member_factories.organisation("Kwadraad")
    session, _lead, _inbrenger = open_session(org=org)
    colleague = member_factories.member(org=org)
    outsider = member_factories.member(org=member_factories.organisation("Elders"))

    assert [s.pk for s in selectors.open_sessions_for(user=colleague)] == [session.pk]
    assert selectors.open_sessions_for(user=outsider) == []
    with django_capture_on_commit_callbacks(execute=True):
        joined = services.join_session(session=session, user=colleague)
    assert (joined.role, joined.alias) == ("participant", "Deelnemer A")
    assert joined.joined_at is not None
    # The invitation to the one who joined: the link, never the case.
    (message,) = mail.outbox
    assert message.to == [colleague.email]
    assert f"/intervisie/{session.pk}/" in message.body
    assert session.case_title not in message.subject + message.body
    assert "blauwe plekken" not in message.body
    with pytest.raises(PermissionDenied):
        services.join_session(session=session, user=outsider)
    with pytest.raises(ValidationError) as twice:
        services.join_session(session=session, user=colleague)
    assert str(services.ERROR_ALREADY_IN) in twice.value.messages
    # An invited-only session is joined by nobody.
    closed, *_ = factories.session()
    with pytest.raises(PermissionDenied):
        services.join_session(session=closed, user=member_factories.member())


def test_a_region_session_is_open_to_every_approved_member_but_not_to_the_pending():
    session, *_ = open_session(audience="region")
    anyone = member_factories.member(org=member_factories.organisation("Politie Rijnmond"))
    pending = member_factories.member(status="pending")
    assert [s.pk for s in selectors.open_sessions_for(user=anyone)] == [session.pk]
    assert selectors.open_sessions_for(user=pending) == []
    services.join_session(session=session, user=anyone)
    with pytest.raises(PermissionDenied):
        services.join_session(session=session, user=pending)


def test_an_open_session_stops_at_twelve_and_starts_from_three():
    org = member_factories.organisation("Lokaal Team")
    session, lead, _inbrenger = open_session(org=org)
    # With the inbrenger alone it cannot start: at least three, the inbrenger counted.
    with pytest.raises(ValidationError) as refused:
        services.start_session(session=session, actor=lead)
    assert "te weinig deelnemers" in " ".join(refused.value.messages)
    members = [member_factories.member(org=org) for _ in range(MAX_PARTICIPANTS)]
    for member in members[: MAX_PARTICIPANTS - 1]:
        services.join_session(session=session, user=member)
    assert selectors.group_size(session) == MAX_PARTICIPANTS
    with pytest.raises(ValidationError) as full:
        services.join_session(session=session, user=members[-1])
    assert str(services.ERROR_FULL) in full.value.messages
    assert selectors.open_sessions_for(user=members[-1]) == []
    aliases = list(
        Participant.objects.filter(session=session, role="participant").values_list(
            "alias", flat=True
        )
    )
    assert aliases[0] == "Deelnemer A" and aliases[-1] == "Deelnemer K"
    services.start_session(session=session, actor=lead)
    # Once begun nobody joins any more (told so, as it was open to them).
    with pytest.raises(ValidationError) as begun:
        services.join_session(session=session, user=member_factories.member(org=org))
    assert str(services.ERROR_FULL) in begun.value.messages


def test_the_plan_limits_hold_for_open_sessions_too():
    org = member_factories.organisation("Veilig Thuis")
    with pytest.raises(ValidationError):
        open_session(org=org, invited=MAX_PARTICIPANTS)  # 13 with the inbrenger
    with pytest.raises(ValidationError) as no_org:
        open_session(audience="organisation", org=None)
    assert str(services.ERROR_NO_ORGANISATION) in " ".join(no_org.value.messages)
    # An invited list still needs three.
    with pytest.raises(ValidationError):
        open_session(audience="invited", org=org, invited=1)


def test_an_async_open_session_starts_when_the_third_member_joins():
    org = member_factories.organisation("Wijkteam")
    start = timezone.now().replace(microsecond=0) - timedelta(days=1)
    session, _lead, _inbrenger = open_session(org=org, mode="async", starts_at=start)
    later = start + timedelta(days=3)
    assert selectors.effective_state(session, now=later).status == "planned"
    first, second = member_factories.member(org=org), member_factories.member(org=org)
    services.join_session(session=session, user=first, now=start)
    third_at = start + timedelta(days=2)
    services.join_session(session=session, user=second, now=third_at)
    # The clock starts at the later of the planned start and the moment of the third.
    state = selectors.effective_state(session, now=third_at + timedelta(hours=1))
    assert (state.status, state.phase_index) == ("running", 0)
    assert state.phase_ends_at == third_at + timedelta(days=2)
    assert services.advance_due_sessions(now=third_at + timedelta(hours=1)) == 1


def test_joining_over_http_and_the_open_list(client):
    org = member_factories.organisation("Kwadraad")
    session, *_ = open_session(org=org)
    colleague = member_factories.member(org=org)
    client.force_login(colleague)
    page = client.get(reverse("intervisie:mine")).content.decode()
    assert "Aanmelden voor Incidentmethode" in page
    assert session.case_title not in page
    response = client.post(reverse("intervisie:join", kwargs={"pk": session.pk}))
    assert response.status_code == 302
    assert Participant.objects.filter(session=session, user=colleague).exists()
    assert client.get(reverse("intervisie:room", kwargs={"pk": session.pk})).status_code == 200
    outsider = member_factories.member(org=member_factories.organisation("Elders"))
    client.force_login(outsider)
    assert client.post(reverse("intervisie:join", kwargs={"pk": session.pk})).status_code == 404
    assert not Participant.objects.filter(session=session, user=outsider).exists()


def test_the_plan_page_plans_an_organisation_session(client):
    factories.ensure_methods()
    org = member_factories.organisation("Kwadraad")
    lead = factories.facilitator()
    inbrenger = member_factories.member(org=org)
    case = case_factories.case()
    client.force_login(lead)
    data = {
        "case": case.pk,
        "method": Method.objects.get(slug="korthagen").pk,
        "mode": "live",
        "starts_at": "2030-05-01T10:00",
        "async_days_per_phase": "2",
        "inbrenger": inbrenger.email,
        "participants": "",
        "keep_text": "ja",
        "audience": "organisation",
    }
    response = client.post(reverse("intervisie:plan"), data)
    assert response.status_code == 200
    assert "Kies de organisatie" in response.content.decode()
    assert inbrenger.email in response.content.decode()  # what was typed stays
    response = client.post(reverse("intervisie:plan"), {**data, "organisation": org.pk})
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.audience, session.organisation_id) == ("organisation", org.pk)


# --- a new case brought in by the inbrenger ----------------------------------------


def submit_through_casuistry(author):
    data = case_factories.service_data()
    texts = {"title": data["title"], **data["parts"]}
    return case_services.submit_case(
        author=author,
        data=data,
        confirmed_redacted_parts=anonymise(texts).redacted,
        false_finds=[],
    )


def plan_on_a_new_case(mode="live", starts_at=None):
    factories.ensure_methods()
    lead = factories.facilitator()
    inbrenger = member_factories.member()
    others = [member_factories.member() for _ in range(2)]
    session = services.plan_session(
        facilitator=lead,
        case_id=None,
        method=Method.objects.get(slug="incidentmethode" if mode == "live" else "moreel_beraad"),
        mode=mode,
        starts_at=starts_at or timezone.now(),
        inbrenger=inbrenger,
        participants=[inbrenger, *others],
    )
    return session, lead, inbrenger, others


def test_a_new_case_goes_through_moderation_before_anyone_reads_it_or_the_session_starts(
    client,
):
    session, lead, inbrenger, (a, _b) = plan_on_a_new_case()
    assert (session.case_id, session.new_case, session.case_title) == (None, True, "")
    with pytest.raises(ValidationError):
        services.start_session(session=session, actor=lead)

    case = submit_through_casuistry(inbrenger)
    # Only the inbrenger attaches, and only a case of their own.
    with pytest.raises(PermissionDenied):
        services.attach_case(session=session, actor=a, case_id=case.pk)
    someone_elses = submit_through_casuistry(a)
    with pytest.raises(ValidationError):
        services.attach_case(session=session, actor=inbrenger, case_id=someone_elses.pk)
    client.force_login(inbrenger)
    room = client.get(reverse("intervisie:room", kwargs={"pk": session.pk})).content.decode()
    assert "Jouw casus inbrengen" in room
    response = client.post(
        reverse("intervisie:attach_case", kwargs={"pk": session.pk}), {"case": case.pk}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.case_id == case.pk

    # Submitted, not yet approved: no one reads it through the session, no start.
    client.force_login(a)
    room = client.get(reverse("intervisie:room", kwargs={"pk": session.pk})).content.decode()
    assert "data-case-pending" in room
    assert reverse("casuistry:detail", kwargs={"pk": case.pk}) not in room
    assert case.title not in room
    assert client.get(reverse("casuistry:detail", kwargs={"pk": case.pk})).status_code == 404
    with pytest.raises(ValidationError) as refused:
        services.start_session(session=session, actor=lead)
    assert "nog niet in de bibliotheek" in " ".join(refused.value.messages)

    moderator = case_factories.moderator()
    case = case_services.claim_case(moderator=moderator, case=case)
    case_services.edit_title(moderator=moderator, case=case, title="Twijfel bij een gezin")
    case_services.approve(moderator=moderator, case=case)

    room = client.get(reverse("intervisie:room", kwargs={"pk": session.pk})).content.decode()
    assert reverse("casuistry:detail", kwargs={"pk": case.pk}) in room
    assert client.get(reverse("casuistry:detail", kwargs={"pk": case.pk})).status_code == 200
    session = services.start_session(session=session, actor=lead)
    assert session.status == "running"
    assert session.case_title == "Twijfel bij een gezin"  # the moderator's title


def test_an_async_session_on_a_new_case_starts_when_the_case_is_published():
    start = timezone.now().replace(microsecond=0) - timedelta(days=5)
    session, _lead, inbrenger, _others = plan_on_a_new_case(mode="async", starts_at=start)
    case = submit_through_casuistry(inbrenger)
    session = services.attach_case(session=session, actor=inbrenger, case_id=case.pk)
    assert selectors.effective_state(session, now=timezone.now()).status == "planned"
    assert services.advance_due_sessions() == 0
    moderator = case_factories.moderator()
    case = case_services.claim_case(moderator=moderator, case=case)
    case = case_services.approve(moderator=moderator, case=case)
    state = selectors.effective_state(session, now=case.published_at + timedelta(hours=1))
    assert (state.status, state.phase_index) == ("running", 0)
    assert state.phase_ends_at == case.published_at + timedelta(days=2)


def test_a_rejected_or_withdrawn_case_cannot_be_attached():
    session, _lead, inbrenger, _others = plan_on_a_new_case()
    case = submit_through_casuistry(inbrenger)
    case_services.withdraw_case(author=inbrenger, case=case)
    with pytest.raises(ValidationError) as refused:
        services.attach_case(session=session, actor=inbrenger, case_id=case.pk)
    assert str(services.ERROR_NOT_YOUR_CASE) in " ".join(refused.value.messages)


def test_a_suspended_member_cannot_join_an_open_session(client):
    # Joining is taking part (intervisie.permissions.can_take_part): refused in Dutch
    # with the end date, on the page and in the service (probe14b).
    org = member_factories.organisation("Kwadraad")
    session, *_ = open_session(org=org)
    colleague = member_factories.member(org=org)
    colleague.profile.suspended_until = timezone.now() + timedelta(days=3)
    colleague.profile.save(update_fields=["suspended_until"])
    client.force_login(colleague)

    response = client.post(reverse("intervisie:join", kwargs={"pk": session.pk}), follow=True)

    assert "Je bent geschorst tot" in response.content.decode()
    assert not Participant.objects.filter(session=session, user=colleague).exists()
    with pytest.raises(ValidationError, match="geschorst tot"):
        services.join_session(session=session, user=colleague)
