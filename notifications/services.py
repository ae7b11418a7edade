"""Every change of state of notifications: one function per use case, one
transaction each.

`notify` is the one way any app tells a member something (forum, casuistry and
stories import this module only). A notification carries a message key with its
parameters (messages.py: the words are made in the reader's language) and a link;
the e-mail that may go with it carries the same title and link, never the text of
a post, a case or a story. Live pushes and e-mails leave after the commit."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from . import broadcast, messages
from .models import Kind, Notification

logger = logging.getLogger(__name__)

#: Which profile setting lets a kind of notification go out by e-mail.
EMAIL_SETTING = {
    Kind.REPLY: "notify_replies",
    Kind.MENTION: "notify_mentions",
    Kind.MODERATION: "notify_moderation",
}
MAX_TITLE = 200

ERROR_UNKNOWN_KIND = _("Onbekende soort melding.")
ERROR_UNKNOWN_MESSAGE = _("Onbekend bericht voor een melding.")
ERROR_LOCAL_URL = _("Een melding linkt alleen naar een pagina van de Leerwerkplaats.")


def wants_email(recipient: Any, kind: str) -> bool:
    """The member's own choice in their profile; no profile, no e-mail."""
    profile = getattr(recipient, "profile", None)
    setting = EMAIL_SETTING.get(kind)
    return bool(
        profile is not None
        and setting is not None
        and profile.erased_at is None
        and getattr(profile, setting)
        and recipient.email
    )


def _absolute(url: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _send_email(
    *, address: str, title: str, message: str, params: dict[str, str], url: str
) -> None:
    # Members have no language setting: e-mails are in the site's language (Dutch),
    # made from the key like every other rendering of the notification.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "title": messages.render(message, params, title),
            "url": _absolute(url),
            "settings_url": _absolute(reverse("members:profile")),
        }
        subject = render_to_string("notifications/email/subject.txt", context).strip()
        body = render_to_string("notifications/email/body.txt", context)
    send_mail(subject, body, None, [address])


def _checked(
    *,
    kind: str,
    title: str = "",
    message: str = "",
    params: Mapping[str, Any] | None = None,
    url: str,
    detail: str = "",
) -> Notification:
    """An unsaved notification without its recipient, validated once for any number
    of recipients (the recipient is a loaded account, so nothing is asked of the
    database here). With a `message` key the stored title is its Dutch text."""
    if kind not in Kind.values:
        raise ValidationError({"kind": ERROR_UNKNOWN_KIND})
    if message and message not in messages.MESSAGES:
        raise ValidationError({"message": ERROR_UNKNOWN_MESSAGE})
    if not url.startswith("/") or url.startswith("//"):
        raise ValidationError({"url": ERROR_LOCAL_URL})
    stored = messages.storable_params(params)
    if message:
        with translation.override(settings.LANGUAGE_CODE):
            title = messages.render(message, stored, str(title))
    notification = Notification(
        kind=kind,
        title=Truncator(str(title)).chars(MAX_TITLE),
        message=message,
        params=stored,
        url=url,
        detail=detail,
    )
    notification.full_clean(exclude=["recipient"])
    return notification


def _email_on_commit(*, address: str, notification: Notification) -> None:
    # robust: the notification is committed; a mail server that is down is logged,
    # it does not turn the reply into an error page.
    title, message, params, url = (
        notification.title,
        notification.message,
        notification.params,
        notification.url,
    )
    transaction.on_commit(
        lambda: _send_email(address=address, title=title, message=message, params=params, url=url),
        robust=True,
    )


@transaction.atomic
def notify(
    *,
    recipient: Any,
    kind: str,
    url: str,
    email: bool,
    message: str = "",
    params: Mapping[str, Any] | None = None,
    title: str = "",
    detail: str = "",
) -> Notification | None:
    """Tell `recipient` something: a notification row now, a live push to their
    open pages and (when `email` and their profile allows it) an e-mail after the
    commit. `message` is a key of messages.MESSAGES and `params` its values (never
    the text of a post, a case or a story): the words are made in the reader's
    language when shown. A plain `title` (no key) is shown as it is. `url` is a
    path on this site; `detail` is only for a moderator's (privacy-checked) note
    and is never e-mailed. None for an account that is gone or inactive."""
    if recipient is None or not recipient.is_active:
        return None
    notification = _checked(
        kind=kind, title=title, message=message, params=params, url=url, detail=detail
    )
    notification.recipient = recipient
    notification.full_clean()
    notification.save()
    broadcast.publish_changed(user_id=recipient.pk, notification_id=notification.pk)
    if email and wants_email(recipient, kind):
        _email_on_commit(address=recipient.email, notification=notification)
    return notification


@transaction.atomic
def notify_many(
    *,
    recipients: Iterable[Any],
    kind: str,
    url: str,
    email: bool,
    message: str = "",
    params: Mapping[str, Any] | None = None,
    title: str = "",
) -> list[Notification]:
    """`notify` for many members at once (everyone who follows a thread hears of a
    reply): the same title and link for each, the rows in one INSERT, each
    member's bell pushed and their e-mail sent after the commit. The queries do not
    grow with the number of recipients when each comes with its profile loaded
    (`members.selectors.members_with_access`): the e-mail choice is read from it.
    Inactive accounts are skipped, and a member listed twice hears it once. No
    `detail`: a note for one member is `notify`'s."""
    prototype = _checked(kind=kind, title=title, message=message, params=params, url=url)
    unique: dict[int, Any] = {}
    for recipient in recipients:
        if recipient is not None and recipient.is_active:
            unique.setdefault(recipient.pk, recipient)
    if not unique:
        return []
    now = timezone.now()
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=pk,
                kind=kind,
                title=prototype.title,
                message=prototype.message,
                params=prototype.params,
                url=url,
                created_at=now,
            )
            for pk in unique
        ]
    )
    for notification in created:
        # The database returns each new id (PostgreSQL, SQLite >= 3.35), so the bell
        # shows the new title at once; 0 would only refresh the unread count.
        broadcast.publish_changed(
            user_id=notification.recipient_id, notification_id=notification.pk or 0
        )
    if email:
        for recipient in unique.values():
            if wants_email(recipient, kind):
                _email_on_commit(address=recipient.email, notification=prototype)
    return created


@transaction.atomic
def mark_read(*, user: Any, notification_id: int) -> bool:
    """Mark one of the member's own notifications read; False when it is not theirs
    or was read already."""
    changed = Notification.objects.filter(
        pk=notification_id, recipient_id=user.pk, read_at__isnull=True
    ).update(read_at=timezone.now())
    if changed:
        broadcast.publish_changed(user_id=user.pk)
    return bool(changed)


@transaction.atomic
def mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of the member read; returns how many."""
    changed = (
        Notification.objects.filter(recipient_id=user.pk).unread().update(read_at=timezone.now())
    )
    if changed:
        broadcast.publish_changed(user_id=user.pk)
    return changed


# --- personal data ("Mijn gegevens") ---------------------------------------


def export_personal_data(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "kind": n.kind,
            "title": n.title,
            "url": n.url,
            "detail": n.detail,
            "created": n.created_at.isoformat(),
            "read": n.read_at.isoformat() if n.read_at else None,
        }
        for n in Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    ]


def erase_personal_data(user: Any) -> None:
    """Notifications are the member's alone: they all go."""
    Notification.objects.filter(recipient=user).delete()


def register_personal_data() -> None:
    from members import personal_data

    personal_data.register(
        personal_data.PersonalDataProvider(
            key="notifications",
            label="Meldingen",
            export=export_personal_data,
            erase=erase_personal_data,
        )
    )
