"""One version number per member, in the shared cache: raised on any change to
what the member's own pages show of them (issue 16).

Whatever is kept in the cache *for one member* (their site shell: roles, profile,
the bell's unread count; a whole lesson page drawn for them) carries this number
in its key, so one `bump_member(user_id)` makes all of it stale at once, in every
worker, without knowing the keys. Raised by:

- signals (wired by the project, `leerwerkplaats/member_cache.py`): any save or
  delete of the user, their profile, their groups, their MFA authenticators,
  their notifications and their learning records (enrolment, lesson progress,
  quiz attempt, reflection, certificate), and logging in or out;
- the writes that bypass signals (`QuerySet.update`, `bulk_create`) call it
  themselves: `courses.services.record_lesson_view`, `notifications.broadcast
  .publish_changed` (every change of the unread count passes there),
  `members.services.erase_account`.

This module is the lowest layer (every app may import `members`); it knows no
other app. The value is opaque: compare it, never order it.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction

KEY = "member:version:{pk}"
# A version is kept as long as anything made with it may be (the caches that use
# it keep entries for minutes to a day); a lost version reads as a new one.
TIMEOUT_SECONDS = 2 * 24 * 60 * 60
_counter = itertools.count()

# Values a page drawn once and kept must show fresh on every request (a signed
# start time, say): name -> function giving the value now. See `fresh_value`.
_FRESH_VALUES: dict[str, Callable[[], str]] = {}


def _new_value() -> str:
    # Unique across workers and restarts: time, process and a counter.
    return f"{time.time_ns():x}.{os.getpid():x}.{next(_counter):x}"


def key(user_id: int) -> str:
    return KEY.format(pk=int(user_id))


def member_version(user_id: int) -> str:
    """The member's current version; a new one when the cache has none."""
    k = key(user_id)
    value = cache.get(k)
    if value is None:
        value = _new_value()
        if not cache.add(k, value, TIMEOUT_SECONDS):
            value = cache.get(k) or value
    return str(value)


def bump_member(*user_ids: int | None) -> None:
    """Everything kept for these members is stale: now, and again when the
    transaction commits (so no request that read the old state in between keeps
    its drawing under the new version)."""
    keys = [key(pk) for pk in {pk for pk in user_ids if pk is not None}]
    if not keys:
        return

    def bump() -> None:
        cache.set_many(dict.fromkeys(keys, _new_value()), TIMEOUT_SECONDS)

    bump()
    if transaction.get_connection().in_atomic_block:
        # robust: the change is committed; a cache outage now must not turn it into
        # an error page (Django logs the failure; the timeouts bound what stays stale).
        transaction.on_commit(bump, robust=True)


def bump_members(user_ids: Iterable[int | None]) -> None:
    bump_member(*user_ids)


# Checks a kept page must pass before it is served: name -> function(user id,
# argument) giving a value read from the database now. See `mark_member_cacheable`.
_PAGE_CHECKS: dict[str, Callable[[int, Any], Any]] = {}


def register_page_check(name: str, check: Callable[[int, Any], Any]) -> None:
    """`check(user_id, argument)` reads what a page depends on beyond the member's
    version and the cache's stamps (a row's fields, say) and returns it, comparable
    with ==; registered once by the app that draws the page (its AppConfig.ready)."""
    _PAGE_CHECKS[name] = check


def page_check(name: str, user_id: int, argument: Any) -> Any:
    return _PAGE_CHECKS[name](user_id, argument)


def register_fresh_value(name: str, make: Callable[[], str]) -> None:
    """`make()` gives a value that a kept page must show fresh on every request;
    the app that draws it registers it once (its AppConfig.ready)."""
    _FRESH_VALUES[name] = make


def fresh_value(name: str) -> str:
    return _FRESH_VALUES[name]()


def mark_member_cacheable(
    request: Any,
    *,
    seconds: int,
    fresh: dict[str, str] | None = None,
    stamps: dict[str, Any] | None = None,
    query: bool = False,
    check: tuple[str, Any, Any] | None = None,
) -> None:
    """Called by a view whose page, for this member, depends only on the member's own
    state (covered by `member_version`), the pages (the page cache's generation),
    the address, the language and the `stamps`: the project's member page cache
    (`leerwerkplaats.member_cache`) may then keep the response for `seconds`.

    `fresh` maps a literal value drawn into the page to the name of a registered
    fresh value (`register_fresh_value`): it is filled in anew on every request
    served from the cache. The CSRF token and the CSP nonce are always filled in.

    `stamps` maps cache keys to the values the view read from them before drawing
    (an app's generation token, changed whenever what it drew changes): the kept
    page is served only while every one of them still holds that value; a missing
    key never matches. `query`: the page may be kept for an address with a query
    string too (the view marks only query strings it may keep: never one holding
    what a member typed); without it such a page is never kept.

    `check`: (name of a registered page check, its argument, the value it gave
    before the page was drawn): the kept page is served only while the check
    gives that value again (`register_page_check`)."""
    if seconds > 0:
        request._lwp_member_cacheable = (
            int(seconds),
            dict(fresh or {}),
            dict(stamps or {}),
            query,
            check,
        )
