"""Views of the site shell that are not Wagtail pages."""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from .forms import SearchForm
from .search import search_site

# Where no search engine should go: the admin, accounts, everything only members
# see, and search results (endless, and nothing a search engine should list).
ROBOTS_DISALLOWED = ("/beheer/", "/account/", "/forum/", "/casuistiek/", "/mijn/", "/zoeken/")
# The only media a browser may fetch straight from disk: image originals and
# renditions, both cleaned of metadata by the storage. Documents go through
# Wagtail's serve view (permission checked, attachment); wagtail_uploads/ holds
# files an editor has not finished adding and is never public. The nginx
# configuration in docs/deployment.md serves the same folders and no others.
PUBLIC_MEDIA_PREFIXES = ("images/", "original_images/")


@require_GET
def serve_public_media(request: HttpRequest, path: str) -> HttpResponse:
    """Media in development (DEBUG): the public folders only."""
    normalised = posixpath.normpath(path).lstrip("/")
    if not normalised.startswith(PUBLIC_MEDIA_PREFIXES):
        raise Http404
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer: the process answers. Touches neither database nor cache,
    so it is also the benchmarks' reference for the cost of the stack itself."""
    return HttpResponse(b"ok", content_type="text/plain")


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    # Unbound until something is submitted: an empty box asks for a word, the
    # first visit does not scold.
    form = SearchForm(request.GET if "q" in request.GET else None)
    query = form.query()
    groups = search_site(query, user=request.user, request=request) if query else []
    return render(
        request,
        "leerwerkplaats/search.html",
        {
            "form": form,
            "query": query,
            "groups": groups,
            "result_count": sum(len(group.hits) for group in groups),
            "search_url": reverse("site_search"),
            "breadcrumb_title": _("Zoeken"),
            # The page's own search form is the one search landmark here.
            "hide_header_search": True,
        },
    )


def robots_disallowed_paths() -> list[str]:
    """Each path, and the same path under every other language's prefix (/en/...)."""
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    prefixes = ["", *(f"/{code}" for code in others)]
    return [prefix + path for path in ROBOTS_DISALLOWED for prefix in prefixes]


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "robots.txt",
        {
            "disallowed": robots_disallowed_paths(),
            "sitemap_url": request.build_absolute_uri("/sitemap.xml"),
        },
        content_type="text/plain; charset=utf-8",
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Our guards raise PermissionDenied with a Dutch sentence that says why.
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # A standalone template without context processors: the failure may be in one of them.
    return HttpResponseServerError(loader.get_template("500.html").render())
