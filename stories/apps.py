from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Verhalen")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_save
        from wagtail.models import Comment, CommentReply, PageLogEntry, TaskState, WorkflowState
        from wagtail.signals import page_published, page_unpublished

        from . import receivers, services
        from .models import StoryPage, workflow_state_changed

        services.register_audit_actions()
        page_published.connect(
            receivers.purge_on_publish, sender=StoryPage, dispatch_uid="stories_purge_on_publish"
        )
        page_published.connect(
            receivers.discussion_on_publish,
            sender=StoryPage,
            dispatch_uid="stories_discussion_on_publish",
        )
        page_published.connect(
            receivers.announce_on_publish,
            sender=StoryPage,
            dispatch_uid="stories_announce_on_publish",
        )
        page_unpublished.connect(
            receivers.discussion_on_unpublish,
            sender=StoryPage,
            dispatch_uid="stories_discussion_on_unpublish",
        )
        page_unpublished.connect(
            receivers.search_on_unpublish,
            sender=StoryPage,
            dispatch_uid="stories_search_on_unpublish",
        )
        pre_save.connect(
            receivers.redact_review_comment,
            sender=TaskState,
            dispatch_uid="stories_redact_review_comment",
        )
        pre_save.connect(
            receivers.redact_page_comment, sender=Comment, dispatch_uid="stories_redact_comment"
        )
        pre_save.connect(
            receivers.drop_old_title,
            sender=PageLogEntry,
            dispatch_uid="stories_drop_old_title",
        )
        pre_save.connect(
            receivers.redact_comment_reply,
            sender=CommentReply,
            dispatch_uid="stories_redact_comment_reply",
        )
        for signal in (post_save, post_delete):
            signal.connect(
                workflow_state_changed,
                sender=WorkflowState,
                dispatch_uid=f"stories_workflow_state_changed_{signal is post_save}",
            )
