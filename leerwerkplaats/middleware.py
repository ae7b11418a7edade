"""Content-Security-Policy per kind of route; the refusal at the admin's door."""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from .page_cache import REQUEST_FLAG


class SiteCSPMiddleware(CSPMiddleware):
    """The strict site policy everywhere, except the Wagtail admin, whose pages
    need inline scripts and styles and frame their own previews.

    A request the page cache may store (page_cache.py) gets no nonce at all: the
    same stored nonce would be sent to every visitor. Its policy stays strict:
    scripts only from the site's own files ('self')."""

    def process_request(self, request: HttpRequest) -> None:
        if getattr(request, REQUEST_FLAG, False):
            request.csp_nonce = ""
            return
        super().process_request(request)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_PATH_PREFIX)
        ):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN
            # A nonce would switch off 'unsafe-inline' in the browser.
            parts.nonce = None
        if getattr(request, REQUEST_FLAG, False):
            parts.nonce = None
        return parts


class AdminRefusalMiddleware:
    """A logged-in member without access to the Wagtail admin gets the refusal
    page. Wagtail itself sends them to the login form, which sends a logged-in
    user straight back: the browser gave up with ERR_TOO_MANY_REDIRECTS."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path_info.startswith(settings.ADMIN_PATH_PREFIX)
            # The admin's login address only forwards to the site's login form.
            and request.path_info != f"{settings.ADMIN_PATH_PREFIX}login/"
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied(
                _(
                    "Het beheer is alleen voor moderatoren en coördinatoren. "
                    "Je bent ingelogd, maar je account heeft die rol niet."
                )
            )
        return self.get_response(request)
