"""The pages over HTTP: every phase rule refused on a plain form post (not only a
hidden button), the facilitator's controls, late joiners, .ics, reflection, the
learning record, and flat query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import LearningActivity
from intervisie import selectors, services
from intervisie.models import Contribution, RuleKind, Session
from tests.casuistry import factories as case_factories
from tests.intervisie import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db


def room_url(session: Session) -> str:
    return reverse("intervisie:room", kwargs={"pk": session.pk})


def post_as(client, user, session, text, **extra):
    client.force_login(user)
    return client.post(room_url(session), {"text": text, **extra})


def test_a_statement_in_the_question_round_is_refused_with_the_hint(client):
    session, lead, _inbrenger, (a, _b) = factories.session()
    session = factories.to_phase(session, lead, RuleKind.QUESTIONS_ONLY)
    response = post_as(client, a, session, "Ik zou meteen bellen.")
    assert response.status_code == 200
    html = response.content.decode()
    assert "eindig je tekst met een vraagteken" in html
    assert "Ik zou meteen bellen." in html  # the text stays in the form
    assert not Contribution.objects.exists()
    response = post_as(client, a, session, "Was de moeder erbij?")
    assert response.status_code == 302
    assert Contribution.objects.get().text == "Was de moeder erbij?"


def test_the_inbrenger_cannot_post_in_the_analysis(client):
    session, lead, inbrenger, _others = factories.session()
    session = factories.to_phase(session, lead, RuleKind.INBRENGER_SILENT)
    response = post_as(client, inbrenger, session, "Ik wil iets toevoegen.")
    assert response.status_code == 200
    assert "lees je als inbrenger mee" in response.content.decode()
    assert not Contribution.objects.exists()


def test_positions_are_hidden_on_the_page_until_the_reveal(client):
    session, lead, inbrenger, (a, b) = factories.session()
    session = factories.to_phase(session, lead, RuleKind.BLIND_POSITIONS)
    assert post_as(client, a, session, "Ik bel Veilig Thuis.").status_code == 302
    client.force_login(b)
    assert "Ik bel Veilig Thuis." not in client.get(room_url(session)).content.decode()
    # Only the facilitator reveals: a participant's POST changes nothing.
    client.post(reverse("intervisie:control", kwargs={"pk": session.pk}), {"actie": "onthullen"})
    assert "Ik bel Veilig Thuis." not in client.get(room_url(session)).content.decode()
    client.force_login(lead)
    client.post(reverse("intervisie:control", kwargs={"pk": session.pk}), {"actie": "onthullen"})
    for user in (a, b, inbrenger, lead):
        client.force_login(user)
        assert "Ik bel Veilig Thuis." in client.get(room_url(session)).content.decode()


def test_only_the_facilitator_moves_on_and_a_reload_lands_in_the_phase(client):
    session, lead, _inbrenger, (a, _b) = factories.session()
    control = reverse("intervisie:control", kwargs={"pk": session.pk})
    client.force_login(a)
    client.post(control, {"actie": "start"})
    session.refresh_from_db()
    assert session.status == "planned"
    client.force_login(lead)
    client.post(control, {"actie": "start"})
    client.post(control, {"actie": "volgende"})
    client.post(control, {"actie": "verlengen", "minutes": "5"})
    client.force_login(a)
    html = client.get(room_url(session)).content.decode()
    assert "Fase 2 van 7: Vragenronde" in html
    assert 'data-phase="1"' in html
    session.refresh_from_db()
    assert f'data-last-seq="{session.last_seq}"' in html
    assert session.last_seq == 3


def test_privacy_preview_then_the_redacted_text(client):
    session, lead, _inbrenger, (a, _b) = factories.session()
    services.start_session(session=session, actor=lead)
    text = "Ik sprak Jan de Vries op school."
    response = post_as(client, a, session, text)
    assert response.status_code == 200
    assert not Contribution.objects.exists()
    html = response.content.decode()
    placeholders = [p for p in ("[NAAM-1]",) if p in html]
    assert placeholders
    response = post_as(client, a, session, text, bevestig="1", geaccepteerd=placeholders)
    assert response.status_code == 302
    assert "Jan de Vries" not in Contribution.objects.get().text


def test_a_member_outside_the_session_gets_404(client):
    session, *_ = factories.session()
    client.force_login(member_factories.member())
    assert client.get(room_url(session)).status_code == 404
    assert post_as(client, member_factories.member(), session, "Hoi?").status_code == 404


def test_plan_page_plans_and_invites(client, django_capture_on_commit_callbacks, mailoutbox):
    lead = factories.facilitator()
    inbrenger = member_factories.member()
    others = [member_factories.member() for _ in range(3)]
    case = case_factories.case()
    client.force_login(lead)
    assert client.get(reverse("intervisie:plan")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("intervisie:plan"),
            {
                "case": case.pk,
                "method": factories.Method.objects.get(slug="incidentmethode").pk,
                "mode": "live",
                "starts_at": "2030-05-01T10:00",
                "async_days_per_phase": "2",
                "inbrenger": inbrenger.email,
                "participants": "\n".join(u.email for u in others),
                "keep_text": "ja",
                "audience": "invited",
            },
        )
    session = Session.objects.get()
    assert response.status_code == 302
    # The three invited members, and the inbrenger asked: they confirm first.
    assert session.participants.count() == 4
    assert len(mailoutbox) == 4
    assert "bevestigd" in str(selectors.start_blocker(session))
    client.force_login(inbrenger)
    confirm = reverse("intervisie:confirm_inbrenger", kwargs={"pk": session.pk})
    assert confirm in client.get(reverse("intervisie:mine")).content.decode()
    assert client.post(confirm).status_code == 302
    session.refresh_from_db()
    assert session.participants.get(user=inbrenger).role == "inbrenger"
    assert session.participants.count() == 5
    assert selectors.start_blocker(session) is None
    client.force_login(others[0])
    ics = client.get(reverse("intervisie:ics", kwargs={"pk": session.pk}))
    body = ics.content.decode()
    assert ics["Content-Type"].startswith("text/calendar")
    assert "DTSTART:" in body and "Incidentmethode" in body
    assert case.title not in body


def _plan(client, inbrenger, addresses):
    return client.post(
        reverse("intervisie:plan"),
        {
            "case": case_factories.case().pk,
            "method": factories.Method.objects.get(slug="incidentmethode").pk,
            "mode": "live",
            "starts_at": "2030-05-01T10:00",
            "async_days_per_phase": "2",
            "inbrenger": inbrenger.email,
            "participants": "\n".join(addresses),
            "keep_text": "ja",
            "audience": "invited",
        },
        follow=True,
    )


def _answer(response) -> str:
    """The page after planning, without what differs per session (its address)."""
    return "\n".join(str(message) for message in response.context["messages"])


def test_planning_answers_alike_whether_an_address_has_an_account(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    # Account enumeration: a known and an unknown address get the same answer.
    lead = factories.facilitator()
    inbrenger = member_factories.member()
    known = [member_factories.member() for _ in range(3)]
    client.force_login(lead)

    with django_capture_on_commit_callbacks(execute=True):
        all_known = _plan(client, inbrenger, [u.email for u in known])
    answers_known = _answer(all_known)
    mailoutbox.clear()
    stranger = "niemand.bekend@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        one_unknown = _plan(client, inbrenger, [known[0].email, known[1].email, stranger])

    assert all_known.status_code == one_unknown.status_code == 200
    assert all_known.redirect_chain[0][1] == one_unknown.redirect_chain[0][1] == 302
    assert _answer(one_unknown) == answers_known
    assert "goedgekeurd lid" not in one_unknown.content.decode()
    # Every address got one e-mail with the same subject; the stranger's has no link
    # to the session and the address is stored with no session.
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [inbrenger.email, known[0].email, known[1].email, stranger]
    )
    to_stranger = next(m for m in mailoutbox if m.to == [stranger])
    assert to_stranger.subject == next(m for m in mailoutbox if m.to == [inbrenger.email]).subject
    assert "/intervisie/" not in to_stranger.body
    session = Session.objects.latest("pk")
    assert stranger not in str(list(session.participants.values()))


def test_too_few_addresses_get_the_same_refusal_known_or_not(client):
    lead = factories.facilitator()
    inbrenger = member_factories.member()
    client.force_login(lead)

    known = _plan(client, inbrenger, [member_factories.member().email])
    unknown = _plan(client, inbrenger, ["niemand.bekend@example.org"])

    assert not Session.objects.exists()
    refusal = services.ERROR_PARTICIPANT_COUNT % {"min": 3, "max": 12}
    assert refusal in known.content.decode()
    assert refusal in unknown.content.decode()
    assert "niemand.bekend@example.org" not in unknown.content.decode().split("<textarea")[0]


def test_a_member_without_the_role_cannot_plan(client, member):
    client.force_login(member)
    assert client.get(reverse("intervisie:plan")).status_code == 403


def test_after_the_session_the_activity_and_a_private_reflection(client):
    session, lead, _inbrenger, (a, b) = factories.session()
    control = reverse("intervisie:control", kwargs={"pk": session.pk})
    client.force_login(lead)
    client.post(control, {"actie": "start"})
    for _ in range(7):
        client.post(control, {"actie": "volgende"})
    session.refresh_from_db()
    assert session.status == "finished"
    assert LearningActivity.objects.filter(user=a, kind="intervisie").exists()
    client.force_login(a)
    response = client.post(
        reverse("intervisie:reflection", kwargs={"pk": session.pk}),
        {
            "happened": "Een gesprek over twijfel.",
            "felt": "Onzeker.",
            "means": "Ik mag hulp vragen.",
            "will_do": "Eerder overleggen.",
        },
    )
    assert response.status_code == 302
    assert "Eerder overleggen." in client.get(reverse("intervisie:mine")).content.decode()
    client.force_login(b)
    assert "Eerder overleggen." not in client.get(reverse("intervisie:mine")).content.decode()
    record = client.get(reverse("courses:learning_record")).content.decode()
    assert "Reflectie/intervisie" in record


def test_query_counts_stay_flat(client, django_assert_max_num_queries):
    session, lead, _inbrenger, (a, b) = factories.session()
    services.start_session(session=session, actor=lead)
    client.force_login(a)
    services.post_contribution(session=session, author=b, text="Eerste.")
    client.get(room_url(session))
    with django_assert_max_num_queries(25) as few:
        client.get(room_url(session))
    for i in range(20):
        services.post_contribution(session=session, author=b, text=f"Bijdrage {i}.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(room_url(session))
    with django_assert_max_num_queries(25) as mine:
        client.get(reverse("intervisie:mine"))
    for _ in range(3):
        extra, *_ = factories.session(lead=lead)
        extra.participants.create(user=a, role="participant", alias="Deelnemer Z")
    with django_assert_max_num_queries(len(mine.captured_queries)):
        client.get(reverse("intervisie:mine"))


def test_moderators_edit_the_methods_in_the_admin(client):
    moderator = member_factories.member(role="Moderator", with_mfa=True)
    client.force_login(moderator)
    page = client.get("/beheer/snippets/intervisie/method/")
    assert page.status_code == 200
    assert "Incidentmethode" in page.content.decode()
    method = factories.Method.objects.get(slug="korthagen")
    edit = client.get(f"/beheer/snippets/intervisie/method/edit/{method.pk}/")
    assert edit.status_code == 200
    assert "Terugblikken" in edit.content.decode()
    client.force_login(member_factories.member())
    # A member without admin access gets the refusal page (not a loop through the login).
    assert client.get("/beheer/snippets/intervisie/method/").status_code == 403


def test_the_facilitator_cannot_write_in_the_blind_round_over_http(client):
    session, lead, _inbrenger, _others = factories.session()
    session = factories.to_phase(session, lead, RuleKind.BLIND_POSITIONS)
    response = post_as(client, lead, session, "Mijn eigen positie.")
    assert response.status_code == 200
    assert str(services.ERROR_FACILITATOR_BLIND) in response.content.decode()
    assert "Mijn eigen positie." in response.content.decode()  # kept in the form
    assert not Contribution.objects.exists()
    # The same refusal for the live client's fetch: JSON with the form, status 400.
    client.force_login(lead)
    response = client.post(
        room_url(session), {"text": "Toch een positie."}, headers={"X-Intervisie-Fetch": "1"}
    )
    assert response.status_code == 400
    assert str(services.ERROR_FACILITATOR_BLIND) in response.json()["html"]
    assert not Contribution.objects.exists()


def test_a_suspended_participant_cannot_write_in_the_room_over_http(client):
    # The socket refuses a suspended member (members.live); the page's plain form
    # post took the same contribution until the suspension was checked by the service.
    session, lead, _inbrenger, (a, _b) = factories.session()
    services.start_session(session=session, actor=lead)
    a.profile.suspended_until = timezone.now() + timedelta(days=3)
    a.profile.save(update_fields=["suspended_until"])
    response = post_as(client, a, session, "Wat deed je toen?")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Je bent geschorst tot" in html
    assert "Wat deed je toen?" in html  # the text stays in the form
    assert not Contribution.objects.exists()


def test_a_suspended_participant_reads_why_where_the_form_would_be(client):
    # The room drew the form to a suspended member, who learnt only on posting that
    # they may not write (probe14b): now the note with the end date takes its place.
    session, lead, _inbrenger, (a, b) = factories.session()
    services.start_session(session=session, actor=lead)
    a.profile.suspended_until = timezone.now() + timedelta(days=3)
    a.profile.save(update_fields=["suspended_until"])
    client.force_login(a)
    html = client.get(room_url(session)).content.decode()
    assert "Je bent geschorst tot" in html
    assert 'id="intervisie-form"' not in html
    client.force_login(b)
    html = client.get(room_url(session)).content.decode()
    assert "Je bent geschorst tot" not in html
    assert 'id="intervisie-form"' in html
