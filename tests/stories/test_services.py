"""The story's life through the services: draft, privacy check, review, publish,
withdraw; each change of state audited."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.models import AuditEvent
from stories import services
from stories.models import StoryPage
from stories.selectors import Status, story_status
from stories.services import ConfirmationNeeded, Section, StoryBlocked
from tests.stories.factories import CALM_TEXT, content, published, submitted

pytestmark = pytest.mark.django_db

NAME_TEXT = "Mijn buurvrouw Karin de Vries zag het ook. " + CALM_TEXT
PHONE_TEXT = "Bel me gerust op 06-12345678 als je wilt praten. " + CALM_TEXT


def all_revision_text(story: StoryPage) -> str:
    return " ".join(str(revision.content) for revision in story.revisions.all())


def asked_to_confirm(author, story_content, story=None) -> list[str]:
    """The keys of the details the privacy check asks the author about on hand-in."""
    with pytest.raises(ConfirmationNeeded) as needed:
        services.submit_story(author=author, content=story_content, story=story)
    return [detail.key for detail in needed.value.details]


@pytest.fixture
def name_content():
    """A story naming a third party in its text."""
    return content(sections=(Section("", NAME_TEXT, ""),))


@pytest.fixture
def name_in_title_content():
    """The same, named in the title too (the first draft takes its address from it)."""
    return content(title="Mijn buurvrouw Karin de Vries", sections=(Section("", NAME_TEXT, ""),))


@pytest.fixture
def hand_in_replacing_every_detail(story_index, author):
    """Saves a draft, then hands it in with every detail the privacy check found
    replaced by its placeholder; returns the draft (a callable, so a test can run
    it inside its own context)."""

    def hand_in(story_content):
        draft = services.save_draft(author=author, content=story_content)
        keys = asked_to_confirm(author, story_content, draft)
        services.submit_story(
            author=author, content=story_content, story=draft, reviewed=keys, replace_keys=keys
        )
        return draft

    return hand_in


def test_a_draft_is_an_unpublished_page_owned_by_its_author(story_index, author):
    story = services.save_draft(author=author, content=content())

    assert story.owner == author
    assert not story.live
    assert story.get_parent().pk == story_index.pk
    assert story.revisions.count() == 1
    assert story_status(story)[0] == Status.DRAFT


def test_a_professional_cannot_write_a_story(story_index, member):
    with pytest.raises(PermissionDenied):
        services.save_draft(author=member, content=content())


def test_an_author_cannot_edit_anothers_story(story_index, author, other_author):
    story = services.save_draft(author=author, content=content())

    with pytest.raises(PermissionDenied):
        services.save_draft(author=other_author, content=content(title="Anders"), story=story)
    with pytest.raises(PermissionDenied):
        services.submit_story(author=other_author, content=content(), story=story)


def test_a_phone_number_blocks_submission_and_nothing_is_saved(story_index, author):
    with pytest.raises(StoryBlocked) as blocked:
        services.submit_story(
            author=author, content=content(sections=(Section("", PHONE_TEXT, ""),))
        )

    assert {detail.label for detail in blocked.value.details} == {"TELEFOON"}
    assert not StoryPage.objects.exists()


def test_a_third_partys_name_is_shown_then_replaced_by_its_placeholder(
    story_index, author, name_content
):
    keys = asked_to_confirm(author, name_content)
    assert "NAAM:Karin de Vries" in keys
    assert not StoryPage.objects.exists()

    story = services.submit_story(
        author=author, content=name_content, reviewed=keys, replace_keys=["NAAM:Karin de Vries"]
    )

    text = story.get_latest_revision_as_object().body[0].value["text"]
    assert text.startswith("Mijn buurvrouw [NAAM-1] zag het ook.")
    assert "Karin" not in all_revision_text(story)


def test_an_author_may_keep_details_of_their_own_life(story_index, author, name_content):
    keys = asked_to_confirm(author, name_content)

    story = services.submit_story(author=author, content=name_content, reviewed=keys)

    assert "Karin de Vries" in story.get_latest_revision_as_object().body[0].value["text"]


def test_review_ask_changes_resubmit_publish_withdraw(story_index, author, moderator, client):
    story = submitted(author)
    assert story_status(story)[0] == Status.IN_REVIEW
    with pytest.raises(ValidationError):
        services.save_draft(author=author, content=content(), story=story)

    question = "Kun je de titel korter maken?"
    services.request_changes(moderator=moderator, story=story, comment=question)
    assert story_status(story) == (Status.CHANGES_REQUESTED, question)

    services.submit_story(author=author, content=content(title="Ruimte"), story=story)
    assert story_status(story)[0] == Status.IN_REVIEW

    story = services.publish_story(moderator=moderator, story=story)
    assert story.live
    assert story.title == "Ruimte"
    assert story_status(story)[0] == Status.PUBLISHED
    assert client.get(story.url).status_code == 200

    story = services.withdraw_story(author=author, story=story)
    assert not story.live
    assert story_status(story)[0] == Status.WITHDRAWN
    assert client.get(story.url).status_code == 404

    actions = list(
        AuditEvent.objects.filter(object_id=str(story.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "stories.submitted",
        "stories.changes_requested",
        "stories.submitted",
        "stories.revisions_purged",
        "stories.published",
        "stories.withdrawn",
    ]


def test_publishing_purges_the_revisions_before_the_published_one(
    moderator, name_content, hand_in_replacing_every_detail
):
    draft = hand_in_replacing_every_detail(name_content)
    assert "Karin" not in all_revision_text(draft)  # the drafts went on hand-in

    story = services.publish_story(moderator=moderator, story=draft)

    assert story.revisions.count() == 1
    assert "Karin" not in all_revision_text(story)


def test_an_author_cannot_publish_their_own_story(story_index, author):
    story = submitted(author)
    with pytest.raises(PermissionDenied):
        services.publish_story(moderator=author, story=story)
    assert not StoryPage.objects.get(pk=story.pk).live


def test_a_coordinator_cannot_publish_a_story(story_index, author, coordinator):
    story = submitted(author)
    with pytest.raises(PermissionDenied):
        services.publish_story(moderator=coordinator, story=story)
    with pytest.raises(PermissionDenied):
        services.request_changes(moderator=coordinator, story=story, comment="Nee")


def test_asking_for_changes_needs_a_comment(story_index, author, moderator):
    story = submitted(author)
    with pytest.raises(ValidationError) as error:
        services.request_changes(moderator=moderator, story=story, comment="  ")
    assert services.ERROR_COMMENT_REQUIRED in error.value.message_dict["comment"]


def test_only_the_author_withdraws(story_index, author, other_author, moderator):
    story = published(author, moderator)
    with pytest.raises(PermissionDenied):
        services.withdraw_story(author=other_author, story=story)
    assert StoryPage.objects.get(pk=story.pk).live


def test_a_name_replaced_in_the_title_does_not_stay_in_the_stories_address(
    moderator, name_in_title_content, hand_in_replacing_every_detail
):
    """The first draft (often an autosave) named the page after the raw title; the
    address published must follow the title as submitted, with its placeholders."""
    draft = hand_in_replacing_every_detail(name_in_title_content)

    story = services.publish_story(moderator=moderator, story=draft)

    assert "karin" not in story.slug
    assert "karin" not in story.url_path
    row = StoryPage.objects.filter(pk=story.pk).values("title", "draft_title", "slug", "url_path")
    assert "karin" not in str(list(row)).lower()


def test_no_log_keeps_a_title_the_author_replaced(
    moderator, caplog, name_in_title_content, hand_in_replacing_every_detail
):
    """Wagtail's history of the page (its log entries: the label at creation, the
    old title of a rename) and its logger name the page by its title: the draft's
    raw one. Publishing purges the drafts; the history and the log must not keep it."""
    from wagtail.models import PageLogEntry

    with caplog.at_level(logging.INFO):
        draft = hand_in_replacing_every_detail(name_in_title_content)
        services.publish_story(moderator=moderator, story=draft)

    assert "Karin" not in caplog.text
    entries = list(PageLogEntry.objects.filter(page_id=draft.pk).values("label", "data"))
    assert entries
    assert "Karin" not in str(entries)
