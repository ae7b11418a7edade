"""What the apps add to the home page, without the home page knowing them.

An app registers a section with the Wagtail hook `register_home_section`; the
hook function returns a dict (apps must not import this package):

    @hooks.register("register_home_section")
    def continue_learning():
        return {
            "key": "continue",
            "audience": "members",          # or "visitors" or "everyone"
            "order": 10,
            "template": "courses/home/continue_learning.html",
            # courses.selectors: reads through the app's own selectors, so the
            # home page never reaches into its models.
            "context": lambda request: {"lessons": courses_in_progress(user=request.user)},
        }

A section whose context is None or empty is left out, so "nothing in progress"
shows nothing rather than an empty heading. Planned: courses in progress
("Verder waar je was") and expiring certificates (courses), what is new in the
forum (forum) and casuistry (casuistry); for visitors public courses and stories."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NotRequired, TypedDict

from django.http import HttpRequest
from wagtail import hooks

HOME_SECTION_HOOK = "register_home_section"

Audience = Literal["members", "visitors", "everyone"]


class HomeSectionSpec(TypedDict):
    key: str
    template: str
    context: Callable[[HttpRequest], Mapping[str, Any] | None]
    audience: NotRequired[Audience]
    order: NotRequired[int]


@dataclass(frozen=True)
class HomeSection:
    key: str
    template: str
    context: Mapping[str, Any]


def _shown_to(audience: Audience, request: HttpRequest) -> bool:
    if audience == "everyone":
        return True
    return request.user.is_authenticated == (audience == "members")


def home_sections_for(request: HttpRequest) -> list[HomeSection]:
    specs: list[HomeSectionSpec] = [fn() for fn in hooks.get_hooks(HOME_SECTION_HOOK)]
    specs.sort(key=lambda spec: (spec.get("order", 100), spec["key"]))
    sections = []
    for spec in specs:
        if not _shown_to(spec.get("audience", "members"), request):
            continue
        context = spec["context"](request)
        if context:
            sections.append(HomeSection(spec["key"], spec["template"], context))
    return sections
