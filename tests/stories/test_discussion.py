"""The members' discussion about a story (issue 13): opened through
forum.services when the author allows it, hidden at once when the story goes
offline, closed and reopened by the author; visitors learn nothing of it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.actions.unpublish_page import UnpublishPageAction

from forum import services as forum_services
from forum.models import Thread
from members.models import AuditEvent
from stories import services
from tests.members import factories
from tests.stories.factories import content, published

pytestmark = pytest.mark.django_db


def thread_of(story) -> Thread:
    return Thread.objects.get(subject_id=str(story.pk))


def test_no_discussion_unless_the_author_allows_it(story_index, author, moderator):
    story = published(author, moderator)

    assert forum_services.discussion_about(subject=story) is None
    assert not Thread.objects.exists()


def test_publishing_opens_the_discussion_with_aliases(story_index, author, moderator):
    story = published(author, moderator, allow_discussion=True)

    thread = thread_of(story)
    assert thread.subject == story
    assert thread.category.slug == "verhalen"
    assert thread.alias_mode
    assert thread.author == author
    assert thread.title == story.title
    assert list(thread.aliases.values_list("alias", flat=True)) == ["Inbrenger"]
    assert not thread.locked
    assert not thread.hidden


def test_members_find_the_discussion_on_the_story_and_visitors_do_not(
    client, story_index, author, moderator
):
    story = published(author, moderator, allow_discussion=True)
    thread_url = reverse("forum:thread", kwargs={"pk": thread_of(story).pk})

    visitor = client.get(story.url + "?lezen=1").content.decode()
    assert thread_url not in visitor
    assert "In gesprek over dit verhaal" not in visitor

    client.force_login(factories.member(status="pending"))
    assert thread_url not in client.get(story.url + "?lezen=1").content.decode()

    reader = factories.member()
    client.force_login(reader)
    page = client.get(story.url + "?lezen=1").content.decode()
    assert "In gesprek over dit verhaal" in page
    assert thread_url in page
    assert client.get(thread_url).status_code == 200
    forum_services.post_reply(thread=thread_of(story), author=reader, text="Dank voor je verhaal.")
    assert "Deelnemer A" in client.get(thread_url).content.decode()


def test_withdrawing_the_story_hides_its_discussion_at_once(client, story_index, author, moderator):
    story = published(author, moderator, allow_discussion=True)
    thread = thread_of(story)

    services.withdraw_story(author=author, story=story)

    thread.refresh_from_db()
    assert thread.hidden
    reader = factories.member()
    client.force_login(reader)
    assert client.get(reverse("forum:thread", kwargs={"pk": thread.pk})).status_code == 404
    assert forum_services.readable_discussion_about(subject=story, user=reader) is None


def test_unpublishing_in_the_admin_hides_it_and_republishing_shows_it_again(
    story_index, author, moderator
):
    story = published(author, moderator, allow_discussion=True)
    thread = thread_of(story)

    UnpublishPageAction(story, user=moderator).execute(skip_permission_checks=True)
    thread.refresh_from_db()
    assert thread.hidden

    services.submit_story(author=author, content=content(allow_discussion=True), story=story)
    services.publish_story(moderator=moderator, story=story)

    thread.refresh_from_db()
    assert not thread.hidden
    assert Thread.objects.count() == 1  # the same conversation, not a second one


def test_the_author_closes_and_reopens_the_discussion(client, story_index, author, moderator):
    story = published(author, moderator, allow_discussion=True)
    thread = thread_of(story)
    reader = factories.member()
    client.force_login(author)
    mine = client.get(reverse("stories:mine")).content.decode()
    assert "Gesprek sluiten" in mine

    response = client.post(reverse("stories:discussion", args=[story.pk]), {"action": "sluiten"})

    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.locked
    with pytest.raises(PermissionDenied):
        forum_services.post_reply(thread=thread, author=reader, text="Nog een reactie.")
    assert "Gesprek heropenen" in client.get(reverse("stories:mine")).content.decode()
    client.force_login(reader)
    assert "De schrijver heeft het gesprek gesloten" in (
        client.get(story.url + "?lezen=1").content.decode()
    )

    client.force_login(author)
    client.post(reverse("stories:discussion", args=[story.pk]), {"action": "heropenen"})

    thread.refresh_from_db()
    assert not thread.locked
    forum_services.post_reply(thread=thread, author=reader, text="Nog een reactie.")
    actions = list(
        AuditEvent.objects.filter(action__startswith="stories.discussion")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["stories.discussion_closed", "stories.discussion_reopened"]


def test_only_the_author_closes_and_only_an_existing_discussion(
    story_index, author, other_author, moderator
):
    story = published(author, moderator, allow_discussion=True)
    with pytest.raises(PermissionDenied):
        services.set_discussion_open(author=other_author, story=story, open_=False)
    assert not thread_of(story).locked

    quiet = published(author, moderator, title="Zonder gesprek")
    with pytest.raises(ValidationError) as error:
        services.set_discussion_open(author=author, story=quiet, open_=False)
    assert services.ERROR_NO_DISCUSSION in error.value.messages


def test_a_new_version_without_discussion_closes_the_existing_one(story_index, author, moderator):
    story = published(author, moderator, allow_discussion=True)

    services.submit_story(author=author, content=content(allow_discussion=False), story=story)
    services.publish_story(moderator=moderator, story=story)

    thread = thread_of(story)
    assert thread.locked
    assert not thread.hidden


def test_a_detector_that_is_down_publishes_the_story_without_a_discussion(
    story_index, author, moderator, settings
):
    from tests.stories.factories import submitted

    story = submitted(author, allow_discussion=True)
    settings.PRIVACY_SERVICE_URL = "http://127.0.0.1:9"  # nobody listens

    story = services.publish_story(moderator=moderator, story=story)

    assert story.live
    assert not Thread.objects.exists()


def test_my_stories_reads_every_discussion_in_one_query(
    client, story_index, author, moderator, django_assert_max_num_queries
):
    for number in range(3):
        published(author, moderator, title=f"Verhaal {number}", allow_discussion=True)
    stories = list(services.StoryPage.objects.all())

    with django_assert_max_num_queries(2):  # content types are cached after the first
        found = forum_services.discussions_about(subjects=stories)

    assert set(found) == {story.pk for story in stories}
