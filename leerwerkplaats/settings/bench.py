"""`make bench`: serve like production, but over plain HTTP on 127.0.0.1.

The benchmarks must measure what production runs (DEBUG off, hashed static
files from WhiteNoise, the full middleware stack), without TLS, PostgreSQL or
Redis, which would measure the machine's services instead of the stack. The
database is a throw-away SQLite file (WAL) that bench/run.py creates, migrates
and seeds; nothing here has a default that could point at real data.
"""

import hashlib
from pathlib import Path

from .base import *  # noqa: F403
from .environment import env, require

SECRET_KEY = require("SECRET_KEY", "bench/run.py sets a random one for each run.")
require("DATABASE_URL", "bench/run.py points it at a temporary SQLite file.")
ALLOWED_HOSTS = ["127.0.0.1"]

# Plain HTTP on the loopback interface: no redirect to HTTPS, no Secure cookies.
SECURE_SSL_REDIRECT = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"

# collectstatic writes into a temporary folder, so a run never touches the
# checkout's staticfiles/.
STATIC_ROOT = Path(require("BENCH_STATIC_ROOT", "bench/run.py sets a temporary folder."))
MEDIA_ROOT = STATIC_ROOT.parent / "media"
# One process per server and no shared services: Redis would add a network hop
# that the stack benchmark does not mean to measure, even when REDIS_URL is set.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# bench/pages.py measures production's layout too: Redis as cache and channel layer,
# only when BENCH_REDIS_URL names one. The run flushes nothing: its keys carry a
# prefix of their own per run (from the run's random SECRET_KEY), so no run reads
# another's pages, and bench/pages.py deletes that prefix's keys afterwards.
BENCH_REDIS_URL = env("BENCH_REDIS_URL")
if BENCH_REDIS_URL:
    _run = hashlib.sha256(SECRET_KEY.encode()).hexdigest()[:12]
    CACHES = {
        "default": {
            "BACKEND": "leerwerkplaats.redis_cache.RedisCache",
            "LOCATION": BENCH_REDIS_URL,
            "KEY_PREFIX": f"lwp-bench-{_run}",
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [BENCH_REDIS_URL], "prefix": f"lwp-bench-{_run}"},
        }
    }
# As base.py chooses: sessions from the cache only when it is shared (Redis).
SESSION_ENGINE = "members.sessions" if BENCH_REDIS_URL else "django.contrib.sessions.backends.db"
PRIVACY_SERVICE_URL = None

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEMO_CONTENT_ALLOWED = True
# Logging to the console under load would measure the terminal.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
