"""leerwerkplaats.redis_cache: Django's Redis cache with one `redis.Redis` per pool."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCacheClient

from leerwerkplaats.redis_cache import RedisCache, SharedClientRedisCacheClient


def _backend(location: str) -> RedisCache:
    return RedisCache(location, {"KEY_PREFIX": "lwp-test-redis-cache"})


def test_every_call_shares_one_client_and_its_pool() -> None:
    # Making a client connects to nothing, so this runs without a Redis.
    backend = _backend("redis://127.0.0.1:1/0")
    client = backend._cache.get_client()
    assert isinstance(backend._cache, SharedClientRedisCacheClient)
    assert backend._cache.get_client("some key") is client
    assert backend._cache.get_client(write=True) is client
    assert client.connection_pool is backend._cache._pools[0]


def test_djangos_own_client_makes_a_new_one_per_call() -> None:
    """What this module is for: without it every cache call builds a client."""
    client = RedisCacheClient(["redis://127.0.0.1:1/0"])
    assert client.get_client() is not client.get_client()


def test_writes_go_to_the_first_server_and_reads_to_the_others() -> None:
    backend = _backend("redis://127.0.0.1:1/0,redis://127.0.0.1:2/0,redis://127.0.0.1:3/0")
    writer = backend._cache.get_client(write=True)
    assert writer.connection_pool.connection_kwargs["port"] == 1
    readers = {backend._cache.get_client() for _ in range(50)}
    assert {r.connection_pool.connection_kwargs["port"] for r in readers} == {2, 3}
    assert len(readers) == 2  # one client per read server, kept


def test_threads_racing_for_the_first_client_end_with_one() -> None:
    backend = _backend("redis://127.0.0.1:1/0")
    seen: list[object] = []
    barrier = threading.Barrier(8)

    def take() -> None:
        barrier.wait()
        seen.append(backend._cache.get_client())

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8
    assert all(client is backend._cache.get_client() for client in seen)
    assert len(backend._cache._pools) == 1


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (make test-services)")
def test_the_projects_cache_is_this_backend_and_works_against_redis() -> None:
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    cache.set("redis-cache-probe", {"a": 1}, 30)
    assert cache.get_many(["redis-cache-probe", "absent"]) == {"redis-cache-probe": {"a": 1}}
    assert cache.add("redis-cache-probe", 2) is False
    cache.delete("redis-cache-probe")
    assert cache.get("redis-cache-probe") is None
