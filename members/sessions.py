"""How the site keeps sessions, in one place: the session engine used with Redis, the
name of a session's entry in the cache, and what the live checks may read.

Django's `cached_db` engine names each cache entry `django.contrib.sessions.cached_db`
+ the session key, the session cookie's value: with the cache in Redis (production) a
`SCAN`, a `MONITOR` or a copy of Redis listed every member's usable session. This
engine is Django's `cached_db` with one change: the cache entry is named by
`cache_key_for`, a keyed HMAC of the session key under a key derived from SECRET_KEY
(as the forum's watcher registry names a session, `members.live_rules.session_digest`,
under another salt). It names the session without being one. Everything else, the
database row as the source of truth included, is Django's own.

Every code path that finds a session's cache entry goes through `SessionStore` (whose
engine `settings.SESSION_ENGINE` names) or `cache_key_for`; the live checks read the
row in the database (`members.selectors`), decoded by `decode_stored`.

The class keeps Django's name `SessionStore`: its signing salt derives from the class
name, so a session stored by Django's `db` or `cached_db` engine decodes alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.utils.crypto import salted_hmac

#: The module path to name in SESSION_ENGINE (settings/base.py, with Redis).
ENGINE = "members.sessions"
#: Engines whose sessions live in the database, where the live checks read them in
#: the same query as the member (members.live, members.selectors). With any other
#: engine a socket's session is not re-checked per event.
DATABASE_ENGINES = frozenset(
    {
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
        ENGINE,
    }
)
#: The start of every session entry's name in the cache (after the cache's own prefix).
KEY_PREFIX = "members.sessions:"
_SALT = "members.sessions.cache_key_for"


def cache_key_for(session_key: str) -> str:
    """The cache key of the session `session_key`: a digest, no part of the key."""
    return KEY_PREFIX + salted_hmac(_SALT, session_key, algorithm="sha256").hexdigest()


def sessions_in_database() -> bool:
    """Whether the configured engine keeps each session in the database (its row is
    what the live checks read)."""
    return settings.SESSION_ENGINE in DATABASE_ENGINES


def decode_stored(data: str) -> Mapping[str, Any]:
    """A session's data as its database row holds it (`session_data`), decoded and
    its signature checked: the same for every engine in DATABASE_ENGINES."""
    return DatabaseStore().decode(data)


class SessionStore(cached_db.SessionStore):
    """Django's cached_db, each cache entry named by `cache_key_for`. Django builds
    the name in `cache_key`, `acache_key`, `exists` and `delete` (and their async
    twins) from `cache_key_prefix` + the key; each is overridden here."""

    cache_key_prefix = KEY_PREFIX

    @property
    def cache_key(self) -> str:
        return cache_key_for(self._get_or_create_session_key())

    async def acache_key(self) -> str:
        return cache_key_for(await self._aget_or_create_session_key())

    def exists(self, session_key: str | None) -> bool:
        if session_key and cache_key_for(session_key) in self._cache:
            return True
        return DatabaseStore.exists(self, session_key)

    async def aexists(self, session_key: str | None) -> bool:
        if session_key and await self._cache.ahas_key(cache_key_for(session_key)):
            return True
        return await DatabaseStore.aexists(self, session_key)

    def delete(self, session_key: str | None = None) -> None:
        DatabaseStore.delete(self, session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._cache.delete(cache_key_for(session_key))

    async def adelete(self, session_key: str | None = None) -> None:
        await DatabaseStore.adelete(self, session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        await self._cache.adelete(cache_key_for(session_key))
