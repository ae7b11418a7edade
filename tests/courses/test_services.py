"""Progress, grading, completion, version stability, re-certification, reminders."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses import services
from courses.models import Completion, CoursePage, Enrolment, LessonProgress, ReflectionAnswer
from members.models import MembershipStatus
from tests.courses import factories as cf
from tests.members import factories

pytestmark = pytest.mark.django_db


def test_viewing_a_lesson_enrols_and_a_lesson_without_questions_is_done(member, course):
    first, last = cf.lessons_of(course)

    services.record_lesson_view(user=member, lesson=first)
    services.record_lesson_view(user=member, lesson=last)

    enrolment = Enrolment.objects.get(user=member, course=course)
    done = LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False)
    assert list(done.values_list("lesson_id", flat=True)) == [first.pk]


def test_a_pending_member_cannot_take_a_course(course):
    pending = factories.member(role=None, status=MembershipStatus.PENDING)
    with pytest.raises(PermissionDenied):
        services.record_lesson_view(user=pending, lesson=cf.lessons_of(course)[0])


def test_wrong_answers_are_graded_kept_and_the_quiz_can_be_retaken(member, course):
    lesson = cf.lessons_of(course)[-1]

    grade = services.grade_quiz_attempt
    failed = grade(user=member, lesson=lesson, answers=cf.wrong_answers(lesson))
    passed = grade(user=member, lesson=lesson, answers=cf.right_answers(lesson))

    assert (failed.score, failed.passed) == (0, False)
    assert set(failed.results.values()) == {False}
    assert (passed.score, passed.passed) == (100, True)
    assert course.enrolments.get().attempts.count() == 2


def test_half_right_is_below_the_pass_mark(member, course):
    lesson = cf.lessons_of(course)[-1]
    answers = cf.right_answers(lesson)
    single, multiple = (b.id for b in lesson.question_blocks())
    answers[multiple] = answers[multiple][:1]  # only one of the two right options

    attempt = services.grade_quiz_attempt(user=member, lesson=lesson, answers=answers)

    assert attempt.results == {single: True, multiple: False}
    assert (attempt.score, attempt.passed) == (50, False)


def test_every_question_needs_an_answer(member, course):
    lesson = cf.lessons_of(course)[-1]
    answers = cf.right_answers(lesson)
    answers[lesson.question_blocks()[1].id] = []

    with pytest.raises(ValidationError) as error:
        services.grade_quiz_attempt(user=member, lesson=lesson, answers=answers)

    assert "2" in error.value.messages[0]


def test_completion_needs_every_lesson_and_every_quiz_passed(member, course):
    first, last = cf.lessons_of(course)
    services.record_lesson_view(user=member, lesson=first)
    services.record_lesson_view(user=member, lesson=last)
    services.grade_quiz_attempt(user=member, lesson=last, answers=cf.wrong_answers(last))
    assert not Completion.objects.exists()

    services.grade_quiz_attempt(user=member, lesson=last, answers=cf.right_answers(last))

    completion = Completion.objects.get()
    assert re.fullmatch(r"HG(-[A-Z2-9]{4}){3}", completion.code)
    assert completion.course_title == "De Meldcode"
    assert completion.course_revision_id == course.live_revision_id
    assert completion.completed_on == timezone.localdate()
    assert completion.expires_on.year == completion.completed_on.year + 2
    assert completion.accreditations == [
        {"register": "SKJ", "accreditation_id": "ACC-SKJ-0", "points": "1.5"},
        {"register": "Registerplein", "accreditation_id": "ACC-Registerplein-1", "points": "1.5"},
    ]


def test_a_completion_stands_for_the_version_taken(member, course):
    completion = cf.complete(member, course)
    taken = completion.course_revision_id

    course.title = "De Meldcode, herzien"
    course.study_minutes = 240
    course.save_revision().publish()
    course.refresh_from_db()

    completion.refresh_from_db()
    assert course.live_revision_id != taken
    assert (completion.course_revision_id, completion.course_title) == (taken, "De Meldcode")
    assert completion.accreditations[0]["points"] == "1.5"


def test_prerequisites_must_be_completed_first(member, home_page, course):
    advanced = cf.course(
        home_page, title="Vervolg", lessons=1, questions=False, registers=("Registerplein",)
    )
    advanced.prerequisites.add(course)
    advanced.save()

    with pytest.raises(ValidationError):
        services.enrol(user=member, course=advanced)
    cf.complete(member, course)
    assert services.enrol(user=member, course=advanced).course == advanced


def test_a_scenario_keeps_its_path_and_position_and_consulting_veilig_thuis_is_a_path(
    member, course
):
    lesson = cf.lessons_of(course)[-1]
    block = lesson.body[2]
    assert block.block_type == "scenario"

    progress = services.choose_scenario_option(
        user=member, lesson=lesson, block_id=block.id, step=1, choice=1
    )
    assert progress.position == f"{block.id}-stap-2"
    with pytest.raises(ValidationError):  # step 1 was answered already
        services.choose_scenario_option(
            user=member, lesson=lesson, block_id=block.id, step=1, choice=0
        )
    progress = services.choose_scenario_option(
        user=member, lesson=lesson, block_id=block.id, step=2, choice=0
    )
    assert progress.scenario_paths == {block.id: [[1, 1], [2, 0]]}
    assert progress.position == f"{block.id}-einde"


def test_a_reflection_is_private_and_counts_its_time_capped(member, course):
    lesson = cf.lessons_of(course)[-1]
    block_id = lesson.body[4].id

    services.save_reflection(
        user=member, lesson=lesson, block_id=block_id, answer="Eerste", seconds_spent=600
    )
    reflection = services.save_reflection(
        user=member, lesson=lesson, block_id=block_id, answer="Tweede", seconds_spent=10**6
    )

    assert ReflectionAnswer.objects.count() == 1
    assert reflection.answer == "Tweede"
    assert reflection.seconds_spent == 600 + services.MAX_REFLECTION_SECONDS
    assert reflection.prompt == "Wat neem je mee?"


def test_recertification_after_expiry_starts_clean_and_issues_a_new_certificate(member, course):
    first = cf.complete(member, course)
    with pytest.raises(ValidationError):
        services.restart_course(user=member, course=course)

    Completion.objects.filter(pk=first.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    enrolment = services.restart_course(user=member, course=course)
    assert enrolment.cycle == 2
    assert not LessonProgress.objects.filter(enrolment=enrolment, cycle=2).exists()

    second = cf.complete(member, course)
    assert second.pk != first.pk and second.code != first.code
    assert second.cycle == 2
    assert Completion.objects.get(pk=first.pk).is_expired()


def test_the_expiry_reminder_is_sent_once(member, course):
    completion = cf.complete(member, course)
    today = timezone.localdate()
    Completion.objects.filter(pk=completion.pk).update(expires_on=today + timedelta(days=20))
    other = factories.member()
    far = cf.complete(other, course)
    Completion.objects.filter(pk=far.pk).update(expires_on=today + timedelta(days=60))

    assert services.send_expiry_reminders(today=today) == 1
    assert services.send_expiry_reminders(today=today) == 0

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "De Meldcode" in mail.outbox[0].subject


def test_the_reminder_command_runs(member, course):
    from io import StringIO

    from django.core.management import call_command

    completion = cf.complete(member, course)
    Completion.objects.filter(pk=completion.pk).update(
        expires_on=timezone.localdate() + timedelta(days=3)
    )
    out = StringIO()
    call_command("send_expiry_reminders", stdout=out)
    call_command("send_expiry_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["Reminders sent: 1", "Reminders sent: 0"]


def test_an_skj_course_cannot_go_live_without_a_scored_test(home_page):
    course = cf.course(
        home_page, title="Zonder toets", questions=False, registers=("SKJ",), publish=False
    )
    course.live = True
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert "toets" in str(error.value)

    registerplein_only = cf.course(
        home_page, title="Alleen RP", questions=False, registers=("Registerplein",)
    )
    registerplein_only.full_clean()  # no error: only SKJ asks for a test


def test_the_admin_form_refuses_to_publish_an_skj_course_without_a_test(home_page, superuser):
    from wagtail.admin.panels import get_edit_handler

    course = cf.course(
        home_page, title="Zonder toets", questions=False, registers=("SKJ",), publish=False
    )
    form_class = get_edit_handler(CoursePage).get_form_class()
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": "x",
        "study_minutes": "60",
        "pass_mark": "70",
        "validity_months": "24",
        "learning_goals": '{"blocks": [], "entityMap": {}}',
        "accreditations-TOTAL_FORMS": "1",
        "accreditations-INITIAL_FORMS": "0",
        "accreditations-MIN_NUM_FORMS": "0",
        "accreditations-MAX_NUM_FORMS": "1000",
        "accreditations-0-register": "SKJ",
        "accreditations-0-accreditation_id": "X1",
        "accreditations-0-valid_from": "2026-01-01",
        "accreditations-0-valid_until": "2027-01-01",
        "accreditations-0-ORDER": "1",
        "action-publish": "1",
    }
    form = form_class(data, instance=course, parent_page=course.get_parent(), for_user=superuser)

    assert not form.is_valid()
    assert any("toets" in str(e) for e in form.non_field_errors())


def test_personal_data_export_and_erasure(member, course):
    from members import personal_data

    cf.complete(member, course)
    lesson = cf.lessons_of(course)[-1]
    services.save_reflection(user=member, lesson=lesson, block_id=lesson.body[4].id, answer="Mijn")
    provider = next(p for p in personal_data.providers() if p.key == "courses")

    exported = provider.export(member)
    assert exported["certificates"][0]["course"] == "De Meldcode"
    assert exported["reflections"][0]["answer"] == "Mijn"

    provider.erase(member)
    assert not ReflectionAnswer.objects.filter(user=member).exists()
    assert not Completion.objects.filter(user=member).exists()
