"""Who edits the site's content in the Wagtail admin: coordinators.

Coordinators edit the help guide and the courses (drafts, review, publishing)
and upload the images and documents those pages use. Production grants this
once with `manage.py setup_site`; the demo seed calls the same function."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from members import permissions

REVIEW_WORKFLOW = "Controle door een coördinator"
REVIEW_TASK = "Coördinator keurt goed"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


@transaction.atomic
def grant_coordinator_editing(root: Page) -> Group:
    """Page permissions on `root` and everything below it, and upload rights in
    the root collection. Idempotent."""
    coordinators = Group.objects.get_or_create(name=permissions.COORDINATOR)[0]
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=coordinators,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    # Wagtail's migration makes the root collection; a flushed database
    # (transactional tests) has none.
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=coordinators,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    _assign_review_workflow(root, coordinators)
    return coordinators


def _assign_review_workflow(root: Page, reviewers: Group) -> Workflow:
    """Draft, review, publish: a page submitted for review waits for a coordinator's
    approval (Wagtail's workflow), for every page below `root`."""
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.add(reviewers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow
