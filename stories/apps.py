from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Verhalen")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import receivers, services
        from .models import StoryPage

        services.register_audit_actions()
        page_published.connect(
            receivers.purge_on_publish, sender=StoryPage, dispatch_uid="stories_purge_on_publish"
        )
