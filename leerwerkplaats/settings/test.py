"""The test suite: fast hashing, mail kept in memory, nothing sent anywhere."""

from urllib.parse import urlsplit, urlunsplit

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
# Tests, benchmarks and the load test post many replies as one member; the limit's own
# test turns it on (tests/forum/test_services.py).
FORUM_POSTS_PER_MINUTE = None
# The same for the privacy checks of the forms (its test turns it on: tests/forum/test_views.py).
PRIVACY_CHECKS_PER_MINUTE = None
# And for the forum's reactions (its test turns it on: tests/forum/test_views.py).
FORUM_REACTIONS_PER_MINUTE = None
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None

# Parallel test workers (pytest-xdist in `make test`) share one Redis server: each worker
# uses its own Redis database (gw0 -> 1, gw1 -> 2, ...), so a test that clears the cache
# (FLUSHDB) or a channel group never reaches another worker's keys. Idempotent: a
# subprocess started with this URL and the same worker id keeps the same database.
_WORKER = env("PYTEST_XDIST_WORKER", "")
if _WORKER and REDIS_URL:  # noqa: F405
    _db = int(_WORKER.removeprefix("gw")) + 1
    REDIS_URL = urlunsplit(urlsplit(REDIS_URL)._replace(path=f"/{_db}"))  # noqa: F405
    CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [REDIS_URL]  # noqa: F405
