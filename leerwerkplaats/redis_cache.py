"""Django's Redis cache backend, with one client object per connection pool.

Django's `RedisCacheClient.get_client` makes a new `redis.Redis` for every cache
call. Each one copies redis-py's table of some 500 response callbacks into a
new case-insensitive dict, which on a member's kept page (three cache calls)
cost more CPU than the calls themselves (issue 16; docs/performance.md). A
`redis.Redis` is safe to share between threads (its connections come from the
pool, per call) and its pool resets itself in a forked process, so one per pool
serves the whole worker. Behaviour is otherwise Django's own.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def _get_connection_pool(self, write: bool) -> Any:
        return self._pool_at(self._get_connection_pool_index(write))

    def _pool_at(self, index: int) -> Any:
        if index not in self._pools:
            # setdefault: two threads racing here share whichever came first.
            self._pools.setdefault(
                index, self._pool_class.from_url(self._servers[index], **self._pool_options)
            )
        return self._pools[index]

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients.setdefault(
                index, self._client(connection_pool=self._pool_at(index))
            )
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
