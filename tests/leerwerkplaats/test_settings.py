"""Settings: production is strict and complete; the embedded default is SQLite in WAL."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from leerwerkplaats.settings.environment import BASE_DIR

REALISTIC_PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "leerwerkplaats.settings.production",
    "SECRET_KEY": "k7$W!c9@pQ2#zR8^mN4&vL6*xT1(yB3)hJ5_gF0+dS9=aE2~uI7",
    "ALLOWED_HOSTS": "leerwerkplaats.example.nl",
    "SITE_URL": "https://leerwerkplaats.example.nl",
    "DATABASE_URL": "postgres://leerwerkplaats@db.internal:5432/leerwerkplaats",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "MFA_ENCRYPTION_KEY": "Yt3#pL9@vQ7!mX2$kR5%wN8^bH4&cJ6*",
    "EMAIL_HOST": "smtp.example.nl",
    "DEFAULT_FROM_EMAIL": "HG Leerwerkplaats <noreply@leerwerkplaats.example.nl>",
    "CONTACT_EMAIL": "contact@leerwerkplaats.example.nl",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    drop = {*REALISTIC_PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE", "STATIC_ROOT", "MEDIA_ROOT"}
    clean = {k: v for k, v in os.environ.items() if k not in drop}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_a_realistic_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=REALISTIC_PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "DATABASE_URL",
        "REDIS_URL",
        "SITE_URL",
        # Falling back to SECRET_KEY would lock every moderator out when it is rotated.
        "MFA_ENCRYPTION_KEY",
        # Not localhost and a .local sender: account mail must really leave.
        "EMAIL_HOST",
        "DEFAULT_FROM_EMAIL",
        # The development default is a placeholder address.
        "CONTACT_EMAIL",
    ],
)
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in REALISTIC_PRODUCTION_ENV.items() if k != missing}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert f"The environment variable {missing} is not set." in result.stderr


def test_production_cookies_are_secure_and_http_only():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.DEBUG)",
        env=REALISTIC_PRODUCTION_ENV,
    )

    assert result.stdout.split() == ["True", "True", "True", "Lax", "False"], result.stderr


def test_production_keeps_static_and_media_in_the_checkout_unless_told_otherwise():
    show = "from django.conf import settings as s; print(s.STATIC_ROOT, s.MEDIA_ROOT)"

    default = manage("shell", "--no-imports", "-c", show, env=REALISTIC_PRODUCTION_ENV)
    elsewhere = manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        env={**REALISTIC_PRODUCTION_ENV, "STATIC_ROOT": "/srv/s", "MEDIA_ROOT": "/srv/m"},
    )

    assert default.stdout.split() == [str(BASE_DIR / "staticfiles"), str(BASE_DIR / "media")]
    assert elsewhere.stdout.split() == ["/srv/s", "/srv/m"], elsewhere.stderr


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded default only")
@pytest.mark.django_db
def test_embedded_sqlite_waits_for_writers_instead_of_failing():
    options = settings.DATABASES["default"]["OPTIONS"]

    assert options["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


@pytest.mark.django_db
def test_search_uses_postgres_full_text_search_on_postgres():
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    expected = "postgres" if connection.vendor == "postgresql" else "sqlite"

    assert expected in type(backend).__module__


def test_redis_url_switches_cache_and_channel_layer():
    if settings.REDIS_URL:
        assert settings.CHANNEL_LAYERS["default"]["BACKEND"].startswith("channels_redis")
        assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    else:
        assert settings.CHANNEL_LAYERS["default"]["BACKEND"].endswith("InMemoryChannelLayer")
        assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_production_requires_the_privacy_service_token_with_the_service():
    env = {**REALISTIC_PRODUCTION_ENV, "PRIVACY_SERVICE_URL": "http://127.0.0.1:8765"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "The environment variable PRIVACY_SERVICE_TOKEN is not set." in result.stderr
