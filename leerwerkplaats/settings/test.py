"""The test suite: fast hashing, mail kept in memory, nothing sent anywhere."""

from .base import *  # noqa: F403
from .environment import env

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = env("LOG_LEVEL", "WARNING")  # noqa: F405
DEMO_CONTENT_ALLOWED = True
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None

# Parallel test workers (pytest-xdist in `make test`) share one Redis: each gets its own
# cache key prefix and channel-layer prefix, so no worker hears another's groups.
_WORKER = env("PYTEST_XDIST_WORKER", "")
if _WORKER and REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"lwp-{_WORKER}"  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"lwp-{_WORKER}"  # noqa: F405
