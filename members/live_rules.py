"""The live base's rules for a member loaded fresh, as plain functions: asked by
`members.live.LiveConsumer.refusal_for` in a worker before an event reaches a
socket, and by a sender that checks the watchers of an event inside the posting
transaction (docs/live.md, "The sender's check"). One rule, one place.

A sender knows a socket's session only by its digest (`session_digest`): a keyed
HMAC of the session key under a key derived from SECRET_KEY. A digest names a
session without being one: a copy of Redis, where the digests are kept, gives no
session that can be used."""

from __future__ import annotations

import time
from typing import Any

from django.utils.crypto import salted_hmac

from .middleware import session_matches_password, session_timed_out
from .permissions import can_use_members_area, is_suspended

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403

_DIGEST_SALT = "members.live_rules.session_digest"


def session_digest(session_key: str) -> str:
    """A session's name for the live watcher registry: 32 hex digits of an
    HMAC-SHA256 of its key (never the key, and not the key's hash without a secret)."""
    return salted_hmac(_DIGEST_SALT, session_key, algorithm="sha256").hexdigest()[:32]


def live_refusal(user: Any | None, *, session_checked: bool, permitted: bool) -> int | None:
    """None when the member may have the event; otherwise the close code.

    `user`: loaded fresh for this event (`members.selectors.users_for_live_check`),
    None when the account is gone or inactive. `session_checked`: the socket's
    session is read with the member (`user.live_session`, None when it ended).
    `permitted`: the consumer's own rule, answered for this member already."""
    if user is None:
        return CLOSE_UNAUTHENTICATED
    if session_checked and (
        user.live_session is None
        or session_timed_out(user.live_session, now=int(time.time()))
        or not session_matches_password(user.live_session, user)
    ):
        return CLOSE_UNAUTHENTICATED
    if not can_use_members_area(user) or is_suspended(user):
        return CLOSE_FORBIDDEN
    if not permitted:
        return CLOSE_FORBIDDEN
    return None
