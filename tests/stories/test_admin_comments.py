"""Texts a moderator writes about a story in the Wagtail admin are stored redacted,
like every text on the site: the review task's comment, and comments and replies in
the admin's commenting panel. The admin cannot show the gate's refusal, so structured
identifiers become placeholders too; a detector that is down keeps nothing."""

from __future__ import annotations

import pytest
from wagtail.models import Comment, CommentReply, TaskState

from stories.models import StoryPage
from stories.services import ADMIN_TEXT_NOT_KEPT
from tests.stories.factories import submitted

TEXT = "Haal Marco de Vries eruit en bel niet 06-12345678."


def _kept_nowhere(task_state: TaskState) -> None:
    task_state.refresh_from_db()
    assert "06-12345678" not in task_state.comment
    assert "Marco" not in task_state.comment
    assert "[TELEFOON-1]" in task_state.comment


@pytest.mark.django_db
def test_asking_changes_in_the_wagtail_admin_stores_the_comment_redacted(
    client, story_index, author, moderator
):
    story = submitted(author)
    task_state = story.current_workflow_task_state
    client.force_login(moderator)

    response = client.post(
        f"/beheer/pages/workflow/action/{story.pk}/reject/{task_state.pk}/", {"comment": TEXT}
    )

    assert response.status_code in (200, 302)
    _kept_nowhere(TaskState.objects.get(pk=task_state.pk))
    from wagtail.models import PageLogEntry

    assert not any("06-12345678" in str(entry.data) for entry in PageLogEntry.objects.all())


@pytest.mark.django_db
def test_a_comment_and_a_reply_on_a_story_page_are_stored_redacted(story_index, author, moderator):
    story = submitted(author)

    comment = Comment.objects.create(page=story, user=moderator, text=TEXT, contentpath="title")
    reply = CommentReply.objects.create(comment=comment, user=moderator, text=TEXT)

    for text in (
        Comment.objects.get(pk=comment.pk).text,
        CommentReply.objects.get(pk=reply.pk).text,
    ):
        assert "06-12345678" not in text and "Marco" not in text
        assert "[TELEFOON-1]" in text


@pytest.mark.django_db
def test_comments_on_other_pages_are_left_as_they_are(home_page, moderator):
    comment = Comment.objects.create(
        page=home_page, user=moderator, text="Kop iets korter, Marco?", contentpath="title"
    )

    assert Comment.objects.get(pk=comment.pk).text == "Kop iets korter, Marco?"


@pytest.mark.django_db
def test_a_detector_that_is_down_keeps_nothing_of_the_admin_comment(
    settings, story_index, author, moderator
):
    story = submitted(author)
    settings.PRIVACY_SERVICE_URL = "http://127.0.0.1:9"  # nobody listens

    comment = Comment.objects.create(page=story, user=moderator, text=TEXT, contentpath="title")

    assert Comment.objects.get(pk=comment.pk).text == str(ADMIN_TEXT_NOT_KEPT)
    assert StoryPage.objects.filter(pk=story.pk).exists()
