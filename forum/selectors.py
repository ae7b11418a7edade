"""Reads the forum's views and consumers share. Each keeps its query count flat
whatever the number of threads or posts (tests/forum/test_query_counts.py)."""

from __future__ import annotations

import copy
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from members import text_search
from members.compiled_queries import run_compiled
from members.permissions import plain_user
from members.selectors import (
    LiveAnnotations,
    profiles_by_pseudonyms,
    suspended_profiles,
)

from . import mentions, permissions, thread_html
from .models import (
    Category,
    EventKind,
    Flag,
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    ReadState,
    Thread,
    ThreadAlias,
    ThreadEvent,
)

ERASED_MEMBER = _("verwijderd lid")
#: A typist in an aliased thread who has no alias yet (has not posted there).
SOMEONE = _("Iemand")
QUOTE_WORDS = 30


def _unread_posts(user: Any) -> QuerySet[Post]:
    """Posts `user` may see and has not read (their own never count)."""
    read_upto = ReadState.objects.filter(user=user, thread=OuterRef("thread")).values(
        "last_read_seq"
    )[:1]
    return (
        Post.objects.visible_to(user)
        .filter(deleted=False)
        .exclude(author=user)
        .annotate(read_upto=Coalesce(Subquery(read_upto), Value(0)))
        .filter(seq__gt=F("read_upto"))
        .order_by()
    )


def _count(queryset: QuerySet, group_by: str) -> Coalesce:
    counted = queryset.values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def categories_for(*, user: Any) -> list[Category]:
    """Every category with `thread_count` and `unread_count` for `user`; empty for
    anyone who may not read the forum."""
    if not permissions.can_read_forum(user):
        return []
    threads = Thread.objects.visible_to(user).filter(category=OuterRef("pk")).order_by()
    unread = _unread_posts(user).filter(thread__category=OuterRef("pk"))
    return list(
        Category.objects.annotate(
            thread_count=_count(threads, "category"),
            unread_count=_count(unread, "thread__category"),
        )
    )


def get_category_for(*, user: Any, slug: str) -> Category:
    return get_object_or_404(Category, slug=slug)


def threads_in(*, category: Category, user: Any) -> list[Thread]:
    """The category's threads, newest activity first, with `post_count` and
    `unread_count` for `user`."""
    posts = Post.objects.visible_to(user).filter(thread=OuterRef("pk"), deleted=False).order_by()
    unread = _unread_posts(user).filter(thread=OuterRef("pk"))
    return list(
        Thread.objects.visible_to(user)
        .filter(category=category)
        .annotate(post_count=_count(posts, "thread"), unread_count=_count(unread, "thread"))
        .order_by("-last_activity", "-pk")
    )


def recent_threads(*, user: Any, limit: int = 5) -> list[Thread]:
    """The threads with the newest activity anywhere in the forum, with
    `unread_count` for `user` (the home page); empty for anyone who may not read."""
    if not permissions.can_read_forum(user):
        return []
    unread = _unread_posts(user).filter(thread=OuterRef("pk"))
    return list(
        Thread.objects.visible_to(user)
        .annotate(unread_count=_count(unread, "thread"))
        .order_by("-last_activity", "-pk")[:limit]
    )


def get_thread_for(*, user: Any, pk: int) -> Thread:
    return get_object_or_404(Thread.objects.visible_to(user).select_related("category"), pk=pk)


def get_post_for(*, user: Any, pk: int) -> Post:
    return get_object_or_404(
        Post.objects.visible_to(user).select_related("thread", "thread__category"), pk=pk
    )


# --- one thread's posts, as the page and the socket show them ---------------


@dataclass
class ReactionView:
    kind: str
    label: str
    present: bool
    mine: bool


@dataclass
class QuoteView:
    seq: int
    author: str
    text: str  # empty when the quoted post is hidden or deleted
    unavailable: str = ""


@dataclass
class PostView:
    post: Post
    author: str
    quote: QuoteView | None
    reactions: list[ReactionView]
    can_edit: bool
    can_delete: bool
    can_flag: bool
    revisions: list[PostRevision] = field(default_factory=list)
    text_html: SafeString = field(default_factory=lambda: mark_safe(""))
    # False while suspended (permissions.can_take_part): the reactions are drawn as
    # plain labels, not buttons the services would refuse.
    can_react: bool = True

    @property
    def present_reactions(self) -> list[ReactionView]:
        return [reaction for reaction in self.reactions if reaction.present]

    @property
    def seq(self) -> int:
        return self.post.seq


class Names:
    """How authors are shown in one thread: their per-thread alias in alias mode,
    else their pseudonym; an erased member is "verwijderd lid"."""

    def __init__(self, thread: Thread, aliases: dict[int, str] | None = None) -> None:
        self.thread = thread
        if aliases is None and thread.alias_mode:
            aliases = dict(
                ThreadAlias.objects.filter(thread=thread).values_list("user_id", "alias")
            )
        self.aliases = aliases or {}

    def of(self, user: Any) -> str:
        if user is None:
            return str(ERASED_MEMBER)
        if self.thread.alias_mode:
            return self.aliases.get(user.pk, str(ERASED_MEMBER))
        return pseudonym_of(user)


def pseudonym_of(user: Any) -> str:
    """The name a member goes by on the forum; "verwijderd lid" once erased."""
    profile = getattr(user, "profile", None) if user is not None else None
    if profile is None or profile.erased_at is not None or not profile.pseudonym:
        return str(ERASED_MEMBER)
    return profile.pseudonym


def _quote(
    post: Post, viewer: Any, names: Names, *, moderator: bool | None = None
) -> QuoteView | None:
    quoted = post.reply_to
    if quoted is None:
        return None
    if moderator is None:
        moderator = permissions.can_moderate_forum(viewer)
    quote = QuoteView(seq=quoted.seq, author=names.of(quoted.author), text="")
    if quoted.deleted:
        quote.unavailable = str(_("Dit bericht is verwijderd."))
    elif quoted.hidden and not moderator:
        quote.unavailable = str(_("Dit bericht is verborgen door een moderator."))
    else:
        quote.text = Truncator(quoted.text).words(QUOTE_WORDS)
    return quote


def _posts(queryset: QuerySet[Post]) -> QuerySet[Post]:
    return queryset.select_related(
        "thread", "author__profile", "reply_to", "reply_to__author__profile"
    )


def mention_targets(*, thread: Thread, posts: list[Post]) -> dict[str, str]:
    """Where each @mentioned pseudonym in `posts` links: that member's first post in
    this thread (lower-cased pseudonym -> anchor). Two queries at most, none when no
    post mentions anyone; never in a thread with aliases (a pseudonym would reveal
    who is behind an alias)."""
    if thread.alias_mode:
        return {}
    names: set[str] = set()
    for post in posts:
        if "@" in post.text:
            names |= mentions.candidates(post.text)
    profiles = profiles_by_pseudonyms(names)
    if not profiles:
        return {}
    by_user = {profile.user_id: key for key, profile in profiles.items()}
    first = (
        Post.objects.filter(thread=thread, author_id__in=by_user, deleted=False, hidden=False)
        .values("author_id")
        .annotate(first_seq=Min("seq"))
        .order_by()
    )
    return {by_user[row["author_id"]]: f"#bericht-{row['first_seq']}" for row in first}


def _text_html(post: Post, targets: dict[str, str]) -> SafeString:
    # linebreaks escapes the text first; a mention is linked inside the escaped HTML.
    return mark_safe(mentions.linked_html(linebreaks(post.text, autoescape=True), targets))  # noqa: S308


def post_views(
    *, posts: list[Post], thread: Thread, user: Any, shared: bool = False
) -> list[PostView]:
    """Everything the post template needs, in a fixed number of queries.

    `shared`: the drawing every reader with `user`'s way of seeing the thread
    shares (forum.thread_html): nothing of `user`'s own (no reaction marked as
    theirs, no flag of theirs), and every action link a reader might get drawn,
    for thread_html to keep or drop per reader."""
    user = plain_user(user)
    kinds = [(kind, str(label)) for kind, label in ReactionKind.choices]
    ids = [post.pk for post in posts]
    targets = mention_targets(thread=thread, posts=posts)
    names = Names(thread)
    present: dict[int, set[str]] = {}
    mine: dict[int, set[str]] = {}
    for post_id, kind, user_id in Reaction.objects.filter(post_id__in=ids).values_list(
        "post_id", "kind", "user_id"
    ):
        present.setdefault(post_id, set()).add(kind)
        if user_id == user.pk and not shared:
            mine.setdefault(post_id, set()).add(kind)
    moderator = permissions.can_moderate_forum(user)
    # A suspended reader may neither react nor report; the same for everyone who
    # shares `user`'s drawing (thread_html's variant holds it).
    take_part = permissions.can_take_part(user)
    revisions: dict[int, list[PostRevision]] = {}
    if moderator:
        for revision in PostRevision.objects.filter(post_id__in=ids):
            revisions.setdefault(revision.post_id, []).append(revision)
    flagged = (
        set()
        if shared
        else set(
            Flag.objects.open()
            .filter(post_id__in=ids, reporter=user)
            .values_list("post_id", flat=True)
        )
    )
    views = []
    for post in posts:
        post.thread = thread
        if shared:
            # Drawn for anyone; forum.thread_html keeps or drops each per reader.
            can_edit = can_delete = not post.deleted
        else:
            can_edit = permissions.can_edit_post(user, post)
            can_delete = permissions.can_delete_post(user, post)
        views.append(
            PostView(
                post=post,
                author=names.of(post.author),
                quote=_quote(post, user, names),
                reactions=[
                    ReactionView(
                        kind=kind,
                        label=label,
                        present=kind in present.get(post.pk, ()),
                        mine=kind in mine.get(post.pk, ()),
                    )
                    for kind, label in kinds
                ],
                can_edit=can_edit,
                can_delete=can_delete,
                can_flag=(
                    take_part and not post.deleted and not post.hidden and post.pk not in flagged
                ),
                revisions=revisions.get(post.pk, []),
                text_html=_text_html(post, targets),
                can_react=take_part,
            )
        )
    return views


def thread_page(
    *, thread: Thread, user: Any, can_post: bool, can_moderate: bool, csrf_token: str
) -> dict[str, Any]:
    """The posts of a thread as `user` sees them (drawn, forum.thread_html), the
    last sequence number they reflect and where the member's unread part begins."""
    from . import thread_html

    # `thread.last_seq` was read with the thread, before the posts: anything newer
    # arrives by the socket's resume.
    drawn = thread_html.thread_posts(
        thread=thread,
        user=user,
        can_post=can_post,
        can_moderate=can_moderate,
        csrf_token=csrf_token,
    )
    read_upto = (
        ReadState.objects.filter(user=user, thread=thread)
        .values_list("last_read_seq", flat=True)
        .first()
    ) or 0
    first_unread = next(
        (
            seq
            for seq, author_id, deleted in drawn.seqs
            if seq > read_upto and author_id != user.pk and not deleted
        ),
        None,
    )
    return {
        "posts_html": drawn.html,
        "last_seq": thread.last_seq,
        "first_unread_seq": first_unread,
        "read_upto": read_upto,
        "own_flags": drawn.flagged,
        "generations": drawn.generations,
        "edit_until": drawn.edit_until,
    }


def _attach_quoted(posts: list[Post]) -> None:
    """Set each post's `reply_to` from the loaded posts; the few not among them
    (hidden from this reader) in one query."""
    by_id = {post.pk: post for post in posts}
    missing = {p.reply_to_id for p in posts if p.reply_to_id and p.reply_to_id not in by_id}
    if missing:
        by_id.update(
            (post.pk, post)
            for post in Post.objects.filter(pk__in=missing).select_related("author__profile")
        )
    for post in posts:
        if post.reply_to_id:
            post.reply_to = by_id.get(post.reply_to_id)


def quoted_post(*, thread: Thread, user: Any, pk: int) -> Post | None:
    return Post.objects.visible_to(user).filter(thread=thread, pk=pk, deleted=False).first()


def first_unread_seq(*, thread: Thread, user: Any) -> int | None:
    return (
        _unread_posts(user).filter(thread=thread).order_by("seq").values_list("seq", flat=True)
    ).first()


def last_seq_shown(*, thread: Thread, user: Any) -> int | None:
    """The `seq` of the last post of the thread drawn for `user` (a hidden post is
    not drawn for a member), or None when none is."""
    return (
        Post.objects.visible_to(user)
        .filter(thread=thread)
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
    )


def post_view(*, post_id: int, thread: Thread, user: Any) -> PostView | None:
    """One post as `user` may see it now, or None when they may not see it."""
    post = _posts(Post.objects.visible_to(user).filter(thread=thread, pk=post_id)).first()
    if post is None:
        return None
    return post_views(posts=[post], thread=thread, user=user)[0]


def events_after(*, thread: Thread, after: int) -> list[ThreadEvent]:
    """The thread's log after `after`, in order: what a reconnecting client missed."""
    return list(ThreadEvent.objects.filter(thread=thread, seq__gt=after).order_by("seq"))


def flag_queue(*, user: Any) -> list[Flag]:
    """Open flags, oldest first, for moderators only."""
    if not permissions.can_moderate_forum(user):
        return []
    return list(
        Flag.objects.open()
        .select_related("post", "post__thread", "post__thread__category")
        .order_by("created", "pk")
    )


@dataclass
class SuspendedMember:
    user_id: int
    name: str
    until: Any


def suspended_members(*, user: Any) -> list[SuspendedMember]:
    """Members suspended now, for moderators only (by forum pseudonym)."""
    if not permissions.can_moderate_forum(user):
        return []
    return [
        SuspendedMember(user_id=p.user_id, name=pseudonym_of(p.user), until=p.suspended_until)
        for p in suspended_profiles().select_related("user__profile")
    ]


def get_suspended_member(*, user: Any, pk: int) -> Any:
    if not permissions.can_moderate_forum(user):
        raise Http404
    return get_object_or_404(suspended_profiles(), user_id=pk).user


# --- live frames (forum.consumers) ------------------------------------------


def last_seqs(thread_ids: list[int]) -> dict[int, int]:
    """Each thread's `last_seq` (the live catch-up check): one query."""
    return dict(Thread.objects.filter(pk__in=thread_ids).values_list("pk", "last_seq"))


def can_read_thread_id(*, user: Any, thread_id: int) -> bool:
    """One query: may `user` (fresh from the live check) see this thread now?"""
    return Thread.objects.visible_to(user).filter(pk=thread_id).exists()


def _frames(
    *, thread: Thread, events: list[tuple[int, str, int]], user: Any
) -> list[dict[str, Any]]:
    """One frame per event, in order, showing each post as `user` may see it now.

    An event about a post the member may not see (hidden) still goes out, as
    `post_hidden` without content: the client's sequence never has a gap."""
    ids = {post_id for _, _, post_id in events}
    posts = list(_posts(Post.objects.visible_to(user).filter(thread=thread, pk__in=ids)))
    views = {view.post.pk: view for view in post_views(posts=posts, thread=thread, user=user)}
    context = {
        "can_post": permissions.can_post_in(user, thread),
        "can_moderate": permissions.can_moderate_forum(user),
    }
    html: dict[int, str] = {}
    frames: list[dict[str, Any]] = []
    for seq, kind, post_id in events:
        view = views.get(post_id)
        if view is None:
            frames.append({"type": EventKind.POST_HIDDEN, "seq": seq, "id": post_id})
            continue
        if post_id not in html:
            html[post_id] = render_to_string("forum/includes/post.html", {**context, "pv": view})
        frame_type = kind
        if kind == EventKind.POST and view.post.seq != seq:
            frame_type = EventKind.POST_UPDATED  # defensive: a post's event is its own seq
        frames.append({"type": frame_type, "seq": seq, "id": post_id, "html": html[post_id]})
    return frames


def frames_after(*, thread_id: int, after: int, user: Any) -> list[dict[str, Any]]:
    """Every event of the thread after `after`, as frames for `user`: the replay."""
    thread = Thread.objects.visible_to(user).filter(pk=thread_id).first()
    if thread is None:
        return []
    events = list(
        ThreadEvent.objects.filter(thread=thread, seq__gt=after)
        .order_by("seq")
        .values_list("seq", "kind", "post_id")
    )
    return _frames(thread=thread, events=events, user=user)


def frame_for(*, thread_id: int, seq: int, kind: str, post_id: int, user: Any) -> dict[str, Any]:
    thread = Thread.objects.visible_to(user).filter(pk=thread_id).first()
    if thread is None:
        return {"type": EventKind.POST_HIDDEN, "seq": seq, "id": post_id}
    return _frames(thread=thread, events=[(seq, kind, post_id)], user=user)[0]


def typing_name(*, thread: Thread, user: Any) -> str:
    """How `user` is shown as typing in `thread`: their alias in an aliased thread
    ("Iemand" before their first post there), else their pseudonym."""
    if thread.alias_mode:
        alias = (
            ThreadAlias.objects.filter(thread=thread, user=user)
            .values_list("alias", flat=True)
            .first()
        )
        return alias or str(SOMEONE)
    return pseudonym_of(user)


def thread_for_writer(*, thread_id: int, user: Any) -> Thread | None:
    """The thread when `user` may see it now (whether they may post: the caller)."""
    return Thread.objects.visible_to(user).filter(pk=thread_id).first()


@dataclass(frozen=True)
class Variant:
    """What makes one member's rendering of a post differ from another's: the
    post's `<li>` is the same for every member with the same variant."""

    moderator: bool
    can_post: bool
    can_edit: bool
    can_delete: bool
    flagged: bool
    reactions: frozenset[str]
    # May react and report (not suspended); the prepared drawings are for those who may.
    take_part: bool = True

    def as_list(self) -> list[Any]:
        return [
            self.moderator,
            self.can_post,
            self.can_edit,
            self.can_delete,
            self.flagged,
            sorted(self.reactions),
            self.take_part,
        ]

    @classmethod
    def from_list(cls, values: list[Any]) -> Variant:
        moderator, can_post, can_edit, can_delete, flagged, reactions, take_part = values
        return cls(
            bool(moderator),
            bool(can_post),
            bool(can_edit),
            bool(can_delete),
            bool(flagged),
            frozenset(reactions),
            bool(take_part),
        )


class LiveFrame(dict):
    """A live frame shared by every socket that gets it; its JSON text is encoded
    once (`text`), not once per socket."""

    @cached_property
    def text(self) -> str:
        return json.dumps(self)


#: A member who may see the thread but not the post: a bare `post_hidden`.
_HIDDEN = "hidden"


def _member_answer(
    user: Any | None,
    *,
    thread: Thread | None,
    post: Post | None,
    reactions: dict[int, frozenset[str]],
    flaggers: set[int],
) -> Variant | str | None:
    """None: the member may not see the thread (now); `_HIDDEN`: they may, but not
    the post; else the variant of the post they see. The same rules as `frame_for`."""
    if user is None or thread is None or not permissions.can_read_thread(user, thread):
        return None
    moderator = permissions.can_moderate_forum(user)
    if post is None or (not moderator and (post.hidden or thread.hidden)):
        return _HIDDEN
    return Variant(
        moderator=moderator,
        can_post=permissions.can_post_in(user, thread),
        can_edit=permissions.can_edit_post(user, post),
        can_delete=permissions.can_delete_post(user, post),
        flagged=user.pk in flaggers,
        reactions=reactions.get(user.pk, frozenset()),
        take_part=permissions.can_take_part(user),
    )


@dataclass
class _LivePost:
    """One post as the database holds it now, with what decides each variant."""

    thread: Thread | None
    post: Post | None
    reactions: dict[int, frozenset[str]]
    flaggers: set[int]


#: A row of `_live_post`'s reactions-and-flags query that is an open flag.
_FLAGGED = "!flag"


# The live post's two queries run for every event (in the posting transaction, and
# in a worker when the drawings could not be used): building and compiling them
# through the ORM cost about as much CPU as the two drawings. Like the live check's
# members query, each is compiled once per database connection and then only run
# with the event's ids (members.compiled_queries).


def _post_query(thread_id: int, post_id: int) -> QuerySet[Post]:
    # No ordering: one row by its key (ordering cost more CPU than the query).
    return _posts(Post.objects.filter(thread_id=thread_id, pk=post_id)).order_by()


def _marks_query(post_id: int) -> QuerySet:
    reactions = Reaction.objects.filter(post_id=post_id).order_by().values_list("user_id", "kind")
    flags = (
        Flag.objects.open()
        .filter(post_id=post_id)
        .order_by()
        .annotate(kind=Value(_FLAGGED, output_field=CharField()))
        .values_list("reporter_id", "kind")
    )
    return reactions.union(flags, all=True)


def _load_post(thread_id: int, post_id: int) -> Post | None:
    found = run_compiled(
        "forum.live_post",
        _post_query,
        using=Post.objects.db,
        values={"thread_id": thread_id, "post_id": post_id},
    )
    return found[0] if found else None


def _load_marks(post_id: int) -> list[tuple[int, str]]:
    return [
        (user_id, kind)
        for user_id, kind in run_compiled(
            "forum.live_marks", _marks_query, using=Reaction.objects.db, values={"post_id": post_id}
        )
    ]


def _live_post(*, thread_id: int, post_id: int) -> _LivePost:
    """The post with its thread, reactions and open flags: two queries (the post
    with its thread, then its reactions and flags together; three when the post is
    gone), each compiled once per connection."""
    post = _load_post(thread_id, post_id)
    if post is None:
        return _LivePost(Thread.objects.filter(pk=thread_id).first(), None, {}, set())
    kinds: dict[int, set[str]] = {}
    flaggers: set[int] = set()
    for user_id, kind in _load_marks(post.pk):
        if kind == _FLAGGED:
            flaggers.add(user_id)
        else:
            kinds.setdefault(user_id, set()).add(kind)
    reactions_by_user = {user_id: frozenset(found) for user_id, found in kinds.items()}
    return _LivePost(post.thread, post, reactions_by_user, flaggers)


class _Renderer:
    """Renders one event's post for any number of variants; what they share (names,
    mention links, the moderators' history) is loaded once."""

    def __init__(self, live: _LivePost, *, seq: int, kind: str, post_id: int) -> None:
        self.live = live
        self.seq = seq
        self.kind = kind
        self.post_id = post_id
        self.hidden = LiveFrame(type=str(EventKind.POST_HIDDEN), seq=seq, id=post_id)
        self._frames: dict[Variant, LiveFrame] = {}
        self._shared: tuple[Names, SafeString, set[str]] | None = None
        self._revisions: list[PostRevision] | None = None

    def frame(self, answer: Variant | str) -> LiveFrame:
        if not isinstance(answer, Variant):
            return self.hidden
        if answer not in self._frames:
            self._frames[answer] = self._render(answer)
        return self._frames[answer]

    def _view(self, *, moderator: bool, variant: Variant | None) -> PostView:
        """The post's view for `variant`; None: the drawing shared by every member
        with the same `moderator`, every link a member might get drawn (marked, for
        `thread_html.assemble`), no reaction anyone's own."""
        post, thread = self.live.post, self.live.thread
        if post is None or thread is None:
            raise ValueError("a variant of a post that is gone")
        if self._shared is None:
            present = set().union(*self.live.reactions.values())
            targets = mention_targets(thread=thread, posts=[post])
            self._shared = (Names(thread), _text_html(post, targets), present)
        names, text_html, present = self._shared
        revisions: list[PostRevision] = []
        # A post has earlier versions only once edited (forum.services.edit_post).
        if moderator and post.edited is not None:
            if self._revisions is None:
                self._revisions = list(PostRevision.objects.filter(post_id=post.pk))
            revisions = self._revisions
        mine = variant.reactions if variant is not None else frozenset()
        take_part = variant.take_part if variant is not None else True
        shown = not post.deleted
        return PostView(
            post=post,
            author=names.of(post.author),
            quote=_quote(post, None, names, moderator=moderator),
            reactions=[
                ReactionView(
                    kind=kind, label=str(label), present=kind in present, mine=kind in mine
                )
                for kind, label in ReactionKind.choices
            ],
            can_edit=variant.can_edit if variant is not None else shown,
            can_delete=variant.can_delete if variant is not None else shown,
            can_flag=(
                take_part
                and shown
                and not post.hidden
                and not (variant is not None and variant.flagged)
            ),
            revisions=revisions,
            text_html=text_html,
            can_react=take_part,
        )

    @property
    def frame_type(self) -> str:
        post = self.live.post
        if self.kind == EventKind.POST and post is not None and post.seq != self.seq:
            return str(EventKind.POST_UPDATED)  # defensive: a post's event is its own seq
        return str(self.kind)

    def _render(self, variant: Variant) -> LiveFrame:
        html = render_to_string(
            "forum/includes/post.html",
            {
                "can_post": variant.can_post,
                "can_moderate": variant.moderator,
                "pv": self._view(moderator=variant.moderator, variant=variant),
            },
        )
        return LiveFrame(type=self.frame_type, seq=self.seq, id=self.post_id, html=html)

    def drawing(self, *, moderator: bool, can_post: bool) -> list[str]:
        """The post drawn once for every member with this `moderator` and `can_post`,
        split at `thread_html.cut_mark()`: `thread_html.assemble` makes each of
        their variants from it (edit, delete, report links, their own reactions)
        without drawing again."""
        html = render_to_string(
            "forum/includes/post.html",
            {
                "can_post": can_post,
                "can_moderate": moderator,
                "pv": self._view(moderator=moderator, variant=None),
                "cut": thread_html.cut_marks(),
            },
        )
        return html.split(thread_html.cut_mark())


def _answers(
    answers: list[Variant | str | None], renderer: _Renderer
) -> list[tuple[bool, LiveFrame | None]]:
    return [(False, None) if a is None else (True, renderer.frame(a)) for a in answers]


def live_frames(
    *, thread_id: int, seq: int, kind: str, post_id: int, users: list[Any | None]
) -> list[tuple[bool, dict[str, Any] | None]]:
    """One live event for many sockets of a worker process at once: for each
    (freshly loaded) member, whether they may still see the thread, and the frame
    as they may see it now.

    A fixed number of queries whatever the number of sockets: the post with its
    thread, reactions and open flags; the post is then rendered once for each
    distinct way members see it (`Variant`: ordinary reader, its author, a
    moderator, one who reacted or flagged...), not once per socket. What the frame
    shows for a member is the same as `frame_for` shows them.

    The worker's way when the event came without frames drawn in the posting transaction
    (`prepare_event`), or when those may be out of date (`prepared_live_frames`)."""
    live = _live_post(thread_id=thread_id, post_id=post_id)
    renderer = _Renderer(live, seq=seq, kind=kind, post_id=post_id)
    answers = [
        _member_answer(
            user,
            thread=live.thread,
            post=live.post,
            reactions=live.reactions,
            flaggers=live.flaggers,
        )
        for user in users
    ]
    return _answers(answers, renderer)  # type: ignore[return-value]


def prepare_event(*, thread_id: int, seq: int, kind: str, post_id: int) -> dict[str, Any] | None:
    """In the posting transaction, right after the change (`broadcast.publish_event`;
    the on-commit hook only sends): the event's post drawn once for every member
    who may read it (`drawings`: per moderator or not and may post
    or not, split at the marks where members differ), with what a worker needs to
    make each socket's frame from them without asking for the post
    (`prepared_live_frames`). Primitives only (it travels in the group message).
    Two queries (the post with its thread, its reactions and flags) and two
    drawings: a reader's and a moderator's (only the moderator's when readers
    may not see the post).

    `as_of` is the thread's `last_seq` read with the post: the drawings show the
    thread as of that seq or later. Every change a reader sees takes a new seq in
    the transaction that makes it, so when the worker's check reads the same
    `last_seq` nothing changed since, and otherwise it renders from the database."""
    live = _live_post(thread_id=thread_id, post_id=post_id)
    post, thread = live.post, live.thread
    if thread is None:
        return None
    facts = None
    drawings: list[list[Any]] = []
    if post is not None:
        facts = {
            "seq": post.seq,
            "author_id": post.author_id,
            "deleted": post.deleted,
            "hidden": post.hidden,
            "created": post.created.isoformat(),
        }
        kinds = [(True, True)]  # a moderator may post, even in a locked thread
        if not (post.hidden or thread.hidden):
            kinds.insert(0, (False, not thread.locked))  # a reader
        renderer = _Renderer(live, seq=seq, kind=kind, post_id=post_id)
        # As a worker renders: the site's language and time zone (a socket has no
        # request to pick them from), whatever the posting request had active.
        with translation.override(settings.LANGUAGE_CODE), timezone.override(None):
            for moderator, can_post in kinds:
                drawing = renderer.drawing(moderator=moderator, can_post=can_post)
                drawings.append([moderator, can_post, drawing])
        frame_type = renderer.frame_type
    else:
        frame_type = str(kind)
    return {
        "as_of": thread.last_seq,
        "type": frame_type,
        "post": facts,
        "reactions": [[user_id, sorted(kinds)] for user_id, kinds in live.reactions.items()],
        "flaggers": sorted(live.flaggers),
        "drawings": drawings,
    }


#: The members query of the worker's check reads the thread's state in passing
#: (`live_thread_annotations`), so a prepared event costs it no query of its own.
_THREAD_FIELDS = ("hidden", "locked", "last_seq")


def _thread_annotations(thread_id: int) -> dict[str, Any]:
    return {
        f"_forum_thread_{name}": Subquery(Thread.objects.filter(pk=thread_id).values(name)[:1])
        for name in _THREAD_FIELDS
    }


def live_thread_annotations(thread_id: int) -> LiveAnnotations:
    """The thread's current state, as annotations for the members query of the
    worker's check (`members.selectors.users_for_live_check`)."""
    return LiveAnnotations(name="forum.thread", build=_thread_annotations, value=thread_id)


@dataclass
class _PreparedPost:
    """An event's post as the posting transaction drew it (`prepare_event`), with
    the thread as a worker's members query read it now: what `_member_answer` needs."""

    thread: Thread
    post: Post | None
    reactions: dict[int, frozenset[str]]
    flaggers: set[int]


def _prepared_post(
    prepared: dict[str, Any], *, thread_id: int, post_id: int, loaded: Any
) -> _PreparedPost | bool | None:
    """From the drawings' facts and the thread's state read with `loaded` (a member
    with `live_thread_annotations`): False when the thread is gone, None when its
    `last_seq` moved since the drawing (render from the database instead)."""
    state = {name: getattr(loaded, f"_forum_thread_{name}") for name in _THREAD_FIELDS}
    if state["last_seq"] is None:  # the thread is gone
        return False
    if state["last_seq"] != prepared["as_of"]:
        return None
    thread = Thread(pk=thread_id, **state)
    post = None
    facts = prepared["post"]
    if facts is not None:
        post = Post(
            pk=post_id,
            thread=thread,
            seq=facts["seq"],
            author_id=facts["author_id"],
            deleted=facts["deleted"],
            hidden=facts["hidden"],
            created=datetime.fromisoformat(facts["created"]),
        )
    return _PreparedPost(
        thread=thread,
        post=post,
        reactions={user_id: frozenset(kinds) for user_id, kinds in prepared["reactions"]},
        flaggers=set(prepared["flaggers"]),
    )


def _drawn(prepared: dict[str, Any], answer: Variant) -> bool:
    # The drawings are for members who may react and report (`_Renderer.drawing`).
    return answer.take_part and any(
        (bool(m), bool(p)) == (answer.moderator, answer.can_post)
        for m, p, _pieces in prepared.get("drawings", ())
    )


def prepared_frame(
    *, prepared: dict[str, Any], seq: int, post_id: int, answer: Variant | str
) -> LiveFrame | None:
    """One member's frame made from the drawings (`thread_html.assemble`), without
    a query: `answer` is a `Variant`, or `_HIDDEN` for a bare `post_hidden`. None
    when that way of seeing the post was not drawn."""
    if not isinstance(answer, Variant):
        return LiveFrame(type=str(EventKind.POST_HIDDEN), seq=seq, id=post_id)
    if not answer.take_part:
        return None  # a suspended member's way is not drawn (no reaction buttons)
    for m, p, pieces in prepared.get("drawings", ()):
        if (bool(m), bool(p)) == (answer.moderator, answer.can_post):
            html = thread_html.assemble(
                pieces,
                edit=answer.can_edit,
                delete=answer.can_delete,
                flag=not answer.flagged,
                mine=answer.reactions,
                kinds=[kind for kind, _label in ReactionKind.choices],
            )
            return LiveFrame(type=prepared["type"], seq=seq, id=post_id, html=html)
    return None


def prepared_live_frames(
    *, prepared: dict[str, Any], thread_id: int, seq: int, post_id: int, users: list[Any | None]
) -> list[tuple[bool, dict[str, Any] | None]] | None:
    """`live_frames` from the drawings the posting process prepared, without a query
    and without drawing: `users` come from `users_for_live_check` with
    `live_thread_annotations`, so each carries the thread as it is now. Every member
    is decided now, by the same rules; the post's state is the prepared one, which
    is the current state as long as the thread's `last_seq` did not move since
    (every change a reader sees takes a new seq). Each variant's frame is made once
    from its drawing (`thread_html.assemble`), its JSON encoded once. None when the
    `last_seq` moved, or when a member's way of seeing it (moderator or not, may
    post or not) was not drawn: then `live_frames` renders from the database."""
    loaded = next((user for user in users if user is not None), None)
    if loaded is None:
        return [(False, None) for _ in users]
    facts = _prepared_post(prepared, thread_id=thread_id, post_id=post_id, loaded=loaded)
    if facts is None:
        return None
    if not isinstance(facts, _PreparedPost):
        return [(False, None) for _ in users]
    frames: dict[Variant | str, LiveFrame] = {}
    # One answer per member object (a member's sockets with the same session share it).
    decided: dict[int, tuple[bool, dict[str, Any] | None]] = {}
    answers: list[tuple[bool, dict[str, Any] | None]] = []
    for user in users:
        found = decided.get(id(user))
        if found is None:
            answer = _member_answer(
                user,
                thread=facts.thread,
                post=facts.post,
                reactions=facts.reactions,
                flaggers=facts.flaggers,
            )
            if answer is None:
                found = (False, None)
            else:
                frame = frames.get(answer)
                if frame is None:
                    frame = prepared_frame(
                        prepared=prepared, seq=seq, post_id=post_id, answer=answer
                    )
                    if frame is None:
                        return None  # not drawn (a suspended reader, say): render
                    frames[answer] = frame
                found = (True, frame)
            if user is not None:
                decided[id(user)] = found
        answers.append(found)
    return answers


def live_verdicts(
    *, prepared: dict[str, Any], thread_id: int, post_id: int, watchers: Collection[tuple[int, str]]
) -> dict[str, Any]:
    """The sender's check (docs/live.md, "The sender's check"): in the posting
    transaction, right after `prepare_event`, each watcher of the thread (member id
    and session digest, from the registry `forum.broadcast` keeps) decided by the
    rules a worker applies before an event (`members.live_rules.live_refusal` and
    may-see-the-thread), on the same data: the members with the thread's state
    (`users_for_live_check`, one query) and their sessions as allauth records them
    (`live_sessions_by_digest`, one query).

    Returns `{"<member id>|<digest>": verdict}`: a close code (int), `"hidden"`
    (a bare `post_hidden`) or a `Variant` as a list (the frame made from its
    drawing). A watcher whose session is not recorded, or whose way of seeing the
    post was not drawn, gets no verdict: its worker checks it as before."""
    from members.live_rules import live_refusal
    from members.selectors import live_sessions_by_digest, users_for_live_check

    user_ids = sorted({user_id for user_id, _digest in watchers})
    if not user_ids:
        return {}
    members = users_for_live_check(
        [(user_id, None) for user_id in user_ids],
        annotations=live_thread_annotations(thread_id),
    )
    sessions = live_sessions_by_digest(user_ids)
    loaded = next((user for user in members.values() if user is not None), None)
    facts = (
        _prepared_post(prepared, thread_id=thread_id, post_id=post_id, loaded=loaded)
        if loaded is not None
        else False
    )
    if facts is None:
        return {}  # the thread moved on since the drawing: the workers render
    verdicts: dict[str, Any] = {}
    # What a member may see depends on the member, not the session: decided once.
    answers: dict[int, Variant | str | None] = {}
    used: set[int] = set()
    for user_id, digest in sorted(set(watchers)):
        if (user_id, digest) not in sessions:
            continue  # a session allauth does not record: the worker checks it
        found = members.get((user_id, None))
        user = None
        if found is not None:
            # One object per session (its own `live_session`), as the worker has.
            user = copy.copy(found) if user_id in used else found
            used.add(user_id)
            user.live_session = sessions[(user_id, digest)]
        if user_id not in answers:
            answers[user_id] = (
                _member_answer(
                    user,
                    thread=facts.thread,
                    post=facts.post,
                    reactions=facts.reactions,
                    flaggers=facts.flaggers,
                )
                if user is not None and isinstance(facts, _PreparedPost)
                else None
            )
        answer = answers[user_id]
        refusal = live_refusal(user, session_checked=True, permitted=answer is not None)
        key = f"{user_id}|{digest}"
        if refusal is not None:
            verdicts[key] = refusal
        elif not isinstance(answer, Variant):
            verdicts[key] = _HIDDEN
        elif _drawn(prepared, answer):
            verdicts[key] = answer.as_list()
    return verdicts


def verdict_answer(verdict: Any) -> int | Variant | str | None:
    """A verdict from the event (`live_verdicts`) as a worker applies it: a close
    code, a `Variant`, `_HIDDEN`; None for anything else (then the worker checks)."""
    if isinstance(verdict, int) and not isinstance(verdict, bool):
        return verdict
    if verdict == _HIDDEN:
        return _HIDDEN
    if isinstance(verdict, list) and len(verdict) == 7:
        return Variant.from_list(verdict)
    return None


# --- search ("/forum/zoeken/") -----------------------------------------------

SEARCH_LIMIT = 50
EXCERPT_WORDS = 40


@dataclass
class SearchResult:
    post: Post
    author: str
    excerpt: str

    @property
    def thread(self) -> Thread:
        return self.post.thread


def search_posts(*, user: Any, query: str, limit: int = SEARCH_LIMIT) -> list[SearchResult]:
    """Published posts matching `query` (their text or their thread's title), best
    first, for approved members only: never a hidden or deleted post, never a post
    in a thread the member may not read (moderators included: the search shows what
    is published). Authors appear as in the thread (per-thread alias in alias mode).
    Two queries whatever the number of results."""
    if not permissions.can_read_forum(user):
        return []
    posts = (
        Post.objects.visible_to(user)
        .filter(hidden=False, deleted=False, thread__hidden=False)
        .order_by("-created", "-pk")
    )
    found = list(
        text_search.matching(posts, query, fields=["text", "thread__title"]).select_related(
            "thread", "thread__category", "author__profile"
        )[:limit]
    )
    alias_threads = {post.thread_id for post in found if post.thread.alias_mode}
    aliases: dict[int, dict[int, str]] = {}
    for thread_id, user_id, alias in ThreadAlias.objects.filter(
        thread_id__in=alias_threads
    ).values_list("thread_id", "user_id", "alias"):
        aliases.setdefault(thread_id, {})[user_id] = alias
    return [
        SearchResult(
            post=post,
            author=Names(post.thread, aliases.get(post.thread_id, {})).of(post.author),
            excerpt=Truncator(post.text).words(EXCERPT_WORDS),
        )
        for post in found
    ]
