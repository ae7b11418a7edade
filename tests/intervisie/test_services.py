"""Every phase rule kept by the services (the page is never the guard), the
asynchronous clock, the end of a session and the privacy gate."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from courses.models import LearningActivity
from forum.services import ConfirmationNeeded, PostBlocked
from intervisie import selectors, services
from intervisie.models import Contribution, Method, RuleKind, Session, SessionEvent
from tests.intervisie import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db


def message_of(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def test_the_three_methods_are_seeded_as_data_with_their_rules():
    incident = Method.objects.get(slug="incidentmethode")
    rules = [phase.rule for phase in incident.phases.order_by("sort_order")]
    assert rules == [
        RuleKind.FREE,
        RuleKind.QUESTIONS_ONLY,
        RuleKind.INBRENGER_SILENT,
        RuleKind.BLIND_POSITIONS,
        RuleKind.REVEAL,
        RuleKind.FREE,
        RuleKind.FREE,
    ]
    assert Method.objects.get(slug="moreel_beraad").phases.count() == 7
    assert Method.objects.get(slug="korthagen").phases.count() == 5


def test_planning_gives_aliases_and_invites_without_case_text(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session, lead, inbrenger, others = factories.session()
    aliases = {p.user_id: p.alias for p in session.participants.all()}
    assert aliases[inbrenger.pk] == "Inbrenger"
    assert sorted(aliases[u.pk] for u in others) == ["Deelnemer A", "Deelnemer B"]
    assert "gespreksleider" in aliases[lead.pk]
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert "blauwe plekken" not in message.body
        assert session.case_title not in message.body + message.subject
        assert f"/intervisie/{session.pk}/" in message.body


@override_settings(WAGTAILADMIN_BASE_URL="https://leerwerkplaats.example.nl")
def test_the_invitations_link_is_absolute_on_the_sites_address(django_capture_on_commit_callbacks):
    # An e-mail is read outside the site: "/intervisie/1/" alone opens nothing.
    with django_capture_on_commit_callbacks(execute=True):
        session, _lead, _inbrenger, _others = factories.session()

    for message in mail.outbox:
        assert f"https://leerwerkplaats.example.nl/intervisie/{session.pk}/" in message.body


def test_only_facilitators_plan_and_the_group_has_three_to_twelve():
    with pytest.raises(PermissionDenied):
        factories.session(lead=member_factories.member())
    with pytest.raises(ValidationError):
        factories.session(participants=1)
    with pytest.raises(ValidationError):
        factories.session(participants=12)
    session, *_ = factories.session(participants=11)
    assert session.participants.count() == 13  # 12 and the facilitator


def test_a_moderator_may_plan():
    moderator = member_factories.member(role="Moderator", with_mfa=True)
    session, *_ = factories.session(lead=moderator)
    assert session.facilitator == moderator


def test_question_round_refuses_a_statement_and_takes_a_question():
    session, lead, inbrenger, (a, _b) = factories.session()
    session = factories.to_phase(session, lead, RuleKind.QUESTIONS_ONLY)
    with pytest.raises(ValidationError) as refused:
        services.post_contribution(session=session, author=a, text="Ik zou meteen bellen.")
    assert message_of(refused.value) == str(services.ERROR_NOT_A_QUESTION)
    assert not Contribution.objects.exists()
    services.post_contribution(session=session, author=a, text="Wie was er bij het gesprek? ")
    # The inbrenger answers: not held to the question rule.
    services.post_contribution(session=session, author=inbrenger, text="Alleen de moeder.")
    assert Contribution.objects.count() == 2


def test_inbrenger_cannot_post_in_the_analysis():
    session, lead, inbrenger, (a, _b) = factories.session()
    session = factories.to_phase(session, lead, RuleKind.INBRENGER_SILENT)
    with pytest.raises(ValidationError) as refused:
        services.post_contribution(session=session, author=inbrenger, text="Maar ik bedoelde...")
    assert message_of(refused.value) == str(services.ERROR_INBRENGER_SILENT)
    services.post_contribution(session=session, author=a, text="De kern is twijfel.")


def test_positions_stay_hidden_until_the_facilitator_reveals_them():
    session, lead, inbrenger, (a, b) = factories.session()
    session = factories.to_phase(session, lead, RuleKind.BLIND_POSITIONS)
    services.post_contribution(session=session, author=a, text="Ik bel Veilig Thuis.")
    services.post_contribution(session=session, author=b, text="Ik ga eerst in gesprek.")
    session.refresh_from_db()

    def texts_for(user):
        return [cv.text for cv in selectors.room(session=session, user=user)["contributions"]]

    assert texts_for(a) == ["Ik bel Veilig Thuis.", None]
    assert texts_for(b) == [None, "Ik ga eerst in gesprek."]
    assert texts_for(inbrenger) == [None, None]
    assert texts_for(lead) == [None, None]
    with pytest.raises(PermissionDenied):
        services.reveal_positions(session=session, actor=a)
    services.reveal_positions(session=session, actor=lead)
    session.refresh_from_db()
    both = ["Ik bel Veilig Thuis.", "Ik ga eerst in gesprek."]
    for user in (a, b, inbrenger, lead):
        assert texts_for(user) == both
    assert SessionEvent.objects.filter(kind="reveal").count() == 1


def test_the_facilitator_alone_moves_phases_and_extends_the_timer():
    session, lead, inbrenger, (a, b) = factories.session()
    for actor in (a, inbrenger):
        with pytest.raises(PermissionDenied):
            services.start_session(session=session, actor=actor)
    session = services.start_session(session=session, actor=lead)
    with pytest.raises(PermissionDenied):
        services.advance_phase(session=session, actor=a)
    with pytest.raises(PermissionDenied):
        services.extend_timer(session=session, actor=b, minutes=5)
    before = session.phase_ends_at
    session = services.extend_timer(session=session, actor=lead, minutes=5)
    assert session.phase_ends_at == before + timedelta(minutes=5)
    session = services.advance_phase(session=session, actor=lead)
    assert session.current_phase == 1
    kinds = list(SessionEvent.objects.order_by("seq").values_list("kind", "seq"))
    assert kinds == [("phase", 1), ("timer", 2), ("phase", 3)]


def test_someone_outside_the_session_cannot_post():
    session, lead, *_ = factories.session()
    session = services.start_session(session=session, actor=lead)
    with pytest.raises(PermissionDenied):
        services.post_contribution(session=session, author=member_factories.member(), text="Hallo")


def test_privacy_gate_blocks_identifiers_and_stores_only_accepted_text():
    session, lead, _inbrenger, (a, _b) = factories.session()
    session = services.start_session(session=session, actor=lead)
    with pytest.raises(PostBlocked):
        services.post_contribution(
            session=session, author=a, text="Bel haar op 06-12345678 voor meer."
        )
    text = "Ik sprak met Jan de Vries uit Rotterdam."
    with pytest.raises(ConfirmationNeeded) as needed:
        services.post_contribution(session=session, author=a, text=text)
    contribution = services.post_contribution(
        session=session,
        author=a,
        text=text,
        accepted_placeholders=needed.value.placeholders,
    )
    assert "Jan de Vries" not in contribution.text
    assert contribution.text == needed.value.redacted


def test_live_session_end_records_the_activity_for_everyone():
    session, lead, inbrenger, others = factories.session(keep_text=False)
    start = timezone.now()
    session = services.start_session(session=session, actor=lead, now=start)
    services.post_contribution(session=session, author=others[0], text="Mijn inbreng hier.")
    phases = len(selectors.phases_of(session))
    for step in range(phases):
        session = services.advance_phase(
            session=session, actor=lead, now=start + timedelta(minutes=10 * (step + 1))
        )
    assert session.status == "finished"
    activities = LearningActivity.objects.filter(source=f"intervisie:{session.pk}")
    assert {a.user_id for a in activities} == {lead.pk, inbrenger.pk, *(u.pk for u in others)}
    assert {a.minutes for a in activities} == {10 * phases}
    assert {a.kind for a in activities} == {"intervisie"}
    # "niet bewaren": the text is gone after the session.
    assert list(Contribution.objects.values_list("text", flat=True)) == [""]


def test_async_phases_move_by_date_on_read_and_by_the_command():
    start = timezone.now().replace(microsecond=0)
    session, _lead, _inbrenger, (a, _b) = factories.session(
        method="moreel_beraad", mode="async", starts_at=start
    )
    # Two days per phase: at day 2.5 the second phase (facts: questions only) runs.
    later = start + timedelta(days=2, hours=12)
    state = selectors.effective_state(session, now=later)
    assert (state.status, state.phase_index) == ("running", 1)
    session.refresh_from_db()
    assert session.status == "planned"  # reading wrote nothing
    # A write applies the clock first, then the rule of the phase it is in now.
    with pytest.raises(ValidationError) as refused:
        services.post_contribution(session=session, author=a, text="Het is een feit.", now=later)
    assert message_of(refused.value) == str(services.ERROR_NOT_A_QUESTION)
    services.post_contribution(session=session, author=a, text="Wat weten we zeker?", now=later)
    session.refresh_from_db()
    assert (session.status, session.current_phase) == ("running", 1)
    # The command moves it further when nobody writes.
    moved = services.advance_due_sessions(now=start + timedelta(days=9))
    assert moved == 1
    session.refresh_from_db()
    assert session.current_phase == 4
    services.advance_due_sessions(now=start + timedelta(days=30))
    session.refresh_from_db()
    assert session.status == "finished"
    assert LearningActivity.objects.filter(user=a, kind="intervisie").count() == 1
    phases = [e.data["phase"] for e in SessionEvent.objects.filter(kind="phase").order_by("seq")]
    assert phases == [0, 1, 2, 3, 4, 5, 6, 6]


def test_reflection_after_the_session_is_private_and_checked():
    session, _lead, _inbrenger, (a, b) = factories.session()
    fields = {
        "happened": "We bespraken een huisbezoek.",
        "felt": "Ik voelde twijfel.",
        "means": "Ik mag eerder overleggen.",
        "will_do": "Ik bel sneller Veilig Thuis.",
    }
    with pytest.raises(ValidationError):
        services.save_reflection(session=session, user=a, **fields)
    Session.objects.filter(pk=session.pk).update(status="finished")
    with pytest.raises(PermissionDenied):
        services.save_reflection(session=session, user=member_factories.member(), **fields)
    with pytest.raises(PostBlocked):
        services.save_reflection(
            session=session, user=a, **{**fields, "felt": "Mail mij op jan@example.org"}
        )
    reflection = services.save_reflection(session=session, user=a, **fields)
    assert selectors.reflections_of(user=a) == [reflection]
    assert selectors.reflections_of(user=b) == []


def test_reminders_go_once_without_case_text(django_capture_on_commit_callbacks):
    start = timezone.now() + timedelta(hours=20)
    _session, *_ = factories.session(starts_at=start)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 3
        assert services.send_reminders() == 0
    assert len(mail.outbox) == 3
    assert all("Herinnering" in m.subject for m in mail.outbox)
    assert all("blauwe plekken" not in m.body for m in mail.outbox)


def test_the_tick_command_moves_async_sessions_by_date():
    from io import StringIO
    from unittest import mock

    from django.core.management import call_command

    start = timezone.now()
    session, *_ = factories.session(method="korthagen", mode="async", starts_at=start)
    frozen = start + timedelta(days=3)
    with mock.patch("django.utils.timezone.now", return_value=frozen):
        out = StringIO()
        call_command("intervisie_tick", stdout=out)
    session.refresh_from_db()
    assert (session.status, session.current_phase) == ("running", 1)
    assert "1 session(s) moved" in out.getvalue()
