import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .sitemap import VisitorSitemap

handler400 = "leerwerkplaats.views.bad_request"
handler403 = "leerwerkplaats.views.permission_denied"
handler404 = "leerwerkplaats.views.page_not_found"
handler500 = "leerwerkplaats.views.server_error"

urlpatterns = [
    # One way in: the Wagtail admin's own login form would bypass allauth's rate
    # limits and MFA, so it only forwards to the site's login.
    path(
        "beheer/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login_redirect",
    ),
    # A few admin screens, without the stories' private drafts: ahead of Wagtail's.
    path("beheer/", include("stories.admin_urls")),
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Live pages a visitor can read only (leerwerkplaats/sitemap.py).
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": VisitorSitemap}}, name="sitemap"),
]

if settings.DEBUG:
    # In production the reverse proxy serves media (docs/deployment.md); here,
    # as there, only the public image folders.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            views.serve_public_media,
        )
    ]

# Dutch at /, English at /en/: the language is in the address, so switching it
# needs no cookie and every page carries the right `lang`.
urlpatterns += i18n_patterns(
    path("account/", include("allauth.urls")),
    path("mijn/", include("members.urls")),
    path("casussen/", include("casuistry.urls")),
    path("forum/", include("forum.urls")),
    path("meldingen/", include("notifications.urls")),
    path("intervisie/", include("intervisie.urls")),
    path("", include("courses.urls")),
    path("verhalen/", include("stories.urls")),
    # Wagtail's own front-end login form, also replaced by the one way in.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("zoeken/", views.search, name="site_search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
