"""What the site keeps for one logged-in member (issue 16): their site shell, and
whole pages that depend only on them.

Both live in the shared cache under the member's version
(`members.cache_versions.member_version`), which any change to what their pages
show of them raises (the signals below, and the writes that bypass signals call
`bump_member` themselves). Nothing here is ever served to another member: every
key holds the member's id, and a kept page also carries it and is checked.

**The member shell** (`MemberShellMiddleware`, public API `shell_for` /
`prime_shell`): the answers every member page asks about the member before it
draws anything: their roles, whether they are approved and have MFA, their
suspension's end, and the bell's unread count. Kept per (member, version); a
request whose shell is kept asks none of those queries. Any page gets this for
free (the predicates in members/permissions.py and the bell read the memo it
fills); forum and casuistry pages too.

**The member themselves** (`MemberAuthenticationMiddleware`, in place of Django's
`AuthenticationMiddleware`): the shell also keeps the user's own fields (never the
password hash: the field is left deferred, so code that needs it loads it, one
query) and the session-auth hash Django compares with the session's. `request.user`
is built from them when the shell is current, after the same checks Django's
`get_user` makes (the session names a configured backend, the user is active, the
session's hash matches); otherwise, and on any doubt, Django's own `get_user` loads
the user from the database, and the request keeps what it loaded. Every save or
delete of the user, login and logout raise the version, so a kept user is never
older than the database's at the time the version was read. A write that sends no
signal (`QuerySet.update` on the user table: the admin's user bulk actions) must
raise it itself (`members.services.record_accounts_changed_in_bulk`). The version
lives in the shared cache: with the local-memory cache (`make run`) another process
(`manage.py changepassword`, a shell) cannot raise the server's, so a password
changed or an account deactivated there ends the server's sessions only when their
shell expires (SHELL_SECONDS); with Redis (production) every process shares it.

**The member page cache** (`MemberPageCacheMiddleware`): a view whose page, for
this member, depends only on the member's own state, the pages and the address
marks its response (`members.cache_versions.mark_member_cacheable`: the lesson,
the library, a thread the member read all of). The response is kept per
(member, host, language, date, path, query string), with the pages' generation,
the member version, the view's stamps (cache keys and their values) and its page
check (a registered function and its value) it was drawn under, and served
again before routing only while all of them are still current, with the
per-request values filled in anew: the CSRF token, the CSP nonce and any value
the view registered as fresh. A kept page costs two cache reads: the generation
(read by the site middleware), then the member's version, shell and page in one
`get_many` (`_read`). Never kept or served: a request with a query string
unless the view says it may be kept, with messages waiting (cookie or session)
or that showed any, a response that is not a plain 200 HTML page or sets a
cookie, and anything for a visitor. It stands after the session-timeout and
MFA middleware, so logging out on idle and the MFA demand still run on every
request; logging out ends the session, so the next request is a visitor's.

A kept page is kept cut at its slots and compressed once (`gzip_pages.Pieces`):
a client that accepts gzip gets it compressed, the request's values in stored
blocks (never compressed: gzip_pages.py says why that keeps BREACH out), any
other client the plain page; every answer of a candidate request carries
`Vary: Accept-Encoding`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from members.cache_versions import bump_member, fresh_value, member_version, page_check
from members.cache_versions import key as cache_version_key
from members.middleware import session_hash_matches
from members.permissions import plain_user

from . import gzip_pages
from .page_cache import GENERATION_KEY, request_generation, skipped_path

PAGE_PREFIX = "memberpage"
SHELL_PREFIX = "membershell"
HEADER = "X-Member-Cache"
# Headers not kept with a page: set anew for each answer.
DROPPED_HEADERS = {"content-length", "content-encoding", "date", HEADER.lower()}
SHELL_SECONDS = 60 * 60
# The per-request memo of the permission predicates (members/permissions.py) and
# of the bell (notifications/templatetags/notification_tags.py).
PERMISSION_MEMO = "_lwp_permission_cache"
SHELL_FIELDS = ("roles", "approved", "mfa", "suspended_until")
# In the shell: the user's own fields, without the password hash.
USER_ENTRY = "user"
USER_LOADED = "_lwp_user_loaded"
USER_KEPT = "_lwp_user_kept"
BELL_MEMO = "_notifications_unread"
MESSAGES_SESSION_KEY = "_messages"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{32,64})(")')
REQUEST_MARK = "_lwp_member_cacheable"
_VERSION_MEMO = "_lwp_member_version"
_READ_MEMO = "_lwp_member_read"
# Per worker: path -> the stamp keys its kept pages named (never their values).
_STAMP_HINTS: dict[str, tuple[str, ...]] = {}


def shell_enabled() -> bool:
    return getattr(settings, "MEMBER_SHELL_CACHE_ENABLED", True)


def page_enabled() -> bool:
    return getattr(settings, "MEMBER_PAGE_CACHE_ENABLED", True)


def _session_cookie(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def request_version(request: HttpRequest, user_id: int) -> str:
    """The member's version, read once per request."""
    memo = getattr(request, _VERSION_MEMO, None)
    if memo is None or memo[0] != user_id:
        memo = (user_id, member_version(user_id))
        setattr(request, _VERSION_MEMO, memo)
    return memo[1]


def _logged_in_user(request: HttpRequest) -> Any | None:
    """The request's member, or None for a visitor (read only when a session cookie
    was sent: a visitor's request loads no session)."""
    if not _session_cookie(request):
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user


# --- the member shell ------------------------------------------------------------


def _shell_key(user_id: int) -> str:
    return f"{SHELL_PREFIX}:{user_id}"


def _read(request: HttpRequest, user_id: int, page: str | None = None) -> dict[str, Any]:
    """What the cache holds for this member, in one round trip per request: their
    version (with the pages' generation when the request has not read it yet),
    their shell and, when asked, the kept page under the key `page`. Entries carry
    the version (and the generation) they were made under and are only used when
    those are still current: a change raises the version, the entry is ignored."""
    memo = getattr(request, _READ_MEMO, None)
    fresh = memo is None or memo["user"] != user_id
    if not fresh and (page is None or page in memo["pages"]):
        return memo
    version_key = cache_version_key(user_id)
    keys: list[str] = []
    if fresh:
        keys += [version_key, _shell_key(user_id)]
        if getattr(request, "_lwp_generation", None) is None:
            keys.append(GENERATION_KEY)
    hinted: tuple[str, ...] = ()
    if page is not None:
        hinted = _STAMP_HINTS.get(request.path, ())
        keys += [page, *hinted]
    found = cache.get_many(keys)
    if GENERATION_KEY in keys:
        if GENERATION_KEY in found:
            request._lwp_generation = int(found[GENERATION_KEY])
        request_generation(request)  # a lost generation is made anew
    if fresh:
        version = found.get(version_key)
        if version is None:
            version = member_version(user_id)  # a lost version is made anew
        setattr(request, _VERSION_MEMO, (user_id, str(version)))
        memo = {"user": user_id, "shell": found.get(_shell_key(user_id)), "pages": {}}
        setattr(request, _READ_MEMO, memo)
    if page is not None:
        memo["pages"][page] = found.get(page)
        memo["stamps"] = {k: found[k] for k in hinted if k in found}
    return memo


def shell_for(request: HttpRequest) -> dict[str, Any] | None:
    """The kept shell of the request's member ({"roles", "approved", "mfa",
    "suspended_until", "unread"}, any of them may be missing), or None."""
    user = _logged_in_user(request)
    if user is None:
        return None
    return _current_shell(request, user.pk)


def _current_shell(request: HttpRequest, user_id: int) -> dict[str, Any] | None:
    page = page_key(request, user_id) if _page_request(request) else None
    kept = _read(request, user_id, page)["shell"]
    if isinstance(kept, dict) and kept.get("version") == request_version(request, user_id):
        return kept["data"]
    return None


def prime_shell(request: HttpRequest) -> dict[str, Any] | None:
    """Fill the request's memos from the kept shell: the predicates and the bell
    then ask nothing. Returns the shell, or None when none is kept."""
    shell = shell_for(request)
    if not shell:
        return None
    user = request.user
    plain_user(user)  # the wrapper and the user share one memo from here
    memo = user.__dict__.setdefault(PERMISSION_MEMO, {})
    for name in SHELL_FIELDS:
        if name in shell:
            memo.setdefault(name, shell[name])
    if "unread" in shell and not hasattr(request, BELL_MEMO):
        setattr(request, BELL_MEMO, shell["unread"])
    return shell


def keep_shell(request: HttpRequest, kept: dict[str, Any] | None, user_id: int | None) -> None:
    """After the response: keep what this request learned of the member's shell,
    under the version read before anything was read (a change meanwhile raised
    the version, so this entry is never read). Not when the request logged
    someone in or out: its memos may be of another user."""
    user = _logged_in_user(request)
    if user is None or user.pk != user_id or not user.is_active:
        return
    memo = user.__dict__.get(PERMISSION_MEMO, {})
    shell = {name: memo[name] for name in SHELL_FIELDS if name in memo}
    if hasattr(request, BELL_MEMO):
        shell["unread"] = getattr(request, BELL_MEMO)
    loaded = getattr(request, USER_LOADED, None)
    if loaded is not None and loaded is plain_user(user):
        shell[USER_ENTRY] = _user_entry(loaded)
    merged = {**(kept or {}), **shell}
    if shell and merged != (kept or {}):
        cache.set(
            _shell_key(user.pk),
            {"version": request_version(request, user.pk), "data": merged},
            SHELL_SECONDS,
        )


class MemberShellMiddleware:
    """After authentication, before the middleware that asks about roles and MFA."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not shell_enabled() or skipped_path(request.path_info) or not _session_cookie(request):
            return self.get_response(request)
        kept = prime_shell(request)
        user = _logged_in_user(request)
        response = self.get_response(request)
        keep_shell(request, kept, user.pk if user is not None else None)
        return response


# --- the member themselves -------------------------------------------------------


def _user_entry(user: Any) -> dict[str, Any]:
    """What the shell keeps of the user: their fields but the password hash, and
    the session-auth hash (an HMAC of it, as every session holds)."""
    fields = {
        field.attname: getattr(user, field.attname)
        for field in user._meta.concrete_fields
        if field.attname != "password"
    }
    return {"fields": fields, "db": user._state.db, "auth_hash": user.get_session_auth_hash()}


def _kept_user(request: HttpRequest, user_id: Any, entry: Any) -> Any | None:
    """The user built from the shell's entry, when Django's `get_user` would
    accept them: else None (the caller then asks Django)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("fields"), dict):
        return None
    model = auth.get_user_model()
    fields = entry["fields"]
    if fields.get(model._meta.pk.attname) != user_id or not fields.get("is_active", False):
        return None
    if not session_hash_matches(request.session, entry.get("auth_hash") or ""):
        return None  # Django's own check decides (fallback keys, flush)
    names = list(fields)
    return model.from_db(entry.get("db"), names, [fields[name] for name in names])


def member_user(request: HttpRequest) -> Any:
    """`request.user`: from the member's current shell when it holds them, else
    (and for anything unusual) Django's `get_user`."""
    session = getattr(request, "session", None)
    if (
        session is None
        or not shell_enabled()
        or not _session_cookie(request)
        or skipped_path(request.path_info)
    ):
        return auth.get_user(request)
    model = auth.get_user_model()
    try:
        user_id = model._meta.pk.to_python(session[auth.SESSION_KEY])
        backend = session[auth.BACKEND_SESSION_KEY]
    except (KeyError, ValueError, TypeError, ValidationError):
        return auth.get_user(request)
    if backend not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    shell = _current_shell(request, user_id)
    user = _kept_user(request, user_id, (shell or {}).get(USER_ENTRY))
    if user is not None:
        setattr(request, USER_KEPT, True)
        return user
    user = auth.get_user(request)
    if user.is_authenticated and user.pk == user_id:
        setattr(request, USER_LOADED, user)
    return user


class MemberAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's, with `request.user` from the member's shell when it is current
    (`member_user`). `request.auser` stays Django's."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: member_user(request))


# --- whole member pages ----------------------------------------------------------


def _slot(name: str) -> str:
    """A marker no page text can contain (an HMAC of the SECRET_KEY)."""
    return "lwp-slot-" + salted_hmac("leerwerkplaats.member_cache", name).hexdigest()[:32]


def _has_messages(request: HttpRequest) -> bool:
    # A browser drops the emptied cookie; the test client keeps it, empty.
    if request.COOKIES.get(getattr(settings, "MESSAGE_COOKIE_NAME", "messages")):
        return True
    session = getattr(request, "session", None)
    return session is not None and MESSAGES_SESSION_KEY in session


def _page_request(request: HttpRequest) -> bool:
    """Whether a kept page may answer this request, whoever asks (the member is
    not loaded here: `candidate` adds that)."""
    if not page_enabled() or request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not skipped_path(request.path_info) and not _has_messages(request)


def candidate(request: HttpRequest) -> Any | None:
    """The member whose page this request may be answered with, or None."""
    if not _page_request(request):
        return None
    return _logged_in_user(request)


def page_key(request: HttpRequest, user_id: int) -> str:
    """The key of this address's kept page for this member. The entry itself
    carries the generation and the member version it was drawn under."""
    raw = "|".join(
        [
            request._get_raw_host(),
            get_language() or "",
            timezone.localdate().isoformat(),
            request.path,
            request.META.get("QUERY_STRING", ""),
        ]
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()[:40]
    return f"{PAGE_PREFIX}:{user_id}:{digest}"


def kept_page(request: HttpRequest, user_id: int) -> dict[str, Any] | None:
    """The page kept for this member at this address, when it is still current:
    drawn for them, under today's generation and their current version, and
    every stamp the view named (`mark_member_cacheable`) unchanged."""
    key = page_key(request, user_id)
    stored = _read(request, user_id, key)["pages"].get(key)
    if not isinstance(stored, dict) or stored.get("user") != user_id or "pieces" not in stored:
        return None
    if stored.get("generation") != request_generation(request):
        return None
    if stored.get("version") != request_version(request, user_id):
        return None
    stamps = stored.get("stamps") or {}
    if stamps:
        _hint(request.path, stamps)
        read = _read(request, user_id, key).get("stamps", {})
        missing = [k for k in stamps if k not in read]
        if missing:  # a round trip more, when this worker did not expect them
            read = {**read, **cache.get_many(missing)}
        if any(read.get(k) != value for k, value in stamps.items()):
            return None
    check = stored.get("check")
    if check is not None:
        name, argument, value = check
        if page_check(name, user_id, argument) != value:
            return None
    return stored


def _hint(path: str, stamps: dict[str, Any]) -> None:
    """Remember, per worker, which stamps a page at `path` names, so the next
    request reads them with the page (the values are always read anew)."""
    keys = tuple(sorted(stamps))
    if _STAMP_HINTS.get(path) != keys:
        if len(_STAMP_HINTS) >= 2048:
            _STAMP_HINTS.clear()
        _STAMP_HINTS[path] = keys


def _showed_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    # len() loads without marking them seen; `used`: the page iterated them.
    return storage is not None and (storage.used or len(storage) > 0)


def storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    if response.has_header("Content-Encoding"):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    return not _showed_messages(request)


def _to_slots(request: HttpRequest, content: str, fresh: dict[str, str]) -> str:
    content = CSRF_INPUT.sub(lambda m: m.group(1) + _slot("csrf") + m.group(3), content)
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str) and nonce:
        content = content.replace(f'nonce="{nonce}"', f'nonce="{_slot("nonce")}"')
    for literal, name in fresh.items():
        if literal:
            content = content.replace(literal, _slot(f"fresh:{name}"))
    return content


def _pieces(
    request: HttpRequest, content: str, charset: str, fresh_names: list[str]
) -> tuple[gzip_pages.Pieces, dict[str, bytes]]:
    """The page with slots, cut at them and compressed once (gzip_pages.py), for
    values as long as this request's; and this request's values."""
    names = ["csrf", "nonce", *(f"fresh:{name}" for name in fresh_names)]
    markers = {_slot(name).encode(charset): name for name in names if _slot(name) in content}
    values = _slot_values(request, markers.values(), charset)
    lengths = {name: len(value) for name, value in values.items()}
    return gzip_pages.Pieces.split(content.encode(charset), markers, lengths), values


def _slot_values(request: HttpRequest, names: Iterable[str], charset: str) -> dict[str, bytes]:
    """This request's value of each named slot."""
    values: dict[str, bytes] = {}
    for name in set(names):
        if name == "csrf":
            value = get_token(request)
        elif name == "nonce":
            value = str(request.csp_nonce)
        else:
            value = fresh_value(name.removeprefix("fresh:"))
        values[name] = value.encode(charset)
    return values


def _answer(
    request: HttpRequest,
    response: HttpResponseBase,
    pieces: gzip_pages.Pieces,
    values: dict[str, bytes],
) -> None:
    """The page with these values as the body of `response`: gzip-compressed when
    the client accepts it (and the values fit the compressed page), else plain."""
    body = pieces.gzip(values) if gzip_pages.accepts_gzip(request) else None
    if body is not None:
        response["Content-Encoding"] = "gzip"
    else:
        body = pieces.join(values)
    response.content = b"" if request.method == "HEAD" else body
    response["Content-Length"] = str(len(body))
    patch_vary_headers(response, ("Accept-Encoding",))


class MemberPageCacheMiddleware:
    """After the session-timeout and MFA middleware, before the views."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = candidate(request)
        if user is None:
            return self.get_response(request)
        stored = kept_page(request, user.pk)
        if stored is not None:
            return self._rebuild(request, stored)
        response = self.get_response(request)
        mark = getattr(request, REQUEST_MARK, None)
        if mark is not None and storable(request, response):
            seconds, fresh, stamps, query, check = mark
            if request.META.get("QUERY_STRING") and not query:
                return response
            if stamps:
                _hint(request.path, stamps)
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in DROPPED_HEADERS
            ]
            charset = response.charset or "utf-8"
            content = _to_slots(request, response.content.decode(charset), fresh)
            fresh_names = sorted(set(fresh.values()))
            pieces, values = _pieces(request, content, charset, fresh_names)
            cache.set(
                page_key(request, user.pk),
                {
                    "user": user.pk,
                    "generation": request_generation(request),
                    "version": request_version(request, user.pk),
                    "stamps": stamps,
                    "check": check,
                    "pieces": pieces,
                    "charset": charset,
                    "headers": headers,
                },
                seconds,
            )
            response[HEADER] = "miss"
            # Sent as a kept page is: the same page, this request's values in.
            _answer(request, response, pieces, values)
        patch_vary_headers(response, ("Accept-Encoding",))
        return response

    @staticmethod
    def _rebuild(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
        pieces: gzip_pages.Pieces = stored["pieces"]
        response = HttpResponse()
        for name, value in stored["headers"]:
            response[name] = value
        _answer(request, response, pieces, _slot_values(request, pieces.names, stored["charset"]))
        response[HEADER] = "hit"
        return response


# --- what raises a member's version ------------------------------------------------


def _bump_owner(field: str) -> Callable[..., None]:
    def receiver(sender: Any, instance: Any, **kwargs: Any) -> None:
        bump_member(getattr(instance, field, None))

    return receiver


def _bump_user(sender: Any, instance: Any = None, user: Any = None, **kwargs: Any) -> None:
    target = instance if instance is not None else user
    bump_member(getattr(target, "pk", None))


def _bump_groups(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kw: Any
) -> None:
    if not action.startswith("post_"):
        return
    from django.contrib.auth import get_user_model

    if isinstance(instance, get_user_model()):
        bump_member(instance.pk)
    elif action == "post_clear":
        # A group emptied from its side: pk_set is None, so every member of it.
        bump_member(*instance.user_set.values_list("pk", flat=True))
    else:
        bump_member(*(pk_set or ()))


def _forget_shell(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A saved or deleted user: their kept shell, which holds their fields (name,
    e-mail address), is deleted, not only made stale by the version: an erased
    account leaves nothing of itself in the cache. Again after the commit, in case
    a request kept it meanwhile."""
    if instance.pk is None:
        return
    key = _shell_key(instance.pk)
    cache.delete(key)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete(key))


def _bump_group_members(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump_member(*instance.user_set.values_list("pk", flat=True))


def connect_signals() -> None:
    """Called from LeerwerkplaatsConfig.ready(): every save or delete of what a
    member's own pages show of them raises that member's version."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model, user_logged_in, user_logged_out
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

    from courses.models import (
        Completion,
        Enrolment,
        LessonProgress,
        QuizAttempt,
        ReflectionAnswer,
    )
    from members.models import Profile
    from notifications.models import Notification

    user_model = get_user_model()
    owned: list[tuple[Any, str]] = [
        (user_model, "pk"),
        (Profile, "user_id"),
        (Authenticator, "user_id"),
        (Notification, "recipient_id"),
        (Enrolment, "user_id"),
        (ReflectionAnswer, "user_id"),
        (Completion, "user_id"),
    ]
    for model, field in owned:
        receiver = _bump_owner(field)
        uid = f"member_cache_{model._meta.label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}_s")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}_d")
    # Records that belong to a member through their enrolment.
    for model in (LessonProgress, QuizAttempt):
        uid = f"member_cache_{model._meta.label}"
        post_save.connect(_bump_through_enrolment, sender=model, dispatch_uid=f"{uid}_s")
        post_delete.connect(_bump_through_enrolment, sender=model, dispatch_uid=f"{uid}_d")
    post_save.connect(_forget_shell, sender=user_model, dispatch_uid="member_cache_user_forget_s")
    post_delete.connect(_forget_shell, sender=user_model, dispatch_uid="member_cache_user_forget_d")
    m2m_changed.connect(
        _bump_groups, sender=user_model.groups.through, dispatch_uid="member_cache_groups"
    )
    pre_delete.connect(_bump_group_members, sender=Group, dispatch_uid="member_cache_group_d")
    user_logged_in.connect(_bump_user, dispatch_uid="member_cache_logged_in")
    user_logged_out.connect(_bump_user, dispatch_uid="member_cache_logged_out")


def _bump_through_enrolment(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A progress row or quiz attempt: its member is its enrolment's (loaded with it
    on every write path; otherwise read, one query)."""
    enrolment = instance._state.fields_cache.get("enrolment")
    if enrolment is not None:
        bump_member(enrolment.user_id)
        return
    from courses.models import Enrolment

    bump_member(
        Enrolment.objects.filter(pk=instance.enrolment_id).values_list("user_id", flat=True).first()
    )
