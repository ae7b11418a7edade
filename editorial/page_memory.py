"""The apps' way into the site shell's page memory, in one place.

The site shell (leerwerkplaats/shell_cache.py) keeps data that follows from pages
alone in the worker's memory, one generation at a time (every page save, publish,
move or delete, view-restriction or site change starts a new one). No app may
import the project package, so the shell answers through two Wagtail hooks that
leerwerkplaats/wagtail_hooks.py registers under these names; without it (a test
that registers none) an app simply builds the value itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest
from wagtail import hooks

# fn(request, key, build) -> build()'s value, built once per generation. Only for
# data that follows from pages alone: never what a member did.
PAGE_MEMORY_HOOK = "page_memory"

# fn(page) -> the page's view restrictions (Wagtail's `Page.get_view_restrictions`
# answer) from the shell's memory, or None to leave it to Wagtail.
VIEW_RESTRICTIONS_HOOK = "page_view_restrictions"

T = TypeVar("T")


def remembered(
    request: HttpRequest | None, app: str, key: tuple[Any, ...], build: Callable[[], T]
) -> T:
    """`build()`'s value from the shell's memory for this generation, kept under
    `(app, *key)` so that two apps' keys never meet; built here when no shell
    answers the hook."""
    for memory in hooks.get_hooks(PAGE_MEMORY_HOOK):
        return memory(request, (app, *key), build)
    return build()
