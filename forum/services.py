"""Every change of state in the forum: one function per use case, one transaction each.

Views, consumers, other apps (casuistry and stories open threads here) and
`seed_demo` call these, so they all behave alike. Every text passes the privacy
check first (forum.privacy_check); only the redacted text the author accepted is
stored. Every change readers see live takes the thread's next sequence number in
the same transaction and is broadcast after the commit (forum.broadcast)."""

from __future__ import annotations

import string
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from members import selectors as member_selectors
from members import services as member_services
from members.models import ModerationReason
from members.permissions import suspension_refusal
from members.rate_limits import within_minute_limit
from members.services import record_event
from notifications import services as notifications

from . import broadcast, mentions, permissions, post_html, selectors, thread_html
from .audit import ForumAudit
from .mentions import AUTHOR_ALIAS, PARTICIPANT_ALIAS
from .models import (
    Category,
    EventKind,
    Flag,
    FlagReason,
    FlagStatus,
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    ReadState,
    Subscription,
    SubscriptionState,
    Thread,
    ThreadAlias,
    ThreadEvent,
)
from .privacy_check import MAX_CHARS as MAX_CHARS
from .privacy_check import Check as Check
from .privacy_check import ConfirmationNeeded as ConfirmationNeeded
from .privacy_check import PostBlocked as PostBlocked
from .privacy_check import Segment as Segment
from .privacy_check import accepted_text

ERROR_NOT_ALLOWED = _("Dit mag je hier niet doen.")
ERROR_LOCKED = _("Dit gesprek is gesloten: er kunnen geen berichten meer bij.")
ERROR_EDIT_WINDOW = _(
    "Je kunt een bericht alleen in het eerste kwartier na plaatsen nog aanpassen."
)
ERROR_EMPTY = _("Schrijf eerst je bericht.")
ERROR_TITLE_EMPTY = _("Geef het gesprek een titel.")
ERROR_REPLY_ELSEWHERE = _("Je kunt alleen reageren op een bericht in dit gesprek.")
ERROR_ALREADY_FLAGGED = _("Je hebt dit bericht al gemeld; een moderator kijkt ernaar.")
ERROR_TOO_FAST = _(
    "Je plaatst veel berichten kort na elkaar. Wacht een minuut en plaats je bericht dan "
    "opnieuw; je tekst blijft staan."
)
ERROR_REACTING_TOO_FAST = _(
    "Je geeft veel reacties kort na elkaar. Wacht een minuut en probeer het dan opnieuw."
)
#: How many posts one member's "herleidbaar" reports hide at once per hour; past it
#: the report still reaches the moderators, the post stays until one of them looks
#: (one member cannot take every discussion down).
FLAG_HIDES_PER_HOUR = 5
ERROR_SUSPENDED = _(
    "Je bent geschorst tot %(until)s. Tot dan kun je het forum lezen, maar geen berichten "
    "plaatsen, reageren of melden."
)

# Notification texts live in notifications.messages (keys below): never a word of
# a post. A thread's title is named only in an ordinary thread; a discussion of a
# case or a story (aliases, a subject) gets a generic phrase.
REPLY_MESSAGE = ("forum.reply", "forum.reply_generic")
MENTION_MESSAGE = ("forum.mention", "forum.mention_generic")
WARNING_MESSAGE = "forum.warning"
SUSPENDED_MESSAGE = "forum.suspended"
LIFTED_MESSAGE = "forum.suspension_lifted"


Placeholders = Collection[str]


def _require(allowed: bool, message: Any = ERROR_NOT_ALLOWED, *, user: Any = None) -> None:
    """PermissionDenied with `message`; with `user`, their suspension (with its end
    date) when they are suspended, as that is why they may not."""
    if not allowed:
        raise PermissionDenied((user is not None and suspension_message(user)) or message)


def format_moment(moment: Any) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")


def suspension_message(user: Any) -> str | None:
    """The Dutch sentence a suspended member reads, with the end date; None otherwise."""
    return suspension_refusal(user, ERROR_SUSPENDED)


def _require_not_flooding(author: Any) -> None:
    """settings.FORUM_POSTS_PER_MINUTE: checked before the privacy engine runs. An
    edit that changed a post (its earlier version kept) counts as a post: each runs
    the engine and goes out live."""
    limit = settings.FORUM_POSTS_PER_MINUTE
    if not limit:
        return
    since = timezone.now() - timedelta(minutes=1)
    posts = Post.objects.filter(author=author, created__gt=since).count()
    if posts >= limit or (
        posts + PostRevision.objects.filter(post__author=author, created__gt=since).count() >= limit
    ):
        raise ValidationError({"text": ERROR_TOO_FAST})


def _require_not_suspended(user: Any) -> None:
    message = suspension_message(user)
    if message is not None:
        raise PermissionDenied(message)


def _next_seq(thread: Thread) -> int:
    """The thread's next sequence number, taken in the caller's transaction.

    The UPDATE locks the thread's row (PostgreSQL) or the database (SQLite) until
    the commit, so two posts can never get the same number."""
    Thread.objects.filter(pk=thread.pk).update(last_seq=F("last_seq") + 1)
    seq = Thread.objects.filter(pk=thread.pk).values_list("last_seq", flat=True).get()
    thread.last_seq = seq
    return seq


def _event(thread: Thread, post: Post, kind: str, seq: int | None = None) -> ThreadEvent:
    seq = _next_seq(thread) if seq is None else seq
    event = ThreadEvent.objects.create(thread=thread, seq=seq, kind=kind, post=post)
    broadcast.publish_event(thread_id=thread.pk, seq=seq, kind=kind, post_id=post.pk)
    return event


def _alias_for(thread: Thread, user: Any) -> None:
    """Give `user` their per-thread alias once: "Inbrenger" for the thread's author,
    then "Deelnemer A", "B", ... in order of first post."""
    if not thread.alias_mode or ThreadAlias.objects.filter(thread=thread, user=user).exists():
        return
    if thread.author_id == user.pk:
        alias = str(AUTHOR_ALIAS)
    else:
        n = ThreadAlias.objects.filter(thread=thread).exclude(user_id=thread.author_id).count()
        letters = string.ascii_uppercase
        label = letters[n % 26] + (str(n // 26) if n >= 26 else "")
        alias = str(PARTICIPANT_ALIAS % {"letter": label})
    ThreadAlias.objects.create(thread=thread, user=user, alias=alias)


def _create_post(*, thread: Thread, author: Any, text: str, reply_to: Post | None = None) -> Post:
    seq = _next_seq(thread)
    post = Post(thread=thread, seq=seq, author=author, text=text, reply_to=reply_to)
    post.full_clean()
    post.save()
    Thread.objects.filter(pk=thread.pk).update(last_activity=post.created)
    _alias_for(thread, author)
    _event(thread, post, EventKind.POST, seq=seq)
    _mark_read(user=author, thread=thread, seq=seq)
    return post


def _clean_text(text: str, *, field: str, accepted_placeholders: Placeholders) -> str:
    if not text.strip():
        raise ValidationError({field: ERROR_EMPTY if field == "text" else ERROR_TITLE_EMPTY})
    return accepted_text(
        text.strip(), accepted_placeholders=frozenset(accepted_placeholders), field=field
    )


@transaction.atomic
def open_thread(
    *,
    category: Category,
    title: str,
    author: Any,
    text: str,
    subject: Any = None,
    alias_mode: bool = False,
    accepted_placeholders: Placeholders = (),
) -> Thread:
    """A new thread with its first post. Title and text pass the privacy check;
    `subject` is any model instance the thread discusses (a generic link).

    Raises PostBlocked or ConfirmationNeeded (forum.privacy_check) until the text is
    free of structured identifiers and every placeholder was accepted."""
    _require(permissions.can_read_forum(author))
    _require_not_suspended(author)
    if subject is None:  # a member's own thread, not a discussion another app opens
        _require_not_flooding(author)
    clean_title = _clean_text(title, field="title", accepted_placeholders=accepted_placeholders)
    clean_text = _clean_text(text, field="text", accepted_placeholders=accepted_placeholders)
    thread = Thread(category=category, title=clean_title, author=author, alias_mode=alias_mode)
    if subject is not None:
        thread.subject = subject
    thread.full_clean()
    thread.save()
    post = _create_post(thread=thread, author=author, text=clean_text)
    _notify_mentions(post)
    Subscription.objects.create(user=author, thread=thread, state=SubscriptionState.SUBSCRIBED)
    return thread


# --- discussions other apps open (casuistry, stories) ---------------------------------
# By id or slug, so the app that owns the subject never needs the forum's models.
# Added by the casuistry branch (issue 12); the subject's app audits its own action.


@transaction.atomic
def discussion_category(*, slug: str, name: str, description: str = "") -> Category:
    """The category an app opens its discussions in, made on first use."""
    category, _created = Category.objects.get_or_create(
        slug=slug, defaults={"name": name, "description": description}
    )
    return category


@transaction.atomic
def set_discussion_state(
    *, thread_id: int, hidden: bool | None = None, locked: bool | None = None
) -> None:
    """Hide (the subject was withdrawn) or lock (archived) a discussion at once."""
    updates = {
        name: value for name, value in (("hidden", hidden), ("locked", locked)) if value is not None
    }
    if updates:
        Thread.objects.filter(pk=thread_id).update(**updates)


@transaction.atomic
def delete_discussion(*, thread_id: int) -> None:
    """The subject reached the end of its retention: its discussion goes with it."""
    Thread.objects.filter(pk=thread_id).delete()


# By subject: for an app that keeps no thread id (stories). The subject is any saved
# model instance; the forum only sees its content type and primary key.


@dataclass(frozen=True)
class Discussion:
    """What an app may know of the discussion about its subject: no posts, no names."""

    thread_id: int
    url: str
    locked: bool
    hidden: bool


def _about(subjects: Sequence[Any]) -> Q:
    condition = Q(pk__in=[])
    for subject in subjects:
        condition |= Q(
            subject_type=ContentType.objects.get_for_model(subject),
            subject_id=str(subject.pk),
        )
    return condition


def discussions_about(*, subjects: Sequence[Any]) -> dict[int, Discussion]:
    """The discussion of each subject that has one, by the subject's primary key; one
    query whatever their number. The oldest thread counts when there are several."""
    if not subjects:
        return {}
    found: dict[int, Discussion] = {}
    threads = Thread.objects.filter(_about(subjects)).order_by("created", "pk")
    for pk, subject_id, locked, hidden in threads.values_list(
        "pk", "subject_id", "locked", "hidden"
    ):
        key = int(subject_id)
        if key not in found:
            url = reverse("forum:thread", kwargs={"pk": pk})
            found[key] = Discussion(thread_id=pk, url=url, locked=locked, hidden=hidden)
    return found


def discussion_about(*, subject: Any) -> Discussion | None:
    """The discussion about `subject`, or None when it has none."""
    return discussions_about(subjects=[subject]).get(int(subject.pk))


def readable_discussion_about(*, subject: Any, user: Any) -> Discussion | None:
    """The discussion about `subject` when `user` may read it now (members only; a
    hidden discussion for moderators only), else None: visitors learn nothing."""
    discussion = discussion_about(subject=subject) if permissions.can_read_forum(user) else None
    if discussion is None:
        return None
    if discussion.hidden and not permissions.can_moderate_forum(user):
        return None
    return discussion


@transaction.atomic
def set_discussion_state_about(
    *, subject: Any, hidden: bool | None = None, locked: bool | None = None
) -> bool:
    """Hide or show, close or reopen every discussion about `subject` at once (the
    subject was withdrawn, its author closed the conversation). Returns whether
    there was one."""
    updates = {
        name: value for name, value in (("hidden", hidden), ("locked", locked)) if value is not None
    }
    threads = Thread.objects.filter(_about([subject]))
    if not updates:
        return threads.exists()
    return threads.update(**updates) > 0


@transaction.atomic
def post_reply(
    *,
    thread: Thread,
    author: Any,
    text: str,
    reply_to: Post | None = None,
    accepted_placeholders: Placeholders = (),
) -> Post:
    """A reply in a thread, stored redacted after the author accepted the redaction.

    Raises PostBlocked for structured identifiers, ConfirmationNeeded for findings
    not yet accepted, a ValidationError when the detector service is down (nothing
    is stored unchecked) and PermissionDenied in a locked or hidden thread."""
    _require(permissions.can_read_thread(author, thread))
    _require_not_suspended(author)
    _require(permissions.can_post_in(author, thread), ERROR_LOCKED)
    if reply_to is not None and reply_to.thread_id != thread.pk:
        raise ValidationError({"reply_to": ERROR_REPLY_ELSEWHERE})
    _require_not_flooding(author)
    clean = _clean_text(text, field="text", accepted_placeholders=accepted_placeholders)
    post = _create_post(thread=thread, author=author, text=clean, reply_to=reply_to)
    mentioned = _notify_mentions(post)
    _notify_followers(post, skip=mentioned)
    return post


@transaction.atomic
def signal_typing(*, user: Any, thread_id: int) -> bool:
    """`user` is writing in the thread: tell its other readers live. Stores nothing
    (and so is never replayed); only someone who may post there is announced, under
    the name readers know them by in this thread. False when not allowed. The
    consumer throttles the calls (docs/live.md, `typing`)."""
    thread = selectors.thread_for_writer(thread_id=thread_id, user=user)
    if thread is None or not permissions.can_post_in(user, thread):
        return False
    name = selectors.typing_name(thread=thread, user=user)
    broadcast.publish_typing(thread_id=thread.pk, user_id=user.pk, name=name)
    return True


def edit_refusal(user: Any, post: Post) -> str | None:
    """Why `user` may not change `post` now, in Dutch; None when they may. The edit
    view asks it before showing the form, edit_post again on the locked row."""
    if permissions.can_edit_post(user, post):
        return None
    return suspension_message(user) or str(ERROR_EDIT_WINDOW)


@transaction.atomic
def edit_post(
    *, post: Post, editor: Any, text: str, accepted_placeholders: Placeholders = ()
) -> Post:
    """The author changes their post within the edit window; the earlier version is
    kept for moderators. Not while suspended (forum.permissions.can_edit_post)."""
    post = Post.objects.select_related("thread").select_for_update().get(pk=post.pk)
    refusal = edit_refusal(editor, post)
    _require(refusal is None, refusal)
    if text == post.text:
        return post  # unchanged: stored after the engine ran already
    _require_not_flooding(editor)
    clean = _clean_text(text, field="text", accepted_placeholders=accepted_placeholders)
    if clean == post.text:
        return post
    PostRevision.objects.create(post=post, text=post.text)
    post.text = clean
    post.edited = timezone.now()
    post.full_clean()
    post.save(update_fields=["text", "edited"])
    post_html.forget([post.pk])
    _event(post.thread, post, EventKind.POST_UPDATED)
    return post


@transaction.atomic
def delete_post(*, post: Post, actor: Any) -> Post:
    """Soft delete: the post stays as "verwijderd" so replies still read; its text
    and history are emptied. A moderator's deletion is audited; a suspended author
    cannot delete (forum.permissions.can_delete_post)."""
    post = Post.objects.select_related("thread").select_for_update().get(pk=post.pk)
    _require(permissions.can_delete_post(actor, post), user=actor)
    post.deleted = True
    post.text = ""
    post.save(update_fields=["deleted", "text"])
    post.revisions.all().delete()
    post_html.forget([post.pk])
    if post.author_id != actor.pk:
        record_event(action=ForumAudit.POST_DELETED, actor=actor, obj=post)
    _resolve_flags(post=post, actor=actor)
    _event(post.thread, post, EventKind.POST_UPDATED)
    return post


@transaction.atomic
def react(*, post: Post, user: Any, kind: str) -> bool:
    """Toggle a supportive reaction; returns whether it is now on. At most
    settings.FORUM_REACTIONS_PER_MINUTE toggles a minute per member: each takes a
    sequence number and goes out live (a ValidationError past it)."""
    _require_not_suspended(user)
    if not within_minute_limit("forum-reactions", user, settings.FORUM_REACTIONS_PER_MINUTE):
        raise ValidationError(ERROR_REACTING_TOO_FAST, code="too_fast")
    post = Post.objects.select_related("thread").get(pk=post.pk)
    _require(
        kind in ReactionKind.values
        and permissions.can_read_thread(user, post.thread)
        and not post.hidden
        and not post.deleted
    )
    existing = Reaction.objects.filter(post=post, user=user, kind=kind)
    if existing.exists():
        existing.delete()
        on = False
    else:
        Reaction.objects.create(post=post, user=user, kind=kind)
        on = True
    _event(post.thread, post, EventKind.REACTION)
    return on


@transaction.atomic
def flag_post(*, post: Post, reporter: Any, reason: str) -> Flag:
    """A member reports a post. "herleidbaar" hides it at once for everyone but
    moderators, and every open copy of the thread drops it live."""
    _require_not_suspended(reporter)
    post = Post.objects.select_related("thread").select_for_update().get(pk=post.pk)
    _require(permissions.can_read_thread(reporter, post.thread) and not post.hidden)
    if Flag.objects.open().filter(post=post, reporter=reporter).exists():
        raise ValidationError(ERROR_ALREADY_FLAGGED)
    flag = Flag(post=post, reporter=reporter, reason=reason)
    flag.full_clean()
    try:
        with transaction.atomic():
            flag.save()
    except IntegrityError:
        raise ValidationError(ERROR_ALREADY_FLAGGED) from None
    if reason == FlagReason.HERLEIDBAAR and _may_hide_by_flag(reporter, flag):
        post.hidden = True
        post.hidden_reason = FlagReason.HERLEIDBAAR
        post.save(update_fields=["hidden", "hidden_reason"])
        record_event(action=ForumAudit.POST_HIDDEN, actor=reporter, obj=post, reason=reason)
        _event(post.thread, post, EventKind.POST_HIDDEN)
    return flag


def _may_hide_by_flag(reporter: Any, flag: Flag) -> bool:
    # The reporter's row locked first: two reports at the same moment are counted
    # one after the other (on PostgreSQL both would otherwise see four and hide).
    get_user_model().objects.select_for_update().filter(pk=reporter.pk).values_list("pk").first()
    hides = Flag.objects.filter(
        reporter=reporter,
        reason=FlagReason.HERLEIDBAAR,
        created__gt=timezone.now() - timedelta(hours=1),
    ).exclude(pk=flag.pk)
    return hides.count() < FLAG_HIDES_PER_HOUR


def _resolve_flags(*, post: Post, actor: Any) -> None:
    Flag.objects.open().filter(post=post).update(
        status=FlagStatus.RESOLVED, resolved_at=timezone.now(), resolved_by=actor
    )


@transaction.atomic
def restore_post(*, post: Post, moderator: Any) -> Post:
    """A moderator finds a hidden post acceptable: it is shown again, flags closed."""
    _require(permissions.can_moderate_forum(moderator))
    post = Post.objects.select_related("thread").select_for_update().get(pk=post.pk)
    post.hidden = False
    post.hidden_reason = ""
    post.save(update_fields=["hidden", "hidden_reason"])
    _resolve_flags(post=post, actor=moderator)
    record_event(action=ForumAudit.POST_RESTORED, actor=moderator, obj=post)
    _event(post.thread, post, EventKind.POST_UPDATED)
    return post


@transaction.atomic
def hide_post(*, post: Post, moderator: Any, reason: str = "moderator") -> Post:
    _require(permissions.can_moderate_forum(moderator))
    post = Post.objects.select_related("thread").select_for_update().get(pk=post.pk)
    post.hidden = True
    post.hidden_reason = reason[:32]
    post.save(update_fields=["hidden", "hidden_reason"])
    record_event(action=ForumAudit.POST_HIDDEN, actor=moderator, obj=post)
    _event(post.thread, post, EventKind.POST_HIDDEN)
    return post


@transaction.atomic
def redact_post(
    *,
    post: Post,
    moderator: Any,
    text: str,
    accepted_placeholders: Placeholders = (),
    restore: bool = True,
) -> Post:
    """A moderator rewrites a post. Every earlier version is purged: the old text
    is exactly what had to go. The post is shown again unless `restore` is False."""
    _require(permissions.can_moderate_forum(moderator))
    post = Post.objects.select_related("thread").select_for_update().get(pk=post.pk)
    clean = _clean_text(text, field="text", accepted_placeholders=accepted_placeholders)
    post.revisions.all().delete()
    post.text = clean
    post.edited = timezone.now()
    if restore:
        post.hidden = False
        post.hidden_reason = ""
    post.full_clean()
    post.save(update_fields=["text", "edited", "hidden", "hidden_reason"])
    post_html.forget([post.pk])
    _resolve_flags(post=post, actor=moderator)
    record_event(action=ForumAudit.POST_REDACTED, actor=moderator, obj=post)
    _event(post.thread, post, EventKind.POST_HIDDEN if post.hidden else EventKind.POST_UPDATED)
    return post


@transaction.atomic
def lock_thread(*, thread: Thread, moderator: Any, locked: bool = True) -> Thread:
    _require(permissions.can_moderate_forum(moderator))
    Thread.objects.filter(pk=thread.pk).update(locked=locked)
    thread.locked = locked
    record_event(
        action=ForumAudit.THREAD_LOCKED if locked else ForumAudit.THREAD_UNLOCKED,
        actor=moderator,
        obj=thread,
    )
    return thread


@transaction.atomic
def move_thread(*, thread: Thread, moderator: Any, category: Category) -> Thread:
    _require(permissions.can_moderate_forum(moderator))
    Thread.objects.filter(pk=thread.pk).update(category=category)
    thread.category = category
    record_event(action=ForumAudit.THREAD_MOVED, actor=moderator, obj=thread, reason=category.slug)
    return thread


def _mark_read(*, user: Any, thread: Thread, seq: int) -> None:
    state, created = ReadState.objects.get_or_create(
        user=user, thread=thread, defaults={"last_read_seq": seq}
    )
    if not created and state.last_read_seq < seq:
        ReadState.objects.filter(pk=state.pk, last_read_seq__lt=seq).update(last_read_seq=seq)


@transaction.atomic
def mark_read(*, user: Any, thread: Thread, seq: int) -> None:
    """The member has seen the thread up to `seq`; the position never goes back."""
    _require(permissions.can_read_thread(user, thread))
    _mark_read(user=user, thread=thread, seq=min(seq, thread.last_seq))


@transaction.atomic
def set_subscription(*, user: Any, thread: Thread, state: str | None) -> None:
    """Follow, mute (state from SubscriptionState) or neither (None)."""
    _require(permissions.can_read_thread(user, thread))
    if state is None:
        Subscription.objects.filter(user=user, thread=thread).delete()
        return
    _require(state in SubscriptionState.values)
    Subscription.objects.update_or_create(user=user, thread=thread, defaults={"state": state})


@transaction.atomic
def reveal_alias(*, thread: Thread, alias: str, moderator: Any) -> Any:
    """Who is behind an alias in this thread: moderators only, and every look-up is
    written to the audit log."""
    _require(permissions.can_moderate_forum(moderator))
    entry = ThreadAlias.objects.select_related("user").get(thread=thread, alias=alias)
    record_event(
        action=ForumAudit.ALIAS_REVEALED,
        actor=moderator,
        subject=entry.user,
        obj=thread,
    )
    return entry.user


# --- notifications (notifications.services) --------------------------------


def _message(thread: Thread, keys: tuple[str, str]) -> tuple[str, dict[str, str]]:
    """The key and parameters of a notification about `thread`: its title (which
    readers of the thread see anyway) only in an ordinary thread."""
    specific, generic = keys
    if thread.alias_mode or thread.subject_type_id is not None:
        return generic, {}
    return specific, {"thread": Truncator(thread.title).chars(80)}


def _recipients(thread: Thread, user_ids: set[int]) -> list[Any]:
    """The members among `user_ids` who hear of a post in the thread now
    (`permissions.can_be_notified_in`), with their profiles (the e-mail settings):
    one query whatever their number."""
    return [
        user
        for user in member_selectors.members_with_access(user_ids)
        if permissions.can_be_notified_in(user, thread)
    ]


def _mentioned_ids(post: Post) -> set[int]:
    """Whom the post @mentions: by pseudonym in an ordinary thread; by alias in a
    thread with aliases, where a pseudonym is never looked up (it would reveal who
    is behind an alias)."""
    thread = post.thread
    if thread.alias_mode:
        aliases = dict(ThreadAlias.objects.filter(thread=thread).values_list("alias", "user_id"))
        by_name = {alias.lower(): user_id for alias, user_id in aliases.items()}
        found = mentions.find(post.text, set(aliases))
        return {by_name[m.name.lower()] for m in found}
    profiles = member_selectors.profiles_by_pseudonyms(mentions.candidates(post.text))
    found = mentions.find(post.text, {p.pseudonym for p in profiles.values()})
    return {profiles[m.name.lower()].user_id for m in found}


def _notify_mentions(post: Post) -> set[int]:
    """Notify every member the post mentions (not its author); returns their ids."""
    ids = _mentioned_ids(post) - {post.author_id}
    recipients = _recipients(post.thread, ids)
    _notify_about(post, recipients, kind="mention", message_id=MENTION_MESSAGE)
    return {user.pk for user in recipients}


def _notify_followers(post: Post, *, skip: set[int]) -> None:
    """A reply: the thread's author (unless they muted it) and every member who
    follows it hear of it; not the one who wrote it, nor those already mentioned."""
    thread = post.thread
    states = dict(Subscription.objects.filter(thread=thread).values_list("user_id", "state"))
    ids = {user_id for user_id, state in states.items() if state == SubscriptionState.SUBSCRIBED}
    if thread.author_id is not None and states.get(thread.author_id) != SubscriptionState.MUTED:
        ids.add(thread.author_id)
    ids -= skip | {post.author_id}
    _notify_about(post, _recipients(thread, ids), kind="reply", message_id=REPLY_MESSAGE)


def _notify_about(post: Post, recipients: list[Any], *, kind: str, message_id: str) -> None:
    """One notification per recipient about `post`, linking to it (e-mail as each
    recipient's profile allows)."""
    if not recipients:
        return
    message, params = _message(post.thread, message_id)
    with translation.override(settings.LANGUAGE_CODE):
        url = post.get_absolute_url()
    notifications.notify_many(
        recipients=recipients, kind=kind, message=message, params=params, url=url, email=True
    )


# --- moderators' decisions about a member (from a post in the queue) -------------


def _reason_label(reason: str) -> str:
    return str(dict(ModerationReason.choices).get(reason, reason))


@transaction.atomic
def warn_member(
    *,
    moderator: Any,
    post: Post,
    reason: str,
    note: str = "",
    accepted_placeholders: Placeholders = (),
) -> Any:
    """Warn the author of `post`: a notification with the fixed reason and the
    moderator's optional note (privacy-checked like any post), audited by reason."""
    _require(permissions.can_moderate_forum(moderator))
    member = post.author
    _require(member is not None)
    clean_note = ""
    if note.strip():
        clean_note = accepted_text(
            note.strip(), accepted_placeholders=frozenset(accepted_placeholders), field="note"
        )
    member_services.record_warning(moderator=moderator, member=member, reason=reason)
    with translation.override(settings.LANGUAGE_CODE):
        # The reason's Dutch label is its message id: shown translated.
        params = {"reason": _reason_label(reason)}
    return _tell_member(member, WARNING_MESSAGE, params=params, detail=clean_note)


@transaction.atomic
def suspend_member(*, moderator: Any, post: Post, days: int, reason: str) -> Any:
    """Suspend the author of `post` for `days` days (members.services); they are told
    with the end date, and their live connections close at once."""
    _require(permissions.can_moderate_forum(moderator))
    member = post.author
    _require(member is not None)
    profile = member_services.suspend_member(
        moderator=moderator, member=member, days=days, reason=reason
    )
    with translation.override(settings.LANGUAGE_CODE):
        params = {"until": profile.suspended_until, "reason": _reason_label(reason)}
    _tell_member(member, SUSPENDED_MESSAGE, params=params)
    return profile


@transaction.atomic
def lift_suspension(*, moderator: Any, member: Any) -> Any:
    _require(permissions.can_moderate_forum(moderator))
    profile = member_services.lift_suspension(moderator=moderator, member=member)
    _tell_member(member, LIFTED_MESSAGE)
    return profile


def _tell_member(
    member: Any, message: str, *, params: dict[str, Any] | None = None, detail: str = ""
) -> Any:
    """A moderator's decision about `member`, as a notification (and e-mail as their
    profile allows) linking to their notifications."""
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("notifications:list")
    return notifications.notify(
        recipient=member,
        kind="moderation",
        message=message,
        params=params,
        url=url,
        email=True,
        detail=detail,
    )


# --- personal data ("Mijn gegevens") ---------------------------------------


def export_personal_data(user: Any) -> dict[str, Any]:
    posts = Post.objects.filter(author=user).select_related("thread").order_by("created")
    return {
        "threads_started": [
            {"title": t.title, "created": t.created.isoformat()}
            for t in Thread.objects.filter(author=user).order_by("created")
        ],
        "posts": [
            {
                "thread": p.thread.title,
                "seq": p.seq,
                "text": p.text,
                "created": p.created.isoformat(),
                "deleted": p.deleted,
                "hidden": p.hidden,
            }
            for p in posts
        ],
        "flags": [
            {"post": f.post_id, "reason": f.reason, "status": f.status}
            for f in Flag.objects.filter(reporter=user)
        ],
        "reactions": [
            {"post": r.post_id, "kind": r.kind} for r in Reaction.objects.filter(user=user)
        ],
        "read_positions": [
            {"thread": s.thread_id, "last_read_seq": s.last_read_seq}
            for s in ReadState.objects.filter(user=user)
        ],
        "subscriptions": [
            {"thread": s.thread_id, "state": s.state}
            for s in Subscription.objects.filter(user=user)
        ],
    }


def erase_personal_data(user: Any) -> None:
    """Posts stay for the others in the conversation but no longer point to anyone
    (the account is anonymised: "verwijderd lid"); their earlier versions go.
    Read positions, reactions, subscriptions and flags the member made go."""
    PostRevision.objects.filter(post__author=user).delete()
    # Their pseudonym and earlier versions, drawn into kept post HTML.
    post_html.forget(Post.objects.filter(author=user).values_list("pk", flat=True))
    ReadState.objects.filter(user=user).delete()
    Reaction.objects.filter(user=user).delete()
    Subscription.objects.filter(user=user).delete()
    Flag.objects.filter(reporter=user).update(reporter=None)
    # Their reactions were drawn into threads they never posted in.
    thread_html.forget_all()


def register_personal_data() -> None:
    from members import personal_data

    personal_data.register(
        personal_data.PersonalDataProvider(
            key="forum",
            label="Forum: berichten, meldingen en leesposities",
            export=export_personal_data,
            erase=erase_personal_data,
        )
    )
