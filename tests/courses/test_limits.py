"""Bounded work: free text has a length limit (Dutch error, the typed text kept), and
the reflection log PDF renders the largest allowed input in a few seconds."""

from __future__ import annotations

import io
import time

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from courses import certificates, rules, services
from courses.models import ReflectionAnswer
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(home_page):
    return cf.lessons_of(cf.course(home_page))[-1]


def test_a_reflection_over_the_limit_is_refused_in_dutch(member, lesson):
    block_id = lesson.body[4].id
    services.save_reflection(
        user=member, lesson=lesson, block_id=block_id, answer="x" * rules.REFLECTION_MAX_CHARS
    )

    with pytest.raises(ValidationError) as error:
        services.save_reflection(
            user=member,
            lesson=lesson,
            block_id=block_id,
            answer="y" * (rules.REFLECTION_MAX_CHARS + 1),
        )

    assert "te lang" in error.value.messages[0]
    assert ReflectionAnswer.objects.get().answer == "x" * rules.REFLECTION_MAX_CHARS


def test_the_lesson_page_keeps_the_refused_text(client, member, lesson):
    client.force_login(member)
    block_id = lesson.body[4].id
    typed = "Mijn lange gedachte " + "z" * rules.REFLECTION_MAX_CHARS

    response = client.post(lesson.url, {"actie": "reflectie", "blok": block_id, "antwoord": typed})

    html = response.content.decode()
    assert response.status_code == 422
    assert "Je antwoord is te lang" in html
    assert typed in html
    assert not ReflectionAnswer.objects.exists()


def test_the_reflection_log_of_the_largest_input_renders_quickly_and_bounded(member):
    reflections = [
        ReflectionAnswer(
            user=member,
            block_id=f"blok-{i}",
            course_title="Cursus",
            lesson_title=f"Les {i}",
            prompt="P" * rules.PROMPT_MAX_CHARS,
            answer=("woord " * (rules.REFLECTION_MAX_CHARS // 6))[: rules.REFLECTION_MAX_CHARS],
            seconds_spent=60,
        )
        for i in range(certificates.REFLECTION_LOG_MAX_ITEMS + 50)
    ]

    started = time.monotonic()
    pdf = certificates.reflection_log_pdf(name="Sam", reflections=reflections)
    elapsed = time.monotonic() - started

    pages = PdfReader(io.BytesIO(pdf)).pages
    assert elapsed < 10, elapsed
    assert len(pages) <= 80
    last = pages[-1].extract_text()
    assert "ingekort" in last
    assert f"Totale reflectietijd: {len(reflections)} minuten" in last


def test_one_answer_of_the_maximum_length_on_one_line_renders_quickly(member):
    reflection = ReflectionAnswer(
        user=member,
        block_id="blok",
        course_title="Cursus",
        lesson_title="Les",
        prompt="Vraag",
        answer="a" * rules.REFLECTION_MAX_CHARS,
        seconds_spent=0,
    )
    started = time.monotonic()
    pdf = certificates.reflection_log_pdf(name="Sam", reflections=[reflection])
    assert time.monotonic() - started < 5
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 10


@pytest.mark.parametrize(
    ("block_type", "value"),
    [
        ("reflection", {"prompt": "x" * (rules.PROMPT_MAX_CHARS + 1), "guidance": ""}),
        ("text", "<p>" + "x" * (rules.BODY_TEXT_MAX_CHARS + 1) + "</p>"),
        (
            "callout",
            {"kind": "info", "title": "Kop", "text": "<p>" + "x" * 2_001 + "</p>"},
        ),
    ],
)
def test_editor_text_in_a_lesson_is_bounded_too(block_type, value):
    from courses.blocks import LessonStreamBlock

    stream = LessonStreamBlock()
    good = stream.to_python([{"type": "text", "value": "<p>Kort.</p>"}])
    stream.clean(good)
    too_long = stream.to_python([{"type": block_type, "value": value}])

    with pytest.raises(ValidationError):
        stream.clean(too_long)
