"""WSGI entry point: plain HTTP workers (gunicorn), see docs/deployment.md.

A visitor's page kept in the page cache is answered before Django's handler
(page_cache.PageCacheApplication); every other request goes to Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerwerkplaats.settings.production")

django_application = get_wsgi_application()

from leerwerkplaats.page_cache import PageCacheApplication  # noqa: E402 - after setup

application = PageCacheApplication(django_application)
