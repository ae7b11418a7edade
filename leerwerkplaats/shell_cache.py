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
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponseBase
from django.http.request import split_domain_port

from .page_cache import request_generation, skipped_path

T = TypeVar("T")
MAX_ENTRIES = 2000

_lock = threading.Lock()
_memo: dict[Hashable, Any] = {}
_memo_generation: list[int | None] = [None]


def remember(request: HttpRequest | None, key: Hashable, build: Callable[[], T]) -> T:
    """`build()`'s value for `key` in the current generation, built once per worker."""
    gen = request_generation(request)
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


class SiteMiddleware:
    """Sets the Wagtail site from memory, so neither routing nor the shell's
    template tags look it up in the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not skipped_path(request.path_info):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)
