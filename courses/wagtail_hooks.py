"""Where courses plugs into Wagtail: live course and lesson pages are served through
the views, the pages get their reading state from the selectors, and the home page
gets the courses' sections (the home page never imports this app).

The models sit below the views and selectors and import neither: this module, at
the top, connects them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from . import selectors, views
from .models import PAGE_CONTEXT_HOOK, CourseIndexPage, CoursePage, LessonPage

ServeChain = Callable[[Page, HttpRequest, Any, Any], HttpResponse]


@hooks.register("on_serve_page")
def serve_courses_through_views(next_serve: ServeChain) -> ServeChain:
    """A live lesson (GET records the view, POST a quiz, scenario or reflection) and a
    POST on a course page go to the views. Previews never pass here, so a preview
    records nothing. Runs after the before_serve_page checks (view restrictions)."""

    def serve(page: Page, request: HttpRequest, args: Any, kwargs: Any) -> HttpResponse:
        if isinstance(page, LessonPage):
            return views.serve_lesson(request, page, *args, **kwargs)
        if isinstance(page, CoursePage) and request.method == "POST":
            return views.course_action(request, page)
        return next_serve(page, request, args, kwargs)

    return serve


@hooks.register(PAGE_CONTEXT_HOOK)
def page_context(page: Page, request: HttpRequest, **kwargs: Any) -> dict[str, Any] | None:
    """What a course page shows the visitor or member looking at it (also in a preview)."""
    if isinstance(page, LessonPage):
        return selectors.lesson_state(
            lesson=page,
            user=request.user,
            retake=kwargs.get("retake", False),
            posted_answers=kwargs.get("posted_answers"),
            quiz_error=kwargs.get("quiz_error", ""),
            posted_reflection=kwargs.get("posted_reflection"),
            reflection_error=kwargs.get("reflection_error"),
            reflection_privacy=kwargs.get("reflection_privacy"),
            learner=kwargs.get("learner"),
            outline=kwargs.get("outline"),
            request=request,
            # A preview shows a draft under the live revision's number: never cached.
            use_cache=not getattr(request, "is_preview", False),
        )
    if isinstance(page, CoursePage):
        return selectors.course_overview(course=page, user=request.user)
    if isinstance(page, CourseIndexPage):
        return {"courses": selectors.course_list(index=page, user=request.user, request=request)}
    return None


@hooks.register("register_home_section")
def continue_learning() -> dict[str, Any]:
    def context(request: Any) -> dict[str, Any] | None:
        items = selectors.courses_in_progress(user=request.user)
        return {"title": _("Verder waar je was"), "items": items} if items else None

    return {
        "key": "verder-leren",
        "audience": "members",
        "order": 10,
        "template": "includes/home_section.html",
        "context": context,
    }


@hooks.register("register_home_section")
def expiring_certificates() -> dict[str, Any]:
    def context(request: Any) -> dict[str, Any] | None:
        items = selectors.expiring_certificates(user=request.user)
        return (
            {"title": _("Certificaten die binnenkort verlopen"), "items": items} if items else None
        )

    return {
        "key": "verloopt-binnenkort",
        "audience": "members",
        "order": 20,
        "template": "includes/home_section.html",
        "context": context,
    }


@hooks.register("register_search_kind")
def course_pages_search_kind() -> dict[str, Any]:
    """Everyone finds the courses; their lessons open to approved members only."""
    return {"key": "courses", "label": _("Cursussen"), "order": 20, "page_models": [CoursePage]}


@hooks.register("register_search_kind")
def lesson_pages_search_kind() -> dict[str, Any]:
    return {
        "key": "lessons",
        "label": _("Lessen"),
        "order": 25,
        "members_only": True,
        "page_models": [LessonPage],
    }
