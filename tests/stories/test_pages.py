"""The stories' page tree as an editor meets it, and Wagtail's page permissions
narrowed for stories: moderators publish, coordinators and authors do not."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Workflow, WorkflowPage
from wagtail.test.utils import WagtailPageTestCase

from leerwerkplaats.models import HelpIndexPage, HomePage
from stories import moderation, services
from stories.blocks import ERROR_ALT_TEXT_REQUIRED, StorySectionBlock
from stories.models import StoryIndexPage, StoryPage
from tests.stories.factories import content, published, submitted


class StoryPageTreeTests(WagtailPageTestCase):
    def test_the_story_index_belongs_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, StoryIndexPage)
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage})

    def test_a_story_belongs_under_the_story_index_and_has_no_children(self):
        self.assertCanCreateAt(StoryIndexPage, StoryPage)
        self.assertCanNotCreateAt(HomePage, StoryPage)
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, set())


@pytest.mark.django_db
def test_an_image_needs_its_alt_text():
    block = StorySectionBlock()
    value = block.to_python({"text": "Tekst", "image": None, "alt_text": ""})
    block.clean(value)  # no image, no alt text needed

    image = get_image_model().objects.create(title="Bankje", file=get_test_image_file())
    value = block.to_python({"text": "Tekst", "image": image.pk, "alt_text": ""})
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert str(ERROR_ALT_TEXT_REQUIRED) in str(error.value.block_errors["alt_text"])


@pytest.mark.django_db
def test_setup_site_assigns_the_moderators_workflow_to_the_story_index(story_index):
    moderation.set_up_story_moderation(story_index.get_parent())  # idempotent

    workflow = Workflow.objects.get(name=moderation.STORY_WORKFLOW)
    assert WorkflowPage.objects.get(page=story_index).workflow == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderator"]
    assert story_index.get_workflow() == workflow


@pytest.mark.django_db
def test_wagtail_lets_moderators_publish_stories_and_coordinators_not(
    story_index, author, moderator, coordinator
):
    story = submitted(author)
    help_index = HelpIndexPage.objects.get()

    assert story.permissions_for_user(moderator).can_publish()
    assert story.permissions_for_user(moderator).can_edit()
    # Coordinators edit and publish the rest of the site, not stories.
    assert help_index.permissions_for_user(coordinator).can_publish()
    assert not story.permissions_for_user(coordinator).can_publish()
    assert not story.permissions_for_user(coordinator).can_edit()
    assert not story_index.permissions_for_user(coordinator).can_publish_subpage()
    # The author writes in the site's form; Wagtail gives them nothing.
    assert not story.permissions_for_user(author).can_publish()
    assert not story.permissions_for_user(author).can_edit()


@pytest.mark.django_db
def test_a_coordinator_cannot_publish_a_story_in_the_admin(
    client, story_index, author, coordinator
):
    story = submitted(author)
    client.force_login(coordinator)

    response = client.post(
        f"/beheer/pages/{story.pk}/edit/",
        {"action-publish": "action-publish", "title": "Gekaapt", "slug": story.slug},
    )

    assert response.status_code in (302, 403)
    assert not StoryPage.objects.get(pk=story.pk).live


@pytest.mark.django_db
def test_members_only_stories_stay_out_of_the_sitemap(client, story_index, author, moderator):
    public = published(author, moderator, title="Openbaar verhaal")
    members = published(author, moderator, title="Verhaal voor leden", audience="leden")

    sitemap = client.get("/sitemap.xml").content.decode()

    assert public.slug in sitemap
    assert members.slug not in sitemap


@pytest.mark.django_db
def test_seed_demo_adds_three_fictional_stories_in_three_states():
    from leerwerkplaats.demo import seed_demo
    from stories.selectors import Status, story_status

    seed_demo()
    seed_demo()  # idempotent

    states = {page.slug: story_status(page)[0] for page in StoryPage.objects.all()}
    assert states == {
        "de-stilte-in-huis": Status.PUBLISHED,
        "wat-de-kinderen-zagen": Status.PUBLISHED,
        "een-nieuw-begin": Status.IN_REVIEW,
    }
    audiences = dict(StoryPage.objects.values_list("slug", "audience"))
    assert audiences["de-stilte-in-huis"] == "openbaar"
    assert audiences["wat-de-kinderen-zagen"] == "leden"
    assert all("verzonnen" in page.body[0].value["text"] for page in StoryPage.objects.all())
    # The pen name, confirmed on hand-in, is kept (stories/test_pen_name.py).
    stilte = StoryPage.objects.get(slug="de-stilte-in-huis")
    assert (stilte.pseudonym, stilte.author_name) == ("Eva vertelt", "Eva vertelt")


@pytest.mark.django_db
def test_a_moderator_without_mfa_cannot_publish_a_story(story_index, author):
    from django.core.exceptions import PermissionDenied

    from stories import services
    from tests.members import factories

    without_mfa = factories.member(role="Moderator")
    story = submitted(author)

    assert not story.permissions_for_user(without_mfa).can_publish()
    with pytest.raises(PermissionDenied):
        services.publish_story(moderator=without_mfa, story=story)
    assert not StoryPage.objects.get(pk=story.pk).live


@pytest.mark.django_db
def test_a_moderator_publishes_in_the_wagtail_admin_and_old_revisions_go(
    client, story_index, author, moderator
):
    """The workflow task in the admin does what the site's moderation page does:
    the submitted revision is published (the drafts before it went on hand-in)."""
    from stories import services
    from stories.selectors import Status, story_status
    from tests.stories.factories import content

    draft = services.save_draft(author=author, content=content(title="Eerste versie"))
    story = services.submit_story(author=author, content=content(title="Tweede"), story=draft)
    assert story.revisions.count() == 1  # the draft before the hand-in went then
    task_state = story.current_workflow_task_state
    client.force_login(moderator)

    response = client.post(
        f"/beheer/pages/workflow/action/{story.pk}/approve/{task_state.pk}/",
        {"comment": "Mooi."},
    )

    assert response.status_code in (200, 302)
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live and story.title == "Tweede"
    assert story.revisions.count() == 1
    assert story_status(story)[0] == Status.PUBLISHED


@pytest.mark.django_db
def test_a_coordinator_cannot_approve_the_task_in_the_wagtail_admin(
    client, story_index, author, coordinator
):
    story = submitted(author)
    task_state = story.current_workflow_task_state
    client.force_login(coordinator)

    client.post(f"/beheer/pages/workflow/action/{story.pk}/approve/{task_state.pk}/", {})

    assert not StoryPage.objects.get(pk=story.pk).live


@pytest.mark.django_db
def test_a_story_scheduled_by_an_editor_stays_hidden_until_its_moment(
    client, story_index, author, moderator
):
    story = submitted(author, title="Een verhaal voor later")
    go_live_at = timezone.now() + timedelta(days=2)
    # The editor's "Live gaan op" (the page's settings) on the revision under review.
    revision = story.get_latest_revision()
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision.save(update_fields=["content"])

    services.publish_story(moderator=moderator, story=story)

    story.refresh_from_db()
    revision.refresh_from_db()
    assert not story.live
    assert revision.approved_go_live_at == go_live_at
    assert client.get(story.url).status_code == 404
    assert "Een verhaal voor later" not in client.get(story_index.url).content.decode()

    call_command("publish_scheduled", stdout=StringIO())  # not yet: nothing changes
    story.refresh_from_db()
    assert not story.live

    with mock.patch.object(timezone, "now", return_value=go_live_at + timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=StringIO())

    story.refresh_from_db()
    assert story.live
    assert story.live_revision_id == revision.pk
    assert client.get(story.url).status_code == 200
    assert "Een verhaal voor later" in client.get(story_index.url).content.decode()


@pytest.mark.django_db
def test_a_moderator_cannot_read_a_draft_its_author_has_not_handed_in(
    client, story_index, author, moderator
):
    # "Opslaan als concept: niemand anders ziet het." A draft is the author's raw text
    # before the privacy check; the moderator reads a story once it is submitted.
    draft = services.save_draft(author=author, content=content(title="Nog niet ingediend"))
    client.force_login(moderator)

    for view in ("edit", "view_draft", "history", "move", "delete"):
        response = client.get(f"/beheer/pages/{draft.pk}/{view}/")
        assert response.status_code in (302, 403), view
        assert b"Nog niet ingediend" not in response.content

    submitted_story = services.submit_story(author=author, content=content(), story=draft)
    assert client.get(f"/beheer/pages/{submitted_story.pk}/edit/").status_code == 200
