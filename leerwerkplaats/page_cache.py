"""A full-page cache for visitors: anonymous GETs of Wagtail pages.

`PageCacheMiddleware` stands before every other middleware. It only ever serves
or stores a page for a request that carries none of the cookies that make a page
personal (session, messages, CSRF), and it never stores a response that sets a
cookie, is not a 200, is marked private/no-store/no-cache, or was not served by
a Wagtail page (`mark_cacheable`, called from the `before_serve_page` hook).

Keys hold the host, the language (from the address: `/en/...` is English,
everything else Dutch, as `i18n_patterns(prefix_default_language=False)` does),
the path, today's date and a generation number. The date makes help pages show
the right "laatst gecontroleerd" warning from the day it applies (an entry also
expires at midnight); the generation is raised whenever pages change (Wagtail's
publish, unpublish, move and delete signals, any page or view-restriction save,
a site change), which empties the whole cache at once without knowing its keys.

A stored page is kept gzip-compressed, compressed once when it is stored
(gzip_pages.py): a client that accepts gzip gets those bytes with
`Content-Encoding: gzip`, any other the page decompressed; both with
`Vary: Accept-Encoding`.

Cacheable requests get no CSP nonce (`SiteCSPMiddleware`): a stored nonce would
be the same for every visitor, and the site's scripts are files from 'self'.
The same generation also guards the site shell's in-memory data (shell_cache.py).
"""

from __future__ import annotations

import hashlib
import time
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

from . import gzip_pages

GENERATION_KEY = "pagecache:generation"
KEY_PREFIX = "pagecache:page"
HEADER = "X-Page-Cache"
# What makes a response personal: Django's session, messages and CSRF cookies.
PERSONAL_COOKIES = (
    lambda: settings.SESSION_COOKIE_NAME,
    lambda: getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
    lambda: settings.CSRF_COOKIE_NAME,
)
# Headers kept with a stored page; hop-by-hop and per-response ones are not.
DROPPED_HEADERS = {"set-cookie", "content-length", "date", "content-encoding", HEADER.lower()}
# Never pages: the minimal view, files, the admin, documents, the accounts' forms.
SKIPPED_PREFIXES = (
    "/healthz",
    "/static/",
    "/media/",
    "/beheer/",
    "/documenten/",
    "/robots.txt",
    "/sitemap.xml",
)
REQUEST_FLAG = "_lwp_page_cache_candidate"
SERVED_FLAG = "_lwp_page_cache_page"


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def generation() -> int:
    """The current generation; a new one is made when the cache lost it."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return int(value)


def request_generation(request: HttpRequest | None) -> int:
    """The generation, read once per request (the middleware usually did)."""
    if request is None:
        return generation()
    value = getattr(request, "_lwp_generation", None)
    if value is None:
        value = generation()
        request._lwp_generation = value
    return value


def _bump() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), None)


def purge() -> None:
    """Forget every cached page (and the shell data): now, and again when the
    transaction commits, so no request caches the old page in between."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def skipped_path(path: str) -> bool:
    return path.startswith(SKIPPED_PREFIXES)


def is_candidate(request: HttpRequest) -> bool:
    """May this request be answered from, or stored in, the cache?"""
    if skipped_path(request.path_info):
        return False
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return not any(name() in cookies for name in PERSONAL_COOKIES)


def mark_cacheable(request: HttpRequest) -> None:
    """Called for a page Wagtail is about to serve (wagtail_hooks.py)."""
    setattr(request, SERVED_FLAG, True)


def _seconds_until_midnight(now: datetime) -> int:
    local = timezone.localtime(now)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, int((midnight - local).total_seconds()))


def cache_key(request: HttpRequest, gen: int) -> str:
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    raw = "|".join(
        [
            request._get_raw_host(),
            language,
            timezone.localdate().isoformat(),
            request.path,
        ]
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()[:40]
    return f"{KEY_PREFIX}:{gen}:{digest}"


def storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if not getattr(request, SERVED_FLAG, False) or request.method != "GET":
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Set-Cookie") or response.has_header("Content-Encoding"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    # A nonce in the policy would be replayed to every visitor.
    return "nonce-" not in response.get("Content-Security-Policy", "")


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not enabled() or not is_candidate(request):
            return self.get_response(request)
        setattr(request, REQUEST_FLAG, True)
        gen = request_generation(request)
        key = cache_key(request, gen)
        stored = cache.get(key)
        if isinstance(stored, dict) and "gzip" in stored:
            return self._rebuild(request, stored)
        response = self.get_response(request)
        if storable(request, response):
            # rendered by now: TemplateResponse is rendered inside the handler
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in DROPPED_HEADERS
            ]
            compressed = gzip_pages.compress(response.content)
            cache.set(
                key,
                {"gzip": compressed, "headers": headers},
                _seconds_until_midnight(timezone.now()),
            )
            response[HEADER] = "miss"
            patch_vary_headers(response, ("Accept-Encoding",))
            if gzip_pages.accepts_gzip(request):
                response.content = compressed
                response["Content-Encoding"] = "gzip"
                response["Content-Length"] = str(len(compressed))
        return response

    @staticmethod
    def _rebuild(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
        compressed = stored["gzip"]
        gzipped = gzip_pages.accepts_gzip(request)
        # A client without gzip (rare: browsers all send it) gets it decompressed.
        body = compressed if gzipped else zlib.decompress(compressed, 16 + zlib.MAX_WBITS)
        response = HttpResponse(b"" if request.method == "HEAD" else body)
        for name, value in stored["headers"]:
            response[name] = value
        if gzipped:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(body))
        response[HEADER] = "hit"
        patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
        return response


# --- invalidation -------------------------------------------------------------


def purge_on_signal(sender: Any, **kwargs: Any) -> None:
    purge()


def purge_on_page_write(sender: Any, instance: Any, **kwargs: Any) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        purge()


def connect_signals() -> None:
    """Called from LeerwerkplaatsConfig.ready()."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(purge_on_signal, dispatch_uid=f"page_cache_{signal!r}")
    # Any save or delete of a page (a title changed in the shell, a page deleted
    # with its subtree), of a view restriction or of a site.
    post_save.connect(purge_on_page_write, dispatch_uid="page_cache_page_saved")
    post_delete.connect(purge_on_page_write, dispatch_uid="page_cache_page_deleted")
    for model in (PageViewRestriction, Site):
        post_save.connect(purge_on_signal, sender=model, dispatch_uid=f"page_cache_{model}_s")
        post_delete.connect(purge_on_signal, sender=model, dispatch_uid=f"page_cache_{model}_d")
    # The groups a restriction admits (the shell keeps restrictions in memory).
    m2m_changed.connect(
        purge_on_signal,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="page_cache_restriction_groups",
    )
