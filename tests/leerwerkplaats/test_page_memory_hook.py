"""The apps reach the site shell's page memory through one helper,
editorial.page_memory.remembered (an app may not import the project package):
courses and stories no longer each carry a copy of it and of the hook's name."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from wagtail import hooks

import courses.models
import courses.selectors.catalogue
import stories.selectors
from editorial import page_memory


def test_courses_and_stories_share_the_one_helper():
    assert courses.selectors.catalogue.remembered is page_memory.remembered
    assert stories.selectors.remembered is page_memory.remembered
    assert not hasattr(courses.models, "remembered")
    assert not hasattr(courses.models, "PAGE_MEMORY_HOOK")
    assert not hasattr(stories.selectors, "_remembered")
    assert not hasattr(stories.selectors, "PAGE_MEMORY_HOOK")


def test_the_shell_registers_the_hooks_the_helper_names():
    assert hooks.get_hooks(page_memory.PAGE_MEMORY_HOOK)
    assert hooks.get_hooks(page_memory.VIEW_RESTRICTIONS_HOOK)


def test_each_app_keeps_its_own_keys(rf):
    asked = []

    def memory(request, key, build):
        asked.append(key)
        return []

    index = SimpleNamespace(pk=7)
    request = rf.get("/")
    with hooks.register_temporarily(page_memory.PAGE_MEMORY_HOOK, memory, order=-1):
        courses.selectors.catalogue.course_list(index=index, user=AnonymousUser(), request=request)
        stories.selectors.story_list(index=index, user=AnonymousUser(), request=request)
    assert asked == [("courses", "catalogue", 7), ("stories", "list", 7, False)]


def test_without_a_shell_the_value_is_built_here(monkeypatch):
    monkeypatch.setattr(page_memory.hooks, "get_hooks", lambda name: [])
    assert page_memory.remembered(None, "courses", ("x",), lambda: 42) == 42
