"""Per-member limits per minute, counted in the shared cache (Redis in production,
so every worker counts alike): the privacy checks of the forms
(`members.privacy_preview.checks_allowed`) and the forum's reactions."""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import cache


def within_minute_limit(scope: str, user: Any, limit: int | None) -> bool:
    """Count one more `scope` action of `user` in the current minute; False once
    that makes more than `limit`. No limit (None or 0), or no member: always True."""
    if not limit or getattr(user, "pk", None) is None:
        return True
    key = f"{scope}:{user.pk}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count <= limit
