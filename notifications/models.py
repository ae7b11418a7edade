"""A member's notifications: a short title and a link, never the text of a post,
a case or a story. Who caused a notification is not kept (no actor): in a
discussion with per-thread aliases the notification must not say more than the
thread does."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import messages


class Kind(models.TextChoices):
    """What a notification is about; each kind follows one e-mail setting of the
    member's profile (services.EMAIL_SETTING)."""

    REPLY = "reply", _("Reactie")
    MENTION = "mention", _("Genoemd")
    MODERATION = "moderation", _("Moderatie")
    # No e-mail setting: what it reminds of has its own e-mail (an intervisie session's
    # reminder goes to every participant), the bell is the extra.
    REMINDER = "reminder", _("Herinnering")
    # Bell only, no e-mail setting either: an intervisie's inbrenger asked before is
    # told that the facilitator asked someone else (they stay in, as a participant).
    NO_LONGER_ASKED = "no_longer_asked", _("Niet meer gevraagd")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    # The text is made when it is shown, in the reader's language, from `message`
    # (a key of messages.MESSAGES) and `params`; `title` keeps the Dutch text of
    # the moment it was made (the admin, the export, and rows from before the keys).
    title = models.CharField(_("titel"), max_length=200)
    message = models.CharField(_("bericht"), max_length=64, blank=True)
    params = models.JSONField(_("gegevens"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500)
    # Only a moderator's note to the member it concerns (a warning), checked by the
    # privacy gate before it is stored; never sent by e-mail.
    detail = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ("-created_at", "-pk")
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def text(self) -> str:
        """The notification's words in the active language."""
        return messages.render(self.message, self.params, self.title)

    @property
    def link(self) -> str:
        """`url` (stored as the Dutch address) for the active language."""
        return messages.localized_url(self.url)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
