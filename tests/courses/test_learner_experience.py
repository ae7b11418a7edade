"""Reflections that never identify anyone, completion that feels like completion,
the learning record with courses in progress, the reports' attendance link and
first-attempt pass rates, numbers in Dutch."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from courses import privacy_check, rules, selectors, services
from courses.certificates import reflection_log_pdf
from courses.models import Completion, CoursePage, ReflectionAnswer
from tests.courses import factories as cf
from tests.members import factories

pytestmark = pytest.mark.django_db

NAMED = "Ik sprak met Karin de Vries; haar dochter zit op de Mariaschool."


def _reflection(lesson):
    return next(b for b in lesson.body if b.block_type == "reflection")


def test_a_reflection_with_a_phone_number_is_refused_and_nothing_is_stored(member, course):
    lesson = cf.lessons_of(course)[-1]
    with pytest.raises(privacy_check.ReflectionBlocked):
        services.save_reflection(
            user=member,
            lesson=lesson,
            block_id=_reflection(lesson).id,
            answer="Bel de moeder op 06-12345678.",
        )
    assert not ReflectionAnswer.objects.exists()


def test_names_and_schools_are_stored_as_placeholders_once_accepted(client, member, course):
    client.force_login(member)
    lesson = cf.lessons_of(course)[-1]
    block_id = _reflection(lesson).id
    data = {"actie": "reflectie", "blok": block_id, "antwoord": NAMED}

    response = client.post(lesson.url, data)
    html = response.content.decode()
    assert response.status_code == 422
    assert not ReflectionAnswer.objects.exists()
    assert "[NAAM-1]" in html and "[SCHOOL-1]" in html
    assert "Karin de Vries" in html  # the typed text is still in the form

    response = client.post(lesson.url, {**data, "accepteer": ["[NAAM-1]", "[SCHOOL-1]"]})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?bewaard={block_id}#blok-{block_id}")
    stored = ReflectionAnswer.objects.get().answer
    assert "Karin" not in stored and "Mariaschool" not in stored
    assert stored == "Ik sprak met [NAAM-1]; haar dochter zit op de [SCHOOL-1]."


def test_an_address_is_shown_with_its_placeholder_and_stored_as_it(client, member, course):
    client.force_login(member)
    lesson = cf.lessons_of(course)[-1]
    block_id = _reflection(lesson).id
    data = {
        "actie": "reflectie",
        "blok": block_id,
        "antwoord": "Het gezin woont aan de Lindelaan 4a.",
    }

    response = client.post(lesson.url, data)
    html = response.content.decode()
    assert response.status_code == 422
    assert not ReflectionAnswer.objects.exists()
    assert "[ADRES-1]" in html
    assert "Lindelaan 4a" in html  # the typed text is still in the form

    response = client.post(lesson.url, {**data, "accepteer": ["[ADRES-1]"]})
    assert response.status_code == 302
    stored = ReflectionAnswer.objects.get().answer
    assert stored == "Het gezin woont aan de [ADRES-1]."


def test_an_empty_reflection_error_sits_next_to_its_field(client, member, course):
    client.force_login(member)
    lesson = cf.lessons_of(course)[-1]
    block_id = _reflection(lesson).id
    response = client.post(lesson.url, {"actie": "reflectie", "blok": block_id, "antwoord": ""})
    html = response.content.decode()
    assert response.status_code == 422
    # The form posts to its own field's anchor: the browser lands on the error.
    assert f'action="{lesson.url}#reflectie-{block_id}-veld"' in html
    field = html.index(f'id="reflectie-{block_id}-veld"')
    assert field < html.index(f'id="reflectie-{block_id}-fout"') < field + 2000


def test_zero_reflection_minutes_are_not_shown(client, member, course):
    lesson = cf.lessons_of(course)[-1]
    services.save_reflection(
        user=member, lesson=lesson, block_id=_reflection(lesson).id, answer="Kort."
    )
    client.force_login(member)
    html = client.get("/mijn/leerdossier/").content.decode()
    assert "Kort." in html
    assert "reflectietijd" not in html
    pdf = reflection_log_pdf(name="Sam", reflections=list(ReflectionAnswer.objects.all()))
    assert "0 minuten" not in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_the_learning_record_lists_courses_in_progress_with_a_verder_link(
    client, member, course, django_assert_max_num_queries
):
    first = cf.lessons_of(course)[0]
    services.record_lesson_view(user=member, lesson=first)
    client.force_login(member)
    # 20 for the record itself, one for other learning activities (intervisie), one
    # for the notification bell in the header.
    with django_assert_max_num_queries(22):
        html = client.get("/mijn/leerdossier/").content.decode()
    assert "Cursussen waar je mee bezig bent" in html
    assert "De Meldcode" in html
    assert f'href="{cf.lessons_of(course)[1].url}' in html
    assert ">verder<" in html


def test_the_last_quiz_leads_to_the_completion_page(client, member, course):
    member.profile.registerplein_number = "RP-123"
    member.profile.save()
    client.force_login(member)
    lessons = cf.lessons_of(course)
    client.get(lessons[0].url)
    quiz = lessons[-1]
    data = {"actie": "toets"}
    for block_id, chosen in cf.right_answers(quiz).items():
        data[f"vraag-{block_id}"] = [str(i) for i in chosen]

    response = client.post(quiz.url, data)
    completion = Completion.objects.get()
    assert response["Location"] == f"/mijn/certificaten/{completion.code}/"

    html = client.get(response["Location"]).content.decode()
    assert f"/mijn/certificaten/{completion.code}.pdf" in html
    assert f"/certificaat/{completion.code}/" in html
    assert "SKJ: 1,5 punten" in html and "Registerplein: 1,5 punten" in html
    assert "RP-123" in html  # the holder's register number
    assert "Je SKJ-registratienummer ontbreekt nog" in html  # asked for when missing
    assert "Registerplein-registratienummer ontbreekt" not in html
    assert "Wat kun je hierna leren?" in html
    # The lesson page now links to it too.
    assert f"/mijn/certificaten/{completion.code}/" in client.get(quiz.url).content.decode()


def test_a_missing_skj_number_goes_on_the_certificate_and_the_profile(client, member, course):
    completion = cf.complete(member, course)
    client.force_login(member)
    url = f"/mijn/certificaten/{completion.code}/"

    refused = client.post(url, {"register": "SKJ", "number": "x" * 30})
    assert refused.status_code == 422
    response = client.post(url, {"register": "SKJ", "number": "100012345"})
    assert response.status_code == 302
    completion.refresh_from_db()
    member.profile.refresh_from_db()
    assert completion.holder_register_numbers["SKJ"] == "100012345"
    assert member.profile.skj_number == "100012345"
    with pytest.raises(ValidationError):
        services.add_missing_register_number(
            user=member, completion=completion, register="SKJ", number="999"
        )
    pdf = client.get(f"/mijn/certificaten/{completion.code}.pdf").content
    assert "SKJ-nummer: 100012345" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_someone_elses_completion_page_is_not_found(client, member, course):
    completion = cf.complete(member, course)
    client.force_login(factories.member())
    assert client.get(f"/mijn/certificaten/{completion.code}/").status_code == 404


def test_numbers_are_dutch_in_the_learning_record_and_its_pdf(client, member, course):
    cf.complete(member, course)
    client.force_login(member)
    html = client.get("/mijn/leerdossier/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]  # icons hold "1.5" in paths
    assert "SKJ: 1,5" in main and "1.5" not in main
    pdf = client.get("/mijn/leerdossier/leerdossier.pdf").content
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "1,5 punten" in text and "punt(en)" not in text and "1.5" not in text
    assert rules.points_text(Decimal("1.0")) == "1,0 punt"
    assert rules.points_text("2.0") == "2,0 punten"


def test_the_attendance_link_waits_for_a_course_and_register_and_flags_missing_numbers(
    client, member, course
):
    org = member.profile.organisation
    cf.complete(member, course)  # no SKJ number on the profile
    client.force_login(cf.coordinator_of(org))

    html = client.get("/rapportages/").content.decode()
    assert 'id="presentielijst-link" role="link" aria-disabled="true"' in html
    assert "presentielijst.csv" not in html

    html = client.get(f"/rapportages/?course={course.pk}&register=SKJ").content.decode()
    assert f"presentielijst.csv?course={course.pk}&amp;register=SKJ" in html
    assert "1 deelnemer heeft geen registratienummer" in html
    assert member.profile.display_name in html


def test_coordinators_see_first_attempt_pass_rates_per_question(
    client, course, django_assert_max_num_queries
):
    org = factories.organisation("Kwadraad")
    lesson = cf.lessons_of(course)[-1]
    single, _multiple = lesson.question_blocks()
    for number in range(4):
        learner = factories.member(org=org)
        answers = cf.right_answers(lesson)
        if number:  # three of four get the single-choice question wrong first
            answers[single.id] = cf.wrong_answers(lesson)[single.id]
        services.grade_quiz_attempt(user=learner, lesson=lesson, answers=answers)
        services.grade_quiz_attempt(user=learner, lesson=lesson, answers=cf.right_answers(lesson))
    client.force_login(cf.coordinator_of(org))

    with django_assert_max_num_queries(30):
        html = client.get(f"/rapportages/?course={course.pk}").content.decode()
    assert "Eerste poging: welke vragen gaan goed?" in html
    rates = selectors.first_attempt_rates(
        org_ids=frozenset({org.pk}), course=course, start=date(2000, 1, 1), end=date(2100, 1, 1)
    )
    assert [(r.attempts, r.rate) for r in rates] == [(4, 25), (4, 100)]
    assert "25%" in html


JARGON = ("cesuur", "cesuren", "normering", "n-term")


def test_the_learner_reads_plain_dutch_not_jargon(client, member, course):
    """B1: "nodig om te slagen", never "cesuur", on every page a learner sees."""
    client.force_login(member)
    lessons = cf.lessons_of(course)
    client.get(lessons[0].url)
    pages = [course.url, lessons[0].url, "/mijn/leerdossier/"]
    for url in pages:
        html = client.get(url).content.decode().lower()
        for word in JARGON:
            assert word not in html, (url, word)
    html = client.get(course.url).content.decode()
    assert "Je haalt de toets van een les als je 70% van de vragen goed hebt." in html
    assert "cesuur" not in str(CoursePage._meta.get_field("pass_mark").verbose_name).lower()
