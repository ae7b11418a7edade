"""Settings shared by every environment. Secure by default: DEBUG is off and
nothing secret has a default here; dev.py and test.py relax what they must."""

from __future__ import annotations

from csp.constants import NONCE, NONE, SELF

from .environment import BASE_DIR, database_from_env, env, env_bool, env_list

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    # The project's own apps come first so their templates and commands win.
    "leerwerkplaats",
    "members",
    "courses",
    "casuistry",
    "forum",
    "stories",
    "notifications",
    "intervisie",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Live traffic
    "channels",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Before everything else: a visitor's page from the cache skips the whole stack
    # (leerwerkplaats/page_cache.py says what it never stores or serves).
    "leerwerkplaats.page_cache.PageCacheMiddleware",
    # The Wagtail site of the host from memory (leerwerkplaats/shell_cache.py).
    "leerwerkplaats.shell_cache.SiteMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "leerwerkplaats.middleware.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the member read from their kept shell when it is current
    # (leerwerkplaats/member_cache.py).
    "leerwerkplaats.member_cache.MemberAuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # A session re-keyed without allauth (Wagtail's account page) is recorded too.
    "members.middleware.RecordRekeyedSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The member's roles, approval, MFA and unread count from the cache, before the
    # middleware below asks for them (leerwerkplaats/member_cache.py).
    "leerwerkplaats.member_cache.MemberShellMiddleware",
    "members.middleware.SessionTimeoutMiddleware",
    "members.middleware.RequireMFAMiddleware",
    # A member's page kept for them (a lesson), after the timeout and MFA checks.
    "leerwerkplaats.member_cache.MemberPageCacheMiddleware",
    "leerwerkplaats.middleware.AdminRefusalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Off only where a test or a benchmark measures the uncached page.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# The member's shell and the pages kept for one member (leerwerkplaats/member_cache.py);
# off only where a test or a benchmark measures the page drawn.
MEMBER_SHELL_CACHE_ENABLED = env_bool("MEMBER_SHELL_CACHE_ENABLED", True)
MEMBER_PAGE_CACHE_ENABLED = env_bool("MEMBER_PAGE_CACHE_ENABLED", True)

ROOT_URLCONF = "leerwerkplaats.urls"
WSGI_APPLICATION = "leerwerkplaats.wsgi.application"
ASGI_APPLICATION = "leerwerkplaats.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "leerwerkplaats.context_processors.site_shell",
                "members.context_processors.member_permissions",
            ],
        },
    },
]

# --- data -------------------------------------------------------------------

DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "members.User"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "leerwerkplaats.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lwp",
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "lwp"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# The forum's live events are checked for the sockets watching the thread by the
# posting transaction (the watcher registry in the layer's Redis), and by each
# worker only for the sockets it has no verdict for (docs/live.md, "The sender's
# check"). Without Redis there is no registry: every worker checks, as when off.
FORUM_LIVE_SENDER_CHECK = env_bool("FORUM_LIVE_SENDER_CHECK", True)

# The de-identification engine runs as one long-lived service when this is set
# (production); otherwise in the process that needs it (the embedded default).
PRIVACY_SERVICE_URL = env("PRIVACY_SERVICE_URL")
# The service's shared token. privacy.client sends it with every request; it reads
# the same PRIVACY_SERVICE_TOKEN from the environment the workers share with the
# service (production requires it whenever PRIVACY_SERVICE_URL is set).
PRIVACY_SERVICE_TOKEN = env("PRIVACY_SERVICE_TOKEN")

# Case reflections: archived (read-only) this long after publication, then deleted
# after a further period (casuistry_retention, daily).
CASUISTRY_ARCHIVE_AFTER_MONTHS = int(env("CASUISTRY_ARCHIVE_AFTER_MONTHS", "24") or 24)
CASUISTRY_DELETE_AFTER_MONTHS = int(env("CASUISTRY_DELETE_AFTER_MONTHS", "12") or 12)
# The forum category approved cases open their discussion in (made on first use).
CASUISTRY_FORUM_CATEGORY = "casuistiek"
# The forum category a story's discussion opens in (made on first use; the demo's too).
STORIES_FORUM_CATEGORY = "verhalen"
# How many posts (new threads and replies) one member places a minute; every post is
# checked by the privacy engine first. None: no limit.
FORUM_POSTS_PER_MINUTE: int | None = 8
# How many texts one member has the privacy engine check a minute over the forms
# (previews and confirmations in the forum and intervisie: members.privacy_preview).
# A preview stores nothing, so the posting limit above never counts it. None: no limit.
PRIVACY_CHECKS_PER_MINUTE: int | None = 20
# How many reactions one member turns on or off a minute in the forum: each takes the
# thread's next sequence number and goes out live to every reader. None: no limit.
FORUM_REACTIONS_PER_MINUTE: int | None = 30

# --- accounts ---------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupForm"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[HG Leerwerkplaats] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Rate limits live in the shared cache (Redis in production), so they hold
# across worker processes. Keys use the pseudonymous client address (adapters.py).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "change_email": "1/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
MFA_ADAPTER = "members.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "HG Leerwerkplaats"
MFA_ENCRYPTION_KEY = env("MFA_ENCRYPTION_KEY")
USERSESSIONS_TRACK_ACTIVITY = False
# Sessions read from the cache, written through to the database, when the cache is
# Redis, shared by every worker (production): a kept page then reads no session row
# (docs/performance.md). With the local-memory cache each process would keep its own
# copy, which a logout in another process would not end: the database alone then.
# Whatever ends a session goes through the engine's SessionStore (logout, allauth's
# "sign out other sessions", members.services.erase_account), never a queryset alone.
# With Redis: Django's cached_db with each cache entry named by a keyed digest of the
# session key (members.sessions; Django's own names it by the key, the session cookie,
# so a SCAN or a copy of Redis listed every usable session).
SESSION_ENGINE = "members.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"
# Logged out after an hour without a request, and in any case twelve hours after login.
SESSION_IDLE_TIMEOUT = 60 * 60
SESSION_ABSOLUTE_TIMEOUT = 60 * 60 * 12
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- e-mail -----------------------------------------------------------------

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "HG Leerwerkplaats <noreply@leerwerkplaats.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people write to with questions (sign-up, a missing organisation):
# in every e-mail and on the sign-up pages. Set it to a mailbox someone reads.
# A placeholder for development and tests: production requires the real address.
CONTACT_EMAIL = env("CONTACT_EMAIL", "contact@hg-leerwerkplaats.nl")
# What a new member is told: a coordinator of their organisation usually decides
# on a sign-up within this many working days.
MEMBER_APPROVAL_WORKING_DAYS = int(env("MEMBER_APPROVAL_WORKING_DAYS", "2"))

# --- language ---------------------------------------------------------------

LANGUAGE_CODE = "nl"
# Each language is named in itself, whatever the page language.
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- static and media -------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The NL Design System CSS (npm packages @utrecht/component-library-css and
# @utrecht/design-tokens) is served as static/css/nlds.css: only the components and
# tokens the site uses, built by `make css` (frontend/build-css.mjs) and committed.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    # Cleans every file of its metadata before writing it (leerwerkplaats/uploads.py).
    "default": {"BACKEND": "leerwerkplaats.storage.MetadataFreeStorage"},
    "staticfiles": {"BACKEND": "leerwerkplaats.storage.StaticStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Wagtail ----------------------------------------------------------------

WAGTAIL_SITE_NAME = "HG Leerwerkplaats"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# The database backend chooses PostgreSQL's full text search when the database is
# PostgreSQL, and a portable implementation on SQLite. On PostgreSQL the text is
# indexed and searched with the Dutch configuration (stemming: "meldingen" finds
# "melding"); SQLite ignores SEARCH_CONFIG. Compound words ("kindermishandeling")
# are found by leerwerkplaats/search.py on both. After changing it on an existing
# database: `manage.py update_index`.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"}
}
# Avatars off in the Wagtail admin: Gravatar would receive a hash of every
# editor's e-mail address (and our own CSP blocks the images anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Uploads cannot identify anyone: metadata is stripped on upload (uploads.py),
# documents are limited to known types and always served as attachments.
WAGTAILIMAGES_IMAGE_FORM_BASE = "leerwerkplaats.uploads.MetadataFreeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "leerwerkplaats.uploads.MetadataFreeDocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Read from the header before decoding; the same bound as uploads.MAX_IMAGE_PIXELS.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False

# --- security ---------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DEMO_CONTENT_ALLOWED = False
# "Snel weg" replaces the page with this neutral site. The Referrer-Policy above
# (same-origin) means the neutral site is not told where the visitor came from.
QUICK_EXIT_URL = env("QUICK_EXIT_URL", "https://www.google.nl/")

# Every asset is served by the site itself: no third-party fonts, scripts or CDNs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin needs inline styles and scripts and frames its own previews.
ADMIN_PATH_PREFIX = "/beheer/"
CONTENT_SECURITY_POLICY_ADMIN = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "form-action": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "frame-ancestors": [SELF],
}

# --- logging: no personal data, never the text of a case ---------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs carry paths and IPs; the reverse proxy decides what it keeps.
        "django.request": {"level": "ERROR"},
        "daphne": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Wagtail logs every page created, edited or published with its title at
        # INFO: a story draft's title is the author's text before the privacy check.
        # The admin's history (Wagtail's log entries, in the database) keeps the actions.
        "wagtail": {"level": "WARNING"},
    },
}
