"""WSGI entry point: plain HTTP workers (gunicorn), see docs/deployment.md."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerwerkplaats.settings.production")

application = get_wsgi_application()
