"""Account policy on every request: MFA for the roles that need it, and
idle and absolute session timeouts."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import HASH_SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from .permissions import has_mfa, requires_mfa

# Pages a moderator or coordinator without MFA may still open: setting it up,
# confirming their password for it, and leaving.
MFA_SETUP_URL_NAMES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_add_webauthn",
        "mfa_list_webauthn",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "healthz",
    }
)
MFA_REQUIRED_MESSAGE = _(
    "Als moderator of coördinator werk je met gevoelige gegevens. Stel eerst "
    "tweestapsverificatie in; daarna kun je verder."
)
SESSION_LOGIN_AT = "lwp_login_at"
SESSION_SEEN_AT = "lwp_seen_at"
# Writing the session on every request costs a database write; a minute of
# slack on the idle clock saves almost all of them.
SEEN_AT_RESOLUTION = 60


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


def session_timed_out(session: Any, *, now: int) -> bool:
    """Idle for longer than SESSION_IDLE_TIMEOUT, or logged in longer ago than
    SESSION_ABSOLUTE_TIMEOUT. Asked by the middleware below on every request and by
    the live base before every event (a socket lives no longer than its session)."""
    seen_at = session.get(SESSION_SEEN_AT, now)
    login_at = session.get(SESSION_LOGIN_AT, now)
    return (
        now - seen_at > settings.SESSION_IDLE_TIMEOUT
        or now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT
    )


def session_hash_matches(session: Any, current: str, fallbacks: Iterable[str] = ()) -> bool:
    """The one check of a session against its member's password: the session-auth hash
    the session holds equals `current` (the hash of the password now) or one of
    `fallbacks` (the same under SECRET_KEY_FALLBACKS, computed only when needed). A
    session without a hash matches nothing. Asked by the live base before every event
    (`session_matches_password`) and by the kept shell on every request
    (`leerwerkplaats.member_cache`, with the hash it keeps)."""
    session_hash = session.get(HASH_SESSION_KEY)
    if not session_hash:
        return False
    if current and constant_time_compare(session_hash, current):
        return True
    return any(constant_time_compare(session_hash, fallback) for fallback in fallbacks)


def session_matches_password(session: Any, user: Any) -> bool:
    """Whether the session was made with the user's current password, as Django's
    `get_user` checks on every request (the current key, then the fallback keys):
    a password changed elsewhere ends every other session. Asked by the live base
    before every event, so a socket of such a session gets nothing more."""
    return session_hash_matches(
        session, user.get_session_auth_hash(), user.get_session_auth_fallback_hash()
    )


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.exempt_prefixes = (settings.STATIC_URL, settings.MEDIA_URL)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            requires_mfa(user)
            and not request.path_info.startswith(self.exempt_prefixes)
            and _url_name(request) not in MFA_SETUP_URL_NAMES
            and not has_mfa(user)
        ):
            messages.warning(request, MFA_REQUIRED_MESSAGE)
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """Log out after SESSION_IDLE_TIMEOUT without a request, and in any case
    SESSION_ABSOLUTE_TIMEOUT after logging in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            session.setdefault(SESSION_LOGIN_AT, now)
            seen_at = session.get(SESSION_SEEN_AT, now)
            if session_timed_out(session, now=now):
                logout(request)
                messages.info(request, _("Je was een tijd niet actief en bent uitgelogd."))
                return redirect_to_login(request.get_full_path())
            if now - seen_at >= SEEN_AT_RESOLUTION or SESSION_SEEN_AT not in session:
                session[SESSION_SEEN_AT] = now
        return self.get_response(request)


class RecordRekeyedSessionMiddleware:
    """A logged-in session that got a new key during the request gets allauth's
    `UserSession` record when nothing wrote one: allauth records its own logins
    and password changes, but Wagtail's account page re-keys the session with
    Django's `update_session_auth_hash` on every save, without allauth's signal.
    Unrecorded, such a session is missing from "Mijn sessies" (so it cannot be
    signed out from there), from erasure's list of sessions to end, and from the
    forum's sender check (docs/live.md, "The sender's check"). Costs a comparison
    per request and one query on a request that changed the key."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        before = getattr(getattr(request, "session", None), "session_key", None)
        response = self.get_response(request)
        session = getattr(request, "session", None)
        after = getattr(session, "session_key", None)
        if after and after != before and request.user.is_authenticated:
            from allauth.usersessions.models import UserSession

            if not UserSession.objects.filter(session_key=after).exists():
                UserSession.objects.create_from_request(request)
        return response
