"""`setup_site`: production's first set-up makes coordinators the site's editors."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page, Site

from courses.models import CourseIndexPage
from leerwerkplaats import demo, demo_help_content
from leerwerkplaats.models import HelpIndexPage, HelpPage, HomePage, InformationPage
from stories.models import StoryIndexPage
from tests.members import factories

pytestmark = pytest.mark.django_db


def test_setup_site_is_idempotent_and_creates_no_accounts(django_user_model):
    call_command("setup_site", stdout=StringIO())
    pages, users = Page.objects.count(), django_user_model.objects.count()
    call_command("setup_site", stdout=StringIO())

    assert Page.objects.count() == pages
    assert django_user_model.objects.count() == users == 0
    assert HomePage.objects.count() == 1


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@override_settings(
    WAGTAILADMIN_BASE_URL="https://leerwerkplaats.example.nl",
    ALLOWED_HOSTS=["leerwerkplaats.example.nl"],
)
def test_setup_site_on_an_empty_database_builds_the_production_tree(client):
    assert Site.objects.filter(hostname="localhost").exists()  # from Wagtail's migration

    call_command("setup_site", stdout=StringIO())
    after_first = row_counts()
    call_command("setup_site", stdout=StringIO())

    assert row_counts() == after_first
    home = HomePage.objects.get()
    site = Site.objects.get()
    assert (site.hostname, site.port, site.root_page_id) == (
        "leerwerkplaats.example.nl",
        443,
        home.pk,
    )
    assert site.is_default_site
    assert not Site.objects.filter(hostname="localhost").exists()
    # The sections, live and in the menu, ready for the editors.
    assert {type(page) for page in home.get_children().specific()} == {
        HelpIndexPage,
        CourseIndexPage,
        StoryIndexPage,
    }
    assert all(page.live and page.show_in_menus for page in home.get_children())
    # No demo text, no demo pages, no accounts.
    assert demo.HOME_INTRO not in home.intro
    assert not home.body
    assert HelpIndexPage.objects.get().intro != demo_help_content.INDEX["intro"]
    assert not HelpPage.objects.exists()
    assert not InformationPage.objects.exists()
    assert not Page.objects.filter(depth__gt=3).exists()
    response = client.get("/", HTTP_HOST="leerwerkplaats.example.nl")
    assert response.status_code == 200
    assert "Cursussen" in response.content.decode()


def test_setup_site_takes_the_host_from_its_argument():
    call_command("setup_site", "--site-url", "https://hg.example.org:8443", stdout=StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("hg.example.org", 8443)
    assert Site.objects.count() == 1


def test_seed_demo_builds_on_the_production_tree():
    call_command("setup_site", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    assert CourseIndexPage.objects.count() == HelpIndexPage.objects.count() == 1
    assert HomePage.objects.get().intro == demo.HOME_INTRO
    assert HelpPage.objects.exists()


def test_a_coordinator_may_add_and_publish_pages_after_setup(client):
    call_command("setup_site", stdout=StringIO())
    home = HomePage.objects.get()
    coordinator = factories.member(role="Coordinator", with_mfa=True)
    professional = factories.member()

    permissions = home.permissions_for_user(coordinator)
    assert permissions.can_add_subpage()
    assert permissions.can_publish()
    assert not home.permissions_for_user(professional).can_edit()
    client.force_login(coordinator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code == 200
    assert client.get(reverse("wagtailimages:add")).status_code == 200


def test_a_page_is_drafted_reviewed_by_another_coordinator_and_published():
    from courses.models import CoursePage

    call_command("setup_site", stdout=StringIO())
    home = HomePage.objects.get()
    author = factories.member(role="Coordinator", with_mfa=True)
    reviewer = factories.member(role="Coordinator", with_mfa=True)
    index = CourseIndexPage.objects.child_of(home).get()
    draft = CoursePage(
        title="Nieuwe module",
        slug="nieuwe-module",
        summary="Een nieuwe module.",
        study_minutes=60,
        live=False,
    )
    index.add_child(instance=draft)
    draft.save_revision(user=author)

    workflow = draft.get_workflow()
    state = workflow.start(draft, author)
    assert state.current_task_state.task.specific.groups.filter(name="Coordinator").exists()
    draft.refresh_from_db()
    assert not draft.live  # in review, not yet published

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")

    published = CoursePage.objects.get(pk=draft.pk)
    assert published.live
    assert published.live_revision.user == author
