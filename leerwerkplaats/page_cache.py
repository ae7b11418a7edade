"""A full-page cache for visitors: anonymous GETs of Wagtail pages.

`PageCacheMiddleware` stands before every other middleware. It only ever serves
or stores a page for a request that carries none of the cookies that make a page
personal (session, messages, CSRF), and it never stores a response that sets a
cookie, is not a 200, is marked private/no-store/no-cache, or was not served by
a Wagtail page (`mark_cacheable`, called from the `before_serve_page` hook).

Keys hold the host, the language (from the address: `/en/...` is English,
everything else Dutch, as `i18n_patterns(prefix_default_language=False)` does),
the path and today's date. The date makes help pages show the right "laatst
gecontroleerd" warning from the day it applies (an entry also expires at
midnight). Each entry carries the generation it was drawn under; the generation
is raised whenever pages change (Wagtail's publish, unpublish, move and delete
signals, any page or view-restriction save, a site change), and an entry of
another generation is a miss, so a change empties the whole cache at once
without knowing its keys. The generation and the page are read together, in one
`get_many` (one MGET, one round trip to Redis).

A hit is answered before Django's handler by `PageCacheApplication`, the WSGI
application production serves (wsgi.py), by the same rules and the same read as
the middleware, which answers it for any other entry point (ASGI, the tests).

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
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import get_path_info, get_script_name, get_str_from_wsgi
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
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
# The WSGI wrapper's read of a miss, handed to the middleware (a client's headers
# reach the environ as HTTP_*; a name with a dot cannot come from a client).
ENVIRON_READ = "leerwerkplaats.page_cache.read"


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def generation() -> int:
    """The current generation; a new one is made when the cache lost it."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = _new_generation()
    return int(value)


def _new_generation() -> int:
    value = time.time_ns()
    cache.add(GENERATION_KEY, value, None)
    return int(cache.get(GENERATION_KEY, value))


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


# --- which requests, under which key ------------------------------------------------


def raw_host(meta: Mapping[str, Any]) -> str | None:
    """The host as Django's `HttpRequest._get_raw_host` reads it."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
        return meta["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in meta:
        return meta["HTTP_HOST"]
    host = meta.get("SERVER_NAME")
    if host is None:
        return None
    if settings.USE_X_FORWARDED_PORT and "HTTP_X_FORWARDED_PORT" in meta:
        port = meta["HTTP_X_FORWARDED_PORT"]
    else:
        port = meta.get("SERVER_PORT")
    port = str(port)
    return host if port == ("443" if _secure(meta) else "80") else f"{host}:{port}"


def allowed_host(host: str) -> bool:
    """What `HttpRequest.get_host` lets through: a host Django would refuse
    (DisallowedHost, a 400) is never answered from the cache. Django never stores
    a page for such a host anyway; this makes it explicit for the WSGI wrapper,
    which answers before Django has seen the request."""
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, allowed)


def _secure(meta: Mapping[str, Any]) -> bool:
    """`HttpRequest.is_secure` on the request's environ."""
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy:
        header, secure_value = proxy
        value = meta.get(header)
        if value is not None:
            return value.split(",", 1)[0].strip() == secure_value
    return meta.get("wsgi.url_scheme") == "https"


def candidate_key(
    meta: Mapping[str, Any],
    method: str,
    path_info: str,
    path: str,
    cookies: Callable[[], Mapping[str, str]],
) -> str | None:
    """The one test of "may this request be answered from, or stored in, the
    cache", with its key; None when it may not. The middleware asks it with the
    Django request's own attributes, the WSGI wrapper (`PageCacheApplication`) with
    the same values taken from the environ by Django's own functions."""
    if not enabled() or skipped_path(path_info):
        return None
    if method not in ("GET", "HEAD") or meta.get("QUERY_STRING"):
        return None
    if "HTTP_AUTHORIZATION" in meta:
        return None
    if meta.get("HTTP_COOKIE"):
        found = cookies()
        if any(name() in found for name in PERSONAL_COOKIES):
            return None
    host = raw_host(meta)
    if not host or not allowed_host(host):
        return None
    # SecurityMiddleware would redirect this request to HTTPS: let it.
    if settings.SECURE_SSL_REDIRECT and not _secure(meta):
        return None
    language = get_language_from_path(path_info) or settings.LANGUAGE_CODE
    raw = "|".join([host, language, timezone.localdate().isoformat(), path])
    return f"{KEY_PREFIX}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


def request_key(request: HttpRequest) -> str | None:
    """`candidate_key` for a Django request."""
    return candidate_key(
        request.META, request.method or "", request.path_info, request.path, lambda: request.COOKIES
    )


def is_candidate(request: HttpRequest) -> bool:
    """May this request be answered from, or stored in, the cache?"""
    return request_key(request) is not None


def mark_cacheable(request: HttpRequest) -> None:
    """Called for a page Wagtail is about to serve (wagtail_hooks.py)."""
    setattr(request, SERVED_FLAG, True)


def _seconds_until_midnight(now: datetime) -> int:
    local = timezone.localtime(now)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, int((midnight - local).total_seconds()))


# --- what is kept, read in one round trip ----------------------------------------


def read(key: str) -> tuple[int, dict[str, Any] | None]:
    """The current generation and the page kept under `key`, in one cache call
    (one MGET with Redis). A page kept under another generation is a miss: a
    publish raised the generation, so every kept page is stale at once."""
    found = cache.get_many([GENERATION_KEY, key])
    value = found.get(GENERATION_KEY)
    if value is None:
        return _new_generation(), None  # the cache lost it: nothing kept counts
    gen = int(value)
    stored = found.get(key)
    if not isinstance(stored, dict) or stored.get("generation") != gen:
        return gen, None
    return gen, stored


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


def _hit_headers(kept: list[tuple[str, str]], length: int, gzipped: bool) -> list[tuple[str, str]]:
    """The headers of a hit, made once when the page is kept."""
    response = HttpResponse()
    for name, value in kept:
        response[name] = value
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(length)
    response[HEADER] = "hit"
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
    return list(response.items())


def entry(gen: int, response: HttpResponseBase) -> dict[str, Any]:
    """What is kept for a page: its bytes compressed, the headers of both kinds
    of hit, and the generation it was drawn under."""
    kept = [
        (name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS
    ]
    content = response.content
    compressed = gzip_pages.compress(content)
    return {
        "generation": gen,
        "gzip": compressed,
        "gzip_headers": _hit_headers(kept, len(compressed), True),
        "plain_headers": _hit_headers(kept, len(content), False),
    }


def hit(
    stored: dict[str, Any], accept_encoding: str, head: bool
) -> tuple[list[tuple[str, str]], bytes]:
    """The headers and body of a hit, the same for the middleware and the WSGI
    wrapper. A client without gzip (rare: browsers all send it) gets the page
    decompressed."""
    if gzip_pages.accepts_gzip_header(accept_encoding):
        headers, body = stored["gzip_headers"], stored["gzip"]
    else:
        headers = stored["plain_headers"]
        body = b"" if head else zlib.decompress(stored["gzip"], 16 + zlib.MAX_WBITS)
    return headers, b"" if head else body


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = request_key(request)
        if key is None:
            return self.get_response(request)
        setattr(request, REQUEST_FLAG, True)
        # The WSGI wrapper read the cache already when it passed the request on.
        earlier = request.META.pop(ENVIRON_READ, None)
        if earlier is not None and earlier[0] == key:
            gen, stored = earlier[1], earlier[2]
        else:
            gen, stored = read(key)
        request._lwp_generation = gen
        if stored is not None:
            return self._rebuild(request, stored)
        response = self.get_response(request)
        if storable(request, response):
            # rendered by now: TemplateResponse is rendered inside the handler
            kept = entry(gen, response)
            cache.set(key, kept, _seconds_until_midnight(timezone.now()))
            response[HEADER] = "miss"
            patch_vary_headers(response, ("Accept-Encoding",))
            if gzip_pages.accepts_gzip(request):
                response.content = kept["gzip"]
                response["Content-Encoding"] = "gzip"
                response["Content-Length"] = str(len(kept["gzip"]))
        return response

    @staticmethod
    def _rebuild(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
        headers, body = hit(
            stored, request.META.get("HTTP_ACCEPT_ENCODING", ""), request.method == "HEAD"
        )
        response = HttpResponse(body)
        for name, value in headers:
            response[name] = value
        return response


# --- a hit before Django's handler -------------------------------------------------


class PageCacheApplication:
    """Production's WSGI application (leerwerkplaats/wsgi.py): a visitor's page
    kept in the cache is answered straight from the environ, before Django's
    handler builds a request; everything else goes to Django.

    The same rules as the middleware, by the same function (`candidate_key`, fed
    with what Django's `WSGIRequest` would hold: `get_path_info`,
    `get_script_name`, `parse_cookie`), the same read (`read`) and the same answer
    (`hit`): the headers kept with the page (the security headers among them),
    Content-Length, Vary and `X-Page-Cache: hit`. Only a key Django stored can
    hit, and the host is checked against ALLOWED_HOSTS before any read.

    Django's request_started and request_finished are not sent for a hit: they
    reset and close database connections (and the query log), and a hit touches
    no database; the cache needs no closing (Redis keeps its connection pool, the
    local-memory cache has nothing to close). On a miss the read is handed to the
    middleware in the environ, so a miss still costs one round trip."""

    def __init__(self, application: Callable[..., Any]) -> None:
        self.application = application

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        answer = self.answer(environ)
        if answer is None:
            return self.application(environ, start_response)
        headers, body = answer
        start_response("200 OK", headers)
        return [body]

    @staticmethod
    def answer(environ: dict[str, Any]) -> tuple[list[tuple[str, str]], bytes] | None:
        method = str(environ.get("REQUEST_METHOD", "")).upper()
        if method not in ("GET", "HEAD") or environ.get("QUERY_STRING"):
            return None
        try:
            path_info = get_path_info(environ) or "/"
            script_name = get_script_name(environ)
        except UnicodeError:
            return None
        # As WSGIRequest.__init__ makes request.path.
        path = f"{script_name.rstrip('/')}/{path_info.replace('/', '', 1)}"
        key = candidate_key(
            environ,
            method,
            path_info,
            path,
            lambda: parse_cookie(get_str_from_wsgi(environ, "HTTP_COOKIE", "")),
        )
        if key is None:
            return None
        gen, stored = read(key)
        if stored is None:
            environ[ENVIRON_READ] = (key, gen, None)
            return None
        return hit(stored, environ.get("HTTP_ACCEPT_ENCODING", ""), method == "HEAD")


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
