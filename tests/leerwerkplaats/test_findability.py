"""Finding things: courses and lessons in the search, compound words, a sitemap of
readable pages only, a refusal (not a redirect loop) at the admin's door, no avatars."""

from __future__ import annotations

import pytest
from django.test import override_settings
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url

from members.models import MembershipStatus
from tests.courses import factories as course_factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def abuse_course(home_page):
    course = course_factories.course(home_page, title="Kindermishandeling herkennen", lessons=1)
    lesson = course_factories.lessons_of(course)[0]
    lesson.title = "Signalen van kindermishandeling"
    lesson.intro = "Wat je ziet bij een kind dat thuis geweld meemaakt."
    lesson.save_revision().publish()
    return course


def kinds_and_titles(response):
    return {group.key: [hit.title for hit in group.hits] for group in response.context["groups"]}


def test_a_visitor_finds_the_course_but_not_its_lessons(client, abuse_course):
    found = kinds_and_titles(client.get("/zoeken/", {"q": "Kindermishandeling"}))

    assert found["courses"] == ["Kindermishandeling herkennen"]
    assert "lessons" not in found


def test_a_member_finds_the_lessons_too(client, member, abuse_course):
    client.force_login(member)
    found = kinds_and_titles(client.get("/zoeken/", {"q": "kindermishandeling"}))

    assert found["courses"] == ["Kindermishandeling herkennen"]
    assert found["lessons"] == ["Signalen van kindermishandeling"]


def test_a_member_waiting_for_approval_is_not_shown_lessons(client, abuse_course):
    pending = member_factories.member(status=MembershipStatus.PENDING)
    client.force_login(pending)
    found = kinds_and_titles(client.get("/zoeken/", {"q": "kindermishandeling"}))

    assert "lessons" not in found


def test_part_of_a_compound_word_finds_the_whole_word(client, member, abuse_course):
    client.force_login(member)
    found = kinds_and_titles(client.get("/zoeken/", {"q": "mishandeling"}))

    assert found["courses"] == ["Kindermishandeling herkennen"]
    assert found["lessons"] == ["Signalen van kindermishandeling"]
    # A plain-text field of the page type counts too (the lesson's intro).
    found = kinds_and_titles(client.get("/zoeken/", {"q": "meemaakt"}))
    assert found["lessons"] == ["Signalen van kindermishandeling"]


def test_short_words_are_not_looked_for_inside_other_words(client, abuse_course):
    found = kinds_and_titles(client.get("/zoeken/", {"q": "her"}))

    assert "courses" not in found


def test_postgresql_indexes_and_searches_in_dutch(settings):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "dutch"


def test_the_sitemap_lists_the_course_but_no_lesson(client, abuse_course):
    lesson = course_factories.lessons_of(abuse_course)[0]
    sitemap = client.get("/sitemap.xml").content.decode()

    assert abuse_course.url in sitemap
    assert lesson.url not in sitemap
    # ...because a visitor who follows a lesson's address is sent to the login form.
    assert client.get(lesson.url).status_code == 302


def test_a_professional_at_the_admin_gets_the_refusal_page_not_a_loop(client, member):
    client.force_login(member)
    response = client.get("/beheer/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "Het beheer is alleen voor moderatoren en coördinatoren" in html
    assert client.get("/beheer/pages/").status_code == 403


def test_a_visitor_at_the_admin_is_sent_to_the_login_form(client):
    response = client.get("/beheer/")

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_the_admin_shows_no_gravatar(superuser):
    assert "gravatar" not in avatar_url(superuser)


@override_settings(WAGTAIL_GRAVATAR_PROVIDER_URL="//www.gravatar.com/avatar")
def test_with_gravatar_on_the_avatar_would_leave_the_site(superuser):
    # The opposite setting shows the test above can fail.
    assert "gravatar" in avatar_url(superuser)
