"""With Redis the sessions are cached (members.sessions): no name in Redis, and no
value, holds a session key, the session cookie's value (Django's cached_db named each
cache entry by it: a SCAN or a copy of Redis gave every member's usable session).

The cache here is a redis-server of the test's own, the engine the one the settings
choose when REDIS_URL is set; skipped when `redis-server` is not installed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
import redis
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.live_servers import ROOT, OwnRedis, redis_server_binary
from tests.members import factories
from tests.members.factories import PASSWORD

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        redis_server_binary() is None, reason="redis-server is not installed (apt install redis)"
    ),
]

NEW_PASSWORD = "een-nieuw-wachtwoord"


def engine_with(redis_url: str | None) -> str:
    """The SESSION_ENGINE the settings choose with (or without) REDIS_URL, read in a
    fresh process: settings are read once per process."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "PYTEST_XDIST_WORKER", "DJANGO_SETTINGS_MODULE"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "leerwerkplaats.settings.base"
    if redis_url:
        env["REDIS_URL"] = redis_url
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SESSION_ENGINE)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.fixture(scope="module")
def redis_server() -> Iterator[OwnRedis]:
    server = OwnRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def production_engine(redis_server) -> str:
    return engine_with(redis_server.url)


@pytest.fixture
def in_redis(redis_server, production_engine, settings) -> Iterator[redis.Redis]:
    """The cache in the own Redis, as production has it (settings/base.py), and the
    engine production chooses; a client of that Redis to look inside it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "leerwerkplaats.redis_cache.RedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "lwp",
        }
    }
    settings.SESSION_ENGINE = production_engine
    client = redis.Redis.from_url(redis_server.url)
    client.flushall()
    yield client
    client.flushall()
    client.close()


def everything_in(client: redis.Redis) -> tuple[list[bytes], list[bytes]]:
    """Every key name in Redis (SCAN), and every value they hold."""
    names = list(client.scan_iter(count=1000))
    values: list[bytes] = []
    for name in names:
        kind = client.type(name)
        if kind == b"string":
            values.append(client.get(name) or b"")
        elif kind == b"hash":
            values += [part for pair in client.hgetall(name).items() for part in pair]
        elif kind == b"list":
            values += client.lrange(name, 0, -1)
        elif kind == b"set":
            values += list(client.smembers(name))
        elif kind == b"zset":
            values += client.zrange(name, 0, -1)
        else:
            raise AssertionError(f"a key of type {kind!r}: look inside it here too")
    return names, values


def log_in(client: Client, member) -> str:
    """Logs in through the login form; the session key (the cookie's value)."""
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("members:profile")).status_code == 200
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def refused(key: str) -> bool:
    """A request with only this session cookie is a visitor's."""
    visitor = Client()
    visitor.cookies[settings.SESSION_COOKIE_NAME] = key
    answer = visitor.get(reverse("members:profile"))
    return answer.status_code == 302 and "/account/login/" in answer["Location"]


def test_no_name_or_value_in_redis_holds_a_session_key(in_redis):
    member = factories.member()
    key = log_in(Client(), member)

    names, values = everything_in(in_redis)

    assert names  # the session's copy among them
    assert [name for name in names if key.encode() in name] == []
    assert [value for value in values if key.encode() in value] == []


def test_the_session_is_cached_under_its_digest_and_ended_with_it(in_redis):
    from members.sessions import KEY_PREFIX, SessionStore, cache_key_for

    member = factories.member()
    phone, laptop = Client(), Client()
    on_phone, on_laptop = log_in(phone, member), log_in(laptop, member)
    cached = cache.get(cache_key_for(on_phone))
    assert cached is not None and cached["_auth_user_id"] == str(member.pk)
    assert SessionStore().exists(on_phone)
    assert len(list(in_redis.scan_iter(f"*{KEY_PREFIX}*"))) == 2

    # A password change gives the session a new key (Django's cycle_key): the old
    # key's entry goes, and its cookie opens nothing.
    changed = laptop.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    renewed = laptop.cookies[settings.SESSION_COOKIE_NAME].value
    assert renewed != on_laptop
    assert cache.get(cache_key_for(on_laptop)) is None
    assert cache.get(cache_key_for(renewed))["_auth_user_id"] == str(member.pk)
    assert refused(on_laptop)

    # "Waar je bent ingelogd": signing out the other sessions (allauth, through the
    # engine's SessionStore) ends the phone's cached copy as well as its row.
    assert laptop.post(reverse("usersessions_list")).status_code == 302
    assert cache.get(cache_key_for(on_phone)) is None
    assert not Session.objects.filter(session_key=on_phone).exists()
    assert not SessionStore().exists(on_phone)
    assert refused(on_phone)

    # Logging out ends the last one.
    laptop.post(reverse("account_logout"))
    assert cache.get(cache_key_for(renewed)) is None
    assert refused(renewed)
    names, _ = everything_in(in_redis)
    assert not [n for n in names if any(k.encode() in n for k in (on_phone, on_laptop, renewed))]


@pytest.mark.django_db(transaction=True)
async def test_the_async_paths_use_the_digest_too(in_redis):
    from asgiref.sync import sync_to_async

    from members.sessions import SessionStore, cache_key_for

    store = SessionStore()
    store["seen"] = 1
    await store.asave(must_create=True)
    key = store.session_key

    assert await cache.aget(cache_key_for(key)) == {"seen": 1}
    assert await SessionStore().aexists(key)
    assert (await SessionStore(key).aload()) == {"seen": 1}
    await SessionStore().adelete(key)
    assert await cache.aget(cache_key_for(key)) is None
    assert not await SessionStore().aexists(key)
    names = await sync_to_async(lambda: everything_in(in_redis)[0])()
    assert not [n for n in names if key.encode() in n]


def test_the_live_checks_read_the_session_of_every_engine_the_settings_choose(redis_server):
    """A socket's session is checked before every event only with an engine that keeps
    it in the database (members.live): an engine the settings choose outside that
    list would leave sockets open after a logout (the first HMAC engine did)."""
    from members.sessions import DATABASE_ENGINES

    chosen = {engine_with(redis_server.url), engine_with(None)}

    assert chosen == {"members.sessions", "django.contrib.sessions.backends.db"}
    assert chosen <= DATABASE_ENGINES
