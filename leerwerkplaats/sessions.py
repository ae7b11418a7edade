"""Django's cached_db session engine, with the session's copy in the cache kept
under a keyed digest of the session key instead of the key itself.

Django's own engine names each cache entry `django.contrib.sessions.cached_db` +
the session key: with the cache in Redis (production), a `SCAN` or a copy of Redis
listed every member's live session cookie. Here the cache key is an HMAC of the
session key under a key derived from SECRET_KEY (as the forum's watcher registry
names a session, members.live_rules.session_digest): it names the session without
being one. Behaviour is otherwise Django's own."""

from __future__ import annotations

from django.contrib.sessions.backends import cached_db
from django.utils.crypto import salted_hmac

KEY_PREFIX = "leerwerkplaats.sessions.cached_db:"
_SALT = "leerwerkplaats.sessions.cache_key"


def cache_key_for(session_key: str) -> str:
    """The cache key of the session `session_key`: no part of the key itself."""
    return KEY_PREFIX + salted_hmac(_SALT, session_key, algorithm="sha256").hexdigest()


class SessionStore(cached_db.SessionStore):
    cache_key_prefix = KEY_PREFIX

    @property
    def cache_key(self) -> str:
        return cache_key_for(self._get_or_create_session_key())

    async def acache_key(self) -> str:
        return cache_key_for(await self._aget_or_create_session_key())

    def exists(self, session_key: str) -> bool:
        return bool(
            (session_key and cache_key_for(session_key) in self._cache)
            or super(cached_db.SessionStore, self).exists(session_key)
        )

    async def aexists(self, session_key: str) -> bool:
        return bool(
            (session_key and await self._cache.ahas_key(cache_key_for(session_key)))
            or await super(cached_db.SessionStore, self).aexists(session_key)
        )

    def delete(self, session_key: str | None = None) -> None:
        super(cached_db.SessionStore, self).delete(session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._cache.delete(cache_key_for(session_key))

    async def adelete(self, session_key: str | None = None) -> None:
        await super(cached_db.SessionStore, self).adelete(session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        await self._cache.adelete(cache_key_for(session_key))
