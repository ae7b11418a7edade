"""Posts drawn once per version and way of seeing them, kept in the cache.

A thread page of 200 posts spent most of its time in the post template, drawing
the same HTML for every reader on every visit. Here each post's HTML is kept in
the cache under a fingerprint of *everything the template reads* for this
reader: the post's state and text, the name shown for its author (alias or
pseudonym), the quote as this reader may see it, the reactions (present, and
this reader's own), what this reader may do with it (edit, delete, flag, reply,
moderate), the moderators' earlier versions, the language and time zone and the
template itself. The fingerprint is computed from the `PostView` that
`selectors.post_views` built for this reader under the usual permission checks,
so a reader only ever gets HTML that the template would have drawn for them:
a member never gets a moderator's variant (hidden post, earlier versions), and
an alias never gets drawn with the pseudonym behind it.

The CSRF token, the one per-request value, is drawn as an unguessable slot (an
HMAC of the SECRET_KEY, so no post text can contain it) and filled in after.

All variants of a post live under one key (`forum:post-html:<id>`), so a change
that must not linger (an edit, a deletion, a moderator's redaction, an erased
member) removes them at once with `forget`, including the replies that quote
the post. Texts in the cache are the stored, redacted texts, as in the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .models import Post

if TYPE_CHECKING:
    from .selectors import PostView

TEMPLATE = "forum/includes/post.html"
KEY = "forum:post-html:{pk}"
# Long enough to keep a busy thread warm; short enough that a translation or a
# pseudonym changed elsewhere does not keep old HTML around for long.
TIMEOUT_SECONDS = 60 * 60
# Ways of seeing one post kept at once (reader, author, moderator, reacted, ...).
MAX_VARIANTS = 16


@lru_cache(maxsize=1)
def _template_digest() -> str:
    source = get_template(TEMPLATE).template.source
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


def csrf_slot() -> str:
    return "csrf-" + salted_hmac("forum.post_html", "csrf-slot").hexdigest()[:32]


def _iso(moment: Any) -> str:
    return moment.isoformat() if moment is not None else ""


def fingerprint(
    view: PostView, *, can_post: bool, can_moderate: bool, cut: dict[str, str] | None = None
) -> str:
    """Every input of the post template for this reader, hashed."""
    post = view.post
    quote = view.quote
    material = (
        _template_digest(),
        get_language(),
        timezone.get_current_timezone_name(),
        bool(can_post),
        bool(can_moderate),
        tuple(sorted(cut.items())) if cut else None,
        post.pk,
        post.seq,
        post.hidden,
        post.deleted,
        _iso(post.created),
        _iso(post.edited),
        view.author,
        (quote.seq, quote.author, quote.text, quote.unavailable) if quote else None,
        tuple((r.kind, r.label, r.present, r.mine) for r in view.reactions),
        view.can_edit,
        view.can_delete,
        view.can_flag,
        view.can_react,
        tuple((r.pk, _iso(r.created), r.text) for r in view.revisions),
        str(view.text_html),
    )
    return hashlib.blake2b(repr(material).encode(), digest_size=16).hexdigest()


def draw(
    views: Sequence[PostView],
    *,
    can_post: bool,
    can_moderate: bool,
    cut: dict[str, str] | None = None,
) -> list[str]:
    """Each post's HTML as `forum/includes/post.html` draws it for this reader, with
    `csrf_slot()` where the CSRF token goes (and `cut`'s marks, forum.thread_html)."""
    slot = csrf_slot()
    keys = [KEY.format(pk=view.post.pk) for view in views]
    stored = cache.get_many(keys) if keys else {}
    updates: dict[str, dict[str, str]] = {}
    parts: list[str] = []
    for view, key in zip(views, keys, strict=True):
        mark = fingerprint(view, can_post=can_post, can_moderate=can_moderate, cut=cut)
        variants = updates.get(key) or stored.get(key) or {}
        html = variants.get(mark)
        if html is None:
            html = render_to_string(
                TEMPLATE,
                {
                    "pv": view,
                    "can_post": can_post,
                    "can_moderate": can_moderate,
                    "csrf_token": slot,
                    "cut": cut or {},
                },
            )
            variants = dict(variants) if len(variants) < MAX_VARIANTS else {}
            variants[mark] = html
            updates[key] = variants
        parts.append(html)
    if updates:
        cache.set_many(updates, TIMEOUT_SECONDS)
    return parts


def render_posts(
    views: Sequence[PostView], *, can_post: bool, can_moderate: bool, csrf_token: str
) -> SafeString:
    """The posts' HTML as `forum/includes/post.html` draws them for this reader."""
    parts = draw(views, can_post=can_post, can_moderate=can_moderate)
    return mark_safe("".join(parts).replace(csrf_slot(), escape(csrf_token)))  # noqa: S308


def forget(post_ids: Iterable[int]) -> None:
    """Drop the kept HTML of these posts and of the replies that quote them, and
    every kept drawing of their threads (forum.thread_html): now, and again when
    the transaction commits (no request re-stores the old text in between)."""
    from . import thread_html

    ids = set(post_ids)
    if not ids:
        return
    rows = list(
        Post.objects.filter(Q(pk__in=ids) | Q(reply_to__in=ids)).values_list("pk", "thread_id")
    )
    keys = [KEY.format(pk=pk) for pk in {*ids, *(pk for pk, _thread in rows)}]
    threads = {thread_id for _pk, thread_id in rows}

    def drop() -> None:
        cache.delete_many(keys)
        thread_html.forget_threads(threads)

    drop()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(drop, robust=True)  # see members.cache_versions
