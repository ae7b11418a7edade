"""Who publishes stories: the moderators, through the Wagtail workflow
"Verhaal beoordelen" on the stories section.

`set_up_story_moderation` runs from `setup_site` (Wagtail hook
`after_site_setup`) at every release; it is idempotent. The workflow on the
story index overrides the coordinators' review workflow on the home page for
every story; StoryPermissionTester (models.py) narrows the coordinators'
page rights there."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from members import permissions

from .models import StoryIndexPage

STORY_WORKFLOW = "Verhaal beoordelen"
STORY_TASK = "Moderator beoordeelt verhaal"
MODERATOR_PAGE_PERMISSIONS = ("change_page", "publish_page", "lock_page", "unlock_page")


@transaction.atomic
def ensure_story_workflow(index: Page) -> Workflow:
    """The workflow with its one group-approval task for the moderators, assigned
    to the story index, and the moderators' page rights there. Idempotent."""
    moderators = Group.objects.get_or_create(name=permissions.MODERATOR)[0]
    workflow, _ = Workflow.objects.get_or_create(name=STORY_WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=STORY_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=STORY_TASK)
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    for codename in MODERATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=moderators,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return workflow


def set_up_story_moderation(home: Page) -> None:
    index = StoryIndexPage.objects.child_of(home).first()
    if index is not None:
        ensure_story_workflow(index)


def story_workflow() -> Workflow | None:
    return Workflow.objects.filter(name=STORY_WORKFLOW, active=True).first()
