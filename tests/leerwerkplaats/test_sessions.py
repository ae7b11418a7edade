"""With Redis the sessions are cached (leerwerkplaats.sessions): the cache never
holds a session key, in its keys or its values (probe13: Django's cached_db put
every member's session cookie in a Redis key name)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from leerwerkplaats.sessions import cache_key_for
from tests.members import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def cache_names() -> list[str]:
    """Every key the cache holds (locmem in the tests, Redis with REDIS_URL)."""
    store = cache._cache
    if isinstance(store, dict):
        return list(store)
    return [name.decode() for name in store.get_client().scan_iter("*")]


def test_with_redis_the_session_engine_keys_its_cache_by_a_digest():
    env = {
        **os.environ,
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "DJANGO_SETTINGS_MODULE": "leerwerkplaats.settings.base",
    }
    engine = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SESSION_ENGINE)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    assert engine == "leerwerkplaats.sessions"


def test_the_cache_holds_no_session_key(settings):
    settings.SESSION_ENGINE = "leerwerkplaats.sessions"
    member = factories.member()
    client = Client()
    client.force_login(member)
    assert client.get(reverse("members:profile")).status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value

    stored = cache.get(cache_key_for(key))
    names = cache_names()
    assert stored is not None and str(stored.get("_auth_user_id")) == str(member.pk)
    assert names and not any(key in name for name in names)
    assert key not in repr(stored)

    client.post(reverse("account_logout"))

    assert cache.get(cache_key_for(key)) is None
    old = Client()
    old.cookies[settings.SESSION_COOKIE_NAME] = key
    answer = old.get(reverse("members:profile"))
    assert answer.status_code == 302
