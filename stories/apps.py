from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Verhalen")

    def ready(self) -> None:
        from wagtail.signals import page_published, page_unpublished

        from . import receivers, services
        from .models import StoryPage

        services.register_audit_actions()
        page_published.connect(
            receivers.purge_on_publish, sender=StoryPage, dispatch_uid="stories_purge_on_publish"
        )
        page_published.connect(
            receivers.discussion_on_publish,
            sender=StoryPage,
            dispatch_uid="stories_discussion_on_publish",
        )
        page_unpublished.connect(
            receivers.discussion_on_unpublish,
            sender=StoryPage,
            dispatch_uid="stories_discussion_on_unpublish",
        )
