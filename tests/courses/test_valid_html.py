"""Course pages are valid HTML: a strict HTML5 parser finds no error."""

import html5lib
import pytest

from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


def test_course_lesson_and_record_pages_parse_without_errors(client, member, home_page):
    course = cf.course(home_page)
    client.force_login(member)
    lesson = cf.lessons_of(course)[-1]
    for path in ("/cursussen/", course.url, lesson.url, "/mijn/leerdossier/"):
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        parser.parse(client.get(path).content.decode())
        assert parser.errors == [], path
