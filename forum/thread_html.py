"""A thread's posts drawn once per version of the thread and way of seeing it.

The thread page of 200 posts loaded every post with its author and profile and
built each post's view for each reader on every visit, even when every post's
HTML came from forum.post_html's cache. Here the whole list of posts is kept in
the cache, drawn once for everyone who sees the thread the same way: the same
language and time zone, moderator or not (a moderator sees hidden posts and the
earlier versions; a member never gets that drawing), may post in it or not, may
take part or not (a suspended reader gets no report links and the reactions as
plain labels, not buttons).

What differs per reader is drawn with `cut` marks in forum/includes/post.html
and settled per request from two small reads (the reader's reactions and open
flags in this thread) and the post's author and age, through the same predicates
as ever (forum.permissions): the edit link (own post, within the edit window),
the delete form (own post, or a moderator), the report link (not reported by
this reader yet), which reactions are this reader's (aria-pressed). The CSRF
token is filled in last (forum.post_html.csrf_slot).

The drawing is kept under the thread's `last_seq` (every new post, edit,
deletion, reaction, hiding, restoring and redaction takes a new one, in the
same transaction) and two generations: the thread's own, changed by
`post_html.forget` (edits, deletions, redactions, erasure of a member's posts),
and the forum's, changed when any member profile is saved (a pseudonym shown as
author or linked as @mention) or a user is deleted, and when a member's forum
data is erased. Generations are random tokens, changed now and again when the
transaction commits, so a drawing made from the old rows in between is never
found again; a lost generation is replaced by a new token, never reused.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, Value
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from members.permissions import plain_user

from . import permissions, post_html
from .models import Flag, Post, Reaction, ReactionKind, Thread

FORUM_GENERATION = "forum:thread-html:gen"
THREAD_GENERATION = "forum:thread-html:gen:{pk}"
BODY = "forum:thread-html:{pk}:{variant}"
TIMEOUT_SECONDS = 60 * 60
# Changed with the shape of `Body`/`Drawn`: a drawing kept by older code is not read.
FORMAT = 1
_FLAG = "!flag"


def cut_mark() -> str:
    """The mark the shared drawing is split at (an HMAC: no post text holds it)."""
    return "cut" + salted_hmac("forum.thread_html", "cut").hexdigest()[:24]


def cut_marks() -> dict[str, str]:
    """The template's `cut` context: where one reader's drawing differs from another's."""
    mark = cut_mark()
    return {
        "pressed": mark + "p",
        "edit": mark + "e",
        "delete": mark + "d",
        "flag": mark + "f",
        "end": mark + "z",
    }


@dataclass(frozen=True)
class Drawn:
    """One post of a kept drawing: what the per-reader choices need, the HTML as
    most readers get it (`common`) and its pieces between the marks."""

    pk: int
    seq: int
    author_id: int | None
    created: Any
    deleted: bool
    hidden: bool
    common: str
    pieces: tuple[str, ...]


@dataclass(frozen=True)
class Body:
    version: tuple[Any, ...]
    posts: tuple[Drawn, ...]


def _token() -> str:
    return uuid.uuid4().hex


# Per worker, the last drawings used: a drawing is the same for everyone whose
# version (the thread's `last_seq` and the two generations, read anew on every
# request) and variant match, so one found here under the version read now is
# the one the shared cache holds; it only saves reading and unpickling it.
_recent: OrderedDict[str, Body] = OrderedDict()
RECENT_BODIES = 8
_recent_lock = threading.Lock()


def _remember(key: str, body: Body) -> None:
    with _recent_lock:
        _recent[key] = body
        _recent.move_to_end(key)
        while len(_recent) > RECENT_BODIES:
            _recent.popitem(last=False)


def _generations(thread_id: int) -> tuple[str, str]:
    keys = [FORUM_GENERATION, THREAD_GENERATION.format(pk=thread_id)]
    found = cache.get_many(keys)
    values = []
    for key in keys:
        value = found.get(key)
        if value is None:
            # Never None in a version: a new token, so nothing kept before matches.
            cache.add(key, _token(), None)
            value = cache.get(key) or _token()
        values.append(value)
    return values[0], values[1]


def _bump(keys: list[str]) -> None:
    def change() -> None:
        cache.set_many({key: _token() for key in keys}, None)

    change()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(change, robust=True)  # see members.cache_versions


def forget_threads(thread_ids: Iterable[int]) -> None:
    """No kept drawing of these threads is used again."""
    keys = [THREAD_GENERATION.format(pk=pk) for pk in set(thread_ids)]
    if keys:
        _bump(keys)


def forget_all() -> None:
    """No kept drawing of any thread is used again (a name or a reaction changed
    outside any thread's log)."""
    _bump([FORUM_GENERATION])


def _variant(*, can_post: bool, can_moderate: bool, take_part: bool) -> str:
    material = (
        FORMAT,
        post_html._template_digest(),
        get_language(),
        timezone.get_current_timezone_name(),
        bool(can_post),
        bool(can_moderate),
        bool(take_part),
    )
    return hashlib.blake2b(repr(material).encode(), digest_size=12).hexdigest()


def assemble(
    pieces: Sequence[str],
    *,
    edit: bool,
    delete: bool,
    flag: bool,
    mine: frozenset[str] | set[str],
    kinds: list[str],
) -> str:
    """One reader's HTML of a post from its shared drawing split at `cut_mark()`:
    the edit, delete and report links kept or dropped, their own reactions
    pressed. Equal to the template drawn for that reader (also forum.selectors'
    live frames)."""
    out = [pieces[0]]
    keep = {"e": edit, "d": delete, "f": flag}
    reaction = 0
    for piece in pieces[1:]:
        code, text = piece[0], piece[1:]
        if code == "p":
            kind = kinds[reaction] if reaction < len(kinds) else ""
            reaction += 1
            # The shared drawing says "false" here (no reaction is anyone's own).
            out.append("true" + text[5:] if kind in mine else text)
        elif code == "z" or keep.get(code, False):
            out.append(text)
    return "".join(out)


def _build(*, thread: Thread, user: Any, can_post: bool, can_moderate: bool) -> Body:
    from . import selectors

    version_seq = thread.last_seq  # read before the posts: the drawing is never older
    posts = list(
        Post.objects.visible_to(user)
        .filter(thread=thread)
        .select_related("author__profile")
        .order_by("seq")
    )
    selectors._attach_quoted(posts)
    views = selectors.post_views(posts=posts, thread=thread, user=user, shared=True)
    cut = cut_marks()
    mark = cut_mark()
    htmls = post_html.draw(views, can_post=can_post, can_moderate=can_moderate, cut=cut)
    kinds = [kind for kind, _label in ReactionKind.choices]
    drawn = []
    for post, html in zip(posts, htmls, strict=True):
        pieces = tuple(html.split(mark))
        drawn.append(
            Drawn(
                pk=post.pk,
                seq=post.seq,
                author_id=post.author_id,
                created=post.created,
                deleted=post.deleted,
                hidden=post.hidden,
                # Someone else's post, not reacted to or reported by the reader.
                common=assemble(
                    pieces, edit=False, delete=can_moderate, flag=True, mine=set(), kinds=kinds
                ),
                pieces=pieces,
            )
        )
    return Body(version=(version_seq,), posts=tuple(drawn))


@dataclass
class ThreadHtml:
    html: SafeString
    seqs: list[tuple[int, int | None, bool]]  # (seq, author_id, deleted) per post, in order
    # What the whole page, kept for this reader, depends on (keep_page below).
    flagged: frozenset[int] = frozenset()
    generations: dict[str, str] | None = None
    edit_until: Any = None  # when the first of the reader's edit links goes


# --- the whole page kept for one member (leerwerkplaats/member_cache.py) -----------

PAGE_CHECK = "forum.thread_page"
# The thread's fields the page shows or its access depends on.
PAGE_FIELDS = (
    "last_seq",
    "locked",
    "hidden",
    "title",
    "alias_mode",
    "author_id",
    "subject_type_id",
    "subject_id",
    "category_id",
    "category__name",
    "category__slug",
)


_BOOLEANS = frozenset({"locked", "hidden", "alias_mode"})


def _field(thread: Thread, name: str) -> Any:
    value: Any = thread
    for part in name.split("__"):
        value = getattr(value, part)
    return value


def _row(values: Iterable[Any]) -> tuple[Any, ...]:
    # SQLite gives a boolean column as 0/1.
    return tuple(
        bool(v) if name in _BOOLEANS else v for name, v in zip(PAGE_FIELDS, values, strict=True)
    )


def page_fingerprint(thread: Thread, flagged: Iterable[int]) -> tuple[Any, ...]:
    """The thread's row as read for this page and the reader's open reports in it."""
    return (_row(_field(thread, name) for name in PAGE_FIELDS), tuple(sorted(set(flagged))))


_sql: list[str] = []


def _check_sql() -> str:
    """The one statement of `page_check`, built once from the models' metadata (plain
    SQL: building the ORM query on every kept page cost more than running it): the
    thread's row, once per open report of the reader in it (the reported post's id in
    the last column) or once with NULL there."""
    if not _sql:
        from django.db import connection

        from .models import Category

        q = connection.ops.quote_name
        thread, category, post, flag = Thread._meta, Category._meta, Post._meta, Flag._meta
        columns = []
        for name in PAGE_FIELDS:
            if name.startswith("category__"):
                columns.append(f"c.{q(category.get_field(name[10:]).column)}")
            else:
                columns.append(f"t.{q(thread.get_field(name).column)}")
        flag_post = q(flag.get_field("post").column)
        # Names from the models' metadata, quoted; every value is a parameter.
        _sql.append(
            f"SELECT {', '.join(columns)}, o.post_id FROM {q(thread.db_table)} t "  # noqa: S608
            f"JOIN {q(category.db_table)} c ON c.{q(category.pk.column)} = "
            f"t.{q(thread.get_field('category').column)} "
            f"LEFT JOIN (SELECT f.{flag_post} AS post_id, "
            f"p.{q(post.get_field('thread').column)} AS thread_id "
            f"FROM {q(flag.db_table)} f JOIN {q(post.db_table)} p "
            f"ON p.{q(post.pk.column)} = f.{flag_post} "
            f"WHERE f.{q(flag.get_field('reporter').column)} = %s "
            f"AND f.{q(flag.get_field('status').column)} = %s) o "
            f"ON o.thread_id = t.{q(thread.pk.column)} "
            f"WHERE t.{q(thread.pk.column)} = %s"
        )
    return _sql[0]


def keeping(thread: Thread, context: dict[str, Any]) -> dict[str, Any] | None:
    """Whether and how the member page cache (leerwerkplaats/member_cache.py) may keep
    a member's whole thread page, from the page's context (`selectors.thread_page`):
    when they had read it all (the page then shows no unread mark until a new post),
    are not suspended (that ends with time) and do not moderate (a moderator's page
    also lists the categories and the thread's aliases, which change without a new
    post). Served again while the thread's row and their open reports (`page_check`,
    one query), the shared drawing's generations and their own version are
    unchanged, and no longer than until their first edit link goes. The keyword
    arguments of `mark_member_cacheable`, or None."""
    if context["generations"] is None or context["suspension_message"]:
        return None
    if context["can_moderate"]:
        return None
    seconds = TIMEOUT_SECONDS
    if context["edit_until"] is not None:
        left = (context["edit_until"] - timezone.now()).total_seconds()
        seconds = min(seconds, int(left))
    return {
        "seconds": seconds,
        "stamps": context["generations"],
        "check": (PAGE_CHECK, thread.pk, page_fingerprint(thread, context["own_flags"])),
    }


def page_check(user_id: int, thread_id: int) -> tuple[Any, ...] | None:
    """The same fingerprint read now: one small query instead of the page."""
    from django.db import connection

    from .models import FlagStatus

    with connection.cursor() as cursor:
        cursor.execute(_check_sql(), [user_id, FlagStatus.OPEN.value, thread_id])
        rows = cursor.fetchall()
    if not rows:
        return None
    flagged = {row[-1] for row in rows if row[-1] is not None}
    return (_row(rows[0][:-1]), tuple(sorted(flagged)))


def thread_posts(
    *, thread: Thread, user: Any, can_post: bool, can_moderate: bool, csrf_token: str
) -> ThreadHtml:
    """The thread's posts as forum/includes/post.html draws them for `user`, from
    the drawing shared by every reader who sees the thread the same way."""
    user = plain_user(user)
    generations = _generations(thread.pk)
    edit_until = None
    version = (thread.last_seq, *generations)
    # Whether the reader may react and report: `_build` draws with `user`, so the
    # drawing is shared only with readers who may do the same (not while suspended).
    variant = _variant(
        can_post=can_post, can_moderate=can_moderate, take_part=permissions.can_take_part(user)
    )
    key = BODY.format(pk=thread.pk, variant=variant)
    body = _recent.get(key)
    if body is None or body.version != version:
        body = cache.get(key)
        if not isinstance(body, Body) or body.version != version:
            built = _build(thread=thread, user=user, can_post=can_post, can_moderate=can_moderate)
            body = Body(version=version, posts=built.posts)
            cache.set(key, body, TIMEOUT_SECONDS)
        _remember(key, body)
    mine: dict[int, set[str]] = {}
    flagged: set[int] = set()
    # The reader's reactions and open reports in this thread: one query.
    own_reactions = (
        Reaction.objects.filter(user=user, post__thread=thread)
        .order_by()
        .values_list("post_id", "kind")
    )
    own_flags = Flag.objects.open().filter(reporter=user, post__thread=thread).order_by()
    for post_id, kind in own_reactions.union(
        own_flags.annotate(kind=Value(_FLAG, output_field=CharField())).values_list(
            "post_id", "kind"
        ),
        all=True,
    ):
        if kind == _FLAG:
            flagged.add(post_id)
        else:
            mine.setdefault(post_id, set()).add(kind)
    kinds = [kind for kind, _label in ReactionKind.choices]
    parts = []
    for drawn in body.posts:
        if drawn.author_id != user.pk and drawn.pk not in mine and drawn.pk not in flagged:
            parts.append(drawn.common)
            continue
        post = SimpleNamespace(
            author_id=drawn.author_id,
            deleted=drawn.deleted,
            hidden=drawn.hidden,
            created=drawn.created,
            thread=thread,
        )
        edit = permissions.can_edit_post(user, post)
        if edit:
            until = drawn.created + permissions.EDIT_WINDOW
            edit_until = until if edit_until is None else min(edit_until, until)
        parts.append(
            assemble(
                drawn.pieces,
                edit=edit,
                delete=permissions.can_delete_post(user, post),
                flag=drawn.pk not in flagged,
                mine=mine.get(drawn.pk, set()),
                kinds=kinds,
            )
        )
    html = "".join(parts).replace(post_html.csrf_slot(), escape(csrf_token))
    return ThreadHtml(
        html=mark_safe(html),  # noqa: S308 - drawn by the template, escaped there
        seqs=[(d.seq, d.author_id, d.deleted) for d in body.posts],
        flagged=frozenset(flagged),
        generations={
            FORUM_GENERATION: generations[0],
            THREAD_GENERATION.format(pk=thread.pk): generations[1],
        },
        edit_until=edit_until,
    )


def connect_signals() -> None:
    """A saved profile (pseudonym, erasure) or a deleted user changes names shown
    in any thread: no kept drawing is used again."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save

    from members.models import Profile

    def changed(**kwargs: Any) -> None:
        forget_all()

    post_save.connect(changed, sender=Profile, dispatch_uid="forum_thread_html_profile", weak=False)
    post_delete.connect(
        changed, sender=Profile, dispatch_uid="forum_thread_html_profile_gone", weak=False
    )
    post_delete.connect(
        changed, sender=get_user_model(), dispatch_uid="forum_thread_html_user_gone", weak=False
    )
