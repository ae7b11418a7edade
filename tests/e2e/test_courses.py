"""The Meldcode course in a real browser: the demo professional takes it to the
end, answers wrongly once and sees the feedback, passes, downloads the certificate
and opens its verification page."""

from __future__ import annotations

import io
import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from courses.models import CoursePage, LessonPage
from leerwerkplaats.demo import DEMO_PASSWORD
from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _answer(page, lesson: LessonPage, *, right: bool) -> None:
    for block in lesson.question_blocks():
        if not page.locator(f"[name='vraag-{block.id}']").count():
            continue  # not drawn for this attempt
        options = block.value["options"]
        chosen = [i for i, o in enumerate(options) if o["correct"] == right]
        for index in chosen if block.value["multiple"] or right else chosen[:1]:
            page.locator(f"#vraag-{block.id}-{index}").check()
    page.get_by_role("button", name="Controleer mijn antwoorden").click()


def test_the_demo_professional_takes_the_meldcode_course_to_a_verified_certificate(page):
    call_command("seed_demo", stdout=StringIO())
    course = CoursePage.objects.get(slug="meldcode-in-vijf-stappen")
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    errors: list[str] = []
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))

    page.goto("/account/login/")
    page.fill("input[name=login]", "professional@demo.hg-leerwerkplaats.nl")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(course.url)
    page.get_by_role("button", name="Start de cursus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[0].title)

    # A wrong answer first: the feedback explains why, without a page reload.
    _answer(page, lessons[0], right=False)
    status = page.locator("#toets-uitslag")
    expect(status).to_contain_text("Nog niet gehaald")
    expect(page.locator(".lesson-feedback--wrong").first).to_be_visible()
    page.get_by_role("link", name="Toets opnieuw maken").click()
    # Wait for the fresh quiz: answering the old page while the new one loads
    # would tick boxes that are about to disappear.
    expect(page.get_by_role("button", name="Controleer mijn antwoorden")).to_be_visible()
    expect(page.locator("input[name^='vraag-']:checked")).to_have_count(0)
    _answer(page, lessons[0], right=True)
    expect(page.locator("#toets-uitslag")).to_contain_text("gehaald")

    for lesson in lessons[1:]:
        page.goto(lesson.url)
        if lesson.question_blocks():
            _answer(page, lesson, right=True)
            # The quiz that completes the course leads to the completion page.
            expect(page.locator("#toets-uitslag, .course-completion").first).to_contain_text(
                re.compile("Je hebt de toets|Gefeliciteerd")
            )

    page.goto(course.url)
    expect(page.get_by_text("Je hebt deze cursus afgerond")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download je certificaat (PDF)").click()
    pdf = PdfReader(io.BytesIO(open(download_info.value.path(), "rb").read()))  # noqa: SIM115
    text = pdf.pages[0].extract_text()
    assert "De Meldcode in vijf stappen" in text
    code = re.search(r"HG(-[A-Z2-9]{4}){3}", text).group(0)
    url = re.search(r"https?://\S+/certificaat/\S+/", text).group(0)
    assert url.endswith(f"/certificaat/{code}/")

    page.goto(f"/certificaat/{code}/")
    expect(page.get_by_text("Dit certificaat is echt en geldig.")).to_be_visible()
    expect(page.get_by_text("Pim Professional")).to_be_visible()
    assert errors == []


def test_course_pages_have_no_serious_accessibility_violations(audit_page):
    """Course page, a lesson with its quiz, the quiz's feedback and the learning
    record, each audited by axe-core; the lesson is also photographed."""
    call_command("seed_demo", stdout=StringIO())
    course = CoursePage.objects.get(slug="meldcode-in-vijf-stappen")
    lesson = next(
        lesson
        for lesson in LessonPage.objects.child_of(course).live().order_by("path")
        if lesson.question_blocks()
    )
    page = audit_page
    page.goto("/account/login/")
    page.fill("input[name=login]", "professional@demo.hg-leerwerkplaats.nl")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()

    page.goto(course.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    assert axe_violations(page) == []

    page.goto(lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    assert axe_violations(page) == []
    assert screenshot(page, "lesson-desktop").stat().st_size > 0
    page.set_viewport_size({"width": 375, "height": 800})
    assert screenshot(page, "lesson-375").stat().st_size > 0
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 800})

    _answer(page, lesson, right=False)
    expect(page.locator("#toets-uitslag")).to_contain_text("Nog niet gehaald")
    assert axe_violations(page) == []

    page.goto("/mijn/leerdossier/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn leerdossier")
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 375])
def test_the_course_page_keeps_its_button_clear_and_its_details_in_rows(page, width):
    """The start button does not touch the text above it, and "Over deze cursus" is a
    list of labelled rows (bold label, a rule under each), not a bare <dl>."""
    call_command("seed_demo", stdout=StringIO())
    course = CoursePage.objects.get(slug="meldcode-in-vijf-stappen")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/account/login/")
    page.fill("input[name=login]", "professional@demo.hg-leerwerkplaats.nl")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(course.url)

    lead = page.locator("main .utrecht-paragraph--lead").bounding_box()
    button = page.get_by_role("button", name="Start de cursus").bounding_box()
    assert button["y"] - (lead["y"] + lead["height"]) >= 16
    label = page.locator(".course-details dt").first
    value = page.locator(".course-details dd").first
    assert label.evaluate("e => getComputedStyle(e).fontWeight") in ("700", "bold")
    assert value.evaluate("e => getComputedStyle(e).borderBottomWidth") == "1px"
    assert value.evaluate("e => getComputedStyle(e).marginLeft") == "0px"
    # No sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
