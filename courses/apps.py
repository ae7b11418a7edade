from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen")

    def ready(self) -> None:
        from members import audit

        from . import services

        audit.register_actions(
            "courses", {services.AUDIT_CERTIFICATE_CORRECTED: _("Certificaat gecorrigeerd")}
        )
        services.register_personal_data()
        _connect_outline_signals()

        from members.cache_versions import register_fresh_value

        from .selectors import REFLECTION_TOKEN, reflection_token

        register_fresh_value(REFLECTION_TOKEN, reflection_token)


def _forget_outlines(sender: Any, **kwargs: Any) -> None:
    from .selectors import forget_course_outlines

    forget_course_outlines()


def _forget_outlines_on_page_write(sender: Any, instance: Any, **kwargs: Any) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        _forget_outlines(sender)


def _connect_outline_signals() -> None:
    """A lesson page reads its course's title, pass mark and lessons from the cache
    (`selectors.course_outline`): any page saved, published, unpublished, moved,
    renamed or deleted makes every outline be read afresh."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_forget_outlines, dispatch_uid=f"courses_outline_{signal!r}")
    post_save.connect(_forget_outlines_on_page_write, dispatch_uid="courses_outline_saved")
    post_delete.connect(_forget_outlines_on_page_write, dispatch_uid="courses_outline_deleted")
