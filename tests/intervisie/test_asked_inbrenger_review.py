"""The member asked as the inbrenger, from the review of round 12: each request on
/intervisie/ names its session; a member asked who joins the open session before
confirming is counted (and shown) once at every moment; the inbrenger's reminder
before the session reaches the bell too."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from intervisie import selectors, services
from intervisie.models import MAX_PARTICIPANTS, Method, Participant, Session
from notifications.models import Notification
from tests.casuistry import factories as case_factories
from tests.intervisie import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db

MAY_FIRST = datetime(2030, 5, 1, 10, 0, tzinfo=timezone.get_default_timezone())
JUNE_THIRD = datetime(2030, 6, 3, 14, 30, tzinfo=timezone.get_default_timezone())


def _asking(lead, address: str, *, starts_at: datetime, participants=(), **fields) -> Session:
    return services.plan_session(
        facilitator=lead,
        case_id=case_factories.case().pk,
        method=Method.objects.get(slug="incidentmethode"),
        mode="live",
        starts_at=starts_at,
        inbrenger_address=address,
        participants=list(participants),
        **fields,
    )


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- (a) each request names its session --------------------------------------------


def test_each_request_as_inbrenger_names_its_session(client):
    factories.ensure_methods()
    lead = factories.facilitator()
    others = [member_factories.member() for _ in range(2)]
    asked = member_factories.member()
    first = _asking(lead, asked.email, starts_at=MAY_FIRST, participants=others)
    second = _asking(lead, asked.email, starts_at=JUNE_THIRD, participants=others)
    client.force_login(asked)

    page = client.get(reverse("intervisie:mine")).content.decode()

    assert "deze sessie" not in page
    requests = re.findall(r"<span data-inbrenger-request>(.*?)</span>", page, re.S)
    assert [_text(r).strip() for r in requests] == [
        "Een gespreksleider vraagt je je casus in te brengen in de sessie Incidentmethode "
        "op 1 mei 2030 om 10:00. Die sessie begint pas als je bevestigt.",
        "Een gespreksleider vraagt je je casus in te brengen in de sessie Incidentmethode "
        "op 3 juni 2030 om 14:30. Die sessie begint pas als je bevestigt.",
    ]
    assert "Bevestigen als inbrenger bij Incidentmethode op 1 mei 2030" in page
    assert "Bevestigen als inbrenger bij Incidentmethode op 3 juni 2030" in page
    assert {first.pk, second.pk} == {s.pk for s in selectors.sessions_asking(user=asked)}


def test_a_refused_join_on_the_list_of_sessions_names_the_session(client):
    factories.ensure_methods()
    org = member_factories.organisation("Kwadraad")
    lead = factories.facilitator()
    full = _asking(
        lead,
        "iemand@example.org",
        starts_at=MAY_FIRST,
        participants=[member_factories.member(org=org) for _ in range(MAX_PARTICIPANTS - 1)],
        audience="organisation",
        organisation=org,
    )
    late = member_factories.member(org=org)
    client.force_login(late)

    response = client.post(reverse("intervisie:join", kwargs={"pk": full.pk}), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Aanmelden voor Incidentmethode op 1 mei 2030 om 10:00 lukte niet. "
        "Deze sessie is vol of al begonnen."
    ]


# --- (b) a member asked who joins counts once -----------------------------------------


def test_the_member_asked_who_joins_before_confirming_counts_and_shows_once(client):
    factories.ensure_methods()
    lead = factories.facilitator()
    others = [member_factories.member() for _ in range(2)]
    asked, onlooker, later = (member_factories.member() for _ in range(3))
    session = _asking(
        lead, asked.email, starts_at=MAY_FIRST, participants=others, audience="region"
    )

    def counts() -> tuple[int, int]:
        listed = selectors.open_sessions_for(user=onlooker)
        return selectors.group_size(session), next(s.group for s in listed if s.pk == session.pk)

    def room_of(user) -> str:
        client.force_login(user)
        return _text(
            client.get(reverse("intervisie:room", kwargs={"pk": session.pk})).content.decode()
        )

    assert counts() == (3, 3)  # two invited and the inbrenger's kept place

    services.join_session(session=session, user=asked)
    assert counts() == (3, 3)  # the kept place is theirs: not one more
    for viewer in (lead, others[0]):
        assert "Deelnemer A, Deelnemer B, Inbrenger (nog niet bevestigd)" in room_of(viewer)
    assert "Je bent: Inbrenger (nog niet bevestigd;" in room_of(asked)
    # Whoever joins next takes the next letter: no gap shows who joined before.
    services.join_session(session=session, user=later)
    assert Participant.objects.get(session=session, user=later).alias == "Deelnemer C"
    assert counts() == (4, 4)

    services.confirm_inbrenger(session=session, user=asked)
    session.refresh_from_db()
    assert counts() == (4, 4)
    page = room_of(lead)
    assert "Inbrenger, Deelnemer C" in page and "nog niet bevestigd" not in page


def test_the_member_asked_may_join_a_session_full_but_for_their_kept_place():
    factories.ensure_methods()
    lead = factories.facilitator()
    asked = member_factories.member()
    session = _asking(
        lead,
        asked.email,
        starts_at=MAY_FIRST,
        participants=[member_factories.member() for _ in range(MAX_PARTICIPANTS - 1)],
        audience="region",
    )
    assert selectors.group_size(session) == MAX_PARTICIPANTS
    assert not selectors.can_join(user=member_factories.member(), session=session)

    services.join_session(session=session, user=asked)

    assert selectors.group_size(session) == MAX_PARTICIPANTS


# --- (c) the inbrenger's reminder in the bell -------------------------------------------


def test_the_inbrenger_is_reminded_in_the_bell_when_everyone_is_by_e_mail(
    django_capture_on_commit_callbacks,
):
    start = timezone.now() + timedelta(hours=20)
    session, _lead, inbrenger, others = factories.session(starts_at=start)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 3
        assert services.send_reminders() == 0

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in [inbrenger, *others])
    bell = Notification.objects.get()
    assert (bell.recipient, bell.kind, bell.message, bell.url) == (
        inbrenger,
        "reminder",
        services.INBRENGER_REMINDER,
        reverse("intervisie:room", kwargs={"pk": session.pk}),
    )
    moment = timezone.localtime(start)
    assert bell.title == (
        f"Herinnering: op {moment.day} {_MONTHS[moment.month - 1]} {moment.year} "
        f"{moment:%H:%M} breng je je casus in bij de intervisie (Incidentmethode)"
    )
    assert session.case_title not in bell.title


def test_an_inbrenger_whose_new_case_is_not_linked_is_told_so():
    factories.ensure_methods()
    lead = factories.facilitator()
    inbrenger = member_factories.member()
    services.plan_session(
        facilitator=lead,
        case_id=None,
        method=Method.objects.get(slug="incidentmethode"),
        mode="live",
        starts_at=timezone.now() + timedelta(hours=2),
        inbrenger=inbrenger,
        participants=[member_factories.member() for _ in range(2)],
    )

    services.send_reminders()

    bell = Notification.objects.get(recipient=inbrenger)
    assert bell.message == services.INBRENGER_CASE_MISSING
    assert bell.title.endswith("Koppel je casus nog in de sessie.")


_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
