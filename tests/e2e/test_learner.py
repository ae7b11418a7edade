"""The learner's experience in a real browser (issue 15): the quiz result where the
learner is, not under the sticky quick-exit bar, and focused; a failed attempt gives
nothing away; every retake is a fresh quiz in another order; reflections survive a
quiz submit and an expired session; the last lesson ends on the completion page."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from courses.models import Completion, ReflectionAnswer
from tests.courses import factories as cf
from tests.e2e.conftest import axe_violations, log_in_by_cookie, screenshot
from tests.members.factories import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("warm_privacy_detector"),
]


def _answer(page, lesson, *, right: bool) -> None:
    for block in lesson.question_blocks():
        choice = page.locator(f"[name='vraag-{block.id}']")
        if not choice.count():
            continue
        options = block.value["options"]
        chosen = [i for i, o in enumerate(options) if o["correct"] == right]
        for index in chosen if block.value["multiple"] or right else chosen[:1]:
            page.locator(f"#vraag-{block.id}-{index}").check()
    page.get_by_role("button", name="Controleer mijn antwoorden").click()


def _question_order(page) -> list[str]:
    names = page.locator("input[name^='vraag-']").evaluate_all("els => els.map(e => e.name)")
    return list(dict.fromkeys(names))


def _assert_in_view_and_clear_of_the_exit_bar(page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    bar = page.locator(".site-quick-exit").bounding_box()
    viewport = page.viewport_size
    assert box is not None and bar is not None
    assert box["y"] >= bar["y"] + bar["height"], (box, bar)  # not covered by the bar
    assert box["y"] < viewport["height"], (box, viewport)  # its top inside the viewport


@pytest.mark.parametrize("width", [1280, 375])
def test_the_quiz_result_is_in_view_clear_of_the_exit_bar_and_focused(
    page, live_server, member, home_page, width
):
    course = cf.course(home_page)
    lesson = cf.lessons_of(course)[-1]
    log_in_by_cookie(page, member, live_server.url)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(lesson.url)

    _answer(page, lesson, right=False)
    result = page.locator("#toets-uitslag")
    expect(result).to_contain_text("Nog niet gehaald")
    expect(result).to_be_focused()
    _assert_in_view_and_clear_of_the_exit_bar(page, "#toets-uitslag")
    # Feedback on the chosen option only: the right answers are not given away.
    expect(page.get_by_text("UITLEG-ONJUIST")).to_be_visible()
    expect(page.get_by_text("UITLEG-JUIST")).to_have_count(0)
    expect(page.get_by_text("Dit antwoord is ook juist")).to_have_count(0)
    assert screenshot(page, f"lesson-quiz-result-{width}").stat().st_size > 0

    # An in-page target (the reflection) stops below the sticky bar too.
    reflection = next(b for b in lesson.body if b.block_type == "reflection")
    page.goto(f"{lesson.url}#blok-{reflection.id}")
    _assert_in_view_and_clear_of_the_exit_bar(page, f"#blok-{reflection.id}")


def test_every_retake_is_a_fresh_quiz_in_another_order_and_passing_shows_all(
    page, live_server, member, home_page
):
    course = cf.course(home_page)
    lesson = cf.lessons_of(course)[-1]
    log_in_by_cookie(page, member, live_server.url)
    page.goto(lesson.url)
    orders = [_question_order(page)]

    for _ in range(2):
        _answer(page, lesson, right=False)
        expect(page.locator("#toets-uitslag")).to_contain_text("Nog niet gehaald")
        page.get_by_role("link", name="Toets opnieuw maken").click()
        # A fresh quiz: the button is back and no option is ticked or locked.
        expect(page.get_by_role("button", name="Controleer mijn antwoorden")).to_be_visible()
        expect(page.locator("input[name^='vraag-']:checked")).to_have_count(0)
        expect(page.locator("input[name^='vraag-']:disabled")).to_have_count(0)
        orders.append(_question_order(page))
    assert orders[1] != orders[0] and orders[2] != orders[1]

    _answer(page, lesson, right=True)
    expect(page.locator("#toets-uitslag")).to_contain_text("Je hebt de toets")
    expect(page.get_by_text("UITLEG-AFWACHTEN")).to_be_visible()  # full answers once passed


def test_a_reflection_survives_a_quiz_submit_and_an_expired_session(
    page, live_server, member, home_page
):
    course = cf.course(home_page)
    lesson = cf.lessons_of(course)[-1]
    reflection = next(b for b in lesson.body if b.block_type == "reflection")
    field = page.locator(f"#reflectie-{reflection.id}")
    typed = "Ik merk dat ik eerder twijfel uitspreek naar collega's."
    log_in_by_cookie(page, member, live_server.url)
    page.goto(lesson.url)

    field.fill(typed)
    _answer(page, lesson, right=False)
    expect(page.locator("#toets-uitslag")).to_contain_text("Nog niet gehaald")
    expect(field).to_have_value(typed)

    # The session ends while the learner writes (the CSRF cookie stays, as it does).
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    field.fill(typed + " En ik vraag vaker door.")
    page.get_by_role("button", name="Bewaar in mijn leerdossier").click()
    expect(page).to_have_url(re.compile(r"/account/login/"))
    page.fill("input[name=login]", member.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "[type=submit]"
    ).click()
    expect(page).to_have_url(re.compile(re.escape(lesson.url)))
    expect(field).to_have_value(typed + " En ik vraag vaker door.")

    page.get_by_role("button", name="Bewaar in mijn leerdossier").click()
    expect(page.get_by_text("Je reflectie is bewaard")).to_be_visible()
    assert ReflectionAnswer.objects.get().answer.endswith("En ik vraag vaker door.")
    page.reload()
    expect(field).to_have_value(typed + " En ik vraag vaker door.")


def test_the_last_lesson_ends_on_the_completion_page(audit_page, live_server, member, home_page):
    page = audit_page
    course = cf.course(home_page)
    lessons = cf.lessons_of(course)
    log_in_by_cookie(page, member, live_server.url)
    page.goto(lessons[0].url)
    page.goto(lessons[-1].url)
    _answer(page, lessons[-1], right=True)

    expect(page).to_have_url(re.compile(r"/mijn/certificaten/HG-[A-Z2-9-]+/$"))
    code = Completion.objects.get().code
    expect(page.get_by_role("heading", level=1)).to_contain_text("afgerond")
    expect(page.get_by_role("link", name="Download je certificaat (PDF)")).to_be_visible()
    expect(page.get_by_text("SKJ: 1,5 punten")).to_be_visible()
    expect(page.get_by_label("Je SKJ-registratienummer ontbreekt nog")).to_be_visible()
    assert axe_violations(page) == []
    assert screenshot(page, "course-completion").stat().st_size > 0

    page.get_by_label("Je SKJ-registratienummer ontbreekt nog").fill("100012345")
    page.locator("#nummer-skj").get_by_role("button", name="Zet op mijn certificaat").click()
    expect(page.get_by_text("Je nummer staat nu op je certificaat")).to_be_visible()
    expect(page.locator(".course-details")).to_contain_text("100012345")

    page.goto("/certificaat/HG-ZZZZ-ZZZZ-ZZZZ/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificaat niet gevonden")
    page.get_by_label("Certificaatcode").fill(code.lower())
    page.get_by_role("button", name="Controleer").click()
    expect(page.get_by_text("Dit certificaat is echt en geldig.")).to_be_visible()
