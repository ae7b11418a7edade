"""A story linked from a course lesson (courses.blocks.StoryLinkBlock): title,
summary, content warning and link; a members-only story only for members, a
withdrawn one for nobody. courses names the page type by string only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from courses.blocks import LessonStreamBlock, StoryLinkBlock
from courses.models import LessonPage
from stories import services
from stories.models import StoryPage
from tests.courses import factories as cf
from tests.members import factories
from tests.stories.factories import published

pytestmark = pytest.mark.django_db


def render(story: StoryPage, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    block = StoryLinkBlock()
    value = block.to_python({"story": story.pk, "introduction": "Lees dit bij stap 3."})
    return block.render(value, context={"request": request})


def test_the_chooser_offers_story_pages_only():
    assert StoryLinkBlock().child_blocks["story"].target_model is StoryPage
    assert "story" in LessonStreamBlock.base_blocks


def test_a_lesson_shows_the_story_with_its_warning_and_link(
    client, home_page, story_index, author, moderator
):
    story = published(author, moderator, title="Wat ik niet zei")
    course = cf.course(home_page, lessons=1, questions=False, registers=())
    lesson = LessonPage.objects.child_of(course).get()
    lesson.body.append(("story", {"story": story, "introduction": "Lees dit bij stap 3."}))
    lesson.save_revision().publish()
    client.force_login(factories.member())

    html = client.get(lesson.url).content.decode()

    assert "Wat ik niet zei" in html
    assert story.summary in html
    assert "Inhoudswaarschuwing" in html
    assert "Psychisch geweld en bedreiging" in html
    assert f'href="{story.url}"' in html
    assert "Lees dit bij stap 3." in html


def test_a_members_only_story_is_shown_to_members_only(story_index, author, moderator):
    story = published(author, moderator, title="Voor leden", audience="leden")

    assert "Voor leden" in render(story, factories.member())
    assert "Voor leden" not in render(story, AnonymousUser())
    assert "Voor leden" not in render(story, factories.member(status="pending"))


def test_a_public_story_is_shown_to_anyone_and_a_withdrawn_one_to_nobody(
    story_index, author, moderator
):
    story = published(author, moderator, title="Openbaar")
    assert "Openbaar" in render(story, AnonymousUser())

    services.withdraw_story(author=author, story=story)

    assert render(StoryPage.objects.get(pk=story.pk), factories.member()).strip() == ""
