"""Production: PostgreSQL, Redis, several ASGI/WSGI workers behind a TLS proxy.

Every value that must not be guessed is required; start-up stops with a clear
message when one is missing (see docs/deployment.md)."""

from pathlib import Path

from .base import *  # noqa: F403
from .environment import database_from_env, env, env_bool, env_list, require

SECRET_KEY = require("SECRET_KEY", "Set it to a long random value, kept out of the repository.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [
    require("ALLOWED_HOSTS", "Set it to the site's host name(s), comma-separated.")
]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [f"https://{h}" for h in ALLOWED_HOSTS])

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
WAGTAILADMIN_BASE_URL = require("SITE_URL", "Set it to the public address, e.g. https://...")

require("DATABASE_URL", "Production runs on PostgreSQL: postgres://user:password@host:5432/name.")
require(
    "REDIS_URL", "Several workers share the channel layer, cache and rate limits through Redis."
)
DATABASES = {"default": database_from_env()}
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

# Where collectstatic writes and uploads are kept; the defaults are staticfiles/ and
# media/ in the checkout. nginx serves both from these paths (deploy/nginx.conf).
STATIC_ROOT = Path(env("STATIC_ROOT", str(STATIC_ROOT)))  # noqa: F405
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(MEDIA_ROOT)))  # noqa: F405

# Behind the reverse proxy every request comes from 127.0.0.1: allauth's rate
# limits must read the client address from the header the proxy sets (and only
# that one; docs/deployment.md). adapters.py turns it into a pseudonym at once.
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", "X-Real-IP")

# TOTP secrets and recovery codes are encrypted with this key (members/adapters.py).
# Its own variable: were it derived from SECRET_KEY, rotating that key would lock
# out every moderator and coordinator.
MFA_ENCRYPTION_KEY = require(
    "MFA_ENCRYPTION_KEY",
    "Set it to a long random value of its own, kept as long as the database "
    "(changing it makes every TOTP device and recovery code unreadable).",
)

# Account mail (verification, password reset) must really leave: no localhost
# relay and no .local sender by default.
EMAIL_HOST = require("EMAIL_HOST", "Set it to the SMTP relay for account mail.")
DEFAULT_FROM_EMAIL = require(
    "DEFAULT_FROM_EMAIL",
    "Set it to the sender of account mail, e.g. HG Leerwerkplaats <noreply@example.nl>.",
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people write to, in every e-mail and on the sign-up pages: the
# development default is a placeholder that no one reads.
CONTACT_EMAIL = require(
    "CONTACT_EMAIL",
    "Set it to the address that answers questions from members and visitors.",
)

if PRIVACY_SERVICE_URL:  # noqa: F405
    PRIVACY_SERVICE_TOKEN = require(
        "PRIVACY_SERVICE_TOKEN",
        "The privacy service answers only callers with its shared token: set the same "
        "value for the service and the workers.",
    )
