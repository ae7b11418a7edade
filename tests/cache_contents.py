"""Everything the default cache holds, as bytes, on either backend: the local-memory
cache (`make test`) or Redis (`make test-services`). Privacy tests search it for a
canary; a canary may never be cached."""

from __future__ import annotations

import pickle

from django.core.cache import cache


def cached_bytes() -> bytes:
    store = getattr(cache, "_cache", None)
    if isinstance(store, dict):  # LocMemCache: key -> pickled value
        return b"".join(
            value if isinstance(value, bytes) else pickle.dumps(value) for value in store.values()
        )
    # Django's RedisCache: plain string keys; the channel layer's lists and sorted
    # sets may share the database and are not the cache's.
    client = cache._cache.get_client()
    chunks = []
    for key in client.scan_iter(count=500):
        if client.type(key) == b"string":
            chunks.append(client.get(key) or b"")
    return b"".join(chunks)


def cache_holds(needle: str) -> bool:
    """True when `needle` appears in any cached value, raw or inside a pickle."""
    return needle.encode() in cached_bytes()  # pickles keep str as UTF-8
