"""`setup_site`: production's first set-up makes coordinators the site's editors."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from leerwerkplaats.models import HomePage
from tests.members import factories

pytestmark = pytest.mark.django_db


def test_setup_site_is_idempotent_and_creates_no_accounts(django_user_model):
    call_command("setup_site", stdout=StringIO())
    pages, users = Page.objects.count(), django_user_model.objects.count()
    call_command("setup_site", stdout=StringIO())

    assert Page.objects.count() == pages
    assert django_user_model.objects.count() == users == 0
    assert HomePage.objects.count() == 1


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
    from courses.models import CourseIndexPage, CoursePage

    call_command("setup_site", stdout=StringIO())
    home = HomePage.objects.get()
    author = factories.member(role="Coordinator", with_mfa=True)
    reviewer = factories.member(role="Coordinator", with_mfa=True)
    index = home.add_child(instance=CourseIndexPage(title="Cursussen", slug="cursussen"))
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
