"""Course trees for the tests: an index, courses with lessons, questions and cases."""

from __future__ import annotations

from datetime import date
from typing import Any

from courses.models import CourseAccreditation, CourseIndexPage, CoursePage, LessonPage
from tests.members import factories as member_factories

QUESTION = {
    "question": "Wat is stap 1 van de Meldcode?",
    "multiple": False,
    "options": [
        {"text": "Signalen in kaart brengen", "correct": True, "feedback": "UITLEG-JUIST"},
        {"text": "Direct melden", "correct": False, "feedback": "UITLEG-ONJUIST"},
        {"text": "Afwachten", "correct": False, "feedback": "UITLEG-AFWACHTEN"},
    ],
}
MULTIPLE = {
    "question": "Welke sectoren?",
    "multiple": True,
    "options": [
        {"text": "Onderwijs", "correct": True, "feedback": "Ja onderwijs."},
        {"text": "Jeugdhulp", "correct": True, "feedback": "Ja jeugdhulp."},
        {"text": "Bakkerij", "correct": False, "feedback": "Nee bakkerij."},
    ],
}
SCENARIO = {
    "title": "Casus",
    "introduction": "<p>Een casus.</p>",
    "steps": [
        {
            "text": "<p>Vraag 1</p>",
            "choices": [
                {"label": "Ja", "consequence": "GEVOLG-JA", "next_step": 2},
                {"label": "Overleg met Veilig Thuis", "consequence": "GEVOLG-VT", "next_step": 2},
            ],
        },
        {
            "text": "<p>Vraag 2</p>",
            "choices": [{"label": "Melden", "consequence": "GEVOLG-MELDEN", "next_step": 0}],
        },
    ],
}


def coordinator_of(org: Any) -> Any:
    """A coordinator (with MFA, as the role requires) of `org`, a member of it."""
    coordinator = member_factories.member(role="Coordinator", with_mfa=True, org=org)
    coordinator.profile.coordinated_organisations.add(org)
    return coordinator


def course_index(home: Any) -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(title="Cursussen", slug="cursussen")
        home.add_child(instance=index)
    return index


def course(
    home: Any,
    *,
    title: str = "De Meldcode",
    slug: str | None = None,
    lessons: int = 2,
    questions: bool = True,
    registers: tuple[str, ...] = ("SKJ", "Registerplein"),
    study_minutes: int = 90,
    validity_months: int | None = 24,
    publish: bool = True,
) -> CoursePage:
    index = course_index(home)
    page = CoursePage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        summary="Samenvatting.",
        study_minutes=study_minutes,
        pass_mark=70,
        validity_months=validity_months,
    )
    for number, register in enumerate(registers):
        page.accreditations.add(
            CourseAccreditation(
                register=register,
                accreditation_id=f"ACC-{register}-{number}",
                valid_from=date(2000, 1, 1),
                valid_until=date(2100, 12, 31),
            )
        )
    index.add_child(instance=page)
    for number in range(lessons):
        body: list[tuple[str, Any]] = [("text", f"<p>Tekst van les {number + 1}.</p>")]
        if questions and number == lessons - 1:
            body += [("question", QUESTION), ("scenario", SCENARIO), ("question", MULTIPLE)]
            body += [("reflection", {"prompt": "Wat neem je mee?", "guidance": ""})]
        lesson = LessonPage(title=f"Les {number + 1}", slug=f"les-{number + 1}", body=body)
        page.add_child(instance=lesson)
        if publish:
            lesson.save_revision().publish()
    if publish:
        page.save_revision().publish()
    return CoursePage.objects.get(pk=page.pk)


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).order_by("path"))


def right_answers(lesson: LessonPage) -> dict[str, list[int]]:
    return {
        block.id: [i for i, o in enumerate(block.value["options"]) if o["correct"]]
        for block in lesson.question_blocks()
    }


def wrong_answers(lesson: LessonPage) -> dict[str, list[int]]:
    return {
        block.id: [i for i, o in enumerate(block.value["options"]) if not o["correct"]][:1]
        for block in lesson.question_blocks()
    }


def complete(user: Any, course: CoursePage) -> Any:
    from courses import services

    for lesson in lessons_of(course):
        services.record_lesson_view(user=user, lesson=lesson)
        if lesson.question_blocks():
            services.grade_quiz_attempt(user=user, lesson=lesson, answers=right_answers(lesson))
    return course.completions.filter(user=user).order_by("-cycle").first()
