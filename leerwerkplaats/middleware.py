"""Content-Security-Policy per kind of route."""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

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
