"""A change is committed before the caches hear of it: a cache (Redis) outage at
that moment must not turn the committed change into an error page. Found by the
forum soak (tests/load/forum_soak.py): a reply posted while Redis restarted was
saved and answered with a 500, so its author would post it again."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from casuistry import library_html
from forum import post_html, thread_html
from members import cache_versions


class CacheDown:
    """Answers nothing: every call fails as redis-py does while Redis restarts."""

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> None:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        return fail


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("module", "invalidate"),
    [
        (cache_versions, lambda: cache_versions.bump_member(1)),
        (thread_html, lambda: thread_html._bump(["forum:generation:test"])),
        (library_html, library_html.forget),
        (post_html, lambda: post_html.forget([999])),
    ],
    ids=["member version", "thread generation", "library generation", "post drawings"],
)
def test_a_cache_outage_after_the_commit_is_logged_not_raised(
    module: Any, invalidate: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with transaction.atomic():
        invalidate()  # the cache answers inside the transaction
        monkeypatch.setattr(module, "cache", CacheDown())
    # Leaving the block committed and ran the hook, which failed: logged, not raised.
    assert any("on_commit" in record.getMessage() for record in caplog.records)
