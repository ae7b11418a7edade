"""Quizzes that teach and that count: a failed attempt gives feedback on what was
chosen only, a retake asks the questions in another order (and draws from a pool),
the full answers appear once passed, the certificate keeps the first attempt's score
and coordinators see first-attempt pass rates per question."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from courses import rules, services
from courses.models import QuizAttempt
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


def _question_ids(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'name="vraag-([0-9a-f-]{36})"', html)))


def _pool_lesson(course, questions: int, asked: int):
    lesson = cf.lessons_of(course)[-1]
    question = next(b for b in lesson.body if b.block_type == "question")
    body = [("question", question.value) for _ in range(questions)]
    lesson.body = body
    lesson.questions_per_attempt = asked
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


def test_draw_keeps_the_editors_order_first_and_changes_it_on_every_retake():
    ids = ["a", "b", "c", "d"]
    first = rules.draw_questions(ids, ask=None, seed="1-1-9-1")
    assert first == ids
    previous = first
    for number in range(2, 8):
        drawn = rules.draw_questions(ids, ask=None, seed=f"1-1-9-{number}", previous=previous)
        assert sorted(drawn) == ids
        assert drawn != previous
        # The same seed always gives the same draw: page and grading agree.
        assert drawn == rules.draw_questions(
            ids, ask=None, seed=f"1-1-9-{number}", previous=previous
        )
        previous = drawn


def test_a_pool_draws_questions_the_previous_attempt_did_not_ask():
    ids = [f"q{i}" for i in range(6)]
    first = rules.draw_questions(ids, ask=3, seed="s-1")
    second = rules.draw_questions(ids, ask=3, seed="s-2", previous=first)
    assert len(first) == len(second) == 3
    assert not set(first) & set(second)


def test_a_retake_shows_the_questions_in_another_order(client, member, course):
    client.force_login(member)
    lesson = _pool_lesson(course, questions=4, asked=4)
    first_page = client.get(lesson.url).content.decode()
    first_order = _question_ids(first_page)
    assert first_order == [b.id for b in lesson.question_blocks()]

    services.grade_quiz_attempt(user=member, lesson=lesson, answers=cf.wrong_answers(lesson))
    retake = client.get(lesson.url + "?opnieuw=2").content.decode()
    assert sorted(_question_ids(retake)) == sorted(first_order)
    assert _question_ids(retake) != first_order


def test_a_lesson_with_a_pool_asks_its_number_and_grades_only_those(client, member, course):
    client.force_login(member)
    lesson = _pool_lesson(course, questions=5, asked=2)
    asked = _question_ids(client.get(lesson.url).content.decode())
    assert len(asked) == 2
    answers = {qid: cf.right_answers(lesson)[qid] for qid in asked}

    attempt = services.grade_quiz_attempt(user=member, lesson=lesson, answers=answers)
    assert attempt.questions == asked
    assert set(attempt.results) == set(asked)
    assert attempt.passed


def test_full_answers_and_explanations_appear_once_the_quiz_is_passed(client, member, course):
    client.force_login(member)
    lesson = cf.lessons_of(course)[-1]
    _single, multiple = lesson.question_blocks()
    answers = cf.right_answers(lesson)
    answers[multiple.id] = answers[multiple.id][:1]  # half wrong: 50% < 70%
    services.grade_quiz_attempt(user=member, lesson=lesson, answers=answers)
    failed = client.get(lesson.url).content.decode()
    assert "Jeugdhulp" in failed and "Ja jeugdhulp." not in failed

    services.grade_quiz_attempt(user=member, lesson=lesson, answers=cf.right_answers(lesson))
    passed = client.get(lesson.url).content.decode()
    assert "UITLEG-ONJUIST" in passed and "UITLEG-AFWACHTEN" in passed
    assert "Ja jeugdhulp." in passed
    assert "Toets opnieuw maken" not in passed


def _pass_at_the_second_attempt(member, course):
    """Every lesson viewed; the quiz failed (all wrong), then passed (all right)."""
    lessons = cf.lessons_of(course)
    for lesson in lessons:
        services.record_lesson_view(user=member, lesson=lesson)
    quiz = next(lesson for lesson in lessons if lesson.question_blocks())
    services.grade_quiz_attempt(user=member, lesson=quiz, answers=cf.wrong_answers(quiz))
    services.grade_quiz_attempt(user=member, lesson=quiz, answers=cf.right_answers(quiz))


def test_attempts_are_numbered_and_the_certificate_keeps_the_first_score(member, course):
    _pass_at_the_second_attempt(member, course)
    numbers = list(
        QuizAttempt.objects.order_by("created_at", "id").values_list("number", flat=True)
    )
    assert numbers == [1, 2]
    completion = member.completions.get()
    assert (completion.score, completion.first_score) == (100, 0)


def test_the_certificate_pdf_reports_the_first_attempt_beside_the_final_score(
    client, member, course
):
    _pass_at_the_second_attempt(member, course)
    client.force_login(member)
    code = member.completions.get().code
    pdf = client.get(f"/mijn/certificaten/{code}.pdf").content
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "eindscore 100% goed (eerste poging: 0%)" in text
