"""What every page of the site shell reads and rarely changes, kept in the
worker's memory: the Wagtail site of a host, the main menu, the footer links,
breadcrumb trails and where a page's address leads.

Every entry belongs to the page cache's generation (page_cache.py), which any
page publish, unpublish, move, delete or save, view-restriction or site change
raises in the shared cache: the first request after a change in each worker
reads the generation (one cache read per request, shared with the page cache)
and starts a fresh memo. Values are plain data (titles, URLs, primary keys) or
objects the site only reads (the Site with its root page).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db.models import Q
from django.http import HttpRequest, HttpResponseBase
from django.http.request import split_domain_port

from .page_cache import request_generation, skipped_path

T = TypeVar("T")
MAX_ENTRIES = 2000

_lock = threading.Lock()
_memo: dict[Hashable, Any] = {}
_memo_generation: list[int | None] = [None]
# The request being served (SiteMiddleware), for callers Wagtail gives no request
# (Page.get_view_restrictions): they share its one read of the generation.
_current_request: ContextVar[HttpRequest | None] = ContextVar("lwp_shell_request", default=None)


def remember(request: HttpRequest | None, key: Hashable, build: Callable[[], T]) -> T:
    """`build()`'s value for `key` in the current generation, built once per worker."""
    gen = request_generation(request if request is not None else _current_request.get())
    if _memo_generation[0] == gen:
        try:
            return _memo[key]
        except KeyError:
            pass
    value = build()
    with _lock:
        if _memo_generation[0] != gen or len(_memo) >= MAX_ENTRIES:
            _memo.clear()
            _memo_generation[0] = gen
        _memo[key] = value
    return value


def clear() -> None:
    with _lock:
        _memo.clear()
        _memo_generation[0] = None


def site_for_request(request: HttpRequest) -> Any:
    """Wagtail's Site for the request's host, from memory (Site.find_for_request
    reads it from request._wagtail_site once set)."""
    from wagtail.models import Site

    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    return remember(
        request,
        ("site", hostname, port),
        lambda: Site._find_for_request(request),
    )


def _restrictions(request: HttpRequest | None) -> list[tuple[str, int]]:
    """Every view restriction as (its page's path, its id): one read per generation."""
    from wagtail.models import PageViewRestriction

    return remember(
        request,
        ("view_restrictions",),
        lambda: list(PageViewRestriction.objects.values_list("page__path", "pk")),
    )


def private_sections_q(request: HttpRequest | None) -> Q:
    """Wagtail's `PageQuerySet.private_q()` from memory: the pages in a restricted
    section (the restricted page and everything under it). Paths grow by fixed
    steps, so a prefix of the path is a descendant-or-self."""
    q = Q()
    for path in {path for path, _ in _restrictions(request)}:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def view_restrictions_for(page: Any, request: HttpRequest | None) -> Any:
    """Wagtail's `Page.get_view_restrictions()` (the page's and its ancestors'
    restrictions), without its two queries when the memory shows none apply:
    a page with no restriction above it (nearly every page) reads nothing; one
    below a restriction reads exactly those, by id. Pages that are aliases, or
    lie under one, take Wagtail's own way (an alias uses its source's
    restrictions)."""
    from wagtail.models import Page, PageViewRestriction

    alias_paths = remember(
        request,
        ("alias_paths",),
        lambda: list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
    )
    if page.alias_of_id or any(page.path.startswith(path) for path in alias_paths):
        return Page.get_view_restrictions(page)
    ids = [pk for path, pk in _restrictions(request) if page.path.startswith(path)]
    if not ids:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=ids)


class SiteMiddleware:
    """Sets the Wagtail site from memory, so neither routing nor the shell's
    template tags look it up in the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if skipped_path(request.path_info):
            return self.get_response(request)
        request._wagtail_site = site_for_request(request)
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
